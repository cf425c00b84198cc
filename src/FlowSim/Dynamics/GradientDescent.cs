using System.Numerics;
using System.Runtime.InteropServices;
using FlowSim.Models;

namespace FlowSim.Dynamics;

/// <summary>
/// Gradient descent θ_{k+1} = θ_k − η∇L(θ_k), iterate k belonging to time kη of the gradient flow (descent is the
/// explicit Euler method for θ' = −∇L). Use <see cref="Run(IObjective, ReadOnlySpan{double}, GradientDescentOptions, CancellationToken)"/> for a whole run with recording and divergence detection,
/// or an instance and <see cref="Step"/> to drive it yourself.
/// </summary>
/// <remarks>A step costs one gradient and allocates nothing (θ and ∇L live in two buffers allocated once).
/// Not thread-safe.</remarks>
public sealed class GradientDescent
{
    private readonly double[] _theta;
    private readonly double[] _gradient;

    /// <summary>Starts descent at θ_0 with step η.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> is null.</exception>
    /// <exception cref="ArgumentException">θ0 has the wrong length or a non-finite entry, or η is not finite and &gt; 0
    /// (the message names the parameter).</exception>
    public GradientDescent(IObjective objective, ReadOnlySpan<double> theta0, double stepSize)
    {
        ArgumentNullException.ThrowIfNull(objective);
        DynamicsChecks.InitialState(objective, theta0);
        DynamicsChecks.StepSize(stepSize);
        Objective = objective;
        StepSize = stepSize;
        _theta = theta0.ToArray();
        _gradient = new double[theta0.Length];
    }

    /// <summary>The objective L.</summary>
    public IObjective Objective { get; }
    /// <summary>The step size η.</summary>
    public double StepSize { get; }
    /// <summary>The index k of the current iterate.</summary>
    public int Iteration { get; private set; }
    /// <summary>The time kη of the current iterate (computed as a product, never accumulated).</summary>
    public double Time => Iteration * StepSize;
    /// <summary>The current iterate θ_k (a view: copy it to keep it).</summary>
    public ReadOnlySpan<double> Theta => _theta;
    /// <summary>∇L at the iterate before the last <see cref="Step"/> (a view).</summary>
    public ReadOnlySpan<double> LastGradient => _gradient;
    /// <summary>Gradient and loss evaluations so far.</summary>
    public long Evaluations { get; private set; }

    /// <summary>Takes one step θ_{k+1} = θ_k − η∇L(θ_k) and returns L(θ_k), the loss of the iterate it left.</summary>
    public double Step()
    {
        double loss = EvaluateGradient();
        ApplyStep();
        return loss;
    }

    /// <summary>L(θ_k) of the current iterate (one loss evaluation).</summary>
    public double CurrentLoss()
    {
        Evaluations++;
        return Objective.Loss(_theta);
    }

    internal double EvaluateGradient()
    {
        Evaluations++;
        return Objective.Gradient(_theta, _gradient);
    }

    /// <summary>θ ← θ − η∇L; returns whether every entry of the new iterate is finite. Long iterates are updated in
    /// slices on FlowSim's threads (the entries are the same wherever they are computed).</summary>
    internal bool ApplyStep()
    {
        bool finite;
        if (Threading.WorkerPool.ForVector(_theta.Length) is { } pool)
        {
            _stepJob ??= new StepJob(this);
            _stepJob.Pieces = pool.Threads;
            _stepJob.Finite = true;
            pool.Run(_stepJob, pool.Threads);
            finite = _stepJob.Finite;
        }
        else finite = ApplyRange(0, _theta.Length);
        Iteration++;
        return finite;
    }

    private bool ApplyRange(int start, int end)
    {
        double eta = StepSize, check = 0;
        var theta = _theta;
        var g = _gradient;
        int i = start;
        if (Vector.IsHardwareAccelerated)
        {
            // Vectorised: the scalar loop's serial sum of checks cost as much as a d = 64 GEMM (benchmarks/README.md).
            var minusEta = new Vector<double>(-eta);
            var checks = Vector<double>.Zero;
            ref double tr = ref MemoryMarshal.GetArrayDataReference(theta);
            ref double gr = ref MemoryMarshal.GetArrayDataReference(g);
            for (; i <= end - Vector<double>.Count; i += Vector<double>.Count)
            {
                var t = Vector.LoadUnsafe(ref tr, (nuint)i) + minusEta * Vector.LoadUnsafe(ref gr, (nuint)i);
                t.StoreUnsafe(ref tr, (nuint)i);
                checks += t * Vector<double>.Zero;
            }
            check = Vector.Sum(checks);
        }
        for (; i < end; i++)
        {
            theta[i] -= eta * g[i];
            check += theta[i] * 0.0; // NaN iff some entry is ±∞ or NaN; a sum of zeros otherwise.
        }
        return check == 0.0;
    }

    private StepJob? _stepJob;

    private sealed class StepJob(GradientDescent owner) : Threading.IPieceWork
    {
        public int Pieces;
        public volatile bool Finite;

        public void RunPiece(int piece)
        {
            int n = owner._theta.Length;
            if (!owner.ApplyRange(Threading.WorkerPool.SliceStart(n, piece, Pieces), Threading.WorkerPool.SliceStart(n, piece + 1, Pieces)))
                Finite = false;
        }
    }

    /// <summary>Runs K steps from θ_0 with step η, recording every iterate (see the overload with options).</summary>
    /// <exception cref="ArgumentException">θ0 has the wrong length or a non-finite entry, η is not finite and &gt; 0, or
    /// K &lt; 0 (the message names the parameter).</exception>
    public static GradientDescentResult Run(IObjective objective, ReadOnlySpan<double> theta0, double stepSize, int steps,
        CancellationToken cancellationToken = default)
    {
        DynamicsChecks.StepSize(stepSize);
        if (steps < 0) throw new ArgumentException($"steps: the number of steps K must be ≥ 0 (got {steps}).", nameof(steps));
        return Run(objective, theta0, new GradientDescentOptions { StepSize = stepSize, Steps = steps }, cancellationToken);
    }

    /// <summary>
    /// Runs K steps from θ_0, recording iterates (or projections) at times kη and the loss of every iterate.
    /// Divergence — a non-finite loss or iterate, or a loss past the threshold of
    /// <see cref="GradientDescentOptions.DivergenceFactor"/> — ends the run with <see cref="GradientDescentStatus.Diverged"/>
    /// and the iterate where it happened; it is reported, not thrown. Cancellation ends it with
    /// <see cref="GradientDescentStatus.Cancelled"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">θ0 has the wrong length or a non-finite entry, or an option is out of range
    /// (η ≤ 0, K &lt; 0, …; the message names it).</exception>
    public static GradientDescentResult Run(IObjective objective, ReadOnlySpan<double> theta0, GradientDescentOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var gd = new GradientDescent(objective, theta0, options.StepSize);

        int steps = options.Steps, every = options.RecordEvery;
        var projection = options.Projection;
        var losses = new double[steps + 1];
        var iterations = new List<int>();
        var times = new List<double>();
        var values = new List<double[]>();
        double threshold = double.PositiveInfinity;
        var status = GradientDescentStatus.Completed;
        string? message = null;
        int? divergedAt = null;
        bool stateFinite = true;
        int k = 0;

        void Record()
        {
            if (iterations.Count > 0 && iterations[^1] == k) return;
            iterations.Add(k);
            times.Add(gd.Time);
            if (projection is null) values.Add(gd._theta.ToArray());
            else
            {
                var v = new double[projection.Size];
                projection.Project(gd.Time, gd._theta, v);
                values.Add(v);
            }
        }

        for (; ; k++)
        {
            double loss = k < steps ? gd.EvaluateGradient() : gd.CurrentLoss();
            losses[k] = loss;
            if (k == 0) threshold = DivergenceThreshold(options, loss);
            if (!stateFinite || !double.IsFinite(loss) || loss > threshold)
            {
                status = GradientDescentStatus.Diverged;
                divergedAt = k;
                message = !stateFinite || !double.IsFinite(loss)
                    ? $"diverged at iterate k = {k} (t = {gd.Time:R}): non-finite {(stateFinite ? "loss" : "iterate")} (loss = {loss:R})"
                    : $"diverged at iterate k = {k} (t = {gd.Time:R}): loss {loss:R} exceeds the threshold {threshold:R}";
                Record();
                break;
            }
            if (k % every == 0 || k == steps) Record();
            options.OnIterate?.Invoke(k, gd._theta);
            if (k == steps) break;
            if (options.Progress is { } progress && k % options.ProgressInterval == 0)
                progress(new GradientDescentProgress(k, steps, gd.Time, loss));
            if (cancellationToken.IsCancellationRequested)
            {
                status = GradientDescentStatus.Cancelled;
                message = $"cancelled at iterate k = {k} (t = {gd.Time:R})";
                Record();
                break;
            }
            stateFinite = gd.ApplyStep();
        }

        options.Progress?.Invoke(new GradientDescentProgress(k, steps, gd.Time, losses[k]));
        var lossArray = k == steps ? losses : losses.AsSpan(0, k + 1).ToArray();
        return new GradientDescentResult(objective.Name, options, status, message, [.. iterations], [.. times], [.. values],
            projection is null, lossArray, k, gd._theta.ToArray(), divergedAt, gd.Evaluations);
    }

    private static double DivergenceThreshold(GradientDescentOptions options, double initialLoss)
    {
        if (options.DivergenceLossThreshold is { } absolute) return absolute;
        if (initialLoss == 0 || !double.IsFinite(initialLoss)) return double.PositiveInfinity;
        return options.DivergenceFactor * Math.Abs(initialLoss);
    }
}

using System.Numerics;
using System.Runtime.InteropServices;

namespace FlowSim.Ode;

/// <summary>
/// One explicit Runge–Kutta core shared by every tableau (SciPy's <c>RungeKutta</c>): stages, embedded
/// error estimate, step-size control, landing on bounds, and a continuous extension (the tableau's P
/// matrix or cubic Hermite). Allocation-free per step.
/// </summary>
public class ExplicitRungeKuttaStepper : OdeStepper
{
    private readonly ButcherTableau _tab;
    private readonly IStepSizeController? _controller;
    private readonly double _fixedStep;
    /// <summary>Stage derivatives of the last attempt; K[0] is f at (TOld, YOld) after a step.</summary>
    protected readonly double[][] K;
    /// <summary>f at (T, Y).</summary>
    protected double[] F;
    private ErrorSums? _sums;
    // f(t_new, y_new) of the current attempt (the last stage or _stage), for the error estimate.
    private double[] _fNew = [];
    private double[] _yNew, _stage;
    // True while K[0] holds f(T, Y) and F is a spare buffer (from the first attempt of a step until it is accepted).
    private bool _k0HoldsF;
    private readonly bool _isFsal;
    private readonly double[] _combineCoefficients;
    private readonly double[][] _combineVectors;
    private readonly CombineJob _combineJob;
    private double[]? _combineBase, _combineDest;
    private int _combineTerms, _combinePieces;
    // Dense-output buffers are allocated on first use: a run without output times or events never touches them, and
    // for DOP853 they are 11 state-sized vectors (11 MB at d = 256) to zero per solve.
    private readonly int _denseLength;
    private double[]? _dense;
    private readonly double[]?[] _denseStages;
    private bool _denseValid;
    /// <summary>y_new of the last attempt.</summary>
    protected double[] YNew => _yNew;
    /// <summary>Signed size of the last accepted step.</summary>
    protected double LastH;

    /// <summary>Creates the stepper and evaluates f(t0, y0); chooses the first step unless given.</summary>
    /// <param name="problem">Problem.</param>
    /// <param name="options">Validated options.</param>
    /// <param name="statistics">Counters.</param>
    /// <param name="tableau">The method.</param>
    /// <param name="controller">Step-size controller; null for a fixed-step method.</param>
    /// <param name="fixedStep">Step of a fixed-step method (ignored when adaptive).</param>
    public ExplicitRungeKuttaStepper(OdeProblem problem, OdeOptions options, SolverStatistics statistics,
        ButcherTableau tableau, IStepSizeController? controller, double fixedStep = 0)
        : base(problem, options, statistics)
    {
        _tab = tableau;
        _controller = controller;
        _fixedStep = fixedStep;
        int n = N;
        K = new double[tableau.Stages][];
        for (int s = 0; s < K.Length; s++) K[s] = new double[n];
        F = new double[n];
        _yNew = new double[n];
        _stage = new double[n];
        _combineCoefficients = new double[K.Length];
        _combineVectors = new double[K.Length][];
        _combineJob = new CombineJob(this);
        _isFsal = tableau.C[^1] == 1.0 && tableau.A[^1].Length == tableau.Stages - 1 && RowEqualsB(tableau);
        int degree = tableau.Dense?.GetLength(1) ?? 3;
        _denseLength = (degree + 1) * n;
        _denseStages = new double[tableau.DenseStageA.Length][];
        EvaluateRhs(T, Y, F);
        ProposedStep = controller is null ? fixedStep : options.InitialStep ?? SelectInitialStep();
    }

    /// <inheritdoc/>
    public override int Order => _tab.Order;

    /// <summary>Weighted error norm of the last attempt (one fused pass, <see cref="ErrorSums"/>); a method with a
    /// special estimate (DOP853) overrides it.</summary>
    protected virtual double EstimateError(double hSigned, ReadOnlySpan<double> y, ReadOnlySpan<double> yNew, ReadOnlySpan<double> fNew)
    {
        var e = _tab.ErrorWeights!;
        var sums = Sums;
        sums.Clear();
        for (int s = 0; s < _tab.Stages; s++) sums.AddFirst(hSigned * e[s], K[s]);
        if (e.Length > _tab.Stages) sums.AddFirst(hSigned * e[^1], _fNew);
        var (sum, _) = sums.Compute(Y, _yNew, AbsTolArray, RelTol);
        return Math.Sqrt(sum / N);
    }

    /// <summary>The error-sum kernel of this stepper.</summary>
    private protected ErrorSums Sums => _sums ??= new ErrorSums(N, _tab.Stages + 1);

    private double SelectInitialStep()
    {
        var w1 = new double[N];
        var w2 = new double[N];
        int errOrder = _tab.ErrorWeights is null ? _tab.Order : _tab.ErrorOrder;
        return InitialStep.Select((t, y, f) => EvaluateRhs(t, y, f), T, Y, F, Direction, errOrder + 1, RelTol, AbsTol, Options.MaxStep, w1, w2);
    }

    /// <inheritdoc/>
    public override StepOutcome Step(double tBound)
    {
        double t = T;
        double h = Math.Min(ProposedStep, Options.MaxStep);
        int nonFiniteAttempts = 0;
        bool adaptive = _controller is not null;
        while (true)
        {
            if (!PlanStep(t, tBound, adaptive, ref h, out double tNew)) return StepOutcome.StepSizeTooSmall;
            double hs = tNew - t;
            ComputeStages(t, hs);
            // f(tNew, yNew): the last stage for FSAL tableaus, otherwise one more evaluation (reused as the next K[0]).
            var fNew = K[^1];
            bool fsal = IsFsal;
            if (!fsal)
            {
                fNew = _stage;
                EvaluateRhs(tNew, _yNew, fNew);
            }
            _fNew = fNew;
            bool finite = AllFinite(_yNew) && AllFinite(fNew);
            double err = !finite ? double.PositiveInfinity : adaptive ? EstimateError(hs, Y, _yNew, fNew) : 0.0;
            bool accepted = true;
            double hNext = h;
            if (adaptive) hNext = _controller!.Propose(h, err, _tab.ErrorOrder, out accepted);
            else if (!finite)
            {
                FailureMessage = $"the state became non-finite in the step from t = {t:R} to {tNew:R}";
                return StepOutcome.NonFinite;
            }
            if (accepted)
            {
                AdvanceBySwap(t, tNew, ref _yNew);
                LastH = hs;
                // K[0] keeps f(TOld, YOld) for the interpolant; F becomes f(T, Y) by taking fNew's buffer (for an FSAL
                // tableau the last stage then lives in F: see ExtendedStage).
                if (fsal) (F, K[^1]) = (fNew, F);
                else (F, _stage) = (fNew, F);
                _k0HoldsF = false;
                ProposedStep = adaptive ? hNext : _fixedStep;
                _denseValid = false;
                return StepOutcome.Accepted;
            }
            Statistics.RejectedSteps++;
            if (!finite && ++nonFiniteAttempts > 40)
            {
                FailureMessage = $"the state or f(t, y) stays non-finite near t = {t:R} however small the step";
                return StepOutcome.NonFinite;
            }
            h = hNext;
        }
    }

    /// <summary>Whether the last stage is f(t + h, y_new) (first-same-as-last).</summary>
    protected bool IsFsal => _isFsal;

    private static bool RowEqualsB(ButcherTableau tab)
    {
        var row = tab.A[^1];
        for (int j = 0; j < row.Length; j++) if (row[j] != tab.B[j]) return false;
        return tab.B[^1] == 0;
    }

    private void ComputeStages(double t, double hs)
    {
        if (!_k0HoldsF)
        {
            // K[0] ← f(T, Y) by exchanging buffers; a retried attempt finds it there already.
            (K[0], F) = (F, K[0]);
            _k0HoldsF = true;
        }
        for (int s = 1; s < _tab.Stages; s++)
        {
            Combine(Y, hs, _tab.A[s], K, _stage);
            EvaluateRhs(t + _tab.C[s] * hs, _stage, K[s]);
        }
        Combine(Y, hs, _tab.B, K, _yNew);
    }

    /// <summary>dest = y + hs·Σ_j a_j·K_j in one pass: each vector-width chunk of dest is summed in a register and
    /// stored once, so every K_j is read once and dest is not re-read per term (the stage sums are memory-bound for
    /// large states). Terms are added in the order j = 0, 1, …, as a sequence of axpys would. From
    /// <see cref="Threading.WorkerPool.VectorLength"/> entries on, contiguous slices run on FlowSim's threads (each entry is computed the
    /// same way wherever it runs, so the result does not depend on the thread count).</summary>
    private void Combine(double[] y, double hs, double[] a, double[][] k, double[] dest)
    {
        var cs = _combineCoefficients;
        var vs = _combineVectors;
        int m = 0;
        for (int j = 0; j < a.Length; j++)
            if (a[j] != 0) { cs[m] = hs * a[j]; vs[m] = k[j]; m++; }
        _combineTerms = m;
        _combineBase = y;
        _combineDest = dest;
        if (Threading.WorkerPool.ForVector(dest.Length) is { } pool)
        {
            _combinePieces = pool.Threads;
            pool.Run(_combineJob, pool.Threads);
        }
        else CombineRange(0, dest.Length);
    }

    private void CombineRange(int start, int end)
    {
        var cs = _combineCoefficients;
        var vs = _combineVectors;
        int m = _combineTerms, i = start;
        var y = _combineBase!;
        var dest = _combineDest!;
        ref double yr = ref MemoryMarshal.GetArrayDataReference(y);
        ref double dr = ref MemoryMarshal.GetArrayDataReference(dest);
        if (Vector.IsHardwareAccelerated)
        {
            int w = Vector<double>.Count;
            for (; i <= end - w; i += w)
            {
                var acc = Vector.LoadUnsafe(ref yr, (nuint)i);
                for (int j = 0; j < m; j++)
                    acc += new Vector<double>(cs[j]) * Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(vs[j]), (nuint)i);
                acc.StoreUnsafe(ref dr, (nuint)i);
            }
        }
        for (; i < end; i++)
        {
            double acc = y[i];
            for (int j = 0; j < m; j++) acc += cs[j] * vs[j][i];
            dest[i] = acc;
        }
    }

    private sealed class CombineJob(ExplicitRungeKuttaStepper owner) : Threading.IPieceWork
    {
        public void RunPiece(int piece)
        {
            int n = owner._combineDest!.Length, pieces = owner._combinePieces;
            owner.CombineRange(Threading.WorkerPool.SliceStart(n, piece, pieces), Threading.WorkerPool.SliceStart(n, piece + 1, pieces));
        }
    }

    /// <summary>y += a·x (vectorised).</summary>
    protected static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y) =>
        FlowSim.Linalg.ManagedBackend.AxpyKernel(a, x[..y.Length], y);

    /// <inheritdoc/>
    public override void Restart(double t, ReadOnlySpan<double> y)
    {
        T = TOld = t;
        y.CopyTo(Y);
        y.CopyTo(YOld);
        EvaluateRhs(t, Y, F);
        _k0HoldsF = false;
        _controller?.Reset();
        _denseValid = false;
    }

    /// <inheritdoc/>
    public override IDenseInterpolant Interpolant => PolynomialInterpolant.Instance;

    /// <inheritdoc/>
    public override int DenseDataLength => _denseLength;

    /// <inheritdoc/>
    public override void CaptureDense(Span<double> data)
    {
        EnsureDense();
        _dense!.CopyTo(data);
    }

    /// <inheritdoc/>
    public override void Interpolate(double t, Span<double> y)
    {
        EnsureDense();
        PolynomialInterpolant.Instance.Evaluate(TOld, LastH, _dense!, t, y);
    }

    private void EnsureDense()
    {
        if (_denseValid) return;
        _dense ??= new double[_denseLength];
        BuildDense(_dense);
        _denseValid = true;
    }

    /// <summary>Writes [y_old | Q_1 | … | Q_q] for the last step; methods with extra dense stages override it.</summary>
    protected virtual void BuildDense(Span<double> data)
    {
        int n = N;
        double h = LastH;
        YOld.CopyTo(data);
        var p = _tab.Dense;
        if (p is null)
        {
            // Cubic Hermite from the end values and slopes.
            var f0 = K[0];
            for (int i = 0; i < n; i++)
            {
                double dy = Y[i] - YOld[i];
                data[n + i] = h * f0[i];
                data[2 * n + i] = 3 * dy - h * (2 * f0[i] + F[i]);
                data[3 * n + i] = -2 * dy + h * (f0[i] + F[i]);
            }
            return;
        }
        int q = p.GetLength(1);
        int rows = p.GetLength(0);
        ComputeDenseStages(h);
        for (int j = 0; j < q; j++)
        {
            var block = data.Slice((j + 1) * n, n);
            block.Clear();
            for (int s = 0; s < rows; s++)
            {
                double w = p[s, j];
                if (w != 0) Axpy(h * w, ExtendedStage(s), block);
            }
        }
    }

    /// <summary>Stage s of the extended list: the method's stages, then f(T, Y), then the extra dense-output stages.</summary>
    protected double[] ExtendedStage(int s) =>
        s < _tab.Stages - 1 || (s == _tab.Stages - 1 && !IsFsal) ? K[s] : s < _tab.Stages ? F
        : s == _tab.Stages ? F : _denseStages[s - _tab.Stages - 1] ??= new double[N];

    /// <summary>Evaluates the tableau's extra dense-output stages for the last step (step size h, signed).</summary>
    protected void ComputeDenseStages(double h)
    {
        for (int e = 0; e < _denseStages.Length; e++)
        {
            var a = _tab.DenseStageA[e];
            Array.Copy(YOld, _stage, N);
            for (int s = 0; s < a.Length; s++)
                if (a[s] != 0) Axpy(h * a[s], ExtendedStage(s), _stage);
            EvaluateRhs(TOld + _tab.DenseStageC[e] * h, _stage, _denseStages[e] ??= new double[N]);
        }
    }
}

using FlowSim.Dynamics;
using FlowSim.Models;
using FlowSim.Ode;

namespace FlowSim.Analysis;

/// <summary>
/// Descent iterates θ_k paired with a flow solution at t = kη: the distance ‖θ_k − θ(kη)‖₂ (absolute and relative to
/// ‖θ(kη)‖₂) per recorded k, its maximum, and the loss curves of both.
/// </summary>
/// <remarks>
/// The flow state at kη comes from the solution's dense output when it has one, otherwise from its recorded states at
/// exactly those times (solve with <see cref="OdeOptions.OutputTimes"/> = <see cref="GradientDescentResult.Times"/>).
/// </remarks>
public sealed class FlowDescentComparison
{
    private FlowDescentComparison(double stepSize, int[] iterations, double[] times, double[] absolute, double[] relative,
        double[] descentLoss, double[] flowLoss)
    {
        StepSize = stepSize;
        Iterations = iterations;
        Times = times;
        AbsoluteDistance = absolute;
        RelativeDistance = relative;
        DescentLoss = descentLoss;
        FlowLoss = flowLoss;
        int iMax = 0;
        for (int i = 1; i < absolute.Length; i++) if (absolute[i] > absolute[iMax]) iMax = i;
        MaxDistance = absolute.Length == 0 ? 0 : absolute[iMax];
        MaxDistanceIteration = absolute.Length == 0 ? 0 : iterations[iMax];
    }

    /// <summary>
    /// Collects the compared points one by one: each descent iterate (or midpoint) beside the flow's state at its time,
    /// for <see cref="Create"/> and for flows evaluated elsewhere (the central flow's segments, a descent's midpoints).
    /// The one place where the distance and the relative distance are computed.
    /// </summary>
    internal sealed class Builder
    {
        private readonly List<int> _iterations = [];
        private readonly List<double> _times = [], _absolute = [], _relative = [], _descentLoss = [], _flowLoss = [];

        public void Add(int k, double t, ReadOnlySpan<double> theta, ReadOnlySpan<double> flowState, double descentLoss, double flowLoss)
        {
            if (theta.Length != flowState.Length)
                throw new ArgumentException($"flowState: length {flowState.Length} differs from theta's {theta.Length}.", nameof(flowState));
            double d2 = 0, f2 = 0;
            for (int p = 0; p < theta.Length; p++)
            {
                double e = theta[p] - flowState[p];
                d2 += e * e;
                f2 += flowState[p] * flowState[p];
            }
            double d = Math.Sqrt(d2), f = Math.Sqrt(f2);
            _iterations.Add(k);
            _times.Add(t);
            _absolute.Add(d);
            _relative.Add(f > 0 ? d / f : d == 0 ? 0 : double.PositiveInfinity);
            _descentLoss.Add(descentLoss);
            _flowLoss.Add(flowLoss);
        }

        public FlowDescentComparison Build(double stepSize) =>
            new(stepSize, [.. _iterations], [.. _times], [.. _absolute], [.. _relative], [.. _descentLoss], [.. _flowLoss]);
    }

    /// <summary>The descent step η.</summary>
    public double StepSize { get; }
    /// <summary>Descent iterate indices k compared.</summary>
    public IReadOnlyList<int> Iterations { get; }
    /// <summary>Times kη.</summary>
    public IReadOnlyList<double> Times { get; }
    /// <summary>‖θ_k − θ(kη)‖₂.</summary>
    public IReadOnlyList<double> AbsoluteDistance { get; }
    /// <summary>‖θ_k − θ(kη)‖₂ / ‖θ(kη)‖₂ (0 when both vanish, +∞ when only the flow state does).</summary>
    public IReadOnlyList<double> RelativeDistance { get; }
    /// <summary>L(θ_k).</summary>
    public IReadOnlyList<double> DescentLoss { get; }
    /// <summary>L(θ(kη)).</summary>
    public IReadOnlyList<double> FlowLoss { get; }
    /// <summary>Largest absolute distance.</summary>
    public double MaxDistance { get; }
    /// <summary>The iterate k where <see cref="MaxDistance"/> occurs.</summary>
    public int MaxDistanceIteration { get; }
    /// <summary>Number of compared iterates.</summary>
    public int Count => Iterations.Count;

    /// <summary>Pairs every recorded descent iterate with the flow at the same time.</summary>
    /// <param name="objective">The objective both ran on; it gives the flow's losses.</param>
    /// <param name="descent">A descent run that recorded iterates (not a projection).</param>
    /// <param name="flow">A flow solution with dense output, or one that recorded full states at the descent's times.
    /// Iterates beyond the flow's final time are left out.</param>
    /// <exception cref="ArgumentException">The descent recorded projections, the flow recorded projections or neither has
    /// dense output nor a state at some kη, or the dimensions differ (the message names the argument).</exception>
    public static FlowDescentComparison Create(IObjective objective, GradientDescentResult descent, OdeSolution flow)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(descent);
        ArgumentNullException.ThrowIfNull(flow);
        if (!descent.ValuesAreStates)
            throw new ArgumentException("descent: the run recorded a projection, not the iterates; run it without GradientDescentOptions.Projection.", nameof(descent));
        int n = objective.ParameterCount;
        if (flow.Problem.Dimension != n)
            throw new ArgumentException($"flow: has dimension {flow.Problem.Dimension}, the objective has {n} parameters.", nameof(flow));
        if (descent.FinalState.Length != n)
            throw new ArgumentException($"descent: has dimension {descent.FinalState.Length}, the objective has {n} parameters.", nameof(descent));
        bool dense = flow.HasDenseOutput;
        if (!dense && flow.Options.Projection is not null)
            throw new ArgumentException("flow: the solution recorded a projection and has no dense output; solve with Dense = true or without a projection.", nameof(flow));

        double t0 = flow.Problem.T0, tEnd = flow.FinalTime;
        var flowState = new double[n];
        var points = new Builder();
        int searchFrom = 0;
        for (int i = 0; i < descent.Iterations.Count; i++)
        {
            double t = t0 + descent.Times[i];
            if (t > tEnd * (1 + 1e-14) + 1e-300) break;
            if (dense) flow.Evaluate(Math.Min(t, tEnd), flowState);
            else
            {
                int j = FindTime(flow.Times, t, ref searchFrom);
                if (j < 0)
                    throw new ArgumentException($"flow: has no recorded state at t = {t:R} (iterate k = {descent.Iterations[i]}); solve with OdeOptions.OutputTimes = the descent times or with Dense = true.", nameof(flow));
                flow.Values[j].CopyTo(flowState, 0);
            }
            int k = descent.Iterations[i];
            points.Add(k, t, descent.Values[i], flowState, descent.Losses[k], objective.Loss(flowState));
        }
        return points.Build(descent.StepSize);
    }

    /// <summary>Convenience: runs descent for K steps and the gradient flow on [0, Kη] (dense output, the given method and
    /// options), then pairs them.</summary>
    /// <exception cref="ArgumentException">Invalid θ0, η, K, method name or options (the message names which).</exception>
    /// <exception cref="OdeSolveException">The flow solve did not reach Kη.</exception>
    public static FlowDescentComparison GradientFlowVersusDescent(IObjective objective, ReadOnlySpan<double> theta0, double stepSize,
        int steps, string method = "auto", OdeOptions? flowOptions = null, int recordEvery = 1)
    {
        ArgumentNullException.ThrowIfNull(objective);
        var th = theta0.ToArray();
        return VersusDescent(objective, theta0, stepSize, steps, recordEvery,
            t1 => GradientFlow.Solve(objective, th, t1, method, DenseOptions(flowOptions)));
    }

    /// <summary>Convenience: runs descent for K steps and the modified flow of the same η on [0, Kη] (dense output), then
    /// pairs them. The distance is O(η²) where the plain flow's is O(η).</summary>
    /// <exception cref="ArgumentException">Invalid θ0, η, K, method name or options (the message names which).</exception>
    /// <exception cref="OdeSolveException">The flow solve did not reach Kη.</exception>
    public static FlowDescentComparison ModifiedFlowVersusDescent(IHessianVectorProduct objective, ReadOnlySpan<double> theta0, double stepSize,
        int steps, string method = "auto", OdeOptions? flowOptions = null, int recordEvery = 1)
    {
        ArgumentNullException.ThrowIfNull(objective);
        var th = theta0.ToArray();
        return VersusDescent(objective, theta0, stepSize, steps, recordEvery,
            t1 => ModifiedGradientFlow.Solve(objective, stepSize, th, t1, method, DenseOptions(flowOptions)));
    }

    private static OdeOptions DenseOptions(OdeOptions? options) =>
        (options ?? new OdeOptions()) with { Dense = true, OutputTimes = null, SaveEveryStep = false };

    private static FlowDescentComparison VersusDescent(IObjective objective, ReadOnlySpan<double> theta0, double stepSize, int steps,
        int recordEvery, Func<double, OdeSolution> solveFlow)
    {
        if (steps <= 0) throw new ArgumentException($"steps: the comparison needs at least one step (got {steps}).", nameof(steps));
        var descent = GradientDescent.Run(objective, theta0, new GradientDescentOptions { StepSize = stepSize, Steps = steps, RecordEvery = recordEvery });
        if (descent.LastIteration == 0)
            throw new InvalidOperationException($"Descent stopped at its initial point, nothing to compare: {descent.Message}.");
        var flow = solveFlow(descent.Times[^1]).EnsureSuccess();
        return Create(objective, descent, flow);
    }

    private static int FindTime(IReadOnlyList<double> times, double t, ref int from)
    {
        double tol = 1e-12 * Math.Max(1, Math.Abs(t));
        for (int j = from; j < times.Count; j++)
        {
            if (Math.Abs(times[j] - t) <= tol) { from = j; return j; }
            if (times[j] > t + tol) return -1;
        }
        return -1;
    }
}

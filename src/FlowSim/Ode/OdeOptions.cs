namespace FlowSim.Ode;

/// <summary>Called at the start of each segment between breakpoints: segment 0 at t0, segment i after the i-th breakpoint.
/// The state may be modified in place (an impulse); the method restarts from it.</summary>
public delegate void SegmentStartCallback(int segment, double t, Span<double> y);

/// <summary>Records a derived quantity instead of the full state (diffrax's <c>SaveAt(fn=…)</c>).</summary>
/// <param name="Size">Length of the projected vector.</param>
/// <param name="Project">Writes the projection of (t, y) into the destination.</param>
public sealed record OdeProjection(int Size, ProjectionFunction Project);

/// <summary>Writes a derived quantity of (t, y) into <paramref name="destination"/>.</summary>
public delegate void ProjectionFunction(double t, ReadOnlySpan<double> y, Span<double> destination);

/// <summary>
/// Options of one integration: tolerances, step limits, where the solver must land, what it records.
/// Immutable; validated against the problem by <see cref="Validate"/> before any work starts.
/// </summary>
public sealed record OdeOptions
{
    /// <summary>Smallest relative tolerance accepted: 100 machine epsilons.</summary>
    public const double MinimumRelativeTolerance = 100 * 2.220446049250313e-16;

    /// <summary>Relative tolerance (default 1e-6). Must be at least <see cref="MinimumRelativeTolerance"/>.</summary>
    public double RelTol { get; init; } = 1e-6;
    /// <summary>Absolute tolerance for every component (default 1e-9), used when <see cref="AbsTolVector"/> is null.</summary>
    public double AbsTol { get; init; } = 1e-9;
    /// <summary>Absolute tolerance per component; overrides <see cref="AbsTol"/>.</summary>
    public double[]? AbsTolVector { get; init; }
    /// <summary>First step size; chosen by Hairer's algorithm when null. For fixed-step methods, the step.</summary>
    public double? InitialStep { get; init; }
    /// <summary>Largest step size (magnitude).</summary>
    public double MaxStep { get; init; } = double.PositiveInfinity;
    /// <summary>Smallest step size (magnitude); a step that would need less ends with <see cref="OdeStatus.StepSizeTooSmall"/>.</summary>
    public double MinStep { get; init; }
    /// <summary>Largest number of accepted steps before <see cref="OdeStatus.MaxStepsExceeded"/>.</summary>
    public long MaxSteps { get; init; } = 1_000_000;
    /// <summary>Times the solver lands on exactly and restarts after (the right-hand side may jump there).</summary>
    public IReadOnlyList<double>? Breakpoints { get; init; }
    /// <summary>Called at t0 and after each breakpoint, with the segment index (counted, never derived from t).</summary>
    public SegmentStartCallback? OnSegmentStart { get; init; }
    /// <summary>Times at which the solution is recorded, from the dense output. When null, every step is recorded
    /// unless <see cref="SaveEveryStep"/> is false.</summary>
    public IReadOnlyList<double>? OutputTimes { get; init; }
    /// <summary>Record every accepted step (default when <see cref="OutputTimes"/> is null).</summary>
    public bool? SaveEveryStep { get; init; }
    /// <summary>Keep every step's interpolant so that <see cref="OdeSolution.Evaluate(double, Span{double})"/> works anywhere in the span.</summary>
    public bool Dense { get; init; }
    /// <summary>Event functions to locate.</summary>
    public IReadOnlyList<OdeEvent>? Events { get; init; }
    /// <summary>Record this projection of the state instead of the state itself.</summary>
    public OdeProjection? Projection { get; init; }
    /// <summary>Creates the step-size controller of a run, replacing the method's default (for example
    /// <c>() =&gt; new PiStepSizeController { Beta = 0.08 }</c>). Called once per run, so a controller's error history is
    /// never shared between runs. The one-step methods (explicit Runge–Kutta, Rosenbrock, Radau IIA) use it; a
    /// fixed-step run ignores it and <c>bdf</c> refuses it.</summary>
    public Func<IStepSizeController>? StepSizeController { get; init; }

    /// <summary>Largest Jacobian a stiff method may store, in entries (default: unlimited). radau5, rodas5, rodas5p and bdf
    /// need n² entries for a problem of n components (n·(lower + upper + 1) when it declares its bandwidths) and refuse,
    /// when the run starts, a problem beyond it; <c>auto</c> then keeps its explicit method instead of switching
    /// (<see cref="SolverStatistics.StiffSwitchesRefused"/>, and a note in <see cref="OdeSolution.Message"/>).</summary>
    public long MaxJacobianEntries { get; init; } = long.MaxValue;

    /// <summary>Whether every accepted step is recorded.</summary>
    public bool RecordsEveryStep => SaveEveryStep ?? OutputTimes is null;

    /// <summary>Checks the options against a problem; throws naming the first invalid option.</summary>
    /// <exception cref="ArgumentException">An option is out of range, not finite, or inconsistent with the problem.</exception>
    public void Validate(OdeProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (!(RelTol >= MinimumRelativeTolerance) || double.IsInfinity(RelTol))
            throw new ArgumentException($"RelTol: must be a finite number ≥ {MinimumRelativeTolerance:G3} (100 machine epsilons) (got {RelTol}).", nameof(RelTol));
        if (AbsTolVector is null)
        {
            if (!(AbsTol >= 0) || double.IsInfinity(AbsTol))
                throw new ArgumentException($"AbsTol: must be finite and ≥ 0 (got {AbsTol}).", nameof(AbsTol));
        }
        else
        {
            if (AbsTolVector.Length != problem.Dimension)
                throw new ArgumentException($"AbsTolVector: has {AbsTolVector.Length} entries, the problem has {problem.Dimension} components.", nameof(AbsTolVector));
            for (int i = 0; i < AbsTolVector.Length; i++)
                if (!(AbsTolVector[i] >= 0) || double.IsInfinity(AbsTolVector[i]))
                    throw new ArgumentException($"AbsTolVector[{i}]: must be finite and ≥ 0 (got {AbsTolVector[i]}).", nameof(AbsTolVector));
        }
        if (problem.LowerBandwidth is null != problem.UpperBandwidth is null)
            throw new ArgumentException($"{(problem.LowerBandwidth is null ? "LowerBandwidth" : "UpperBandwidth")}: a banded problem declares both bandwidths (problem '{problem.Name}' declares only the other one).", nameof(problem));
        if (InitialStep is { } h0 && !(h0 > 0 && double.IsFinite(h0)))
            throw new ArgumentException($"InitialStep: must be finite and > 0 (got {h0}).", nameof(InitialStep));
        if (!(MaxStep > 0)) throw new ArgumentException($"MaxStep: must be > 0 (got {MaxStep}).", nameof(MaxStep));
        if (!(MinStep >= 0) || double.IsInfinity(MinStep)) throw new ArgumentException($"MinStep: must be finite and ≥ 0 (got {MinStep}).", nameof(MinStep));
        if (MinStep > MaxStep) throw new ArgumentException($"MinStep: {MinStep} exceeds MaxStep {MaxStep}.", nameof(MinStep));
        if (MaxSteps <= 0) throw new ArgumentException($"MaxSteps: must be > 0 (got {MaxSteps}).", nameof(MaxSteps));
        if (MaxJacobianEntries <= 0) throw new ArgumentException($"MaxJacobianEntries: must be > 0 (got {MaxJacobianEntries}).", nameof(MaxJacobianEntries));
        double lo = Math.Min(problem.T0, problem.T1), hi = Math.Max(problem.T0, problem.T1);
        if (Breakpoints is not null)
            for (int i = 0; i < Breakpoints.Count; i++)
                if (!double.IsFinite(Breakpoints[i]))
                    throw new ArgumentException($"Breakpoints[{i}]: must be finite (got {Breakpoints[i]}).", nameof(Breakpoints));
        if (OutputTimes is not null)
        {
            int dir = problem.T1 > problem.T0 ? 1 : -1;
            for (int i = 0; i < OutputTimes.Count; i++)
            {
                double t = OutputTimes[i];
                if (!double.IsFinite(t) || t < lo || t > hi)
                    throw new ArgumentException($"OutputTimes[{i}]: {t} lies outside the time span [{lo}, {hi}].", nameof(OutputTimes));
                if (i > 0 && (t - OutputTimes[i - 1]) * dir < 0)
                    throw new ArgumentException($"OutputTimes[{i}]: times must be ordered from t0 to t1 ({OutputTimes[i - 1]} then {t}).", nameof(OutputTimes));
            }
        }
        if (Events is not null)
            for (int i = 0; i < Events.Count; i++)
                if (Events[i]?.Function is null) throw new ArgumentException($"Events[{i}]: the event function is null.", nameof(Events));
        if (Projection is { Size: <= 0 })
            throw new ArgumentException($"Projection: size must be > 0 (got {Projection.Size}).", nameof(Projection));
    }
}

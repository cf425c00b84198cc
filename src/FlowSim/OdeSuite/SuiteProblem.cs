using FlowSim.Ode;

namespace FlowSim.OdeSuite;

/// <summary>
/// One problem of the ODE suite: the initial-value problem, an independent reference value at t1
/// (published, or from the exact solution), where the reference comes from, and what the solver must
/// know to integrate it (breakpoints of a discontinuous right-hand side and the matching segment callback).
/// </summary>
public sealed class SuiteProblem
{
    /// <summary>Creates a suite problem; the reference must have one entry per component.</summary>
    /// <exception cref="ArgumentException">The reference length differs from the problem dimension, or the source is empty.</exception>
    /// <param name="create">Creates a fresh instance of the problem.</param>
    /// <param name="reference">The reference state at t1.</param>
    /// <param name="source">Where the reference comes from.</param>
    /// <param name="breakpoints">Times where the right-hand side jumps.</param>
    /// <param name="segmentStart">The segment callback that goes with the breakpoints.</param>
    /// <param name="absoluteTolerance">An absolute tolerance of the problem's own, used for solving and measuring
    /// instead of the run's (for a problem whose components are far below any tolerance tied to rtol, as E5's).</param>
    public SuiteProblem(Func<OdeProblem> create, double[] reference, string source,
        IReadOnlyList<double>? breakpoints = null, Func<OdeProblem, SegmentStartCallback>? segmentStart = null,
        double? absoluteTolerance = null)
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(reference);
        if (string.IsNullOrWhiteSpace(source)) throw new ArgumentException("source: every suite problem cites where its reference comes from.", nameof(source));
        var probe = create();
        if (reference.Length != probe.Dimension)
            throw new ArgumentException($"reference: has {reference.Length} entries, problem '{probe.Name}' has {probe.Dimension} components.", nameof(reference));
        _create = create;
        Reference = reference;
        Source = source;
        Breakpoints = breakpoints;
        _segmentStart = segmentStart;
        if (absoluteTolerance is { } a && !(a > 0 && double.IsFinite(a)))
            throw new ArgumentException($"absoluteTolerance: must be finite and > 0 (got {a}).", nameof(absoluteTolerance));
        AbsoluteTolerance = absoluteTolerance;
        Name = probe.Name;
        IsStiff = probe.IsStiff;
        Dimension = probe.Dimension;
        HasExactSolution = probe.ExactSolution is not null;
    }

    private readonly Func<OdeProblem> _create;
    private readonly Func<OdeProblem, SegmentStartCallback>? _segmentStart;

    /// <summary>Short name used in reports (e.g. <c>pleiades</c>).</summary>
    public string Name { get; }
    /// <summary>Whether the problem is stiff (then explicit methods are expected to stop at the step cap).</summary>
    public bool IsStiff { get; }
    /// <summary>Number of components.</summary>
    public int Dimension { get; }
    /// <summary>Whether the reference comes from a closed-form solution (otherwise it is a published value).</summary>
    public bool HasExactSolution { get; }
    /// <summary>The reference state at t1.</summary>
    public IReadOnlyList<double> Reference { get; }
    /// <summary>Where the reference comes from (paper, test set, or the closed form used).</summary>
    public string Source { get; }
    /// <summary>The problem's own absolute tolerance, replacing the run's atol in solving and in
    /// <see cref="ErrorOverTolerance"/>, or null.</summary>
    public double? AbsoluteTolerance { get; }
    /// <summary>Times where the right-hand side jumps; the solver must land on them and restart.</summary>
    public IReadOnlyList<double>? Breakpoints { get; }

    /// <summary>
    /// A fresh problem instance. Problems whose right-hand side holds per-segment state (a jump at a breakpoint)
    /// need their own instance per run, so every run creates one.
    /// </summary>
    public OdeProblem CreateProblem() => _create();

    /// <summary>Options for one run of this problem: tolerances and step cap, plus breakpoints and segment callback when it has them.</summary>
    public OdeOptions CreateOptions(OdeProblem problem, double relTol, double absTol, long maxSteps, double? initialStep = null) => new()
    {
        RelTol = relTol,
        AbsTol = absTol,
        MaxSteps = maxSteps,
        InitialStep = initialStep,
        SaveEveryStep = false,
        Breakpoints = Breakpoints,
        OnSegmentStart = _segmentStart?.Invoke(problem),
    };

    /// <summary>max over components of |y − ref| / (atol + rtol·|ref|): the error in tolerance units.</summary>
    public double ErrorOverTolerance(ReadOnlySpan<double> y, double relTol, double absTol)
    {
        if (y.Length != Reference.Count) throw new ArgumentException($"y: has {y.Length} entries, expected {Reference.Count}.", nameof(y));
        double worst = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double e = Math.Abs(y[i] - Reference[i]) / (absTol + relTol * Math.Abs(Reference[i]));
            if (double.IsNaN(e)) return double.NaN;
            worst = Math.Max(worst, e);
        }
        return worst;
    }

    /// <summary>max over components of |y − ref|.</summary>
    public double MaxAbsoluteError(ReadOnlySpan<double> y)
    {
        double worst = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double e = Math.Abs(y[i] - Reference[i]);
            if (double.IsNaN(e)) return double.NaN;
            worst = Math.Max(worst, e);
        }
        return worst;
    }

    /// <summary>A suite problem whose reference is its exact solution at t1.</summary>
    public static SuiteProblem FromExactSolution(Func<OdeProblem> create, string source,
        IReadOnlyList<double>? breakpoints = null, Func<OdeProblem, SegmentStartCallback>? segmentStart = null)
    {
        var p = create();
        var exact = p.ExactSolution ?? throw new ArgumentException($"create: problem '{p.Name}' has no exact solution.", nameof(create));
        var reference = new double[p.Dimension];
        exact(p.T1, reference);
        return new SuiteProblem(create, reference, source, breakpoints, segmentStart);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}

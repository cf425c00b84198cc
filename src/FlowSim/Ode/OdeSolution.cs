namespace FlowSim.Ode;

/// <summary>
/// Result of an integration: recorded times and states (or projections), status, statistics, located
/// events and, when requested, the dense output over the whole span.
/// </summary>
public sealed class OdeSolution
{
    private readonly List<double> _times;
    private readonly List<double[]> _values;
    private readonly DenseSolution? _dense;

    internal OdeSolution(OdeProblem problem, string method, OdeOptions options, List<double> times, List<double[]> values,
        DenseSolution? dense, IReadOnlyList<OdeEventRecord> events, OdeStatus status, string? message,
        SolverStatistics statistics, double finalTime, double[] finalState)
    {
        Problem = problem;
        Method = method;
        Options = options;
        _times = times;
        _values = values;
        _dense = dense;
        Events = events;
        Status = status;
        Message = message;
        Statistics = statistics;
        FinalTime = finalTime;
        FinalState = finalState;
    }

    /// <summary>The problem solved.</summary>
    public OdeProblem Problem { get; }
    /// <summary>Name of the method used.</summary>
    public string Method { get; }
    /// <summary>The options used.</summary>
    public OdeOptions Options { get; }
    /// <summary>How the integration ended.</summary>
    public OdeStatus Status { get; }
    /// <summary>Why it ended, when not <see cref="OdeStatus.Success"/>; and the method's note about the run, if it made one
    /// (<c>auto</c> says when it kept its explicit method because of <see cref="OdeOptions.MaxJacobianEntries"/>).</summary>
    public string? Message { get; }
    /// <summary>Work counters.</summary>
    public SolverStatistics Statistics { get; }
    /// <summary>Located events, in time order.</summary>
    public IReadOnlyList<OdeEventRecord> Events { get; }
    /// <summary>Time reached (t1, an event time, or where it stopped).</summary>
    public double FinalTime { get; }
    /// <summary>State at <see cref="FinalTime"/>.</summary>
    public double[] FinalState { get; }
    /// <summary>True for <see cref="OdeStatus.Success"/> and <see cref="OdeStatus.TerminatedByEvent"/>.</summary>
    public bool Succeeded => Status is OdeStatus.Success or OdeStatus.TerminatedByEvent;
    /// <summary>Recorded times.</summary>
    public IReadOnlyList<double> Times => _times;
    /// <summary>Recorded states (or projections), one array per time.</summary>
    public IReadOnlyList<double[]> Values => _values;
    /// <summary>Whether <see cref="Evaluate(double, Span{double})"/> is available.</summary>
    public bool HasDenseOutput => _dense is not null;

    /// <summary>Writes y(t) from the dense output, anywhere in [t0, FinalTime].</summary>
    /// <exception cref="InvalidOperationException">The solve did not keep the dense output (<see cref="OdeOptions.Dense"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">t lies outside the integrated span.</exception>
    public void Evaluate(double t, Span<double> y)
    {
        if (_dense is null) throw new InvalidOperationException("This solution has no dense output: solve with OdeOptions { Dense = true }.");
        _dense.Evaluate(t, y);
    }

    /// <summary>y(t) from the dense output, as a new array.</summary>
    public double[] Evaluate(double t)
    {
        var y = new double[Problem.Dimension];
        Evaluate(t, y);
        return y;
    }

    /// <summary>Throws when the solve did not succeed, with the status and message.</summary>
    /// <exception cref="OdeSolveException">The status is not a success.</exception>
    public OdeSolution EnsureSuccess()
    {
        if (!Succeeded) throw new OdeSolveException(Status, Message ?? Status.ToString());
        return this;
    }
}

/// <summary>An integration that did not reach its end, with the reason.</summary>
public sealed class OdeSolveException(OdeStatus status, string message) : Exception($"{status}: {message}")
{
    /// <summary>How the integration ended.</summary>
    public OdeStatus Status { get; } = status;
}

using FlowSim.Ode;

namespace FlowSim.Dynamics.CentralFlow;

/// <summary>A change of the number of eigenvalues the central flow holds at the edge.</summary>
/// <param name="Time">τ of the event (t0 for a start at or above the edge).</param>
/// <param name="CriticalCount">The number held from then on.</param>
/// <param name="State">The state at that time (for a start above the edge: after its projection onto the edge).</param>
public sealed record CentralFlowTransition(double Time, int CriticalCount, double[] State);

/// <summary>
/// A central-flow run: its segments between events (the first, while no eigenvalue is held, is the gradient flow), the
/// transitions between them, the recorded states in time order, and the right-hand side for diagnostics at any state.
/// </summary>
public sealed class CentralFlowResult
{
    internal CentralFlowResult(CentralFlowRhs rhs, IReadOnlyList<OdeSolution> segments, IReadOnlyList<CentralFlowTransition> transitions,
        IReadOnlyList<double> times, IReadOnlyList<double[]> states, OdeStatus status, string? message)
    {
        Rhs = rhs;
        Segments = segments;
        Transitions = transitions;
        Times = times;
        States = states;
        Status = status;
        Message = message;
        var last = segments[^1];
        FinalTime = last.FinalTime;
        FinalState = last.FinalState;
        Statistics = new SolverStatistics();
        foreach (var s in segments) Statistics.Add(s.Statistics);
        foreach (var t in transitions)
            if (t.CriticalCount > 0) { ActivationTime = t.Time; ActivationState = t.State; break; }
    }

    /// <summary>The right-hand side used; its counters cover the whole run and its <see cref="CentralFlowRhs.CriticalCount"/>
    /// is that of the last segment.</summary>
    public CentralFlowRhs Rhs { get; }
    /// <summary>The integrations between events, in time order.</summary>
    public IReadOnlyList<OdeSolution> Segments { get; }
    /// <summary>Every change of the number of held eigenvalues, in time order.</summary>
    public IReadOnlyList<CentralFlowTransition> Transitions { get; }
    /// <summary>τ at which S first reached 2/η (t0 when it started at or above), or null: before it the run is the
    /// gradient flow.</summary>
    public double? ActivationTime { get; }
    /// <summary>The state at <see cref="ActivationTime"/> (a start above the edge after its projection onto it), or null.</summary>
    public double[]? ActivationState { get; }
    /// <summary>Recorded times of all segments, ascending.</summary>
    public IReadOnlyList<double> Times { get; }
    /// <summary>Recorded states, one per time.</summary>
    public IReadOnlyList<double[]> States { get; }
    /// <summary>How the run ended (<see cref="OdeStatus.Success"/> when t1 was reached).</summary>
    public OdeStatus Status { get; }
    /// <summary>Why it ended early, or null.</summary>
    public string? Message { get; }
    /// <summary>Whether t1 was reached.</summary>
    public bool Succeeded => Status == OdeStatus.Success;
    /// <summary>Time reached.</summary>
    public double FinalTime { get; }
    /// <summary>State at <see cref="FinalTime"/>.</summary>
    public double[] FinalState { get; }
    /// <summary>Engine counters of all segments together.</summary>
    public SolverStatistics Statistics { get; }

    /// <summary>The central flow's quantities at the final state (<see cref="CentralFlowRhs.Diagnose"/>).</summary>
    public CentralFlowPoint FinalPoint() => Rhs.Diagnose(FinalState);

    /// <summary>The number of eigenvalues held at time <paramref name="t"/>: that of the last transition at or before it.</summary>
    public int HeldAt(double t)
    {
        int held = 0;
        foreach (var tr in Transitions) if (tr.Time <= t) held = tr.CriticalCount;
        return held;
    }

    /// <summary>θ(t) from the dense output of the segment holding <paramref name="t"/>, or null when the run kept no
    /// dense output (<see cref="CentralFlowOptions.Dense"/>) or t lies outside the time reached.</summary>
    public double[]? Evaluate(double t)
    {
        foreach (var segment in Segments)
            if (segment.HasDenseOutput && segment.Statistics.AcceptedSteps > 0 && t >= segment.Problem.T0 && t <= segment.FinalTime)
                return segment.Evaluate(t);
        return null;
    }
}

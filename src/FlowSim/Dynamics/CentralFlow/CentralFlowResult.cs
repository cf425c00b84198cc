using FlowSim.Ode;

namespace FlowSim.Dynamics.CentralFlow;

/// <summary>
/// A central-flow run: the gradient-flow phase until S reaches 2/η, the constrained phase after it, the recorded states
/// of both in time order, and the right-hand side (in its final, active or inactive, mode) for diagnostics at any state.
/// </summary>
public sealed class CentralFlowResult
{
    internal CentralFlowResult(CentralFlowRhs rhs, OdeSolution gradientFlowPhase, OdeSolution? constrainedPhase,
        double? activationTime, double[]? activationState, IReadOnlyList<double> times, IReadOnlyList<double[]> states)
    {
        Rhs = rhs;
        GradientFlowPhase = gradientFlowPhase;
        ConstrainedPhase = constrainedPhase;
        ActivationTime = activationTime;
        ActivationState = activationState;
        Times = times;
        States = states;
        var last = constrainedPhase ?? gradientFlowPhase;
        Status = last.Status == OdeStatus.TerminatedByEvent ? OdeStatus.Success : last.Status;
        Message = last.Status == OdeStatus.TerminatedByEvent ? null : last.Message;
        FinalTime = last.FinalTime;
        FinalState = last.FinalState;
        Statistics = gradientFlowPhase.Statistics.Clone();
        if (constrainedPhase is not null) Statistics.Add(constrainedPhase.Statistics);
    }

    /// <summary>The right-hand side used, in the mode of the last phase; its counters cover the whole run.</summary>
    public CentralFlowRhs Rhs { get; }
    /// <summary>The gradient-flow phase (ends at the activation time by a terminal event, or at t1).</summary>
    public OdeSolution GradientFlowPhase { get; }
    /// <summary>The constrained phase from the activation time to t1, or null when S never reached 2/η.</summary>
    public OdeSolution? ConstrainedPhase { get; }
    /// <summary>τ at which S first reached 2/η (t0 when it started at or above), or null.</summary>
    public double? ActivationTime { get; }
    /// <summary>The state at <see cref="ActivationTime"/> (a start above the edge after its projection onto it), or null.</summary>
    public double[]? ActivationState { get; }
    /// <summary>Recorded times of both phases, ascending.</summary>
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
    /// <summary>Engine counters of both phases together.</summary>
    public SolverStatistics Statistics { get; }

    /// <summary>The central flow's quantities at the final state (<see cref="CentralFlowRhs.Diagnose"/>).</summary>
    public CentralFlowPoint FinalPoint() => Rhs.Diagnose(FinalState);
}

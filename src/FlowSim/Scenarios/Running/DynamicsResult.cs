using FlowSim.Dynamics;
using FlowSim.Ode;

namespace FlowSim.Scenarios;

/// <summary>How one dynamics of a scenario ran: status, records, work and the underlying solver result.</summary>
public sealed record DynamicsResult
{
    /// <summary>The dynamics as the scenario specifies it (type, name, η, method, tolerances).</summary>
    public required DynamicsSpec Spec { get; init; }
    /// <summary>Its label.</summary>
    public string Name => Spec.Name;
    /// <summary>Its type (<see cref="DynamicsTypes"/>).</summary>
    public string Type => Spec.Type;
    /// <summary>How it ended.</summary>
    public DynamicsStatus Status { get; init; } = DynamicsStatus.NotRun;
    /// <summary>Detail of the status (solver message, where it diverged or was interrupted), or null.</summary>
    public string? Message { get; init; }
    /// <summary>The records (empty when not run).</summary>
    public required DynamicsRecords Records { get; init; }
    /// <summary>Time reached.</summary>
    public double FinalTime { get; init; }
    /// <summary>Loss at the time reached (NaN when the state is not finite or the descent diverged).</summary>
    public double FinalLoss { get; init; } = double.NaN;
    /// <summary>Descent iterations, or accepted ODE steps.</summary>
    public long Steps { get; init; }
    /// <summary>Rejected ODE steps (0 for descent).</summary>
    public long RejectedSteps { get; init; }
    /// <summary>Gradient (descent) or right-hand-side (ODE) evaluations.</summary>
    public long Evaluations { get; init; }
    /// <summary>The ODE method used (null for descent).</summary>
    public string? Method { get; init; }
    /// <summary>Wall time in seconds (provenance only).</summary>
    public double WallSeconds { get; init; }
    /// <summary>The ODE solution (with dense output when the scenario compares flows with a descent); null for descent.</summary>
    public OdeSolution? Solution { get; init; }
    /// <summary>The descent run (iterates recorded at the multiples of a common divisor of the recorded iterates); null for ODE dynamics.</summary>
    public GradientDescentResult? Descent { get; init; }
    /// <summary>Whether this descent tracked its sharpness (the scenario records sharpness or stability-ratio, or runs a central flow).</summary>
    public bool SharpnessTracked { get; init; }
    /// <summary>2/η, the edge of stability the sharpness of a descent that tracked it is measured against (the threshold of
    /// <see cref="EosOnsetK"/>, the line of the report's sharpness figure); null when not tracked.</summary>
    public double? StabilityThreshold { get; init; }
    /// <summary>The first iterate k with S(θ_k) ≥ 2/η, or null (never reached, or not tracked: see <see cref="SharpnessTracked"/>).</summary>
    public int? EosOnsetK { get; init; }
    /// <summary>The second-order midpoints θ*_k = ¼(2θ_k + θ_{k+1} + θ_{k−1}) at the recorded iterates 1 ≤ k &lt; K of a descent that
    /// tracked its sharpness, with the scenario's metrics; null otherwise.</summary>
    public DynamicsRecords? Midpoints { get; init; }
    /// <summary>The central flow's run (segments between events, transitions, activation); null for other dynamics.</summary>
    public Dynamics.CentralFlow.CentralFlowResult? CentralFlow { get; init; }
}

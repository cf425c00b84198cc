using FlowSim.Ode;

namespace FlowSim.Scenarios;

/// <summary>How one dynamics of a scenario run ended.</summary>
public enum DynamicsStatus
{
    /// <summary>Not started, because the run was interrupted before it.</summary>
    NotRun,
    /// <summary>Reached its end time or step count.</summary>
    Completed,
    /// <summary>Stopped because the loss fell below <c>stop.loss_below</c>.</summary>
    LossReached,
    /// <summary>The iterates or the state became non-finite, or the descent loss passed the divergence threshold.</summary>
    Diverged,
    /// <summary>The step budget <c>stop.max_steps</c> ran out first.</summary>
    MaxSteps,
    /// <summary>The ODE method or the model failed (step size too small, outside a model's domain).</summary>
    Failed,
    /// <summary>Stopped by cancellation (Ctrl+C); the records up to that point are kept.</summary>
    Interrupted,
}

/// <summary>How a whole scenario run ended.</summary>
public enum ScenarioStatus
{
    /// <summary>Every dynamics ran (whatever its own status).</summary>
    Completed,
    /// <summary>Cancelled; the dynamics that finished are kept.</summary>
    Interrupted,
}

/// <summary>The names the output files use for the statuses (<c>completed</c>, <c>loss-reached</c>, …).</summary>
public static class StatusNames
{
    /// <summary>The file name of a dynamics status.</summary>
    public static string Name(this DynamicsStatus status) => status switch
    {
        DynamicsStatus.NotRun => "not-run",
        DynamicsStatus.Completed => "completed",
        DynamicsStatus.LossReached => "loss-reached",
        DynamicsStatus.Diverged => "diverged",
        DynamicsStatus.MaxSteps => "max-steps",
        DynamicsStatus.Failed => "failed",
        _ => "interrupted",
    };

    /// <summary>The file name of a run status.</summary>
    public static string Name(this ScenarioStatus status) => status == ScenarioStatus.Completed ? "completed" : "interrupted";
}

/// <summary>How the engine's end of a solve reads as the end of a scenario's ODE dynamics (the ODE dynamics and the
/// central flow both map it so).</summary>
internal static class OdeDynamicsStatus
{
    /// <summary>The dynamics status of a solve that was not interrupted; the loss level is the only terminal event a
    /// scenario sets, so an event means the level was reached.</summary>
    public static DynamicsStatus ToDynamicsStatus(this OdeStatus status) => status switch
    {
        OdeStatus.Success => DynamicsStatus.Completed,
        OdeStatus.TerminatedByEvent => DynamicsStatus.LossReached,
        OdeStatus.MaxStepsExceeded => DynamicsStatus.MaxSteps,
        OdeStatus.NonFiniteState => DynamicsStatus.Diverged,
        _ => DynamicsStatus.Failed,
    };

    /// <summary>The message of a solve interrupted at time <paramref name="t"/>.</summary>
    public static string InterruptedAt(double t) => $"interrupted at t = {ScenarioNode.FormatNumber(t)}";
}

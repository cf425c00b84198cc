namespace FlowSim.Dynamics.LargeSteps;

/// <summary>Where gradient descent with a large step ends (THEORY §6: P3's scalar regimes on any objective).</summary>
public enum LargeStepRegime
{
    /// <summary>Converges to a point (period 1).</summary>
    Converged,
    /// <summary>Ends on (or converges to) a cycle of period 2.</summary>
    Period2,
    /// <summary>Ends on (or converges to) a cycle of period 4.</summary>
    Period4,
    /// <summary>Ends on a cycle of another period up to the longest searched.</summary>
    Periodic,
    /// <summary>Stays bounded without a period up to the longest searched.</summary>
    Chaotic,
    /// <summary>An iterate or its loss became non-finite or left the divergence bound.</summary>
    Divergent,
}

/// <summary>The names of <see cref="LargeStepRegime"/> used in JSON and reports.</summary>
public static class LargeStepRegimeNames
{
    /// <summary><c>converged</c>, <c>period-2</c>, <c>period-4</c>, <c>periodic</c>, <c>chaotic</c> or <c>divergent</c>.</summary>
    public static string ToName(this LargeStepRegime regime) => regime switch
    {
        LargeStepRegime.Converged => "converged",
        LargeStepRegime.Period2 => "period-2",
        LargeStepRegime.Period4 => "period-4",
        LargeStepRegime.Periodic => "periodic",
        LargeStepRegime.Chaotic => "chaotic",
        _ => "divergent",
    };
}

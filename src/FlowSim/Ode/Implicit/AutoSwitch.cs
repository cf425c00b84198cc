namespace FlowSim.Ode;

/// <summary>
/// Automatic stiffness detection and switching (what <c>auto</c> runs on a problem not marked stiff): starts with Dormand–Prince 5(4) and switches
/// to <see cref="Rodas5"/> for the rest of the integration once DOPRI5's stiffness test fires on
/// <see cref="StiffSteps"/> consecutive steps (h·ρ &gt; 3.25). Each switch is counted in
/// <see cref="SolverStatistics.MethodSwitches"/>.
/// </summary>
/// <remarks>
/// Hairer, Nørsett &amp; Wanner, Solving ODEs I, §IV.2 (the test in DOPRI5: 15 consecutive stiff steps, reset after
/// 6 non-stiff ones); the idea of LSODA (Petzold 1983) and of OrdinaryDiffEq.jl's AutoTsit5(Rodas5()).
/// The switch is one-way: once stiff, the integration stays with Rodas5 (also after breakpoints).
/// </remarks>
public sealed class AutoSwitch : OdeAlgorithm
{
    /// <inheritdoc/>
    public override string Name => "auto";

    /// <inheritdoc/>
    public override int Order => 5;

    /// <inheritdoc/>
    public override bool IsAdaptive => true;

    /// <summary>Consecutive stiff-looking steps before the switch (DOPRI5 uses 15).</summary>
    public int StiffSteps { get; init; } = 15;

    /// <summary>Consecutive non-stiff steps that clear the count (DOPRI5 uses 6).</summary>
    public int NonStiffSteps { get; init; } = 6;

    /// <summary>Threshold of h·ρ (DOPRI5 uses 3.25, just inside its stability boundary of about 3.3).</summary>
    public double Threshold { get; init; } = 3.25;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException"><see cref="StiffSteps"/> or <see cref="NonStiffSteps"/> is below 1, or <see cref="Threshold"/> is not positive.</exception>
    public override OdeStepper CreateStepper(OdeProblem problem, OdeOptions options, SolverStatistics statistics)
    {
        if (StiffSteps < 1) throw new ArgumentException($"StiffSteps: must be ≥ 1 (got {StiffSteps}).", nameof(StiffSteps));
        if (NonStiffSteps < 1) throw new ArgumentException($"NonStiffSteps: must be ≥ 1 (got {NonStiffSteps}).", nameof(NonStiffSteps));
        if (!(Threshold > 0)) throw new ArgumentException($"Threshold: must be > 0 (got {Threshold}).", nameof(Threshold));
        return new AutoSwitchStepper(problem, options, statistics, this);
    }
}

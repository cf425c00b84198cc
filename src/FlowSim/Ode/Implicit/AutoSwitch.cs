namespace FlowSim.Ode;

/// <summary>
/// The method <c>auto</c>: starts with Dormand–Prince 5(4) and switches to a stiff method for the rest of the integration
/// once DOPRI5's stiffness test fires on <see cref="StiffSteps"/> consecutive steps (h·ρ &gt; 3.25); a problem marked
/// <see cref="OdeProblem.IsStiff"/> starts with the stiff method. The stiff method is <see cref="StiffMethod"/>, or by
/// default the one <see cref="StiffMethodFor"/> picks for the tolerance. Each switch is counted in
/// <see cref="SolverStatistics.MethodSwitches"/>. A stiff method whose Jacobian would exceed
/// <see cref="OdeOptions.MaxJacobianEntries"/> is never used: <c>auto</c> keeps DOPRI5, counts each refused switch in
/// <see cref="SolverStatistics.StiffSwitchesRefused"/> and says so in <see cref="OdeSolution.Message"/>.
/// </summary>
/// <remarks>
/// Hairer, Nørsett &amp; Wanner, Solving ODEs I, §IV.2 (the test in DOPRI5: 15 consecutive stiff steps, reset after
/// 6 non-stiff ones); the idea of LSODA (Petzold 1983) and of OrdinaryDiffEq.jl's AutoTsit5(Rodas5P()).
/// The switch is one-way: once stiff, the integration stays with the stiff method (also after breakpoints).
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

    /// <summary>The stiff method to switch to (or to start with on a stiff problem); null: <see cref="StiffMethodFor"/>.</summary>
    public OdeAlgorithm? StiffMethod { get; init; }

    /// <summary>
    /// The stiff method for a relative tolerance, from the ODE suite's eight stiff problems (benchmarks/odesuite/README.md):
    /// <see cref="RadauIIA5"/> above rtol 1e-5, <see cref="RadauIIA9"/> from 1e-5 down. radau5 needed fewer right-hand side
    /// evaluations than radau9 in 7, 6 and 7 of the 8 problems at rtol 1e-2, 1e-3 and 1e-4, 4 of 8 at 1e-5, and none at
    /// any rtol from 1e-6 to 1e-12 (radau9 also the more accurate in 4 to 7 of the 8 there). Against
    /// <see cref="Rodas5P"/> (1e-3 … 1e-8): on problems that do not declare themselves autonomous (a user's problem,
    /// usually) radau5 needed fewer evaluations in 28 of the 32 problem–tolerance cells; when they do (∂f/∂t then costs Rodas5P nothing), Rodas5P is cheaper in 18
    /// cells but less accurate in 14 of them, and better on both counts in 4 (Robertson at 1e-3 … 1e-6, HIRES at 1e-3).
    /// Rodas5P also loses E5's linear invariant (a Rosenbrock step carries the rounding of J into the solution) and needs
    /// a Jacobian every step, n evaluations when J comes from finite differences, where Radau IIA keeps one over many
    /// steps.
    /// </summary>
    public static OdeAlgorithm StiffMethodFor(double relTol) => relTol <= 1e-5 ? new RadauIIA9() : new RadauIIA5();

    /// <inheritdoc/>
    /// <exception cref="ArgumentException"><see cref="StiffSteps"/> or <see cref="NonStiffSteps"/> is below 1, <see cref="Threshold"/>
    /// is not positive, or <see cref="StiffMethod"/> is not a stiff method.</exception>
    public override OdeStepper CreateStepper(OdeProblem problem, OdeOptions options, SolverStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        if (StiffMethod is { IsStiff: false } m)
            throw new ArgumentException($"StiffMethod: '{m.Name}' is not a stiff method.", nameof(StiffMethod));
        bool stiffAllowed = JacobianBudget.Fits(problem, options);
        if (problem.IsStiff && stiffAllowed) return StiffMethodOf(options.RelTol).CreateStepper(problem, options, statistics);
        if (StiffSteps < 1) throw new ArgumentException($"StiffSteps: must be ≥ 1 (got {StiffSteps}).", nameof(StiffSteps));
        if (NonStiffSteps < 1) throw new ArgumentException($"NonStiffSteps: must be ≥ 1 (got {NonStiffSteps}).", nameof(NonStiffSteps));
        if (!(Threshold > 0)) throw new ArgumentException($"Threshold: must be > 0 (got {Threshold}).", nameof(Threshold));
        return new AutoSwitchStepper(problem, options, statistics, this, stiffAllowed);
    }

    /// <summary>The stiff method of a run at this tolerance: <see cref="StiffMethod"/> when set.</summary>
    internal OdeAlgorithm StiffMethodOf(double relTol) => StiffMethod ?? StiffMethodFor(relTol);
}

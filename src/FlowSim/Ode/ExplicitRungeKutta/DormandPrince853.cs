namespace FlowSim.Ode;

/// <summary>
/// Dormand–Prince 8(5,3) (<c>dop853</c>), Hairer's DOP853: 12 stages (11 new evaluations per step plus
/// f(t + h, y_new)), 8th-order propagation, an error estimate that combines a 5th- and a 3rd-order embedded
/// solution, I step control (β = 0, exponent 1/8, step ratio in [1/3, 6] as in Hairer's code; SciPy uses [0.2, 10]), and a 7th-order continuous extension
/// that costs three extra evaluations per step, made only when the dense output is used.
/// </summary>
/// <remarks>
/// P. J. Prince &amp; J. R. Dormand, "High order embedded Runge–Kutta formulae", J. Comput. Appl. Math. 7
/// (1981) 67–75; the 8(5,3) error estimator and the dense output as in E. Hairer, S. P. Nørsett &amp;
/// G. Wanner, Solving Ordinary Differential Equations I, 2nd ed., Springer 1993, §II.10 (code DOP853), the
/// method behind SciPy's <c>DOP853</c>.
/// </remarks>
public sealed partial class DormandPrince853 : ExplicitRungeKuttaAlgorithm
{
    // Built on first use: the coefficient arrays live in the other part of this partial class, and the order of
    // static initialisers across the files of a partial class is unspecified.
    private static ButcherTableau? s_tableau;

    private static ButcherTableau CreateTableau() => new(
        a: StageA,
        b: StageB,
        c: StageC,
        order: 8,
        errorWeights: ErrorWeights5,
        // The combined estimate behaves like h^8 (Hairer's exponent 1/8).
        errorOrder: 7,
        dense: BuildDenseMatrix(),
        denseOrder: 7,
        denseStageA: ExtraA,
        denseStageC: ExtraC);

    /// <summary>Creates the method with Hairer's I controller (β = 0).</summary>
    public DormandPrince853() => ControllerBeta = 0.0;

    /// <inheritdoc/>
    public override string Name => "dop853";

    /// <inheritdoc/>
    public override ButcherTableau Tableau => s_tableau ??= CreateTableau();

    /// <summary>The 3rd-order error weights b − b̂₃ combined with <see cref="ButcherTableau.ErrorWeights"/> (the 5th-order ones).</summary>
    public static IReadOnlyList<double> ThirdOrderErrorWeights => ErrorWeights3;

    /// <summary>Smallest ratio h_new/h of one step: Hairer's FAC1 = 0.333 (SciPy's DOP853 uses 0.2).</summary>
    public double MinStepRatio { get; init; } = 0.333;

    /// <summary>Largest ratio h_new/h of one step: Hairer's FAC2 = 6 (SciPy's DOP853 uses 10). Measured: on the
    /// asymmetric-MF flow at d = 256 (`flowsim bench flow --d 256`) 6 takes one step more than SciPy, 494 evaluations
    /// against 482, and SciPy's bounds take exactly 482 (same counts as SciPy at d = 16 and 64 either way); but SciPy's
    /// bounds let the global error at rtol 1e-12 on the deep scalar flow grow from 2.2e-12 to 1.3e-11 against the
    /// closed form, so the default stays Hairer's.</summary>
    public double MaxStepRatio { get; init; } = 6.0;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">MinStepRatio is not in (0, 1) or MaxStepRatio is not finite and &gt; 1.</exception>
    protected override IStepSizeController CreateController()
    {
        if (!(MinStepRatio > 0 && MinStepRatio < 1))
            throw new ArgumentException($"MinStepRatio: must be in (0, 1) (got {MinStepRatio}).", nameof(MinStepRatio));
        if (!(MaxStepRatio > 1) || !double.IsFinite(MaxStepRatio))
            throw new ArgumentException($"MaxStepRatio: must be finite and > 1 (got {MaxStepRatio}).", nameof(MaxStepRatio));
        return new PiStepSizeController { Beta = ControllerBeta, MinFactor = MinStepRatio, MaxFactor = MaxStepRatio };
    }

    private protected override ExplicitRungeKuttaStepper CreateRungeKuttaStepper(OdeProblem problem, OdeOptions options,
        SolverStatistics statistics, IStepSizeController? controller, double fixedStep) =>
        new DormandPrince853Stepper(problem, options, statistics, Tableau, ErrorWeights3, controller, fixedStep);
}

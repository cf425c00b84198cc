namespace FlowSim.Ode;

/// <summary>
/// Radau IIA collocation methods of s stages (order 2s − 1; stiffly accurate and L-stable), as in Hairer and Wanner's
/// RADAU5 and RADAU: simplified Newton iterations decoupled by the eigenvectors of A⁻¹ into one real and (s − 1)/2
/// complex linear systems; the Jacobian is kept while Newton converges fast and the factorisations while the step
/// changes little; the contraction rate is monitored and a slow iteration shortens the step early; Hairer's embedded
/// error estimate (of order s, filtered through the real iteration matrix); Gustafsson's predictive step-size
/// controller; the collocation polynomial as dense output (degree s, continuous). <see cref="RadauIIA5"/> (s = 3) and
/// <see cref="RadauIIA9"/> (s = 5).
/// </summary>
/// <remarks>
/// E. Hairer &amp; G. Wanner, Solving Ordinary Differential Equations II, 2nd ed., Springer 1996, §IV.8 (the code RADAU5
/// and its error estimate, eq. (8.19)–(8.20)); E. Hairer &amp; G. Wanner, Stiff differential equations solved by Radau
/// methods, J. Comput. Appl. Math. 111 (1999) 93–111 (the codes RADAU5 and RADAU of orders 5, 9 and 13). By default the
/// tolerances are used as given, as SciPy's <c>Radau</c> does; <see cref="TransformTolerances"/> applies RADAU5's
/// rtol' = 0.1·rtol^(2/3), atol' = atol·rtol'/rtol, which makes the global error follow the requested tolerance where
/// the order of the estimate is below that of the solution.
/// </remarks>
public abstract class RadauIIA : OdeAlgorithm
{
    /// <summary>Sets the default Newton iteration count of the stage count.</summary>
    private protected RadauIIA(int maxNewtonIterations) => MaxNewtonIterations = maxNewtonIterations;

    /// <inheritdoc/>
    public override bool IsAdaptive => FixedStep is null;

    /// <inheritdoc/>
    public override bool IsStiff => true;

    /// <summary>When set, every step has this size (convergence studies); no error control.</summary>
    public double? FixedStep { get; init; }

    /// <summary>Newton iterations per attempt (RADAU5's NIT: 7 for three stages).</summary>
    public int MaxNewtonIterations { get; init; }

    /// <summary>The Jacobian is recomputed after a step whose Newton contraction rate exceeded this (RADAU5's THET). Null
    /// (default): Hairer's advice, 0.001 for an analytic Jacobian (cheap: keep Newton fast) and 0.1 for a
    /// finite-difference one (n right-hand side calls, or bandwidth + 1, each time: keep it longer).</summary>
    public double? JacobianRecomputeRate { get; init; }

    /// <summary>The step is kept (and with it the factorisations) when the controller's new step lies within
    /// [1, <see cref="KeepStepRatio"/>] times the old one (RADAU5's QUOT1 = 1, QUOT2 = 1.2).</summary>
    public double KeepStepRatio { get; init; } = 1.2;

    /// <summary>Transform the tolerances as RADAU5 does (see the remarks); false (default) uses them as given, as SciPy's Radau.</summary>
    public bool TransformTolerances { get; init; }

    /// <summary>The constants of the stage count.</summary>
    internal abstract RadauIIATableau Tableau { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">A setting is out of range (the message names it), or the Jacobian exceeds
    /// <see cref="OdeOptions.MaxJacobianEntries"/>.</exception>
    public override OdeStepper CreateStepper(OdeProblem problem, OdeOptions options, SolverStatistics statistics)
    {
        if (FixedStep is { } h && !(h > 0 && double.IsFinite(h)))
            throw new ArgumentException($"FixedStep: must be finite and > 0 (got {h}).", nameof(FixedStep));
        if (MaxNewtonIterations < 1)
            throw new ArgumentException($"MaxNewtonIterations: must be ≥ 1 (got {MaxNewtonIterations}).", nameof(MaxNewtonIterations));
        if (JacobianRecomputeRate is { } rate && !(rate >= 0 && rate < 1))
            throw new ArgumentException($"JacobianRecomputeRate: must lie in [0, 1) (got {rate}).", nameof(JacobianRecomputeRate));
        if (!(KeepStepRatio >= 1) || !double.IsFinite(KeepStepRatio))
            throw new ArgumentException($"KeepStepRatio: must be finite and ≥ 1 (got {KeepStepRatio}).", nameof(KeepStepRatio));
        JacobianBudget.Check(problem, options, Name);
        return new RadauIIAStepper(problem, options, statistics, this,
            FixedStep is null ? new PredictiveStepSizeController() : null);
    }
}

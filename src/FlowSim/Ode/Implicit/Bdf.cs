namespace FlowSim.Ode;

/// <summary>
/// Variable-order (1–5), variable-step BDF with the NDF modification (<c>bdf</c>), in the quasi-constant
/// step-size form of SciPy's <c>BDF</c>: backward differences of the solution, simplified Newton iterations
/// that reuse the Jacobian and the LU factorisation across steps, error estimate from the (k+1)-th
/// difference, order selection, and dense output from the interpolating polynomial.
/// </summary>
/// <remarks>
/// Byrne &amp; Hindmarsh, ACM TOMS 1 (1975) 71–96 (the framework); Shampine &amp; Reichelt, SIAM J. Sci. Comput.
/// 18 (1997) 1–22 (quasi-constant step, NDF with κ = −0.1850, −1/9, −0.0823, −0.0415, 0); Hairer, Nørsett &amp;
/// Wanner, Solving ODEs I, §III.2 (the error estimate). The algorithm follows SciPy's
/// <c>scipy/integrate/_ivp/bdf.py</c>.
/// </remarks>
public sealed class Bdf : OdeAlgorithm
{
    /// <inheritdoc/>
    public override string Name => "bdf";

    /// <summary>Highest order used (the method starts at order 1 and varies).</summary>
    public override int Order => BdfStepper.MaxOrder;

    /// <inheritdoc/>
    public override bool IsAdaptive => true;

    /// <inheritdoc/>
    public override bool IsStiff => true;

    /// <summary>Use the numerical differentiation formulas (NDF, default) rather than plain BDF.</summary>
    public bool UseNdf { get; init; } = true;

    /// <summary>Highest order the method may select, 1–5 (default 5).</summary>
    public int MaxOrder { get; init; } = BdfStepper.MaxOrder;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException"><see cref="MaxOrder"/> is outside 1–5, or the options pass a step-size
    /// controller (BDF chooses its step together with its order).</exception>
    public override OdeStepper CreateStepper(OdeProblem problem, OdeOptions options, SolverStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.StepSizeController is not null)
            throw new ArgumentException("StepSizeController: bdf chooses its step size together with its order and takes no controller; use a one-step method (dp5, dop853, rodas5, …).", nameof(options));
        if (MaxOrder is < 1 or > BdfStepper.MaxOrder)
            throw new ArgumentException($"MaxOrder: must lie in 1–{BdfStepper.MaxOrder} (got {MaxOrder}).", nameof(MaxOrder));
        return new BdfStepper(problem, options, statistics, UseNdf, MaxOrder);
    }
}

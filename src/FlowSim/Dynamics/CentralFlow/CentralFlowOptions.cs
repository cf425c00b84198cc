namespace FlowSim.Dynamics.CentralFlow;

/// <summary>
/// Settings of a central-flow run (THEORY §6.2): the step size η whose descent it describes, the engine method and
/// tolerances, how many top eigenpairs are tracked and which count as critical, and the rate at which the constraint
/// S = 2/η is held. Immutable; checked by <see cref="Validate"/>.
/// </summary>
public sealed record CentralFlowOptions
{
    /// <summary>The paper's code treats eigenvalues of ηH above 1.95 as critical: 1.95/η = 0.975·(2/η).</summary>
    public const double PaperCriticalFraction = 0.975;

    /// <summary>The step size η of the descent the flow describes (required, finite, &gt; 0); the edge is 2/η.</summary>
    public required double StepSize { get; init; }

    /// <summary>Engine method (default <c>dop853</c>; see <see cref="Ode.OdeMethods"/>).</summary>
    public string Method { get; init; } = "dop853";

    /// <summary>Relative tolerance of the engine (default 1e-10).</summary>
    public double RelTol { get; init; } = 1e-10;

    /// <summary>Absolute tolerance of the engine (default 1e-12).</summary>
    public double AbsTol { get; init; } = 1e-12;

    /// <summary>Number of top Hessian eigenpairs tracked (default 1, at most 16); those at or above
    /// <see cref="CriticalFraction"/>·2/η enter the covariance problem once the constraint is active.</summary>
    public int Eigenvalues { get; init; } = 1;

    /// <summary>Tracked eigenvalues at or above this fraction of 2/η are critical (default
    /// <see cref="PaperCriticalFraction"/>, the paper's 1.95/η); in (0, 1].</summary>
    public double CriticalFraction { get; init; } = PaperCriticalFraction;

    /// <summary>
    /// The Baumgarte rate c, in units of 1/step: the constraint is held by asking every critical eigenvalue to obey
    /// dλ/dτ = −(c/η)(λ − 2/η) whenever its multiplier is positive, so a drift of the integrated state away from
    /// S = 2/η decays within 1/c descent steps. The paper's discretised flow does the same with c = 1/dt = 4 (its
    /// constraint on the linearised next eigenvalues). Default 10; finite and &gt; 0.
    /// </summary>
    public double ConstraintRate { get; init; } = 10;

    /// <summary>Relative residual tolerance of the Lanczos solves inside the right-hand side (default 1e-12): the
    /// eigenvector must be smooth in θ to well below the engine's tolerance.</summary>
    public double EigenTolerance { get; init; } = 1e-12;

    /// <summary>Times at which the state is recorded (from the dense output); null records every step.</summary>
    public IReadOnlyList<double>? OutputTimes { get; init; }

    /// <summary>Keep the dense output of both phases.</summary>
    public bool Dense { get; init; }

    /// <summary>Largest number of accepted steps per phase (default 1,000,000).</summary>
    public long MaxSteps { get; init; } = 1_000_000;

    /// <summary>Checks the options; throws naming the first invalid one.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public void Validate()
    {
        DynamicsChecks.StepSize(StepSize, nameof(StepSize));
        if (Eigenvalues is < 1 or > 16) throw new ArgumentException($"Eigenvalues: must be between 1 and 16 (got {Eigenvalues}).", nameof(Eigenvalues));
        if (!(CriticalFraction > 0 && CriticalFraction <= 1))
            throw new ArgumentException($"CriticalFraction: must be in (0, 1] (got {CriticalFraction}).", nameof(CriticalFraction));
        if (!(ConstraintRate > 0) || !double.IsFinite(ConstraintRate))
            throw new ArgumentException($"ConstraintRate: must be finite and > 0 (got {ConstraintRate}).", nameof(ConstraintRate));
        if (!(EigenTolerance >= 1e-15) || !double.IsFinite(EigenTolerance))
            throw new ArgumentException($"EigenTolerance: must be finite and ≥ 1e-15 (got {EigenTolerance}).", nameof(EigenTolerance));
        if (string.IsNullOrWhiteSpace(Method)) throw new ArgumentException("Method: give an engine method name.", nameof(Method));
    }
}

namespace FlowSim.Dynamics.CentralFlow;

/// <summary>
/// Settings of a central-flow run (THEORY §6.2): the step size η whose descent it describes, the engine method and
/// tolerances, and how many top eigenpairs are tracked and which count as critical. Immutable; checked by
/// <see cref="Validate"/>.
/// </summary>
public sealed record CentralFlowOptions
{
    /// <summary>Default <see cref="CriticalBand"/>: far above the engine's drift of S (≈1e-13 relative, measured), far
    /// below the 1e-5 to which the constraint is to hold.</summary>
    public const double DefaultCriticalBand = 1e-8;

    /// <summary>The step size η of the descent the flow describes (required, finite, &gt; 0); the edge is 2/η.</summary>
    public required double StepSize { get; init; }

    /// <summary>Engine method (default <c>dop853</c>; see <see cref="Ode.OdeMethods"/>).</summary>
    public string Method { get; init; } = "dop853";

    /// <summary>Relative tolerance of the engine (default 1e-10).</summary>
    public double RelTol { get; init; } = 1e-10;

    /// <summary>Absolute tolerance of the engine (default 1e-12).</summary>
    public double AbsTol { get; init; } = 1e-12;

    /// <summary>Number of top Hessian eigenpairs tracked (default 1, at most 16). Each is held at the edge from the
    /// event where it reaches 2/η; an eigenvalue beyond the tracked ones is not seen and may pass the edge, so track one
    /// more than you expect to hold.</summary>
    public int Eigenvalues { get; init; } = 1;

    /// <summary>
    /// δ (default <see cref="DefaultCriticalBand"/>, in (0, 0.1]): a held eigenvalue whose multiplier has vanished is
    /// released when it has fallen to (1 − δ)·2/η, and a start above the edge holds, after its projection, the eigenvalues
    /// within δ of the edge. Eigenvalues are taken on exactly at 2/η, by events. (The paper's code treats every eigenvalue
    /// of ηH above 1.95 as critical, δ = 0.025, because its discretised constraint must see an eigenvalue one substep
    /// before it arrives; the ODE with events needs no look-ahead.)
    /// </summary>
    public double CriticalBand { get; init; } = DefaultCriticalBand;

    /// <summary>
    /// c, an optional Baumgarte rate in units of 1/step (default 0: none; at most 10): α_aa gains γ(λ_a − 2/η), γ = c/η,
    /// so that a drift of a held eigenvalue off the edge decays at the rate γ. Off by default because S is a first
    /// integral of the active flow that the engine holds without help, while a fixed γ meets the engine's long steps as a
    /// stiff mode. Measured (max |S − 2/η|/(2/η) on the recorded points, largest loss rise between them): MF4 at η = 1.02
    /// over 400 steps on the grid kη, rtol 1e-10: c = 0: 2.0e-14, 4.5e-18; c = 0.1: 8.8e-15, 1.2e-17; c = 1: 1.3e-12,
    /// 6.2e-15; c = 4 (what the paper's discretisation with 4 substeps amounts to): 2.7e-6, 3.3e-8; c = 10: 9.6e-6,
    /// 9.2e-11. Scalar-2 at η = 1.1 over τ = 11000, every step: c = 0: 2.5e-12, 1.2e-15; c = 0.1: 3.3e-10, 2.3e-11.
    /// </summary>
    public double ConstraintRate { get; init; }

    /// <summary>Relative residual tolerance of the Lanczos solves inside the right-hand side (default 1e-12): the
    /// eigenvectors must be smooth in θ to well below the engine's tolerance.</summary>
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
        if (!(CriticalBand > 0 && CriticalBand <= 0.1))
            throw new ArgumentException($"CriticalBand: must be in (0, 0.1] (got {CriticalBand}).", nameof(CriticalBand));
        if (!(ConstraintRate >= 0 && ConstraintRate <= 10))
            throw new ArgumentException($"ConstraintRate: must be in [0, 10] (got {ConstraintRate}).", nameof(ConstraintRate));
        if (!(EigenTolerance >= 1e-15) || !double.IsFinite(EigenTolerance))
            throw new ArgumentException($"EigenTolerance: must be finite and ≥ 1e-15 (got {EigenTolerance}).", nameof(EigenTolerance));
        if (string.IsNullOrWhiteSpace(Method)) throw new ArgumentException("Method: give an engine method name.", nameof(Method));
    }
}

namespace FlowSim.Analysis.Sharpness;

/// <summary>
/// Settings of <see cref="LanczosEigensolver"/>: how many top eigenpairs, how accurately, and the size of the Krylov
/// basis before a thick restart. Immutable; checked by <see cref="Validate"/>.
/// </summary>
public sealed record LanczosOptions
{
    /// <summary>k, the number of algebraically largest eigenpairs wanted (default 1: the sharpness). It is also the block
    /// size, so an eigenvalue of multiplicity up to k is resolved.</summary>
    public int Count { get; init; } = 1;

    /// <summary>Stop when every wanted Ritz pair has ‖Hy − θy‖ ≤ Tolerance·max|θ| over all Ritz values (an estimate of
    /// ‖H‖). The eigenvalue error is then about Tolerance²·‖H‖²/gap, the eigenvector error Tolerance·‖H‖/gap.
    /// Default 1e-10; at least 1e-15.</summary>
    public double Tolerance { get; init; } = 1e-10;

    /// <summary>Largest Krylov basis kept before a thick restart (default 48; capped at the dimension).</summary>
    public int MaxBasis { get; init; } = 48;

    /// <summary>A solve stops unconverged after this many Hessian-vector products (default 2000).</summary>
    public int MaxProducts { get; init; } = 2000;

    /// <summary>Size, relative to a unit vector, of the random component added to a warm start (default 1e-6). It lets
    /// an eigenvalue that has overtaken the tracked ones enter the Krylov space; 0 disables it.</summary>
    public double WarmStartNoise { get; init; } = 1e-6;

    /// <summary>
    /// Degree p of the second warm start (default 3; null: none, the warm start is the last solve's eigenvectors alone;
    /// at most 6): the polynomial extrapolation to this solve of the eigenvectors of the solves 2, 4, …, 2(p + 1) before.
    /// Along descent's 2-cycle at the edge of stability those are the same phase's, while the last solve's top eigenvector
    /// may be another mode, on top at the other phase. The start block holds both; Rayleigh–Ritz keeps the better
    /// combination, at k products more per solve, and the Krylov space grows from it. A lower degree is used while fewer
    /// solves exist. Measured on <c>flowsim bench lanczos --d 64</c> (benchmarks/README.md): products per warm solve after
    /// the onset 77.3 without, 32.4 with p = 0 (the eigenvector of two solves back), 21.4 with p = 3 (max 131 → 71); higher
    /// degrees amplify the eigenvectors' own errors (p = 5: 22.8).
    /// </summary>
    public int? SamePhaseExtrapolation { get; init; } = 3;

    /// <summary>Seed of the random start vectors (FlowSim's xoshiro256**), so a run is reproducible.</summary>
    public ulong Seed { get; init; } = 0x1A2C205;

    /// <summary>Checks the options; throws naming the first invalid one.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public void Validate()
    {
        if (Count < 1) throw new ArgumentException($"Count: need at least one eigenpair (got {Count}).", nameof(Count));
        if (!(Tolerance >= 1e-15) || !double.IsFinite(Tolerance))
            throw new ArgumentException($"Tolerance: must be finite and ≥ 1e-15 (got {Tolerance}).", nameof(Tolerance));
        if (MaxBasis < Count + 2)
            throw new ArgumentException($"MaxBasis: must be at least Count + 2 = {Count + 2} (got {MaxBasis}).", nameof(MaxBasis));
        if (SamePhaseExtrapolation is < 0 or > 6)
            throw new ArgumentException($"SamePhaseExtrapolation: the degree must be between 0 and 6, or null for none (got {SamePhaseExtrapolation}).", nameof(SamePhaseExtrapolation));
        if (MaxProducts < 1) throw new ArgumentException($"MaxProducts: must be ≥ 1 (got {MaxProducts}).", nameof(MaxProducts));
        if (!(WarmStartNoise >= 0) || !double.IsFinite(WarmStartNoise))
            throw new ArgumentException($"WarmStartNoise: must be finite and ≥ 0 (got {WarmStartNoise}).", nameof(WarmStartNoise));
    }
}

/// <summary>How one <see cref="LanczosEigensolver"/> solve ended.</summary>
/// <param name="Converged">Every wanted Ritz pair met the tolerance (or the basis spanned the whole space).</param>
/// <param name="HessianVectorProducts">Products H·v this solve cost: the measurement of its price.</param>
/// <param name="Restarts">Thick restarts taken.</param>
/// <param name="MaxResidual">Largest ‖Hy − θy‖ over the wanted pairs, computed from stored products (not estimated).</param>
/// <param name="Scale">max|θ| over all Ritz values, the scale the tolerance is relative to.</param>
/// <param name="WarmStarted">The solve began from the previous solve's eigenvectors.</param>
public readonly record struct LanczosResult(bool Converged, int HessianVectorProducts, int Restarts, double MaxResidual, double Scale, bool WarmStarted);

/// <summary>A symmetric linear map v ↦ A·v, applied in place (a Hessian at fixed θ, or an explicit matrix).</summary>
public interface ISymmetricOperator
{
    /// <summary>Dimension of the space.</summary>
    int Dimension { get; }
    /// <summary>Writes A·v into <paramref name="result"/>; must not keep either span.</summary>
    void Apply(ReadOnlySpan<double> v, Span<double> result);
}

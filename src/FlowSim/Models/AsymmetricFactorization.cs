namespace FlowSim.Models;

/// <summary>
/// Asymmetric matrix factorisation (THEORY §2.1, Ye–Du): f(U, V) = ½‖Σ − UVᵀ‖²_F with U m×h, V n×h and a
/// general m×n target Σ. ∇_U f = (UVᵀ − Σ)V, ∇_V f = (UVᵀ − Σ)ᵀU, with the residual computed once per call.
/// </summary>
public sealed class AsymmetricFactorization : TwoFactorModel
{
    /// <summary>Creates the objective for the m×n target <paramref name="sigma"/> (column-major).</summary>
    /// <exception cref="ArgumentException">A size is not positive, sigma has the wrong length or a non-finite entry.</exception>
    public AsymmetricFactorization(int m, int n, int h, ReadOnlySpan<double> sigma)
        : base(m, n, h, sigma, nameof(sigma))
    {
    }

    /// <inheritdoc />
    public override string Name => "asymmetric-mf";

    private protected override double ComputeResidual(ReadOnlySpan<double> theta)
    {
        ProductMinusTarget(theta, Residual);
        double s = Linalg.LinearAlgebra.Dot(Residual, Residual);
        return 0.5 * s;
    }

    private protected override void ComputeResidualOnly(ReadOnlySpan<double> theta) => ProductMinusTarget(theta, Residual);

    private protected override void ApplyNormalOperator(Span<double> difference)
    {
    }
}

using FlowSim.Linalg;

namespace FlowSim.Models;

/// <summary>
/// Common core of the two-factor models f(U, V) = ½‖ℛ(UVᵀ − T)‖² with a linear map ℛ (the identity for
/// factorisation, a measurement operator for sensing): θ = [vec U; vec V], U m×h, V n×h, column-major.
/// With the "residual" R = ℛ*ℛ(UVᵀ − T), ∇_U f = RV and ∇_V f = RᵀU share one R per call.
/// </summary>
public abstract class TwoFactorModel : IFactorizedObjective, IHessianVectorProduct
{
    private readonly double[] _target;
    // −T, so that UVᵀ − T is one product with beta = 1 on −T: no scaling pass over C (beta = −1 costs one).
    private readonly double[] _negatedTarget;
    private readonly FactorShape[] _factors;
    /// <summary>R = ℛ*ℛ(UVᵀ − T), m×n; valid after <see cref="ComputeResidual"/>.</summary>
    private protected readonly double[] Residual;
    private readonly double[] _dResidual;

    private protected TwoFactorModel(int m, int n, int h, ReadOnlySpan<double> target, string targetName)
    {
        M = ModelArguments.Positive(m, nameof(m));
        N = ModelArguments.Positive(n, nameof(n));
        H = ModelArguments.Positive(h, nameof(h));
        _target = ModelArguments.FiniteMatrix(target, m, n, targetName);
        _negatedTarget = new double[_target.Length];
        for (int i = 0; i < _target.Length; i++) _negatedTarget[i] = -_target[i];
        _factors = [new FactorShape("U", m, h, 0), new FactorShape("V", n, h, m * h)];
        Residual = new double[m * n];
        _dResidual = new double[m * n];
    }

    /// <summary>Rows of U (and of the target).</summary>
    public int M { get; }
    /// <summary>Rows of V (columns of the target).</summary>
    public int N { get; }
    /// <summary>Columns of U and V: the number of hidden neurons.</summary>
    public int H { get; }
    /// <inheritdoc />
    public abstract string Name { get; }
    /// <inheritdoc />
    public int ParameterCount => (M + N) * H;
    /// <inheritdoc />
    public IReadOnlyList<FactorShape> Factors => _factors;
    /// <inheritdoc />
    public int ProductRows => M;
    /// <inheritdoc />
    public int ProductColumns => N;
    /// <inheritdoc />
    public ReadOnlySpan<double> Target => _target;

    /// <summary>U, the first m·h entries of θ.</summary>
    public ReadOnlySpan<double> U(ReadOnlySpan<double> theta) => theta[..(M * H)];
    /// <summary>V, the last n·h entries of θ.</summary>
    public ReadOnlySpan<double> V(ReadOnlySpan<double> theta) => theta.Slice(M * H, N * H);

    /// <inheritdoc />
    public void Product(ReadOnlySpan<double> theta, Span<double> product)
    {
        CheckTheta(theta);
        ModelArguments.Length(product.Length, M * N, nameof(product));
        LinearAlgebra.Gemm(Transpose.No, Transpose.Yes, M, N, H, 1.0, U(theta), M, V(theta), N, 0.0, product, M);
    }

    /// <summary>Writes D = UVᵀ − target into <paramref name="difference"/> (m×n).</summary>
    private protected void ProductMinusTarget(ReadOnlySpan<double> theta, Span<double> difference)
    {
        // The copy of −T rides with the product: each thread copies the columns it then computes.
        LinearAlgebra.Gemm(new GemmArguments(Transpose.No, Transpose.Yes, M, N, H, 1.0, U(theta), M, V(theta), N, 1.0, difference, M, _negatedTarget));
    }

    /// <summary>Fills <see cref="Residual"/> with ℛ*ℛ(UVᵀ − T) and returns the loss.</summary>
    private protected abstract double ComputeResidual(ReadOnlySpan<double> theta);

    /// <summary>Replaces <paramref name="difference"/> (m×n) by ℛ*ℛ applied to it.</summary>
    private protected abstract void ApplyNormalOperator(Span<double> difference);

    /// <inheritdoc />
    public double Loss(ReadOnlySpan<double> theta)
    {
        CheckTheta(theta);
        return ComputeResidual(theta);
    }

    /// <inheritdoc />
    public double Gradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        CheckTheta(theta);
        ModelArguments.Length(gradient.Length, ParameterCount, nameof(gradient));
        double loss = ComputeResidual(theta);
        ResidualTimesFactors(theta, 1.0, gradient);
        return loss;
    }

    /// <inheritdoc />
    /// <remarks>The scale goes into the two products' alpha, and the loss is not computed.</remarks>
    public void ScaledGradient(ReadOnlySpan<double> theta, double scale, Span<double> result)
    {
        CheckTheta(theta);
        ModelArguments.Length(result.Length, ParameterCount, nameof(result));
        ComputeResidualOnly(theta);
        ResidualTimesFactors(theta, scale, result);
    }

    /// <summary>Fills <see cref="Residual"/> like <see cref="ComputeResidual"/> where the loss is not needed; a model
    /// whose loss costs a pass of its own overrides it to skip that pass.</summary>
    private protected virtual void ComputeResidualOnly(ReadOnlySpan<double> theta) => ComputeResidual(theta);

    /// <summary>(scale·RV, scale·RᵀU) into the two blocks of <paramref name="result"/>.</summary>
    private void ResidualTimesFactors(ReadOnlySpan<double> theta, double scale, Span<double> result)
    {
        int mh = M * H;
        // The two products share only R: they run side by side on FlowSim's threads (LinearAlgebra.GemmPair).
        LinearAlgebra.GemmPair(
            new GemmArguments(Transpose.No, Transpose.No, M, H, N, scale, Residual, M, V(theta), N, 0.0, result[..mh], M),
            new GemmArguments(Transpose.Yes, Transpose.No, N, H, M, scale, Residual, M, U(theta), M, 0.0, result[mh..], N));
    }

    /// <inheritdoc />
    /// <remarks>With dD = dU Vᵀ + U dVᵀ and dR = ℛ*ℛ dD: H·(dU, dV) = (dR V + R dV, dRᵀU + Rᵀ dU).</remarks>
    public void HessianVectorProduct(ReadOnlySpan<double> theta, ReadOnlySpan<double> v, Span<double> result)
    {
        CheckTheta(theta);
        ModelArguments.Length(v.Length, ParameterCount, nameof(v));
        ModelArguments.Length(result.Length, ParameterCount, nameof(result));
        ComputeResidual(theta);
        int mh = M * H;
        var u = U(theta);
        var vv = V(theta);
        var du = v[..mh];
        var dv = v[mh..];
        TwoFactorProducts.OuterSum(M, N, H, du, vv, u, dv, _dResidual);
        ApplyNormalOperator(_dResidual);
        TwoFactorProducts.PullBack(M, N, H, 1.0, _dResidual, vv, u, Residual, dv, du, result);
    }

    /// <summary>Imbalance UᵀU − VᵀV (h×h) of θ, written into <paramref name="imbalance"/>.</summary>
    public void Imbalance(ReadOnlySpan<double> theta, Span<double> imbalance)
    {
        CheckTheta(theta);
        ModelArguments.Length(imbalance.Length, H * H, nameof(imbalance));
        LinearAlgebra.Gemm(Transpose.Yes, Transpose.No, H, H, M, 1.0, U(theta), M, U(theta), M, 0.0, imbalance, H);
        LinearAlgebra.Gemm(Transpose.Yes, Transpose.No, H, H, N, -1.0, V(theta), N, V(theta), N, 1.0, imbalance, H);
    }

    /// <summary>Stacks θ = [vec U; vec V] into W = [U; V], (m+n)×h column-major.</summary>
    public void ToStacked(ReadOnlySpan<double> theta, Span<double> stacked)
    {
        CheckTheta(theta);
        ModelArguments.Length(stacked.Length, ParameterCount, nameof(stacked));
        int s = M + N;
        for (int j = 0; j < H; j++)
        {
            theta.Slice(j * M, M).CopyTo(stacked.Slice(j * s, M));
            theta.Slice(M * H + j * N, N).CopyTo(stacked.Slice(j * s + M, N));
        }
    }

    /// <summary>Inverse of <see cref="ToStacked"/>: W = [U; V] back to θ.</summary>
    public void FromStacked(ReadOnlySpan<double> stacked, Span<double> theta)
    {
        ModelArguments.Length(stacked.Length, ParameterCount, nameof(stacked));
        ModelArguments.Length(theta.Length, ParameterCount, nameof(theta));
        int s = M + N;
        for (int j = 0; j < H; j++)
        {
            stacked.Slice(j * s, M).CopyTo(theta.Slice(j * M, M));
            stacked.Slice(j * s + M, N).CopyTo(theta.Slice(M * H + j * N, N));
        }
    }

    private protected void CheckTheta(ReadOnlySpan<double> theta)
    {
        if (theta.Length != ParameterCount)
            throw new ArgumentException($"theta: expected {ParameterCount} parameters ((m + n)·h = ({M} + {N})·{H}), got {theta.Length}.", nameof(theta));
    }
}

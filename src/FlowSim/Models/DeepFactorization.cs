using FlowSim.Linalg;

namespace FlowSim.Models;

/// <summary>
/// Deep matrix factorisation (THEORY §3.1, Chou et al.): L = ½‖W_N⋯W_1 − Â‖²_F for any depth N ≥ 1, with
/// W_j of shape d_j×d_{j−1} (d×d in the paper) stored in θ as W_1, …, W_N, column-major.
/// </summary>
/// <remarks>
/// ∇_{W_j}L = S_jᵀ R P_{j−1}ᵀ with the prefixes P_j = W_j⋯W_1, suffixes S_j = W_N⋯W_{j+1} and R = P_N − Â,
/// (THEORY (9)). All prefixes and suffixes are formed once per call: 2N products, not N² as recomputing the
/// chain per factor would need. The Hessian-vector product differentiates the same recursions.
/// </remarks>
public sealed class DeepFactorization : IFactorizedObjective, IHessianVectorProduct
{
    private readonly int[] _dims;
    private readonly FactorShape[] _factors;
    private readonly double[] _target;
    private readonly double[][] _prefix, _suffix, _dPrefix, _dSuffix;
    private readonly double[] _residual, _tmp, _tmp2;

    /// <summary>N square d×d factors and a d×d target Â.</summary>
    /// <exception cref="ArgumentException">depth or d is not positive, or the target has the wrong length or a non-finite entry.</exception>
    public DeepFactorization(int depth, int d, ReadOnlySpan<double> target)
        : this(SquareDimensions(depth, d), target)
    {
    }

    /// <summary>Factors W_j of shape dimensions[j]×dimensions[j−1], j = 1…N, and a target of shape dimensions[N]×dimensions[0].</summary>
    /// <exception cref="ArgumentException">Fewer than two dimensions, a non-positive dimension, or a bad target.</exception>
    public DeepFactorization(IReadOnlyList<int> dimensions, ReadOnlySpan<double> target)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        if (dimensions.Count < 2)
            throw new ArgumentException($"dimensions: need d_0, …, d_N with N ≥ 1 (got {dimensions.Count} values).", nameof(dimensions));
        for (int i = 0; i < dimensions.Count; i++)
            if (dimensions[i] <= 0) throw new ArgumentException($"dimensions: d_{i} must be positive (got {dimensions[i]}).", nameof(dimensions));
        _dims = [.. dimensions];
        Depth = _dims.Length - 1;
        int d0 = _dims[0], dN = _dims[Depth];
        _target = ModelArguments.FiniteMatrix(target, dN, d0, nameof(target));
        _factors = new FactorShape[Depth];
        int offset = 0, maxTmp = 0;
        for (int j = 1; j <= Depth; j++)
        {
            _factors[j - 1] = new FactorShape($"W{j}", _dims[j], _dims[j - 1], offset);
            offset += _dims[j] * _dims[j - 1];
            maxTmp = Math.Max(maxTmp, _dims[j] * d0);
        }
        ParameterCount = offset;
        _prefix = new double[Depth + 1][];
        _dPrefix = new double[Depth + 1][];
        _suffix = new double[Depth + 1][];
        _dSuffix = new double[Depth + 1][];
        for (int j = 0; j <= Depth; j++)
        {
            _prefix[j] = new double[_dims[j] * d0];
            _dPrefix[j] = new double[_dims[j] * d0];
            _suffix[j] = new double[dN * _dims[j]];
            _dSuffix[j] = new double[dN * _dims[j]];
        }
        for (int i = 0; i < d0; i++) _prefix[0][i * d0 + i] = 1.0;
        for (int i = 0; i < dN; i++) _suffix[Depth][i * dN + i] = 1.0;
        _residual = new double[dN * d0];
        _tmp = new double[maxTmp];
        _tmp2 = new double[maxTmp];
    }

    /// <summary>N, the number of factors.</summary>
    public int Depth { get; }
    /// <summary>d_0, …, d_N.</summary>
    public IReadOnlyList<int> Dimensions => _dims;
    /// <inheritdoc />
    public string Name => "deep-mf";
    /// <inheritdoc />
    public int ParameterCount { get; }
    /// <inheritdoc />
    public IReadOnlyList<FactorShape> Factors => _factors;
    /// <inheritdoc />
    public int ProductRows => _dims[Depth];
    /// <inheritdoc />
    public int ProductColumns => _dims[0];
    /// <inheritdoc />
    public ReadOnlySpan<double> Target => _target;

    /// <summary>W_j (1-based, as in the paper) inside θ.</summary>
    public ReadOnlySpan<double> Factor(ReadOnlySpan<double> theta, int j)
    {
        if (j < 1 || j > Depth) throw new ArgumentException($"j: must lie in [1, {Depth}] (got {j}).", nameof(j));
        var f = _factors[j - 1];
        return theta.Slice(f.Offset, f.Length);
    }

    /// <inheritdoc />
    public void Product(ReadOnlySpan<double> theta, Span<double> product)
    {
        CheckTheta(theta);
        ModelArguments.Length(product.Length, _residual.Length, nameof(product));
        ComputePrefixes(theta);
        _prefix[Depth].CopyTo(product);
    }

    /// <inheritdoc />
    public double Loss(ReadOnlySpan<double> theta)
    {
        CheckTheta(theta);
        ComputePrefixes(theta);
        return ComputeResidual();
    }

    /// <inheritdoc />
    public double Gradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        CheckTheta(theta);
        ModelArguments.Length(gradient.Length, ParameterCount, nameof(gradient));
        ComputePrefixes(theta);
        double loss = ComputeResidual();
        ComputeSuffixes(theta);
        int d0 = _dims[0], dN = _dims[Depth];
        for (int j = 1; j <= Depth; j++)
        {
            int dj = _dims[j], djm = _dims[j - 1];
            var g = gradient.Slice(_factors[j - 1].Offset, dj * djm);
            // tmp = S_jᵀ R (d_j×d_0), then ∇W_j = tmp P_{j−1}ᵀ.
            LinearAlgebra.Gemm(Transpose.Yes, Transpose.No, dj, d0, dN, 1.0, _suffix[j], dN, _residual, dN, 0.0, _tmp, dj);
            LinearAlgebra.Gemm(Transpose.No, Transpose.Yes, dj, djm, d0, 1.0, _tmp, dj, _prefix[j - 1], djm, 0.0, g, dj);
        }
        return loss;
    }

    /// <inheritdoc />
    /// <remarks>Directional derivative of ∇_{W_j}L = S_jᵀ R P_{j−1}ᵀ along v = (V_1, …, V_N):
    /// dP_j = V_j P_{j−1} + W_j dP_{j−1}, dS_j = dS_{j+1}W_{j+1} + S_{j+1}V_{j+1}, dR = dP_N, and
    /// (dS_jᵀR + S_jᵀdR)P_{j−1}ᵀ + S_jᵀR dP_{j−1}ᵀ.</remarks>
    public void HessianVectorProduct(ReadOnlySpan<double> theta, ReadOnlySpan<double> v, Span<double> result)
    {
        CheckTheta(theta);
        ModelArguments.Length(v.Length, ParameterCount, nameof(v));
        ModelArguments.Length(result.Length, ParameterCount, nameof(result));
        ComputePrefixes(theta);
        ComputeResidual();
        ComputeSuffixes(theta);
        int d0 = _dims[0], dN = _dims[Depth];
        Array.Clear(_dPrefix[0]);
        for (int j = 1; j <= Depth; j++)
        {
            int dj = _dims[j], djm = _dims[j - 1];
            var f = _factors[j - 1];
            LinearAlgebra.Gemm(Transpose.No, Transpose.No, dj, d0, djm, 1.0, v.Slice(f.Offset, f.Length), dj, _prefix[j - 1], djm, 0.0, _dPrefix[j], dj);
            LinearAlgebra.Gemm(Transpose.No, Transpose.No, dj, d0, djm, 1.0, theta.Slice(f.Offset, f.Length), dj, _dPrefix[j - 1], djm, 1.0, _dPrefix[j], dj);
        }
        Array.Clear(_dSuffix[Depth]);
        for (int j = Depth - 1; j >= 0; j--)
        {
            int dj = _dims[j], dj1 = _dims[j + 1];
            var f = _factors[j]; // W_{j+1}
            LinearAlgebra.Gemm(Transpose.No, Transpose.No, dN, dj, dj1, 1.0, _dSuffix[j + 1], dN, theta.Slice(f.Offset, f.Length), dj1, 0.0, _dSuffix[j], dN);
            LinearAlgebra.Gemm(Transpose.No, Transpose.No, dN, dj, dj1, 1.0, _suffix[j + 1], dN, v.Slice(f.Offset, f.Length), dj1, 1.0, _dSuffix[j], dN);
        }
        var dR = _dPrefix[Depth];
        for (int j = 1; j <= Depth; j++)
        {
            int dj = _dims[j], djm = _dims[j - 1];
            var r = result.Slice(_factors[j - 1].Offset, dj * djm);
            LinearAlgebra.Gemm(Transpose.Yes, Transpose.No, dj, d0, dN, 1.0, _dSuffix[j], dN, _residual, dN, 0.0, _tmp, dj);
            LinearAlgebra.Gemm(Transpose.Yes, Transpose.No, dj, d0, dN, 1.0, _suffix[j], dN, dR, dN, 1.0, _tmp, dj);
            LinearAlgebra.Gemm(Transpose.No, Transpose.Yes, dj, djm, d0, 1.0, _tmp, dj, _prefix[j - 1], djm, 0.0, r, dj);
            LinearAlgebra.Gemm(Transpose.Yes, Transpose.No, dj, d0, dN, 1.0, _suffix[j], dN, _residual, dN, 0.0, _tmp2, dj);
            LinearAlgebra.Gemm(Transpose.No, Transpose.Yes, dj, djm, d0, 1.0, _tmp2, dj, _dPrefix[j - 1], djm, 1.0, r, dj);
        }
    }

    private void ComputePrefixes(ReadOnlySpan<double> theta)
    {
        int d0 = _dims[0];
        for (int j = 1; j <= Depth; j++)
        {
            var f = _factors[j - 1];
            LinearAlgebra.Gemm(Transpose.No, Transpose.No, _dims[j], d0, _dims[j - 1], 1.0,
                theta.Slice(f.Offset, f.Length), _dims[j], _prefix[j - 1], _dims[j - 1], 0.0, _prefix[j], _dims[j]);
        }
    }

    private void ComputeSuffixes(ReadOnlySpan<double> theta)
    {
        int dN = _dims[Depth];
        for (int j = Depth - 1; j >= 1; j--)
        {
            var f = _factors[j]; // W_{j+1}
            LinearAlgebra.Gemm(Transpose.No, Transpose.No, dN, _dims[j], _dims[j + 1], 1.0,
                _suffix[j + 1], dN, theta.Slice(f.Offset, f.Length), _dims[j + 1], 0.0, _suffix[j], dN);
        }
    }

    private double ComputeResidual()
    {
        var p = _prefix[Depth];
        for (int i = 0; i < _residual.Length; i++) _residual[i] = p[i] - _target[i];
        return 0.5 * LinearAlgebra.Dot(_residual, _residual);
    }

    private void CheckTheta(ReadOnlySpan<double> theta)
    {
        if (theta.Length != ParameterCount)
            throw new ArgumentException($"theta: expected {ParameterCount} parameters for depth {Depth}, got {theta.Length}.", nameof(theta));
    }

    private static int[] SquareDimensions(int depth, int d)
    {
        ModelArguments.Positive(depth, nameof(depth));
        ModelArguments.Positive(d, nameof(d));
        return Enumerable.Repeat(d, depth + 1).ToArray();
    }
}

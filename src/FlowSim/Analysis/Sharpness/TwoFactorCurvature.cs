using FlowSim.Linalg;
using FlowSim.Models;

namespace FlowSim.Analysis.Sharpness;

/// <summary>
/// The closed form of D³L[v, v, ·] for the two-factor models L = ½‖𝒜(UVᵀ − T)‖² (factorisation: 𝒜 = I; sensing:
/// Gaussian measurements), θ = [vec U; vec V], direction v = (A, B) (THEORY §6.1). With M = AVᵀ + UBᵀ:
/// vᵀHv = ‖𝒜M‖² + 2⟨𝒜*𝒜(UVᵀ − T), ABᵀ⟩, whose gradient is
/// ∇_U = 2[𝒜*𝒜(M)·B + 𝒜*𝒜(ABᵀ)·V], ∇_V = 2[𝒜*𝒜(M)ᵀ·A + 𝒜*𝒜(ABᵀ)ᵀ·U]
/// (for 𝒜 = I: 2(MB + ABᵀV), 2(MᵀA + BAᵀU)). The residual does not enter.
/// </summary>
/// <remarks>Workspaces are fields: a call allocates nothing; not thread-safe.</remarks>
public sealed class TwoFactorCurvature : ICurvatureGradient
{
    private readonly IMeasurementOperator? _measurements;
    private readonly double[] _mixed, _outer, _y;

    /// <summary>For the factorisation ½‖UVᵀ − Σ‖² with U m×h, V n×h.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public TwoFactorCurvature(AsymmetricFactorization model)
        : this((model ?? throw new ArgumentNullException(nameof(model))).M, model.N, model.H, null)
    {
    }

    /// <summary>For matrix sensing ½‖𝒜(UVᵀ − X)‖² with its measurement operator.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public TwoFactorCurvature(MatrixSensing model)
        : this((model ?? throw new ArgumentNullException(nameof(model))).M, model.N, model.H, model.Measurements)
    {
    }

    /// <summary>For U m×h, V n×h and a measurement map (null: the identity, i.e. factorisation).</summary>
    /// <exception cref="ArgumentException">A size is not positive, or the map's shape is not m×n.</exception>
    public TwoFactorCurvature(int m, int n, int h, IMeasurementOperator? measurements)
    {
        if (m <= 0 || n <= 0 || h <= 0) throw new ArgumentException($"m, n, h: must be positive (got {m}, {n}, {h}).", nameof(m));
        if (measurements is not null && (measurements.Rows != m || measurements.Columns != n))
            throw new ArgumentException($"measurements: map {measurements.Rows}×{measurements.Columns} matrices, the factors make {m}×{n}.", nameof(measurements));
        M = m;
        N = n;
        H = h;
        _measurements = measurements;
        _mixed = new double[m * n];
        _outer = new double[m * n];
        _y = new double[measurements?.Count ?? 0];
    }

    /// <summary>Rows of U.</summary>
    public int M { get; }
    /// <summary>Rows of V.</summary>
    public int N { get; }
    /// <summary>Columns of U and V.</summary>
    public int H { get; }
    /// <inheritdoc />
    public int ParameterCount => (M + N) * H;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A span's length differs from (m + n)·h.</exception>
    public void CurvatureGradient(ReadOnlySpan<double> theta, ReadOnlySpan<double> v, Span<double> result)
    {
        int p = ParameterCount, mh = M * H;
        if (theta.Length != p) throw new ArgumentException($"theta: expected {p} entries ((m + n)·h), got {theta.Length}.", nameof(theta));
        if (v.Length != p) throw new ArgumentException($"v: expected {p} entries, got {v.Length}.", nameof(v));
        if (result.Length != p) throw new ArgumentException($"result: expected {p} entries, got {result.Length}.", nameof(result));
        var u = theta[..mh];
        var vv = theta[mh..];
        var a = v[..mh];
        var b = v[mh..];
        // M = AVᵀ + UBᵀ and ABᵀ, each replaced by 𝒜*𝒜 of itself.
        LinearAlgebra.Gemm(Transpose.No, Transpose.Yes, M, N, H, 1.0, a, M, vv, N, 0.0, _mixed, M);
        LinearAlgebra.Gemm(Transpose.No, Transpose.Yes, M, N, H, 1.0, u, M, b, N, 1.0, _mixed, M);
        LinearAlgebra.Gemm(Transpose.No, Transpose.Yes, M, N, H, 1.0, a, M, b, N, 0.0, _outer, M);
        Normal(_mixed);
        Normal(_outer);
        var ru = result[..mh];
        var rv = result[mh..];
        LinearAlgebra.Gemm(Transpose.No, Transpose.No, M, H, N, 2.0, _mixed, M, b, N, 0.0, ru, M);
        LinearAlgebra.Gemm(Transpose.No, Transpose.No, M, H, N, 2.0, _outer, M, vv, N, 1.0, ru, M);
        LinearAlgebra.Gemm(Transpose.Yes, Transpose.No, N, H, M, 2.0, _mixed, M, a, M, 0.0, rv, N);
        LinearAlgebra.Gemm(Transpose.Yes, Transpose.No, N, H, M, 2.0, _outer, M, u, M, 1.0, rv, N);
    }

    private void Normal(Span<double> z)
    {
        if (_measurements is null) return;
        _measurements.Apply(z, _y);
        _measurements.Adjoint(_y, z);
    }
}

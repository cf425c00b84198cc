using FlowSim.Linalg;

namespace FlowSim.Models;

/// <summary>
/// The two products of the chain rule through W = UVᵀ (U m×h, V n×h, m×n matrices, all column-major) that a
/// second-order quantity of a two-factor model needs: the direction dW = dU Vᵀ + U dVᵀ, and the pull-back of two m×n
/// matrices X, Y to the factors. The Hessian-vector product and the curvature gradient ∇S are both these two steps.
/// </summary>
internal static class TwoFactorProducts
{
    /// <summary><paramref name="destination"/> (m×n) = A·Bᵀ + C·Dᵀ with A, C m×h and B, D n×h: dW for (dU, dV) = (A, D) at (U, V) = (C, B).</summary>
    public static void OuterSum(int m, int n, int h, ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c,
        ReadOnlySpan<double> d, Span<double> destination)
    {
        LinearAlgebra.Gemm(Transpose.No, Transpose.Yes, m, n, h, 1.0, a, m, b, n, 0.0, destination, m);
        LinearAlgebra.Gemm(Transpose.No, Transpose.Yes, m, n, h, 1.0, c, m, d, n, 1.0, destination, m);
    }

    /// <summary>
    /// (α(X·P + Y·Q), α(Xᵀ·R + Yᵀ·S)) into the U block (first m·h entries) and the V block of <paramref name="result"/>,
    /// with X, Y m×n, P, Q n×h and R, S m×h; each block is its first product, then the second added.
    /// </summary>
    public static void PullBack(int m, int n, int h, double alpha, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> r,
        ReadOnlySpan<double> y, ReadOnlySpan<double> q, ReadOnlySpan<double> s, Span<double> result)
    {
        int mh = m * h;
        var ru = result[..mh];
        var rv = result[mh..];
        LinearAlgebra.Gemm(Transpose.No, Transpose.No, m, h, n, alpha, x, m, p, n, 0.0, ru, m);
        LinearAlgebra.Gemm(Transpose.No, Transpose.No, m, h, n, alpha, y, m, q, n, 1.0, ru, m);
        LinearAlgebra.Gemm(Transpose.Yes, Transpose.No, n, h, m, alpha, x, m, r, m, 0.0, rv, n);
        LinearAlgebra.Gemm(Transpose.Yes, Transpose.No, n, h, m, alpha, y, m, s, m, 1.0, rv, n);
    }
}

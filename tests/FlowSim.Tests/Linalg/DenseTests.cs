using FlowSim.Linalg;
using Xunit;

namespace FlowSim.Tests.Linalg;

public class DenseTests
{
    // A = [1 2 3; 4 5 6] (2×3), B = [1 0; 0 1; 1 1] (3×2), column-major.
    private static readonly double[] A = [1, 4, 2, 5, 3, 6];
    private static readonly double[] B = [1, 0, 1, 0, 1, 1];

    [Fact]
    public void Multiply_matches_hand_computed_products_for_every_transpose()
    {
        Assert.Equal(new double[] { 4, 10, 5, 11 }, Dense.Multiply(A, 2, 3, B, 3, 2));                       // AB, 2×2
        Assert.Equal(new double[] { 14, 32, 32, 77 }, Dense.Multiply(A, 2, 3, A, 2, 3, transposeB: true));    // AAᵀ
        Assert.Equal(new double[] { 17, 22, 27, 22, 29, 36, 27, 36, 45 }, Dense.Multiply(A, 2, 3, A, 2, 3, transposeA: true)); // AᵀA
        Assert.Equal(new double[] { 4, 5, 10, 11 }, Dense.Multiply(B, 3, 2, A, 2, 3, transposeA: true, transposeB: true)); // BᵀAᵀ = (AB)ᵀ
    }

    [Fact]
    public void Multiply_accumulates_with_alpha_and_beta()
    {
        var c = new double[] { 1, 1, 1, 1 };
        Dense.Multiply(A, 2, 3, B, 3, 2, c, alpha: 2, beta: -1);
        Assert.Equal(new double[] { 7, 19, 9, 21 }, c);
    }

    [Fact]
    public void Multiply_names_the_operand_whose_inner_dimension_differs()
    {
        var ex = Assert.Throws<ArgumentException>(() => Dense.Multiply(A, 2, 3, A, 2, 3));
        Assert.Contains("inner dimensions differ", ex.Message);
        Assert.Equal("b", ex.ParamName);
    }

    [Fact]
    public void Diagonal_identity_distance_and_eigenvalues()
    {
        Assert.Equal(new double[] { 2, 0, 0, 0, 3, 0 }, Dense.Diagonal(3, 2, [2, 3]));
        Assert.Equal(new double[] { 1, 0, 0, 1 }, Dense.Identity(2));
        Assert.Equal(5.0, Dense.Distance([0, 0], [3, 4]));
        var eig = Dense.SymmetricEigenvalues(2, [2, 1, 1, 2]);
        Assert.Equal(1.0, eig[0], 14);
        Assert.Equal(3.0, eig[1], 14);
        Assert.Throws<ArgumentException>(() => Dense.Diagonal(2, 2, [1, 2, 3]));
    }

    [Fact]
    public void Residual_is_the_product_minus_the_target_and_returns_its_squared_norm()
    {
        // AB = [4 5; 10 11], target all ones: R = [3 4; 9 10], ‖R‖²_F = 9 + 81 + 16 + 100 = 206.
        var r = new double[4];
        Assert.Equal(206.0, Dense.Residual(A, 2, 3, B, 3, 2, [1, 1, 1, 1], r));
        Assert.Equal(new double[] { 3, 9, 4, 10 }, r);
        // In place (target = result), with a transpose: AAᵀ − [14 32; 32 77] = 0.
        var t = new double[] { 14, 32, 32, 77 };
        Assert.Equal(0.0, Dense.Residual(A, 2, 3, A, 2, 3, t, t, transposeB: true));
        Assert.Equal(new double[] { 0, 0, 0, 0 }, t);
        Assert.Equal("target", Assert.Throws<ArgumentException>(() => Dense.Residual(A, 2, 3, B, 3, 2, [1, 1, 1], r)).ParamName);
        Assert.Equal("result", Assert.Throws<ArgumentException>(() => Dense.Residual(A, 2, 3, B, 3, 2, [1, 1, 1, 1], new double[3])).ParamName);
    }
}

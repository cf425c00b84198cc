using FlowSim.Models;
using FlowSim.Randomness;
using Xunit;

namespace FlowSim.Tests.Models;

/// <summary>The scalar network ½(x₁⋯x_N − λ)²: derivatives against finite differences and against the products written
/// out by brute force, one descent step against the exact imbalance recursion of THEORY §6.1, and no allocation.</summary>
public class ScalarNetworkTests
{
    private static double[] Point(int n, ulong seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = rng.NextDouble(0.3, 1.6) * (rng.NextDouble() < 0.2 ? -1 : 1);
        return x;
    }

    // ∏_{l ∉ skip} x_l by plain multiplication.
    private static double ProductExcept(double[] x, params int[] skip)
    {
        double p = 1;
        for (int l = 0; l < x.Length; l++) if (!skip.Contains(l)) p *= x[l];
        return p;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(6)]
    // Central differences with h = 1e-5 are good to about 1e-8 relative here (the exact products are checked to 1e-13
    // against the products written out below), so the reference bounds the tolerance at 1e-7.
    public void Gradient_and_hessian_vector_product_match_finite_differences(int depth)
    {
        var net = new ScalarNetwork(depth, 0.8);
        for (ulong seed = 1; seed <= 3; seed++)
        {
            var x = Point(depth, seed);
            var v = Point(depth, seed + 100);
            var gradient = ObjectiveChecks.Gradient(net, x, tolerance: 1e-7);
            var hvp = ObjectiveChecks.HessianVectorProduct(net, x, v, tolerance: 1e-7);
            Assert.True(gradient.Passed, $"N = {depth}, seed {seed}: {gradient}");
            Assert.True(hvp.Passed, $"N = {depth}, seed {seed}: {hvp}");
        }
    }

    [Theory]
    [InlineData(new[] { 1.3, -0.7, 0.9, 1.1 })]
    [InlineData(new[] { 0.0, 1.2, 0.8, -0.5 })]
    [InlineData(new[] { 0.0, 0.0, 1.5, 0.4 })]
    public void Derivatives_equal_the_products_written_out_even_with_zero_factors(double[] x)
    {
        const double lambda = 0.6;
        int n = x.Length;
        var net = new ScalarNetwork(n, lambda);
        double r = ProductExcept(x) - lambda;
        var v = new[] { 0.3, -1.1, 0.7, 0.2 };
        var g = new double[n];
        var hv = new double[n];
        Assert.Equal(0.5 * r * r, net.Gradient(x, g), 15);
        net.HessianVectorProduct(x, v, hv);
        for (int i = 0; i < n; i++)
        {
            double gi = ProductExcept(x, i);
            Assert.Equal(r * gi, g[i], 14);
            // (ggᵀ + rG)v with G_ij = ∏_{k∉{i,j}} x_k off the diagonal.
            double expected = 0;
            for (int j = 0; j < n; j++)
                expected += (gi * ProductExcept(x, j) + (i == j ? 0 : r * ProductExcept(x, i, j))) * v[j];
            Assert.Equal(expected, hv[i], 13);
        }
    }

    [Theory]
    [InlineData(2, 0.9, new[] { 1.2, 0.2 })]
    [InlineData(2, 1.1, new[] { 1.3, 0.7 })]
    [InlineData(3, 0.6, new[] { 1.4, 0.5, 0.6 })]
    [InlineData(3, 0.45, new[] { -0.9, 1.3, 0.8 })]
    public void One_descent_step_obeys_the_imbalance_recursion(int depth, double eta, double[] x0)
    {
        // E6: x_i'² − x_j'² = (x_i² − x_j²)(1 − η²r²p²/(x_i²x_j²)) exactly, so to rounding at every step.
        var net = new ScalarNetwork(depth, 1.0);
        var x = (double[])x0.Clone();
        var g = new double[depth];
        double worst = 0;
        for (int k = 0; k < 200; k++)
        {
            double p = net.Product(x), r = p - 1;
            net.Gradient(x, g);
            var next = new double[depth];
            for (int i = 0; i < depth; i++) next[i] = x[i] - eta * g[i];
            for (int i = 0; i < depth; i++)
                for (int j = i + 1; j < depth; j++)
                {
                    double before = x[i] * x[i] - x[j] * x[j];
                    double predicted = before * (1 - eta * eta * r * r * p * p / (x[i] * x[i] * x[j] * x[j]));
                    double actual = next[i] * next[i] - next[j] * next[j];
                    double scale = Math.Max(Math.Abs(predicted), x[i] * x[i] + x[j] * x[j]);
                    worst = Math.Max(worst, Math.Abs(actual - predicted) / scale);
                }
            x = next;
        }
        Assert.True(worst <= 1e-12, $"worst relative deviation {worst:E2}");
    }

    [Fact]
    public void Curvature_gradient_matches_finite_differences_of_the_quadratic_form()
    {
        // D³f[v, v, ·] = ∇(vᵀH(x)v) with v fixed: central differences of vᵀHv through the HVP.
        var net = new ScalarNetwork(4, 1.0);
        var x = Point(4, 9);
        var v = Point(4, 19);
        var d3 = new double[4];
        net.CurvatureGradient(x, v, d3);
        var hv = new double[4];
        double Q(double[] y) { net.HessianVectorProduct(y, v, hv); return v.Zip(hv, (a, b) => a * b).Sum(); }
        for (int i = 0; i < 4; i++)
        {
            var p = (double[])x.Clone(); p[i] += 1e-5;
            var m = (double[])x.Clone(); m[i] -= 1e-5;
            Assert.Equal((Q(p) - Q(m)) / 2e-5, d3[i], 8);
        }
    }

    [Fact]
    public void Calls_allocate_nothing()
    {
        var net = new ScalarNetwork(5, 1.0);
        var x = Point(5, 3);
        var v = Point(5, 4);
        var r = new double[5];
        Assert.Equal(0, AllocationMeter.Bytes(() => net.Gradient(x, r), 200));
        Assert.Equal(0, AllocationMeter.Bytes(() => net.HessianVectorProduct(x, v, r), 200));
        Assert.Equal(0, AllocationMeter.Bytes(() => net.CurvatureGradient(x, v, r), 200));
    }

    [Fact]
    public void Bad_arguments_name_the_parameter()
    {
        Assert.Contains("depth", Assert.Throws<ArgumentException>(() => new ScalarNetwork(0, 1)).Message);
        Assert.Contains("lambda", Assert.Throws<ArgumentException>(() => new ScalarNetwork(2, double.NaN)).Message);
        var net = new ScalarNetwork(3, 1);
        Assert.Contains("theta", Assert.Throws<ArgumentException>(() => net.Gradient(new double[2], new double[3])).Message);
    }
}

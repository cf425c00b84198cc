using FlowSim.Models;
using FlowSim.Randomness;
using FlowSim.Theory;
using Xunit;

namespace FlowSim.Tests.Theory.LargeSteps;

/// <summary>
/// The closed forms the E claims compare with, each against an independent computation: the flip ratio from the full
/// Taylor polynomial of ℓ, the 2-cycle as a fixed point of two balanced steps, the explicit Hessian against products
/// H·e_j, the extrapolation on polynomials; and the claims' wrong inputs against the checks that must catch them.
/// </summary>
public class LargeStepsSetupTests
{
    /// <summary>ℓ(t) = ½((1 + t/√N)^N − 1)² expanded in full by polynomial products; its 2nd–4th derivatives at 0.</summary>
    [Theory]
    [InlineData(2, 8.0 / 9)]
    [InlineData(3, 22.0 / 27)]
    [InlineData(4, 64.0 / 81)]
    public void Flip_ratio_matches_the_full_Taylor_polynomial_and_the_hand_values(int depth, double hand)
    {
        double c = 1 / Math.Sqrt(depth);
        double[] p = [1.0];
        for (int i = 0; i < depth; i++) p = Multiply(p, [1.0, c]);
        p[0] -= 1;
        var l = Multiply(p, p).Select(x => 0.5 * x).ToArray(); // ℓ's Taylor coefficients
        double l2 = 2 * l[2], l3 = 6 * l[3], l4 = 24 * l[4];
        Assert.Equal(1 - l2 * l4 / (3 * l3 * l3), LargeStepsSetup.FlipRatio(depth), 14);
        Assert.Equal(hand, LargeStepsSetup.FlipRatio(depth), 14);
    }

    private static double[] Multiply(double[] a, double[] b)
    {
        var r = new double[a.Length + b.Length - 1];
        for (int i = 0; i < a.Length; i++)
            for (int j = 0; j < b.Length; j++) r[i + j] += a[i] * b[j];
        return r;
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(1.05)]
    [InlineData(1.2)]
    public void Two_cycle_is_a_fixed_point_of_two_balanced_steps(double eta)
    {
        double F(double s) => s - eta * s * (s * s - 1);
        var (a, b) = LargeStepsSetup.TwoCycle(eta);
        Assert.Equal(b, F(a), 13);
        Assert.Equal(a, F(b), 13);
        if (eta == 1.0) Assert.Equal(a, b, 15);
        // Its multiplier F'(a)F'(b) = 9 − 2(1 + η)² (derived) lies in (−1, 1) for 1 < η < √5 − 1.
        double Fp(double s) => 1 - eta * (3 * s * s - 1);
        Assert.Equal(9 - 2 * (1 + eta) * (1 + eta), Fp(a) * Fp(b), 12);
    }

    [Fact]
    public void Written_out_scalar_Hessian_equals_the_products_with_unit_vectors()
    {
        var rng = new Xoshiro256StarStar(5);
        foreach (int depth in new[] { 2, 3, 4 })
        {
            var x = new double[depth];
            rng.FillNormal(x);
            var written = DenseCurvature.ScalarNetworkHessian(1.0, x);
            var products = DenseCurvature.Hessian(new ScalarNetwork(depth, 1.0), x);
            for (int i = 0; i < written.Length; i++) Assert.Equal(products[i], written[i], 13);
        }
    }

    [Fact]
    public void Extrapolation_is_exact_on_a_cubic()
    {
        double[] x = [0.04, 0.02, 0.01, 0.005];
        Assert.Equal(2.0, LargeStepsSetup.ExtrapolateToZero(x, [.. x.Select(v => 2 + 3 * v - v * v + 0.5 * v * v * v)]), 13);
    }

    [Fact]
    public void Mf4_is_the_same_for_every_claim_and_follows_the_master_seed()
    {
        var (m1, t1) = LargeStepsSetup.Mf4(new ClaimContext("E2", new ClaimSettings(Seed: 1)));
        var (m2, t2) = LargeStepsSetup.Mf4(new ClaimContext("E12", new ClaimSettings(Seed: 1)));
        var (m3, _) = LargeStepsSetup.Mf4(new ClaimContext("E2", new ClaimSettings(Seed: 2)));
        Assert.Equal(t1, t2);
        Assert.Equal(m1.Target.ToArray(), m2.Target.ToArray());
        Assert.NotEqual(m1.Target.ToArray(), m3.Target.ToArray());
        // The target has singular values 1, 0.5, 0.2, 0.1.
        var sv = FlowSim.Linalg.LinearAlgebra.SingularValues(4, 4, m1.Target.ToArray());
        Assert.Equal([1.0, 0.5, 0.2, 0.1], sv.Select(v => Math.Round(v, 12)));
    }
}

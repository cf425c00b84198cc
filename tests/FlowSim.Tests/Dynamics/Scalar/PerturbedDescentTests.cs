using Xunit;
using FlowSim.Dynamics.Scalar;
using Xunit.Abstractions;

namespace FlowSim.Tests.Dynamics.Scalar;

/// <summary>C14, C15: perturbed identical initialisation, phase transition K*, limits, exact recursions.</summary>
public class PerturbedDescentTests(ITestOutputHelper output)
{
    [Fact]
    public void C14_PublishedRow()
    {
        Assert.Equal(24, PerturbedScalarDescent.PhaseTransitionIndex(3, -1, 0.5, 0.25, 0.05));
        var (x, y, p) = PerturbedScalarDescent.Final(3, -1, 0.5, 0.25, 0.05, 400_000);
        output.WriteLine($"C14 x → {x:R}, y → {y:R}, p → {p:R}");
        Assert.True(Math.Abs(p + 1) < 1e-8);
        Assert.Equal(1.031195, x, 6);
        Assert.Equal(-0.940412, y, 6);
        // β = α is the identical case: y stays positive and p → 0 (cut-off).
        Assert.Null(PerturbedScalarDescent.PhaseTransitionIndex(3, -1, 0.5, 0.5, 0.05, 400_000));
        var same = PerturbedScalarDescent.Final(3, -1, 0.5, 0.5, 0.05, 400_000);
        Assert.True(same.Y > 0 && Math.Abs(same.Product) < 1e-10);
    }

    [Theory]
    [InlineData(3, -1.0, 0.5, 0.25, 0.05)]
    [InlineData(2, -1.0, 0.5, 0.25, 0.05)]
    [InlineData(3, -1.0, 0.1, 0.05, 0.05)]
    [InlineData(4, -1.0, 0.5, 0.4, 0.02)]
    [InlineData(2, -2.0, 0.3, 0.1, 0.05)]
    public void C14_NegativeEigenvalues_AreRecovered_KStarMatchesTheContinuousSystem(int n, double lambda, double alpha, double beta, double eta)
    {
        int kStar = PerturbedScalarDescent.PhaseTransitionIndex(n, lambda, alpha, beta, eta)!.Value;
        var traj = PerturbedScalarDescent.Run(n, lambda, alpha, beta, eta, kStar);
        Assert.True(traj.Y[kStar] < 0 && traj.Y[kStar - 1] >= 0);
        double tCross = FlowReference.CrossingTime(new PerturbedScalarFlowRhs(n, lambda), [alpha, beta], 1, 0, 100 * kStar * eta);
        var (x, y, p) = PerturbedScalarDescent.Final(n, lambda, alpha, beta, eta, 400_000);
        output.WriteLine($"C14 N={n} λ={lambda} α={alpha} β={beta} η={eta}: K* = {kStar}, t_cross/η = {tCross / eta:F2}, x → {x:R}, y → {y:R}, p → {p:R}");
        Assert.True(Math.Abs(kStar - tCross / eta) <= 0.1 * kStar + 2, $"K* {kStar} vs {tCross / eta}");
        Assert.True(Math.Abs(p - lambda) < 1e-8);
        Assert.True(y < 0 && x > 0);
    }

    [Fact]
    public void C14_PositiveEigenvalue_NoPhaseTransition()
    {
        Assert.Null(PerturbedScalarDescent.PhaseTransitionIndex(3, 1, 0.1, 0.05, 0.01, 400_000));
        var (_, _, p) = PerturbedScalarDescent.Final(3, 1, 0.1, 0.05, 0.01, 400_000);
        Assert.True(Math.Abs(p - 1) < 1e-8);
    }

    [Theory]
    [InlineData(3, -1.0, 0.5, 0.25, 0.05)]
    [InlineData(3, -1.0, 0.5, 0.5, 0.05)]
    [InlineData(2, -1.0, 0.5, 0.25, 0.05)]
    [InlineData(3, -1.0, 0.1, 0.05, 0.05)]
    [InlineData(4, -1.0, 0.5, 0.4, 0.02)]
    [InlineData(2, -2.0, 0.3, 0.1, 0.05)]
    [InlineData(3, 1.0, 0.1, 0.05, 0.01)]
    public void C15_ExactRecursionsHoldAtEveryStep(int n, double lambda, double alpha, double beta, double eta)
    {
        var t = PerturbedScalarDescent.Run(n, lambda, alpha, beta, eta, 400_000);
        double maxD = 0, maxS = 0;
        for (int k = 0; k + 1 < t.X.Length; k++)
        {
            var (d, s) = PerturbedScalarDescent.RecursionResiduals(n, lambda, eta, t.X[k], t.Y[k], t.X[k + 1], t.Y[k + 1]);
            maxD = Math.Max(maxD, Math.Abs(d));
            maxS = Math.Max(maxS, Math.Abs(s));
        }
        output.WriteLine($"C15 N={n} λ={lambda} β={beta}: max residual x−y {maxD:E2}, x²−y² {maxS:E2}");
        Assert.True(maxD <= 1e-12 && maxS <= 1e-12);
        // A wrong recursion (1 + r_k in place of 1 − r_k) must not pass the same check.
        double wrong = 0;
        for (int k = 0; k < 100; k++)
        {
            double xn2 = Math.Pow(t.X[k], n - 2), r = eta * xn2 * (lambda - xn2 * t.X[k] * t.Y[k]);
            wrong = Math.Max(wrong, Math.Abs((t.X[k + 1] - t.Y[k + 1]) - (1 + r) * (t.X[k] - t.Y[k])));
        }
        if (beta != alpha) Assert.True(wrong > 1e-12);
    }
}

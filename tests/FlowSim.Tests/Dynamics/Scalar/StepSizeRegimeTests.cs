using Xunit;
using FlowSim.Dynamics.Scalar;
using Xunit.Abstractions;

namespace FlowSim.Tests.Dynamics.Scalar;

/// <summary>C10, C11: overshoot threshold and 2-cycles, decided by running the recursion and compared with the thresholds.</summary>
public class StepSizeRegimeTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(2, 1.0, 0.1, 0.5, false)]
    [InlineData(2, 1.0, 0.1, 0.8, true)]
    [InlineData(3, 1.0, 0.1, 1.0 / 3, false)]
    [InlineData(3, 1.0, 0.1, 0.5, true)]
    [InlineData(3, 1.0, 0.1, 0.6, true)]
    [InlineData(4, 2.0, 0.3, -1.0, false)] // negative: that multiple of the computed threshold 1/(4·2^1.5)
    [InlineData(4, 2.0, 0.3, -1.5, true)]
    public void C10_NoOvershootAtOrBelowThreshold(int n, double lambda, double alpha, double eta, bool expectOvershoot)
    {
        double threshold = StepSizeRegimes.MonotoneThreshold(n, lambda);
        if (eta < 0) eta = -eta * threshold;
        if (n == 4) Assert.Equal(0.08839, threshold, 5);
        Assert.Equal(expectOvershoot, eta > threshold * (1 + 1e-15));
        // Direct definition from the trajectory, independent of the classifier.
        var x = DeepScalarDescent.Run(n, lambda, alpha, eta, 20_000);
        double overshoot = x.Max(v => Math.Pow(v, n) - lambda);
        int? k = DeepScalarDescent.FirstHit(n, lambda, alpha, eta, 1e-3);
        var r = StepSizeRegimes.Classify(n, lambda, alpha, eta);
        output.WriteLine($"C10 N={n} λ={lambda} η={eta:R} (threshold {threshold:R}): K={k}, overshoot {overshoot:E3}, regime {r.Observed}, predicted [{string.Join(",", r.Predicted)}]");
        Assert.Equal(expectOvershoot, overshoot > 1e-12);
        Assert.Equal(expectOvershoot ? StepSizeRegime.Overshoot : StepSizeRegime.Monotone, r.Observed);
        Assert.True(r.Agrees);
        if (n == 2 && eta == 0.5) Assert.Equal(1.0, x.Max(v => v * v));
    }

    [Theory]
    [InlineData(2, 0.99, false)]
    [InlineData(2, 1.01, true)]
    [InlineData(2, 1.2, true)]
    [InlineData(3, 0.66, false)]
    [InlineData(3, 0.68, true)]
    public void C11_TwoCyclesAboveStabilityThreshold(int n, double eta, bool cycle)
    {
        var r = StepSizeRegimes.Classify(n, 1, 0.5, eta);
        Assert.Equal(2.0 / n, r.StabilityThreshold!.Value, 15);
        output.WriteLine($"C11 N={n} η={eta}: {r.Observed}, period {r.Period}, cycle x^N = [{string.Join(", ", r.CycleProducts ?? [])}], predicted [{string.Join(",", r.Predicted)}]");
        Assert.True(r.Agrees);
        if (!cycle)
        {
            Assert.Equal(StepSizeRegime.Overshoot, r.Observed);
            Assert.True(Math.Abs(Math.Pow(r.FinalX, n) - 1) < 1e-12);
            return;
        }
        Assert.Equal(StepSizeRegime.Cycle, r.Observed);
        Assert.Equal(2, r.Period);
        Assert.True(r.CycleProducts![0] < 1 && r.CycleProducts[1] > 1);
        // Independent: the non-fixed roots of g(g(x)) = x on (0, 2], found by sign changes and bisection.
        var roots = NonFixedRootsOfSecondIterate(n, 1, eta);
        output.WriteLine($"   non-fixed roots of g(g(x)) = x in (0, 2]: {string.Join(", ", roots)}");
        foreach (double c in r.CycleProducts)
            Assert.Contains(roots, root => Math.Abs(Math.Pow(root, n) - c) <= 1e-9);
    }

    [Fact]
    public void Chaos_And_DepthOne_AreClassified()
    {
        // Far above the stability threshold the logistic-like map is chaotic (N = 2, λ = 1: x ↦ x + ηx(1 − x²)).
        var chaos = StepSizeRegimes.Classify(2, 1, 0.5, 1.9);
        output.WriteLine($"N=2 η=1.9: {chaos.Observed}, period {chaos.Period}");
        Assert.Contains(chaos.Observed, new[] { StepSizeRegime.Chaotic, StepSizeRegime.Cycle });
        Assert.Equal(StepSizeRegime.Divergent, StepSizeRegimes.Classify(1, 2, 0.5, 2.1).Observed);
        Assert.Equal(StepSizeRegime.Overshoot, StepSizeRegimes.Classify(1, 2, 0.5, 1.5).Observed);
        Assert.Equal(StepSizeRegime.Monotone, StepSizeRegimes.Classify(1, -2, 0.5, 0.5).Observed);
    }

    internal static List<double> NonFixedRootsOfSecondIterate(int n, double lambda, double eta)
    {
        double G(double x) { double y = DeepScalarDescent.Step(n, lambda, eta, x); return DeepScalarDescent.Step(n, lambda, eta, y) - x; }
        var roots = new List<double>();
        const int M = 200_000;
        double prev = G(1e-3);
        for (int i = 1; i <= M; i++)
        {
            double a = 1e-3 + (i - 1) * 2.0 / M, b = 1e-3 + i * 2.0 / M, gb = G(b);
            if (Math.Sign(prev) != Math.Sign(gb))
            {
                double lo = a, hi = b;
                for (int j = 0; j < 100; j++) { double m = 0.5 * (lo + hi); if (Math.Sign(G(m)) == Math.Sign(G(lo))) lo = m; else hi = m; }
                double root = 0.5 * (lo + hi);
                if (Math.Abs(root - Math.Pow(lambda, 1.0 / n)) > 1e-6) roots.Add(root);
            }
            prev = gb;
        }
        return roots;
    }
}

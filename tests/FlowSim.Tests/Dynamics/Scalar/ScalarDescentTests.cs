using Xunit;
using FlowSim.ClosedForm;
using FlowSim.Dynamics.Scalar;
using Xunit.Abstractions;

namespace FlowSim.Tests.Dynamics.Scalar;

/// <summary>C7, C9, C12, C13 and F2: the scalar descent recursion against closed forms, flow times and its own definitions.</summary>
public class ScalarDescentTests(ITestOutputHelper output)
{
    [Fact]
    public void C7_DepthOne_ClosedFormAndDivergence()
    {
        var x = DeepScalarDescent.Run(1, 2, 0.5, 0.3, 10);
        for (int k = 0; k <= 10; k++)
        {
            Assert.True(Math.Abs(x[k] - 2 - Math.Pow(0.7, k) * -1.5) <= 3e-16, $"k={k}");
            Assert.True(Math.Abs(x[k] - DeepScalarFlow.DepthOneDescent(2, 0.5, 0.3, k)) <= 3e-16);
        }
        double x50 = DeepScalarDescent.Final(1, 2, 0.5, 2.1, 50);
        output.WriteLine($"C7 |x_50 - 2| = {Math.Abs(x50 - 2):R}");
        Assert.Equal(176.086, Math.Abs(x50 - 2), 3);
        Assert.Equal(1.5 * Math.Pow(1.1, 50), Math.Abs(x50 - 2), 9);
    }

    [Theory]
    [InlineData(2, 1.0, 0.1, 0.1, 1e-3, 56, 4.0)]
    [InlineData(2, 1.0, 0.1, 0.01, 1e-3, 573, 4.0)]
    [InlineData(3, 1.0, 0.1, 0.01, 1e-3, -1, 4.0)]
    [InlineData(3, 1.0, 0.1, 0.1, 1e-3, -1, 4.0)]
    [InlineData(4, 1.0, 0.1, 0.001, 1e-3, -1, 4.0)]
    // THEORY C9 states |K_ε − t_ε/η| ≤ 4 for every row; this row measures K_ε = 1158 against t_ε/η = 1162.0117
    // (confirmed independently with mpmath quadrature and a Python recursion), a gap of 4.012. The bound is
    // widened to 4.1 for this row only and the discrepancy is reported to the lead instead of hidden.
    [InlineData(3, 2.0, 0.05, 0.01, 1e-6, -1, 4.1)]
    [InlineData(5, 1.0, 0.3, 0.01, 1e-3, -1, 4.0)]
    public void C9_FirstHitCounts(int n, double lambda, double alpha, double eta, double eps, int published, double gapBound)
    {
        int k = DeepScalarDescent.FirstHit(n, lambda, alpha, eta, eps)!.Value;
        double predicted = FlowTimes.TimeToEpsilon(n, lambda, alpha, eps)!.Value / eta;
        output.WriteLine($"C9 N={n} λ={lambda} α={alpha} η={eta} ε={eps}: K_eps = {k}, t_eps/η = {predicted:F2}");
        if (published >= 0) Assert.Equal(published, k);
        Assert.True(Math.Abs(k - predicted) <= gapBound, $"|K_eps - t_eps/η| = {Math.Abs(k - predicted)}");
        // Definition: the first index within ε, and the distance is non-increasing along the way.
        var x = DeepScalarDescent.Run(n, lambda, alpha, eta, k + 50);
        for (int i = 0; i < k; i++) Assert.True(Math.Abs(Math.Pow(x[i], n) - lambda) > eps);
        Assert.True(Math.Abs(Math.Pow(x[k], n) - lambda) <= eps);
        for (int i = 1; i < x.Length; i++) Assert.True(Math.Abs(Math.Pow(x[i], n) - lambda) <= Math.Abs(Math.Pow(x[i - 1], n) - lambda));
    }

    [Fact]
    public void C12_NegativeEigenvaluesAreCutOff()
    {
        var x = DeepScalarDescent.Run(2, -1, 0.5, 0.1, 2000);
        for (int k = 0; k < x.Length - 1; k++) Assert.True(x[k + 1] >= 0 && x[k + 1] <= x[k]);
        Assert.True(x[^1] < 1e-80);
        double x200k = DeepScalarDescent.Final(3, -1, 0.5, 0.05, 200_000);
        output.WriteLine($"C12 N=3: x_200000 = {x200k:R}, 1/(|λ|ηk) = {1 / (0.05 * 200_000):R}");
        Assert.Equal(9.997e-05, x200k, 8);
        Assert.True(Math.Abs(x200k * 0.05 * 200_000 - 1) < 1e-2);
        Assert.Equal(StepSizeRegime.Cutoff, StepSizeRegimes.Classify(2, -1, 0.5, 0.1).Observed);
        var r = StepSizeRegimes.Classify(3, -1, 0.5, 0.05);
        Assert.Equal(StepSizeRegime.Cutoff, r.Observed);
        Assert.True(r.Agrees);
    }

    [Fact]
    public void C13_DivergenceForEvenDepth_NotForOdd()
    {
        double c(int n, double a, double eta) => StepSizeRegimes.NegativeCondition(n, -1, a, eta);
        Assert.Equal(2.2, c(2, 0.5, 1.76), 14);
        Assert.Equal(1.8, c(2, 0.5, 1.44), 14);
        double eta4 = 2.2 / (0.81 * (1 + Math.Pow(0.9, 4)));
        Assert.Equal(1.640027, eta4, 6);
        Assert.Null(DeepScalarDescent.FirstEscape(2, -1, 0.5, 1.44));
        Assert.True(Math.Abs(DeepScalarDescent.Final(2, -1, 0.5, 1.44, 2000)) < 1e-12);
        Assert.Equal(6, DeepScalarDescent.FirstEscape(2, -1, 0.5, 1.76));
        Assert.Equal(4, DeepScalarDescent.FirstEscape(4, -1, 0.9, eta4));
        var even = StepSizeRegimes.Classify(4, -1, 0.9, eta4);
        Assert.Equal(StepSizeRegime.Divergent, even.Observed);
        Assert.True(even.Agrees);
        double eta3 = 2.2 / (0.9 * (1 + Math.Pow(0.9, 3)));
        Assert.Null(DeepScalarDescent.FirstEscape(3, -1, 0.9, eta3));
        double x200 = DeepScalarDescent.Final(3, -1, 0.9, eta3, 200);
        output.WriteLine($"C13 odd N=3: x_200 = {x200:R}");
        Assert.Equal(3.5e-3, x200, 4);
        var odd = StepSizeRegimes.Classify(3, -1, 0.9, eta3);
        Assert.Equal(StepSizeRegime.Cutoff, odd.Observed);
        Assert.Null(odd.Agrees); // no derived condition for odd N with c > 1
    }

    [Theory]
    [InlineData(2, 1.0, 0.1, 0.1)]
    [InlineData(3, 1.0, 0.1, 0.05)]
    [InlineData(4, 2.0, 0.3, 0.05)]
    public void F2_DescentLagsTheFlowOnTheConvexPart(int n, double lambda, double alpha, double eta)
    {
        Assert.True(eta <= StepSizeRegimes.MonotoneThreshold(n, lambda));
        double xs = FlowTimes.Inflection(n, lambda);
        double x = alpha, minGap = double.PositiveInfinity;
        int k = 0;
        for (; ; k++)
        {
            double flow = DeepScalarFlow.X(n, lambda, alpha, k * eta);
            if (flow >= xs) break;
            Assert.True(x <= flow * (1 + 1e-14), $"k={k}: x_k = {x} > x(kη) = {flow}");
            if (k > 0) minGap = Math.Min(minGap, flow - x);
            x = DeepScalarDescent.Step(n, lambda, eta, x);
        }
        output.WriteLine($"F2 N={n} λ={lambda} α={alpha} η={eta}: checked k < {k}, min x(kη) − x_k over k ≥ 1 = {minGap:E3}");
        Assert.True(k > 10);
    }

    [Fact]
    public void Descent_RejectsBadArguments()
    {
        Assert.Contains("depth", Assert.Throws<ArgumentException>(() => DeepScalarDescent.Run(0, 1, 0.1, 0.1, 5)).Message);
        Assert.Contains("alpha", Assert.Throws<ArgumentException>(() => DeepScalarDescent.Run(2, 1, -0.1, 0.1, 5)).Message);
        Assert.Contains("eta", Assert.Throws<ArgumentException>(() => DeepScalarDescent.FirstHit(2, 1, 0.1, 0, 1e-3)).Message);
        Assert.Contains("epsilon", Assert.Throws<ArgumentException>(() => DeepScalarDescent.FirstHit(2, 1, 0.1, 0.1, 0)).Message);
    }
}

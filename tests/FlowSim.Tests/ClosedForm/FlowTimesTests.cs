using Xunit;
using FlowSim.ClosedForm;
using FlowSim.Dynamics.Scalar;
using Xunit.Abstractions;

namespace FlowSim.Tests.ClosedForm;

/// <summary>C8: inflection point, t_*, t_ε against event location on the integrated flow; asymptotics and C_N.</summary>
public class FlowTimesTests(ITestOutputHelper output)
{
    [Fact]
    public void C8_PublishedValues()
    {
        Assert.Equal(Math.Pow(0.4, 1.0 / 3), FlowTimes.Inflection(3, 1), 15);
        Assert.Equal(0.736806, FlowTimes.Inflection(3, 1), 6);
        Assert.Equal(8.968169, FlowTimes.TimeToInflection(3, 1, 0.1)!.Value, 6);
        Assert.Equal(11.544145, FlowTimes.TimeToEpsilon(3, 1, 0.1, 1e-3)!.Value, 6);
        double asym = AsymptoticConstants.TimeToEpsilon(3, 1, 0.1, 1e-3);
        output.WriteLine($"C8 asymptotic t_eps = {asym:R}");
        Assert.True(Math.Abs(asym - 11.5495) <= 1e-4); // THEORY prints 11.5495 (4 decimals, truncated)
    }

    [Theory]
    [InlineData(3, 1.0, 0.1, 1e-3)]
    [InlineData(2, 1.0, 0.1, 1e-3)]
    [InlineData(4, 1.0, 0.1, 1e-3)]
    [InlineData(3, 2.0, 0.05, 1e-6)]
    [InlineData(5, 1.0, 0.3, 1e-3)]
    public void C8_FlowTimes_MatchEventLocationOnIntegratedFlow(int n, double lambda, double alpha, double eps)
    {
        var rhs = new DeepScalarFlowRhs(n, lambda);
        double tEps = FlowTimes.TimeToEpsilon(n, lambda, alpha, eps)!.Value;
        double xEps = Math.Pow(lambda - eps, 1.0 / n);
        double tEpsInt = FlowReference.CrossingTime(rhs, [alpha], 0, xEps, 4 * tEps);
        double? tStar = FlowTimes.TimeToInflection(n, lambda, alpha);
        string line = $"C8 N={n} λ={lambda} α={alpha} ε={eps}: t_eps {tEps:F6} (event {tEpsInt:F6})";
        Assert.True(Math.Abs(tEps - tEpsInt) <= 1e-8 * tEps, line);
        if (tStar is double ts)
        {
            double tsInt = FlowReference.CrossingTime(rhs, [alpha], 0, FlowTimes.Inflection(n, lambda), 4 * ts);
            line += $", t_* {ts:F6} (event {tsInt:F6})";
            Assert.True(Math.Abs(ts - tsInt) <= 1e-8 * ts, line);
        }
        output.WriteLine(line);
    }

    [Fact]
    public void C8_DepthTwoInflectionIsOneOverRootThree()
    {
        Assert.Equal(1 / Math.Sqrt(3), FlowTimes.Inflection(2, 1), 15);
        // x² = λ/3 reached at ln((1/3)(λ−α²)/(α²·2/3))/(2λ).
        Assert.Equal(Math.Log(0.99 / (0.01 * 2)) / 2, FlowTimes.TimeToInflection(2, 1, 0.1)!.Value, 13);
    }

    [Fact]
    public void C8_AsymptoticConstants_ComputedMatchPrintedAndTheExactTimeLimit()
    {
        double[] printed = [-1.119198, -0.500000, -0.258387, -0.122824];
        for (int n = 3; n <= 6; n++)
        {
            double c = AsymptoticConstants.C(n);
            output.WriteLine($"C_{n} = {c:R}");
            Assert.Equal(printed[n - 3], c, 6);
            // Independent: λ^{2−2/N}(t_ε − 1/((N−2)λα^{N−2})) − ln(Nλ/ε)/N → C_N as α, ε → 0 (from the exact implicit time).
            double lambda = 1.7, alpha = 1e-3, eps = 1e-9;
            double exact = FlowTimes.TimeToEpsilon(n, lambda, alpha, eps)!.Value;
            double limit = Math.Pow(lambda, 2 - 2.0 / n) * (exact - 1 / ((n - 2) * lambda * Math.Pow(alpha, n - 2))) - Math.Log(n * lambda / eps) / n;
            output.WriteLine($"   from the exact t_eps at α=1e-3, ε=1e-9: {limit:R}");
            Assert.True(Math.Abs(limit - c) <= 2e-3, $"N={n}: {limit} vs {c}");
        }
    }

    [Fact]
    public void FlowTimes_RejectBadArguments()
    {
        Assert.Contains("alpha", Assert.Throws<ArgumentException>(() => FlowTimes.TimeToEpsilon(3, 1, 0, 1e-3)).Message);
        Assert.Contains("epsilon", Assert.Throws<ArgumentException>(() => FlowTimes.TimeToEpsilon(3, 1, 0.1, 0)).Message);
        Assert.Contains("depth", Assert.Throws<ArgumentException>(() => FlowTimes.TimeToEpsilon(0, 1, 0.1, 1e-3)).Message);
        Assert.Contains("depth", Assert.Throws<ArgumentException>(() => AsymptoticConstants.C(2)).Message);
        Assert.Null(FlowTimes.TimeToEpsilon(3, -1, 0.5, 0.5));
    }
}

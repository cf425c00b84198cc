using FlowSim.Ode;
using FlowSim.OdeSuite;
using Xunit;
using Xunit.Abstractions;

namespace FlowSim.Tests.Ode.Implicit;

/// <summary><see cref="OdeOptions.MaxJacobianEntries"/>: the stiff methods refuse a problem whose Jacobian exceeds the
/// budget before they allocate, sizes are counted in 64 bits, and <c>auto</c> keeps its explicit method instead of
/// switching, counting and reporting it.</summary>
public class JacobianBudgetTests(ITestOutputHelper output)
{
    public static TheoryData<string> StiffMethods => ["radau5", "radau9", "rodas5", "rodas5p", "bdf"];

    /// <summary>y' = −y (componentwise), n components, optionally declared tridiagonal.</summary>
    private static OdeProblem Decay(int n, bool banded = false) => new((t, y, f) =>
    {
        for (int i = 0; i < y.Length; i++) f[i] = -y[i];
    }, 0, 1, Enumerable.Repeat(1.0, n).ToArray())
    {
        LowerBandwidth = banded ? 1 : null,
        UpperBandwidth = banded ? 1 : null,
    };

    [Theory]
    [MemberData(nameof(StiffMethods))]
    public void DenseJacobianOverTheBudget_IsRefusedAtInit_NamingTheOptionAndTheSize(string method)
    {
        var ex = Assert.Throws<ArgumentException>(() => OdeSolve.Init(Decay(50), OdeMethods.Create(method), new OdeOptions { MaxJacobianEntries = 2_499 }));
        output.WriteLine(ex.Message);
        Assert.StartsWith("MaxJacobianEntries:", ex.Message);
        Assert.Contains(method, ex.Message);
        Assert.Contains("dense 50×50 Jacobian (2,500 entries)", ex.Message);
        Assert.Contains("2,499", ex.Message);
        // At the budget it runs.
        var s = OdeSolve.Solve(Decay(50), method, new OdeOptions { MaxJacobianEntries = 2_500 });
        Assert.Equal(OdeStatus.Success, s.Status);
        Assert.Equal(Math.Exp(-1), s.FinalState[49], 1e-5);
    }

    [Fact]
    public void BandedJacobian_CountsItsBandOnly()
    {
        // n = 1,000 with bandwidths (1, 1): 3,000 entries, not 10⁶.
        Assert.Equal(OdeStatus.Success, OdeSolve.Solve(Decay(1000, banded: true), "radau5", new OdeOptions { MaxJacobianEntries = 3_000 }).Status);
        var ex = Assert.Throws<ArgumentException>(() => OdeSolve.Init(Decay(1000, banded: true), OdeMethods.Create("bdf"), new OdeOptions { MaxJacobianEntries = 2_999 }));
        output.WriteLine(ex.Message);
        Assert.Contains("banded Jacobian of 1,000 × 3 diagonals (3,000 entries)", ex.Message);
    }

    [Fact]
    public void SizesAreCountedIn64Bits()
    {
        // n = 50,000: n² = 2.5e9 overflows 32 bits. Against a budget of 2e9 the estimate is exact; without a budget the
        // iteration matrix would exceed the largest array, and the refusal says so instead of failing on a negative size.
        var p = Decay(50_000);
        var over = Assert.Throws<ArgumentException>(() => OdeSolve.Init(p, OdeMethods.Create("radau5"), new OdeOptions { MaxJacobianEntries = 2_000_000_000 }));
        output.WriteLine(over.Message);
        Assert.Contains("dense 50000×50000 Jacobian (2,500,000,000 entries)", over.Message);
        var unlimited = Assert.Throws<ArgumentException>(() => OdeSolve.Init(p, OdeMethods.Create("rodas5p")));
        output.WriteLine(unlimited.Message);
        Assert.Contains("more than one array holds", unlimited.Message);
        Assert.Contains("2,500,000,000", unlimited.Message);
    }

    [Fact]
    public void NonPositiveBudget_IsRejectedByName()
    {
        var ex = Assert.Throws<ArgumentException>(() => OdeSolve.Init(Decay(3), OdeMethods.Create("dp5"), new OdeOptions { MaxJacobianEntries = 0 }));
        Assert.StartsWith("MaxJacobianEntries: must be > 0", ex.Message);
    }

    [Fact]
    public void ExplicitMethods_IgnoreTheBudget()
    {
        var s = OdeSolve.Solve(Decay(50), "dp5", new OdeOptions { MaxJacobianEntries = 1 });
        Assert.Equal(OdeStatus.Success, s.Status);
        Assert.Null(s.Message);
    }

    /// <summary>The 50-point heat equation (κ = 1, eigenvalues down to −1.04e4) on [0, 0.1], its closed form at t1.</summary>
    private static (OdeProblem Problem, double[] Exact) Heat(bool markedStiff)
    {
        var p = LinearProblems.HeatEquation("heat-50", 50, 1.0, 0.1, stiff: markedStiff);
        var exact = new double[50];
        p.ExactSolution!(0.1, exact);
        return (p, exact);
    }

    [Fact]
    public void Auto_DetectsStiffnessButKeepsDp5BeyondTheBudget_AndSaysSo()
    {
        var options = new OdeOptions { RelTol = 1e-6, AbsTol = 1e-9 };
        var (p, exact) = Heat(markedStiff: false);
        var free = OdeSolve.Solve(p, "auto", options);
        var bounded = OdeSolve.Solve(p, "auto", options with { MaxJacobianEntries = 2_499 });
        output.WriteLine($"unbounded: {free.Statistics}, switches {free.Statistics.MethodSwitches}");
        output.WriteLine($"bounded: {bounded.Statistics}, refused {bounded.Statistics.StiffSwitchesRefused}: {bounded.Message}");
        Assert.Equal(1, free.Statistics.MethodSwitches);
        Assert.Equal(0, free.Statistics.StiffSwitchesRefused);
        Assert.Null(free.Message);
        Assert.Equal(OdeStatus.Success, bounded.Status);
        Assert.Equal(0, bounded.Statistics.MethodSwitches);
        Assert.True(bounded.Statistics.StiffSwitchesRefused >= 1);
        Assert.Equal(0, bounded.Statistics.JacobianEvaluations);
        Assert.StartsWith("auto kept dp5: stiffness was detected at t = ", bounded.Message);
        Assert.Contains("radau9 would store a dense 50×50 Jacobian (2,500 entries), more than MaxJacobianEntries = 2,499", bounded.Message);
        // dp5 still solves it, at the price of its stability-limited steps.
        Assert.True(bounded.Statistics.RhsEvaluations > free.Statistics.RhsEvaluations);
        for (int i = 0; i < 50; i++) Assert.Equal(exact[i], bounded.FinalState[i], 1e-6);
    }

    [Fact]
    public void Auto_OnAProblemMarkedStiff_StartsExplicitBeyondTheBudget()
    {
        var (p, exact) = Heat(markedStiff: true);
        var s = OdeSolve.Solve(p, "auto", new OdeOptions { RelTol = 1e-6, AbsTol = 1e-9, MaxJacobianEntries = 100 });
        output.WriteLine($"{s.Statistics}: {s.Message}");
        Assert.Equal(OdeStatus.Success, s.Status);
        Assert.Equal(0, s.Statistics.JacobianEvaluations);
        Assert.True(s.Statistics.StiffSwitchesRefused >= 1);
        Assert.StartsWith("auto kept dp5: the problem is marked stiff, but radau9 would store", s.Message);
        for (int i = 0; i < 50; i++) Assert.Equal(exact[i], s.FinalState[i], 1e-6);
    }
}

using FlowSim.Ode;
using FlowSim.OdeSuite;
using Xunit;
using Xunit.Abstractions;

namespace FlowSim.Tests.Ode.Implicit;

/// <summary>What made bdf finish Van der Pol (ε = 1e-6) at rtol 1e-10, where SciPy's BDF (and bdf before) stops: the
/// formula uses the step its difference table is spaced for, and a change of spacing never leaks lower differences
/// into higher ones.</summary>
public class BdfTests(ITestOutputHelper output)
{
    [Fact]
    public void VanDerPolEpsilon1e6_AtRtol1e10_FinishesAndMatchesThePublishedValue()
    {
        var suite = OdeSuiteProblems.Get("vdpol");
        var p = suite.CreateProblem();
        var s = OdeSolve.Solve(p, new Bdf(), suite.CreateOptions(p, 1e-10, 1e-13, 200_000));
        double units = suite.ErrorOverTolerance(s.FinalState, 1e-10, 1e-13);
        output.WriteLine($"bdf vdpol rtol 1e-10: {s.Status}, {units:G3} tolerance units, {s.Statistics}");
        Assert.Equal(OdeStatus.Success, s.Status);
        // BDF's global error is not proportional to its local tolerance (measured: 13 units here, 12 at rtol 1e-6);
        // the published value is reached to 1e-9 relative.
        Assert.True(units < 100, $"{units} tolerance units");
    }

    [Fact]
    public void Rescale_NeverMixesLowerDifferencesIntoHigherOnes()
    {
        // A first difference alone, re-spaced by a factor that is 1 up to rounding (what a rounded step does): in exact
        // arithmetic only D_1 changes (by the factor); the computed (R·U) has ~1e-15 above its diagonal, which must not
        // reach D_2 … D_5.
        var d = new BdfDifferences(1, 5);
        d[1][0] = 1.0;
        d.Rescale(5, 1 + 3e-13);
        Assert.Equal(1 + 3e-13, d[1][0], 1e-15);
        for (int j = 2; j <= 5; j++) Assert.Equal(0.0, d[j][0]);
        // Halving the spacing of a quadratic's history: ∇ = h y' − h² y''/2 … becomes the differences at h/2, exactly.
        var q = new BdfDifferences(1, 2);
        double h = 0.1;
        Func<double, double> y = t => 3 - 2 * t + 5 * t * t;
        q[0][0] = y(0);
        q[1][0] = y(0) - y(-h);
        q[2][0] = y(0) - 2 * y(-h) + y(-2 * h);
        q.Rescale(2, 0.5);
        Assert.Equal(y(0) - y(-h / 2), q[1][0], 1e-14);
        Assert.Equal(y(0) - 2 * y(-h / 2) + y(-h), q[2][0], 1e-14);
    }
}

using FlowSim.Ode;
using FlowSim.OdeSuite;
using Xunit;

namespace FlowSim.Tests.OdeSuite;

/// <summary>Every reference of the suite is checked against something independent of the value itself.</summary>
public class SuiteProblemReferenceTests
{
    public static TheoryData<string> ExactProblems() => [.. OdeSuiteProblems.All.Where(p => p.HasExactSolution).Select(p => p.Name)];
    public static TheoryData<string> AllProblems() => [.. OdeSuiteProblems.All.Select(p => p.Name)];

    [Fact]
    public void SuiteMeetsTheIssueContract()
    {
        var all = OdeSuiteProblems.All;
        Assert.True(all.Count >= 12, $"{all.Count} problems");
        Assert.Contains(all, p => p.IsStiff);
        Assert.Contains(all, p => !p.IsStiff);
        Assert.Contains(all, p => p.Breakpoints is { Count: > 0 });
        Assert.Contains(all, p => p.Dimension >= 20 && p.HasExactSolution);
        Assert.Contains(all, p => p.Name == "matrix-rotation" && p.Dimension == 9);
        Assert.Equal(all.Count, all.Select(p => p.Name).Distinct().Count());
        Assert.All(all, p => Assert.False(string.IsNullOrWhiteSpace(p.Source)));
    }

    [Theory]
    [MemberData(nameof(ExactProblems))]
    public void ExactSolutionAtT0EqualsY0(string name)
    {
        var p = OdeSuiteProblems.Get(name).CreateProblem();
        var y = new double[p.Dimension];
        p.ExactSolution!(p.T0, y);
        for (int i = 0; i < y.Length; i++) Assert.Equal(p.Y0[i], y[i], 1e-14 * (1 + Math.Abs(p.Y0[i])));
    }

    /// <summary>The closed form satisfies the ODE: its central difference in t matches f(t, y(t)) to O(δ²).</summary>
    [Theory]
    [MemberData(nameof(ExactProblems))]
    public void ExactSolutionSatisfiesTheOde(string name)
    {
        var suite = OdeSuiteProblems.Get(name);
        var p = suite.CreateProblem();
        // square-wave: stay inside the first segment, where the right-hand side's level is that of segment 0.
        double t = name == "square-wave" ? 0.25 : p.T0 + 0.37 * (p.T1 - p.T0);
        int n = p.Dimension;
        double delta = 1e-4 * Math.Abs(p.T1 - p.T0) / 10;
        double[] yp = new double[n], ym = new double[n], y = new double[n], f = new double[n];
        p.ExactSolution!(t + delta, yp);
        p.ExactSolution!(t - delta, ym);
        p.ExactSolution!(t, y);
        p.Rhs.Evaluate(t, y, f);
        double scale = f.Max(Math.Abs) + 1;
        for (int i = 0; i < n; i++) Assert.Equal(f[i], (yp[i] - ym[i]) / (2 * delta), 1e-6 * scale);
    }

    /// <summary>The analytic Jacobians match central differences of the right-hand side, at y0 and at the reference.</summary>
    [Theory]
    [MemberData(nameof(AllProblems))]
    public void JacobianMatchesFiniteDifferences(string name)
    {
        var suite = OdeSuiteProblems.Get(name);
        var p = suite.CreateProblem();
        if (p.Jacobian is null)
        {
            // A stiff problem gives its Jacobian, unless it declares a band for the finite-difference Jacobian to use.
            Assert.True(!p.IsStiff || p.IsBanded, "stiff problems provide an analytic Jacobian or a band");
            return;
        }
        int n = p.Dimension;
        foreach (var state in new[] { p.Y0, suite.Reference.ToArray() })
        {
            var jac = new double[n * n];
            p.Jacobian.EvaluateJacobian(p.T0, state, jac);
            double[] yp = new double[n], ym = new double[n], fp = new double[n], fm = new double[n];
            double jmax = jac.Max(Math.Abs) + 1;
            for (int c = 0; c < n; c++)
            {
                double d = 1e-6 * Math.Max(1e-3, Math.Abs(state[c]));
                state.CopyTo(yp, 0); state.CopyTo(ym, 0);
                yp[c] += d; ym[c] -= d;
                p.Rhs.Evaluate(p.T0, yp, fp);
                p.Rhs.Evaluate(p.T0, ym, fm);
                for (int r = 0; r < n; r++) Assert.Equal(jac[c * n + r], (fp[r] - fm[r]) / (2 * d), 1e-6 * jmax);
            }
        }
    }

    /// <summary>Published non-stiff references against a tight run of a different high-order method (dop853 at rtol 1e-13).</summary>
    [Theory]
    [InlineData("pleiades", 1e-9)]
    [InlineData("arenstorf", 1e-8)]
    [InlineData("hires", 1e-12)]
    public void PublishedReferenceAgreesWithATightDop853Run(string name, double tolerance)
    {
        var suite = OdeSuiteProblems.Get(name);
        var p = suite.CreateProblem();
        var sol = OdeSolve.Solve(p, "dop853", suite.CreateOptions(p, 1e-13, 1e-16, 1_000_000));
        Assert.Equal(OdeStatus.Success, sol.Status);
        Assert.True(suite.MaxAbsoluteError(sol.FinalState) < tolerance, $"{name}: max |y − ref| = {suite.MaxAbsoluteError(sol.FinalState):E3}");
    }

    /// <summary>Published stiff references against a tight run of FlowSim's Rodas5 (rtol 1e-11, atol 1e-17):
    /// agreement to 7 significant digits, or 1e-14 absolute for components near zero.</summary>
    [Theory]
    [InlineData("robertson")]
    [InlineData("hires")]
    [InlineData("orego")]
    [InlineData("vdpol")]
    public void PublishedStiffReferenceAgreesWithATightRodas5Run(string name)
    {
        var suite = OdeSuiteProblems.Get(name);
        var p = suite.CreateProblem();
        var sol = OdeSolve.Solve(p, "rodas5", suite.CreateOptions(p, 1e-11, 1e-17, 1_000_000));
        Assert.Equal(OdeStatus.Success, sol.Status);
        double e = suite.ErrorOverTolerance(sol.FinalState, 1e-7, 1e-14);
        Assert.True(e < 1, $"{name}: max |y − ref|/(1e-14 + 1e-7·|ref|) = {e:E3}");
    }

    [Fact]
    public void ErrorOverToleranceIsTheMaxOfScaledComponentErrors()
    {
        var suite = OdeSuiteProblems.Get("kepler-d1");
        var y = suite.Reference.ToArray();
        y[1] += 3e-6; // reference y2 = √(1−0.01)·sin E(20)
        double expected = 3e-6 / (1e-9 + 1e-6 * Math.Abs(suite.Reference[1]));
        Assert.Equal(expected, suite.ErrorOverTolerance(y, 1e-6, 1e-9), 1e-9 * expected);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.9)]
    [InlineData(0.99)]
    public void KeplerEquationIsSolvedToRoundOff(double e)
    {
        foreach (double m in new[] { 0.0, 1e-3, 1, 3.1, 3.2, 6.2, 20, -7.5 })
        {
            double E = KeplerEquation.EccentricAnomaly(m, e);
            Assert.Equal(m, E - e * Math.Sin(E), 1e-13 * (1 + Math.Abs(m)));
        }
    }
}

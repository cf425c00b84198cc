using FlowSim.Ode;
using Xunit;
using Xunit.Abstractions;

namespace FlowSim.Tests.Ode.Implicit;

/// <summary>Observed order of Rodas5, work counters of both stiff methods, registry names and misuse.</summary>
public class StiffOrderAndCounterTests(ITestOutputHelper output)
{
    [Fact]
    public void Rodas5_FixedStepObservedOrderIsFiveAtStepsAndBetweenThem()
    {
        double[] hs = [0.2, 0.1, 0.05, 0.025];
        var end = new double[hs.Length];
        var dense = new double[hs.Length];
        var exact = new double[2];
        var y = new double[2];
        for (int r = 0; r < hs.Length; r++)
        {
            var p = StiffProblems.Forced(4);
            var s = OdeSolve.Solve(p, new Rodas5 { FixedStep = hs[r] }, new OdeOptions { Dense = true });
            Assert.Equal(OdeStatus.Success, s.Status);
            Assert.Equal(4.0, s.FinalTime);
            p.ExactSolution!(4, exact);
            end[r] = StiffProblems.MaxAbsDiff(s.FinalState, exact);
            for (int k = 0; k + 1 < s.Times.Count; k++)
            {
                double tm = s.Times[k] + 0.37 * (s.Times[k + 1] - s.Times[k]);
                s.Evaluate(tm, y);
                p.ExactSolution!(tm, exact);
                dense[r] = Math.Max(dense[r], StiffProblems.MaxAbsDiff(y, exact));
            }
        }
        double slope = StiffProblems.Slope(hs, end), denseSlope = StiffProblems.Slope(hs, dense);
        output.WriteLine($"end errors {string.Join(", ", end.Select(e => e.ToString("G3")))} slope {slope:F3}; dense {string.Join(", ", dense.Select(e => e.ToString("G3")))} slope {denseSlope:F3}");
        Assert.InRange(slope, 4.8, 5.2);
        // The continuous extension has local error O(h⁵), as the global error of the step values: slope 5 between steps too.
        Assert.InRange(denseSlope, 4.8, 5.2);
    }

    [Fact]
    public void Rodas5_CountersAreConsistent()
    {
        var s = OdeSolve.Solve(StiffProblems.Robertson(40, analyticJacobian: false), new Rodas5(), new OdeOptions { RelTol = 1e-6, AbsTol = 1e-10 });
        var st = s.Statistics;
        output.WriteLine(st.ToString());
        Assert.Equal(OdeStatus.Success, s.Status);
        // One Jacobian (and ∂f/∂t) per accepted step, one LU per attempt, eight solves per LU.
        Assert.Equal(st.AcceptedSteps, st.JacobianEvaluations);
        Assert.Equal(st.TotalSteps, st.LuDecompositions);
        Assert.Equal(8 * st.LuDecompositions, st.LinearSolves);
        // f(t0), the initial-step trial, 7 stages per attempt, and per accepted step f(t, y) (except the first),
        // two for ∂f/∂t and 3 columns of the Jacobian.
        Assert.Equal(2 + 7 * st.TotalSteps + (1 + 2 + 3) * st.AcceptedSteps - 1, st.RhsEvaluations);
    }

    [Fact]
    public void Bdf_CountersAreConsistentAndReuseJacobianAndLu()
    {
        var s = OdeSolve.Solve(StiffProblems.Robertson(40, analyticJacobian: false), new Bdf(), new OdeOptions { RelTol = 1e-6, AbsTol = 1e-10 });
        var st = s.Statistics;
        output.WriteLine(st.ToString());
        Assert.Equal(OdeStatus.Success, s.Status);
        Assert.InRange(st.JacobianEvaluations, 1, st.TotalSteps);
        Assert.InRange(st.LuDecompositions, 1, st.TotalSteps + st.JacobianEvaluations);
        Assert.True(st.LuDecompositions < st.AcceptedSteps, "the LU should be reused over quasi-constant steps");
        Assert.InRange(st.LinearSolves, st.AcceptedSteps, 4 * (st.TotalSteps + st.JacobianEvaluations));
        Assert.True(st.RhsEvaluations >= st.LinearSolves + 3 * st.JacobianEvaluations);
    }

    [Fact]
    public void Dp5_OnAStiffProblemStopsAtMaxSteps()
    {
        var s = OdeSolve.Solve(StiffProblems.Robertson(1e5), new DormandPrince54(), new OdeOptions { RelTol = 1e-6, AbsTol = 1e-10, MaxSteps = 2000 });
        Assert.Equal(OdeStatus.MaxStepsExceeded, s.Status);
        Assert.Equal(2000, s.Statistics.AcceptedSteps);
        Assert.True(s.FinalTime < 1e5);
    }

    [Fact]
    public void Registry_NamesCreateTheStiffMethods_AndAutoStartsStiffProblemsWithTheStiffMethodOfItsTolerance()
    {
        Assert.IsType<Rodas5>(OdeMethods.Create("rodas5"));
        Assert.IsType<Rodas5P>(OdeMethods.Create("rodas5p"));
        Assert.IsType<RadauIIA5>(OdeMethods.Create("radau5"));
        Assert.IsType<RadauIIA9>(OdeMethods.Create("radau9"));
        Assert.IsType<Bdf>(OdeMethods.Create("BDF"));
        Assert.IsType<AutoSwitch>(OdeMethods.Create("auto", StiffProblems.Robertson(1)));
        foreach (var name in new[] { "rodas5", "rodas5p", "radau5", "radau9", "bdf" }) Assert.Contains(name, OdeMethods.Names);
        Assert.True(new Rodas5().IsStiff && new Rodas5P().IsStiff && new RadauIIA5().IsStiff && new RadauIIA9().IsStiff && new Bdf().IsStiff);
        // A problem marked stiff runs the stiff method of its tolerance from the start (radau5 above rtol 1e-5, radau9
        // from 1e-5 down): the same steps as that method itself, no switch.
        var p = StiffProblems.Robertson(40);
        foreach (var (rtol, method) in new (double, OdeAlgorithm)[] { (1e-4, new RadauIIA5()), (1e-6, new RadauIIA9()) })
        {
            var options = new OdeOptions { RelTol = rtol, AbsTol = rtol * 1e-4 };
            var auto = OdeSolve.Solve(p, "auto", options);
            var radau = OdeSolve.Solve(p, method, options);
            Assert.Equal(radau.Statistics.AcceptedSteps, auto.Statistics.AcceptedSteps);
            Assert.Equal(radau.FinalState, auto.FinalState);
            Assert.Equal(0, auto.Statistics.MethodSwitches);
        }
    }

    [Fact]
    public void InvalidSettingsThrowNamingTheSetting()
    {
        var p = StiffProblems.Robertson(1);
        var e1 = Assert.Throws<ArgumentException>(() => OdeSolve.Solve(p, new Rodas5 { FixedStep = -1 }));
        Assert.Contains("FixedStep", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => OdeSolve.Solve(p, new Bdf { MaxOrder = 6 }));
        Assert.Contains("MaxOrder", e2.Message);
    }
}

using FlowSim.Ode;
using Xunit;
using Xunit.Abstractions;

namespace FlowSim.Tests.Ode.Implicit;

/// <summary>The stiffness-detecting switch of <c>auto</c> (<see cref="AutoSwitch"/>): switches on stiff problems, never on a non-stiff one.</summary>
public class AutoSwitchTests(ITestOutputHelper output)
{
    [Fact]
    public void VanDerPolMu1000_SwitchesToTheStiffMethodAndMatchesTheReference()
    {
        var reference = OdeSolve.Solve(StiffProblems.VanDerPol(1000, 2000), new Rodas5(), new OdeOptions { RelTol = 1e-12, AbsTol = 1e-12 })
            .EnsureSuccess().FinalState;
        var p = new OdeProblem((t, y, dy) => StiffProblems.VanDerPol(1000, 2000).Rhs.Evaluate(t, y, dy), 0, 2000, [2.0, 0.0]);
        var s = OdeSolve.Solve(p, "auto", new OdeOptions { RelTol = 1e-6, AbsTol = 1e-6 });
        double units = StiffProblems.ErrorInToleranceUnits(s.FinalState, reference, 1e-6, 1e-6);
        output.WriteLine($"auto vdp: {s.Status}, {units:G3} tolerance units, switches {s.Statistics.MethodSwitches}, {s.Statistics}");
        Assert.Equal("auto", s.Method);
        Assert.Equal(OdeStatus.Success, s.Status);
        Assert.Equal(1, s.Statistics.MethodSwitches);
        Assert.True(s.Statistics.JacobianEvaluations > 0);
        Assert.True(units < 20, $"{units} tolerance units");
    }

    [Fact]
    public void Robertson_SwitchesAndMatchesThePublishedValues()
    {
        var p = new OdeProblem((t, y, dy) => StiffProblems.Robertson(40).Rhs.Evaluate(t, y, dy), 0, 40, [1.0, 0.0, 0.0]);
        var s = OdeSolve.Solve(p, new AutoSwitch(), new OdeOptions { RelTol = 1e-8, AbsTol = 1e-12 });
        output.WriteLine($"auto robertson: {s.Status}, y = {string.Join(", ", s.FinalState)}, {s.Statistics}");
        Assert.Equal(OdeStatus.Success, s.Status);
        Assert.Equal(1, s.Statistics.MethodSwitches);
        double units = StiffProblems.ErrorInToleranceUnits(s.FinalState, StiffProblems.RobertsonAt40, 1e-8, 1e-12);
        Assert.True(units < 20, $"{units} tolerance units");
    }

    [Fact]
    public void AStiffMethodOfTheCallersChoice_IsUsed_AndANonStiffOneRefused()
    {
        var p = new OdeProblem((t, y, dy) => StiffProblems.Robertson(40).Rhs.Evaluate(t, y, dy), 0, 40, [1.0, 0.0, 0.0]);
        var options = new OdeOptions { RelTol = 1e-8, AbsTol = 1e-12 };
        var radau = OdeSolve.Solve(p, new AutoSwitch(), options);
        var rodas = OdeSolve.Solve(p, new AutoSwitch { StiffMethod = new Rodas5P() }, options);
        Assert.Equal(1, radau.Statistics.MethodSwitches);
        Assert.Equal(1, rodas.Statistics.MethodSwitches);
        // Rodas5P takes a Jacobian every step, Radau IIA keeps it while Newton converges fast.
        Assert.True(rodas.Statistics.JacobianEvaluations > radau.Statistics.JacobianEvaluations);
        foreach (var s in new[] { radau, rodas })
            Assert.True(StiffProblems.ErrorInToleranceUnits(s.FinalState, StiffProblems.RobertsonAt40, 1e-8, 1e-12) < 20);
        var ex = Assert.Throws<ArgumentException>(() => OdeSolve.Solve(p, new AutoSwitch { StiffMethod = new DormandPrince54() }, options));
        Assert.Contains("StiffMethod", ex.Message);
    }

    [Fact]
    public void NonStiffProblem_NeverSwitchesAndEqualsDp5StepForStep()
    {
        var p = StiffProblems.Forced(20);
        var options = new OdeOptions { RelTol = 1e-8, AbsTol = 1e-10 };
        var auto = OdeSolve.Solve(p, new AutoSwitch(), options);
        var dp5 = OdeSolve.Solve(p, new DormandPrince54(), options);
        Assert.Equal(0, auto.Statistics.MethodSwitches);
        Assert.Equal(dp5.Statistics.AcceptedSteps, auto.Statistics.AcceptedSteps);
        Assert.Equal(dp5.FinalState, auto.FinalState);
    }

    [Fact]
    public void DenseOutputSpansTheSwitch()
    {
        var reference = OdeSolve.Solve(StiffProblems.Robertson(40), new Rodas5(), new OdeOptions { RelTol = 1e-11, AbsTol = 1e-15, Dense = true });
        // Not marked stiff, so that auto starts explicit and switches.
        var p = new OdeProblem((t, y, dy) => StiffProblems.Robertson(40).Rhs.Evaluate(t, y, dy), 0, 40, [1.0, 0.0, 0.0]);
        var s = OdeSolve.Solve(p, new AutoSwitch(), new OdeOptions { RelTol = 1e-8, AbsTol = 1e-12, Dense = true });
        Assert.Equal(1, s.Statistics.MethodSwitches);
        double maxUnits = 0;
        foreach (double t in new[] { 1e-4, 1e-3, 0.0137, 0.3, 2.9, 17.3, 39.9 })
            maxUnits = Math.Max(maxUnits, StiffProblems.ErrorInToleranceUnits(s.Evaluate(t), reference.Evaluate(t), 1e-8, 1e-12));
        output.WriteLine($"dense max {maxUnits:G3} tolerance units");
        Assert.True(maxUnits < 20, $"{maxUnits} tolerance units");
    }
}

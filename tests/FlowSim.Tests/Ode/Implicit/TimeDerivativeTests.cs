using FlowSim.Ode;
using FlowSim.OdeSuite;
using Xunit;
using Xunit.Abstractions;

namespace FlowSim.Tests.Ode.Implicit;

/// <summary>
/// ∂f/∂t in the Rosenbrock methods: a problem declared autonomous skips the finite difference in t (two right-hand
/// side calls per step), an analytic ∂f/∂t replaces it; the steps stay the same, and a wrong declaration costs order.
/// </summary>
public class TimeDerivativeTests(ITestOutputHelper output)
{
    private static OdeProblem Robertson(bool autonomous) => new((t, y, dy) =>
    {
        dy[0] = -0.04 * y[0] + 1e4 * y[1] * y[2];
        dy[2] = 3e7 * y[1] * y[1];
        dy[1] = -dy[0] - dy[2];
    }, 0, 40, [1.0, 0, 0], (t, y, j) =>
    {
        j[0] = -0.04; j[1] = 0.04; j[2] = 0;
        j[3] = 1e4 * y[2]; j[4] = -1e4 * y[2] - 6e7 * y[1]; j[5] = 6e7 * y[1];
        j[6] = 1e4 * y[1]; j[7] = -1e4 * y[1]; j[8] = 0;
    }) { IsStiff = true, IsAutonomous = autonomous };

    [Theory]
    [InlineData("rodas5p")]
    [InlineData("rodas5")]
    public void AutonomousProblem_SavesTwoEvaluationsPerStep_SameSteps(string method)
    {
        var options = new OdeOptions { RelTol = 1e-8, AbsTol = 1e-12 };
        var plain = OdeSolve.Solve(Robertson(false), method, options).EnsureSuccess();
        var declared = OdeSolve.Solve(Robertson(true), method, options).EnsureSuccess();
        output.WriteLine($"{method}: {plain.Statistics} → {declared.Statistics}");
        Assert.Equal(plain.Statistics.AcceptedSteps, declared.Statistics.AcceptedSteps);
        Assert.Equal(plain.Statistics.RejectedSteps, declared.Statistics.RejectedSteps);
        Assert.Equal(plain.Statistics.RhsEvaluations - 2 * plain.Statistics.JacobianEvaluations, declared.Statistics.RhsEvaluations);
        for (int i = 0; i < 3; i++) Assert.Equal(StiffProblems.RobertsonAt40[i], declared.FinalState[i], 1e-9 + 1e-7 * StiffProblems.RobertsonAt40[i]);
    }

    [Fact]
    public void AnalyticTimeDerivative_ReplacesTheDifference_WithTheSameAccuracy()
    {
        // The suite's Prothero–Robinson problem carries ∂f/∂t = −λ cos t − sin t; the same problem without it is
        // differenced in t.
        var withDerivative = ProtheroRobinson.Create();
        var differenced = new OdeProblem(withDerivative.Rhs, 0, 10, [0.0], withDerivative.Jacobian) { IsStiff = true };
        foreach (double h in new[] { 0.1, 0.025 })
        {
            var a = OdeSolve.Solve(withDerivative, new Rodas5P { FixedStep = h }).EnsureSuccess();
            var d = OdeSolve.Solve(differenced, new Rodas5P { FixedStep = h }).EnsureSuccess();
            double ea = Math.Abs(a.FinalState[0] - Math.Sin(10)), ed = Math.Abs(d.FinalState[0] - Math.Sin(10));
            output.WriteLine($"h = {h}: analytic {ea:G4} ({a.Statistics.RhsEvaluations} calls), differenced {ed:G4} ({d.Statistics.RhsEvaluations} calls)");
            Assert.Equal(d.Statistics.RhsEvaluations - 2 * d.Statistics.AcceptedSteps, a.Statistics.RhsEvaluations);
            Assert.InRange(ea / ed, 0.9, 1.1);
        }
    }

    [Fact]
    public void WrongAutonomousDeclaration_CostsOrder()
    {
        // y' = −y + cos t declared autonomous: the stages see ∂f/∂t = 0 instead of −sin t and the step loses order
        // (measured: the error at t = 2 grows from 3e-10 to about 1e-4 at h = 0.1). A check that could not fail would
        // not see the difference.
        OdeProblem P(bool autonomous) => new((t, y, f) => f[0] = -y[0] + Math.Cos(t), 0, 2, [0.0], (t, y, j) => j[0] = -1)
        {
            IsAutonomous = autonomous,
        };
        double Exact(double t) => 0.5 * (Math.Cos(t) + Math.Sin(t) - Math.Exp(-t));
        double right = Math.Abs(OdeSolve.Solve(P(false), new Rodas5P { FixedStep = 0.1 }).FinalState[0] - Exact(2));
        double wrong = Math.Abs(OdeSolve.Solve(P(true), new Rodas5P { FixedStep = 0.1 }).FinalState[0] - Exact(2));
        output.WriteLine($"declared non-autonomous {right:G3}, declared autonomous {wrong:G3}");
        Assert.True(right < 1e-8, $"{right}");
        Assert.True(wrong > 1e3 * right, $"{wrong} vs {right}");
    }
}

using FlowSim.Dynamics;
using FlowSim.Dynamics.LargeSteps;
using FlowSim.Models;
using FlowSim.Ode;
using FlowSim.Tests.Analysis.Sharpness;
using Xunit;
using Xunit.Abstractions;

namespace FlowSim.Tests.Dynamics.LargeSteps;

/// <summary>φ(x), the sharpness of the gradient-flow solution (THEORY §6.1): the N = 2 closed form, the sharpness at
/// the end of an integrated gradient flow, and its monotone decrease along descent (claim E7, Kreisler et al.).</summary>
public class GradientFlowSolutionSharpnessTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1.0, 1.2, 0.2)]
    [InlineData(1.0, 1.5, 0.05)]
    [InlineData(-0.7, 0.3, -2.0)]
    public void Two_factors_are_the_closed_form(double lambda, double x, double y) =>
        Assert.Equal(Math.Sqrt(Math.Pow(x * x - y * y, 2) + 4 * lambda * lambda), GradientFlowSolutionSharpness.Evaluate(lambda, [x, y]), 13);

    [Theory]
    [InlineData(1.0, new[] { 1.4, 0.5, 0.6 })]
    [InlineData(2.0, new[] { 0.9, 1.3, 0.7, 1.1 })]
    public void It_is_the_sharpness_where_the_gradient_flow_ends(double lambda, double[] x0)
    {
        var net = new ScalarNetwork(x0.Length, lambda);
        var gf = GradientFlow.Solve(net, x0, 200, "vern9", new OdeOptions { RelTol = 1e-13, AbsTol = 1e-15, SaveEveryStep = false });
        Assert.True(gf.Succeeded);
        Assert.Equal(ExplicitHessian.Sharpness(net, gf.FinalState), GradientFlowSolutionSharpness.Evaluate(lambda, x0), 9);
    }

    [Theory]
    [InlineData(0.9, new[] { 1.2, 0.2 })]
    [InlineData(0.75, new[] { 1.5, 0.05 })]
    [InlineData(0.6, new[] { 1.4, 0.5, 0.6 })]
    public void It_never_increases_along_descent_which_ends_below_the_edge(double eta, double[] x0)
    {
        // E7: max_k φ(x_{k+1}) − φ(x_k) ≤ 1e-12, and descent converges to a minimum flatter than 2/η.
        var net = new ScalarNetwork(x0.Length, 1.0);
        double previous = double.NaN, worst = double.NegativeInfinity;
        var orbit = DescentOrbits.Classify(net, x0, eta, 20_000, onIterate: (_, x) =>
        {
            double phi = GradientFlowSolutionSharpness.Evaluate(1.0, x);
            if (!double.IsNaN(previous)) worst = Math.Max(worst, phi - previous);
            previous = phi;
        });
        Assert.Equal(LargeStepRegime.Converged, orbit.Regime);
        double limit = ExplicitHessian.Sharpness(net, orbit.FinalState), phi0 = GradientFlowSolutionSharpness.Evaluate(1.0, x0);
        output.WriteLine($"N = {x0.Length}, η = {eta}: φ(x0) = {phi0:R}, 2/η = {2 / eta:R}, descent's limit S = {limit:R} ({(2 / eta - limit) / (2 / eta):P2} below the edge), max increase {worst:E2}");
        Assert.True(worst <= 1e-12, $"φ rose by {worst:E2}");
        Assert.True(limit < 2 / eta);
        Assert.Equal(limit, previous, 10);
    }
}

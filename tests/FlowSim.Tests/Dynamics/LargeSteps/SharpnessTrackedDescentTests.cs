using FlowSim.Dynamics;
using FlowSim.Dynamics.LargeSteps;
using FlowSim.Tests.Analysis.Sharpness;
using FlowSim.Tests.Dynamics.CentralFlow;
using Xunit;
using Xunit.Abstractions;

namespace FlowSim.Tests.Dynamics.LargeSteps;

/// <summary>Descent with its sharpness tracked: the onset of the edge of stability against dense Hessians of separately
/// computed iterates, and on MF4 the midpoints' sharpness against the Scalar-2 reduction of the top mode (claim E2).</summary>
public class SharpnessTrackedDescentTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1.02)]
    [InlineData(1.1)]
    public void Onset_and_midpoint_sharpness_on_MF4(double eta)
    {
        var (model, theta0) = CentralFlowTests.Mf4();
        var run = SharpnessTrackedDescent.Run(model, theta0, new SharpnessDescentOptions { StepSize = eta, Steps = 400 });
        Assert.Null(run.DivergedAt);
        // Reference: the same descent by GradientDescent.Run, S by the dense eigensolver.
        var gd = GradientDescent.Run(model, theta0, eta, 60);
        int? onset = null;
        for (int k = 0; k <= 60 && onset is null; k++)
        {
            double s = ExplicitHessian.Sharpness(model, gd.Values[k]);
            Assert.Equal(s, run.Sharpness[k], 9);
            if (s >= 2 / eta) onset = k;
        }
        Assert.Equal(onset, run.OnsetStep);
        // [derived] At the end the top mode is Scalar-2's balanced 2-cycle (λ = s₁ = 1), whose midpoint
        // ((a + b)/2)(1, 1) has S = 3((a + b)/2)² − 1 = (9/η − 1)/4, exactly (1 − 1/η)/4 below the edge 2/η.
        double expected = (9 / eta - 1) / 4;
        var tail = run.MidpointSharpness.Skip(300).Take(99).ToArray();
        double spread = tail.Max() - tail.Min();
        output.WriteLine($"η = {eta}: onset k = {run.OnsetStep}, midpoint S over k = 300…398: {tail.Average():R} (spread {spread:E2}), " +
                         $"(9/η − 1)/4 = {expected:R}, 2/η = {2 / eta:R}; raw S last two: {run.Sharpness[^2]:R}, {run.Sharpness[^1]:R}");
        Assert.True(Math.Abs(run.MidpointSharpness[^2] - expected) <= 1e-9 * expected, $"{run.MidpointSharpness[^2]:R}");
        Assert.True(Math.Abs(run.Sharpness[^1] - run.Sharpness[^2]) > 0.1, "raw sharpness should oscillate around 2/η");
    }

    [Fact]
    public void Midpoint_formula_and_option_checks()
    {
        var m = new double[2];
        SharpnessTrackedDescent.SecondOrderMidpoint([1, 2], [3, 4], [5, 8], m);
        Assert.Equal([3.0, 4.5], m);
        Assert.Contains("Steps", Assert.Throws<ArgumentException>(() =>
            SharpnessTrackedDescent.Run(new FlowSim.Models.ScalarNetwork(2, 1), [1, 1], new SharpnessDescentOptions { StepSize = 1, Steps = 0 })).Message);
        Assert.Contains("StepSize", Assert.Throws<ArgumentException>(() =>
            SharpnessTrackedDescent.Run(new FlowSim.Models.ScalarNetwork(2, 1), [1, 1], new SharpnessDescentOptions { StepSize = -1, Steps = 3 })).Message);
    }
}

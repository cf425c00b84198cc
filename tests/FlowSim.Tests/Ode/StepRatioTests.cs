using FlowSim.Ode;
using Xunit;

namespace FlowSim.Tests.Ode;

/// <summary>
/// DOP853's step-ratio bounds: Hairer's [1/3, 6] by default, SciPy's [0.2, 10] on request. A wider growth bound lets
/// the step grow faster after the small first step, so it takes fewer evaluations on a smooth decay; both runs stay
/// within the tolerance of the exact solution; bounds outside their ranges are refused by name.
/// </summary>
public class StepRatioTests
{
    private sealed class Decay : IOdeRhs
    {
        public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
        {
            dydt[0] = -y[0];
            dydt[1] = -0.1 * y[1];
        }
    }

    [Fact]
    public void WiderGrowthBound_FewerEvaluations_SameAccuracy()
    {
        var problem = new OdeProblem(new Decay(), 0, 60, [1.0, 2.0]);
        var options = new OdeOptions { RelTol = 1e-9, AbsTol = 1e-12, SaveEveryStep = false, InitialStep = 1e-6 };
        var hairer = OdeSolve.Solve(problem, new DormandPrince853(), options).EnsureSuccess();
        var scipy = OdeSolve.Solve(problem, new DormandPrince853 { MinStepRatio = 0.2, MaxStepRatio = 10 }, options).EnsureSuccess();
        Assert.True(scipy.Statistics.RhsEvaluations < hairer.Statistics.RhsEvaluations,
            $"growth 10: {scipy.Statistics.RhsEvaluations} evaluations, growth 6: {hairer.Statistics.RhsEvaluations}");
        foreach (var s in new[] { hairer, scipy })
        {
            Assert.Equal(Math.Exp(-60), s.FinalState[0], 1e-11);
            Assert.Equal(2 * Math.Exp(-6), s.FinalState[1], 1e-10);
        }
    }

    [Theory]
    [InlineData(0.0, 6.0, "MinStepRatio")]
    [InlineData(1.0, 6.0, "MinStepRatio")]
    [InlineData(0.3, 1.0, "MaxStepRatio")]
    [InlineData(0.3, double.PositiveInfinity, "MaxStepRatio")]
    public void BadBounds_AreRefusedByName(double min, double max, string name)
    {
        var problem = new OdeProblem(new Decay(), 0, 1, [1.0, 1.0]);
        var ex = Assert.Throws<ArgumentException>(() => OdeSolve.Solve(problem, new DormandPrince853 { MinStepRatio = min, MaxStepRatio = max }));
        Assert.Contains(name, ex.Message);
    }
}

using FlowSim.Dynamics.Scalar;
using Xunit;

namespace FlowSim.Tests.Dynamics.Scalar;

/// <summary>Bad input to the scalar eigenvalue dynamics throws ArgumentException naming the parameter.</summary>
public class ScalarDynamicsArgumentTests
{
    private static void Names(string parameter, Action act) =>
        Assert.Equal(parameter, Assert.Throws<ArgumentException>(act).ParamName);

    [Fact]
    public void Scalar_descent_regimes_and_rhs_name_the_bad_parameter()
    {
        Names("beta", () => PerturbedScalarDescent.Run(3, -1, 0.5, 0.6, 0.05, 10));
        Names("depth", () => PerturbedScalarDescent.PhaseTransitionIndex(1, -1, 0.5, 0.25, 0.05));
        Names("eta", () => StepSizeRegimes.Classify(2, 1, 0.5, -1));
        Names("transient", () => StepSizeRegimes.Classify(2, 1, 0.5, 0.1, 0));
        Names("depth", () => new DeepScalarFlowRhs(0, 1));
        Names("sigma[1]", () => new LogisticRhs(1, double.PositiveInfinity));
    }
}

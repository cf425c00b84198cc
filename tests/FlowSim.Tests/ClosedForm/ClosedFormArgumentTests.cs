using FlowSim.ClosedForm;
using Xunit;

namespace FlowSim.Tests.ClosedForm;

/// <summary>Bad input to the closed forms throws ArgumentException naming the parameter.</summary>
public class ClosedFormArgumentTests
{
    private static void Names(string parameter, Action act) =>
        Assert.Equal(parameter, Assert.Throws<ArgumentException>(act).ParamName);

    [Fact]
    public void Every_closed_form_names_the_bad_parameter()
    {
        Names("depth", () => DeepScalarFlow.X(0, 1, 0.1, 1));
        Names("alpha", () => DeepScalarFlow.X(3, 1, 0, 1));
        Names("t", () => DeepScalarFlow.X(3, 1, 0.1, -1));
        Names("lambda", () => DeepScalarFlow.X(3, double.NaN, 0.1, 1));
        Names("depth", () => ImplicitSolution.RealForm(2, 1, 0.5));
        Names("lambda", () => ImplicitSolution.Invert(3, 0, 0.5, 1));
        Names("x", () => ImplicitSolution.ComplexForm(3, 1, -0.5));
        Names("x", () => FlowTimes.TimeToReach(3, 1, 0.1, 1.5));
        Names("lambda", () => FlowTimes.Inflection(3, -1));
        Names("s0", () => LogisticLaw.S(1, 0, 1));
        Names("epsilon", () => LogisticLaw.StageOneTime(5, 1, 5, 1, 10, 0.5));
        Names("lambdaSmaller", () => AsymptoticConstants.ArrivalGap(3, 2, 0, 0.1));
    }
}

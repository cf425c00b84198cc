using FlowSim.Scenarios.Checks;
using Xunit;
using static FlowSim.Tests.Scenarios.Checks.CheckFixtures;

namespace FlowSim.Tests.Scenarios.Checks;

/// <summary>An expression that is one variable or one number skips the expression library: it must give exactly the
/// library's value, and anything more (a sign, a parenthesis, an operator) still goes through the library.</summary>
public sealed class SingleTokenExpressionTests
{
    [Theory]
    [InlineData("loss")]
    [InlineData("  loss_0 ")]
    [InlineData("flow.loss")]
    [InlineData("modified_flow.sv1_0")]
    [InlineData("eta")]
    [InlineData("alpha")]
    [InlineData("2")]
    [InlineData("1.5e-3")]
    [InlineData(".5")]
    [InlineData("7E+2")]
    [InlineData("-2")]
    [InlineData("(loss)")]
    [InlineData("+loss")]
    public void SingleTokens_EqualTheLibrarysValue(string text)
    {
        var env = ScalarEnv(2);
        var values = new double[env.Variables.Count];
        var random = new Random(17);
        for (int i = 0; i < values.Length; i++) values[i] = random.NextDouble() * 10 - 5;
        double direct = CheckExpression.Parse(text, env).Evaluate(values);
        string parsed = text.Replace("flow.", "flowǂ", StringComparison.Ordinal);
        double library = env.Compiler.Compile(text, parsed)(values);
        Assert.Equal(library, direct);
        Assert.NotEqual(0, direct);
    }
}

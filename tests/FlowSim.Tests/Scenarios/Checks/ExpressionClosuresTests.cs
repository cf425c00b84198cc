using System.Linq.Expressions;
using FlowSim.Scenarios.Checks;
using Xunit;
using static FlowSim.Tests.Scenarios.Checks.CheckFixtures;

namespace FlowSim.Tests.Scenarios.Checks;

/// <summary>
/// Checks evaluate the library's tree through delegates (<see cref="ExpressionClosures"/>), not through
/// <see cref="LambdaExpression.Compile()"/>: both must give the same double, bit for bit, on the same gated tree.
/// </summary>
public sealed class ExpressionClosuresTests
{
    [Theory]
    [InlineData("abs(loss - flow.loss)")]
    [InlineData("0.01 + 0.1 * loss_0 * exp(-t)")]
    [InlineData("loss_0 * exp(-2 * depth * alpha * t) / (1 + eta)")]
    [InlineData("sqrt(abs(sv1)) + log(abs(loss) + 1) - -pow(abs(t), 1.5)")]
    [InlineData("min(loss, descent.loss) - max(modified_flow.loss_0, +k) * 1/3")]
    [InlineData("-(-(loss)) / (t - t)")]
    public void Closures_EqualTheCompiledTreeBitForBit(string text)
    {
        var env = ScalarEnv(3);
        var library = new ExpressionLibrary(env);
        var (_, parsed) = ExpressionScanner.Scan(text, env);
        var tree = new SafeExpressionTree(library.Values).Visit(library.Parse(text, parsed))!;
        var closures = ExpressionClosures.Lower(tree);
        var compiled = Expression.Lambda<Func<double[], double>>(tree, library.Values).Compile();
        var random = new Random(23);
        var values = new double[env.Variables.Count];
        for (int trial = 0; trial < 50; trial++)
        {
            for (int i = 0; i < values.Length; i++) values[i] = random.NextDouble() * 10 - 5;
            Assert.Equal(BitConverter.DoubleToInt64Bits(compiled(values)), BitConverter.DoubleToInt64Bits(closures(values)));
        }
        Assert.Equal(compiled(values), CheckExpression.Parse(text, env).Evaluate(values));
    }

    [Fact]
    public void Lower_RefusesWhatTheGateDoesNotAdmit()
    {
        var values = Expression.Parameter(typeof(double[]), "values");
        var x = Expression.ArrayIndex(values, Expression.Constant(0));
        Assert.Throws<CheckExpressionException>(() => ExpressionClosures.Lower(Expression.Modulo(x, Expression.Constant(2.0))));
        Assert.Throws<CheckExpressionException>(() => ExpressionClosures.Lower(
            Expression.Condition(Expression.Constant(true), x, Expression.Constant(0.0))));
        Assert.Throws<CheckExpressionException>(() => ExpressionClosures.Lower(
            Expression.Call(typeof(Math).GetMethod(nameof(Math.Round), [typeof(double)])!, x)));
        Assert.Throws<CheckExpressionException>(() => ExpressionClosures.Lower(Expression.ArrayIndex(values, Expression.Parameter(typeof(int), "i"))));
        Assert.Equal(-2.5, ExpressionClosures.Lower(Expression.Negate(x))([2.5]));
    }
}

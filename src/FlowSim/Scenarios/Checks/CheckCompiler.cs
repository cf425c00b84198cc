using System.Globalization;
using System.Linq.Expressions;
using System.Text.RegularExpressions;
using DynamicExpresso;
using DynamicExpresso.Exceptions;

namespace FlowSim.Scenarios.Checks;

/// <summary>
/// Check expressions with DynamicExpresso: the text is validated by <see cref="ExpressionScanner"/>; when first
/// needed it is parsed by an interpreter that knows no .NET type (<see cref="InterpreterOptions.None"/>), only the
/// environment's variables (each an element of one value array) and the allowed functions, with every literal a
/// double (so <c>1/2</c> is 0.5); the tree is checked node by node by <see cref="SafeExpressionTree"/> and compiled once.
/// An expression that is a single variable or number needs no library and becomes an array read or a constant.
/// </summary>
internal sealed partial class CheckCompiler
{
    private readonly CheckEnvironment _environment;
    private readonly ParameterExpression _values = Expression.Parameter(typeof(double[]), "values");
    private readonly Lazy<Interpreter> _interpreter;

    // DynamicExpresso is not documented as thread-safe: parses (CompileAll on a runner's thread, sweeps) take turns.
    private static readonly object Gate = new();

    public CheckCompiler(CheckEnvironment environment)
    {
        _environment = environment;
        _interpreter = new Lazy<Interpreter>(() =>
        {
            var interpreter = new Interpreter(InterpreterOptions.None).SetDefaultNumberType(DefaultNumberType.Double);
            foreach (var v in environment.Variables)
                interpreter.SetIdentifier(new Identifier(v.Name.Replace('.', ExpressionScanner.Qualifier), Expression.ArrayIndex(_values, Expression.Constant(v.Slot))));
            foreach (var f in CheckFunctions.All) interpreter.SetFunction(f.Name, f.Function);
            return interpreter;
        });
    }

    /// <exception cref="CheckExpressionException">See <see cref="CheckExpression.Parse"/>.</exception>
    public CheckExpression Parse(string text)
    {
        var (uses, parsed) = ExpressionScanner.Scan(text, _environment);
        return new CheckExpression(text, uses, Single(text, uses) ?? (() => Compile(text, parsed)));
    }

    /// <summary>
    /// The delegate of an expression that is one variable or one number (<c>loss</c>, <c>flow.loss</c>, <c>imbalance_0</c>,
    /// <c>2</c>), without the library: most bounds compare two recorded values, and loading and jitting the expression
    /// library costs a fresh process about 50 ms (issue 17 allows checks 5 % of a small run). The scanner has already
    /// admitted the text, so a token that parses as an invariant number is a number literal.
    /// </summary>
    private static Func<Func<double[], double>>? Single(string text, List<CheckVariableUse> uses)
    {
        string token = text.Trim();
        if (uses.Count == 1 && token == uses[0].Variable.Name)
        {
            int slot = uses[0].Variable.Slot;
            return () => values => values[slot];
        }
        if (uses.Count == 0 && double.TryParse(token, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out double number))
            return () => _ => number;
        return null;
    }

    /// <summary>The library's tree of a validated expression, checked node by node, compiled.</summary>
    /// <exception cref="CheckExpressionException">The library refused it (validation and library disagree).</exception>
    internal Func<double[], double> Compile(string text, string parsed)
    {
        Expression body;
        try
        {
            lock (Gate) body = _interpreter.Value.Parse(parsed, typeof(double), new Parameter(_values)).Expression;
        }
        catch (ParseException ex)
        {
            int pos = Math.Clamp(ex.Position, 0, text.Length) + 1;
            throw new CheckExpressionException($"the expression library refused the validated expression at position {pos}: {Describe(ex.Message)} (a FlowSim bug)", pos);
        }
        catch (Exception ex) when (ex is DynamicExpressoException or InvalidOperationException or ArgumentException)
        {
            throw new CheckExpressionException($"the expression library refused the validated expression: {Describe(ex.Message)} (a FlowSim bug)", 0);
        }
        body = new SafeExpressionTree(_values).Visit(body)!;
        return Expression.Lambda<Func<double[], double>>(body, _values).Compile();
    }

    /// <summary>DynamicExpresso's message without its "(at index N)" (the caller states the 1-based position).</summary>
    private static string Describe(string message)
    {
        string m = AtIndex().Replace(message, "").Trim();
        return m.Length == 0 ? "not a valid expression" : char.ToLowerInvariant(m[0]) + m[1..];
    }

    [GeneratedRegex(@"\s*\(at index \d+\)\.?\s*$")]
    private static partial Regex AtIndex();
}

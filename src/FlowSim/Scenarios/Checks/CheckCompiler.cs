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
        return new CheckExpression(text, uses, () => Compile(text, parsed));
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

using System.Linq.Expressions;
using System.Text.RegularExpressions;
using DynamicExpresso;
using DynamicExpresso.Exceptions;

namespace FlowSim.Scenarios.Checks;

/// <summary>
/// Compiles check expressions with DynamicExpresso: the text passes <see cref="ExpressionScanner"/> first, is parsed
/// by an interpreter that knows no .NET type (<see cref="InterpreterOptions.None"/>), only the environment's variables
/// (each an element of one value array) and the allowed functions, with every literal a double (so <c>1/2</c> is 0.5);
/// the tree is then checked node by node by <see cref="SafeExpressionTree"/> and compiled once.
/// </summary>
internal sealed partial class CheckCompiler
{
    private readonly CheckEnvironment _environment;
    private readonly ParameterExpression _values = Expression.Parameter(typeof(double[]), "values");
    private readonly Interpreter _interpreter;

    // DynamicExpresso is not documented as thread-safe: parses of every environment (and the warm-up) take turns.
    private static readonly object Gate = new();
    private static Task? _warmUp;

    public CheckCompiler(CheckEnvironment environment)
    {
        _environment = environment;
        _interpreter = new Interpreter(InterpreterOptions.None).SetDefaultNumberType(DefaultNumberType.Double);
        foreach (var v in environment.Variables)
            _interpreter.SetIdentifier(new Identifier(v.Name.Replace('.', ExpressionScanner.Qualifier), Expression.ArrayIndex(_values, Expression.Constant(v.Slot))));
        foreach (var f in CheckFunctions.All) _interpreter.SetFunction(f.Name, f.Function);
    }

    /// <exception cref="CheckExpressionException">See <see cref="CheckExpression.Compile"/>.</exception>
    public CheckExpression Compile(string text)
    {
        var (uses, parsed) = ExpressionScanner.Scan(text, _environment);
        Expression body;
        try
        {
            lock (Gate) body = _interpreter.Parse(parsed, typeof(double), new Parameter(_values)).Expression;
        }
        catch (ParseException ex)
        {
            int pos = Math.Clamp(ex.Position, 0, text.Length) + 1;
            throw new CheckExpressionException($"syntax error at position {pos}: {Describe(ex.Message)}", pos);
        }
        catch (Exception ex) when (ex is DynamicExpressoException or InvalidOperationException or ArgumentException)
        {
            throw new CheckExpressionException($"syntax error: {Describe(ex.Message)}", 0);
        }
        body = new SafeExpressionTree(_values).Visit(body)!;
        return new CheckExpression(text, uses, Expression.Lambda<Func<double[], double>>(body, _values));
    }

    /// <summary>See <see cref="CheckExpression.WarmUpAsync"/>.</summary>
    public static Task WarmUpAsync()
    {
        lock (Gate)
            return _warmUp ??= Task.Run(() =>
            {
                var env = CheckEnvironment.For(new ModelSpec(ModelTypes.Scalar, 1, 1, 0, 2, 0), null, null,
                    [new DynamicsSpec(DynamicsTypes.Descent, "descent", null, 0, 0, 0.1, 1)]);
                var e = CheckExpression.Compile("max(loss_0 * exp(-2 * t), sqrt(abs(k * eta - sv1))) / 2", env);
                e.Evaluate(new double[env.Variables.Count]);
            });
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

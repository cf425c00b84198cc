using System.Linq.Expressions;
using System.Text.RegularExpressions;
using DynamicExpresso;
using DynamicExpresso.Exceptions;

namespace FlowSim.Scenarios.Checks;

/// <summary>
/// The expression library (DynamicExpresso) behind check expressions: an interpreter that knows no .NET type
/// (<see cref="InterpreterOptions.None"/>), only the environment's variables — each an element of one value array —
/// and the functions of <see cref="CheckFunctions"/>, with every literal a double (so <c>1/2</c> is 0.5). It parses a
/// validated expression into an expression tree; <see cref="CheckCompiler"/> gates and lowers that tree.
/// </summary>
/// <remarks>Its own class so that only compiling an expression loads the library: validating a scenario's checks on
/// the main thread does not (loading and jitting it costs a fresh process tens of milliseconds).</remarks>
internal sealed partial class ExpressionLibrary
{
    private readonly Interpreter _interpreter;
    private readonly ParameterExpression _values;

    // DynamicExpresso is not documented as thread-safe: parses (a runner's worker thread, sweeps) take turns.
    private static readonly object Gate = new();

    public ExpressionLibrary(CheckEnvironment environment, ParameterExpression values)
    {
        _values = values;
        _interpreter = new Interpreter(InterpreterOptions.None).SetDefaultNumberType(DefaultNumberType.Double);
        foreach (var v in environment.Variables)
            _interpreter.SetIdentifier(new Identifier(v.Name.Replace('.', ExpressionScanner.Qualifier), Expression.ArrayIndex(values, Expression.Constant(v.Slot))));
        foreach (var f in CheckFunctions.All) _interpreter.SetFunction(f.Name, f.Function);
    }

    /// <summary>The library's tree of <paramref name="parsed"/> (the scanner's form of <paramref name="text"/>).</summary>
    /// <exception cref="CheckExpressionException">The library refused it (validation and library disagree: a FlowSim bug).</exception>
    public Expression Parse(string text, string parsed)
    {
        try
        {
            lock (Gate) return _interpreter.Parse(parsed, typeof(double), new Parameter(_values)).Expression;
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

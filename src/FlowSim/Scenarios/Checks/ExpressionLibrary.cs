using System.Linq.Expressions;
using System.Text.RegularExpressions;
using DynamicExpresso;
using DynamicExpresso.Exceptions;

namespace FlowSim.Scenarios.Checks;

/// <summary>
/// The expression library (DynamicExpresso) behind check expressions: an interpreter that knows no .NET type
/// (<see cref="InterpreterOptions.None"/>), with every literal a double (so <c>1/2</c> is 0.5), parses a validated
/// expression against one parameter per variable (a double) and per function of <see cref="CheckFunctions"/> (its
/// delegate type); in the tree it returns, each variable becomes an element of the value array and each function its
/// delegate, the form <see cref="SafeExpressionTree"/> checks.
/// </summary>
/// <remarks>
/// Its own class so that only compiling an expression loads the library: validating a scenario's checks on the main
/// thread does not (loading and jitting it costs a fresh process tens of milliseconds). Parameters rather than the
/// interpreter's identifiers: registering one builds the library's table of .NET types by reflection, about 4 ms of a
/// fresh process that checks, which know no .NET type, never use.
/// </remarks>
internal sealed partial class ExpressionLibrary
{
    private readonly Interpreter _interpreter = new Interpreter(InterpreterOptions.None).SetDefaultNumberType(DefaultNumberType.Double);
    private readonly Parameter[] _parameters;
    private readonly Substitution _substitution;

    // DynamicExpresso is not documented as thread-safe: parses (a runner's worker thread, sweeps) take turns.
    private static readonly object Gate = new();

    /// <summary>The value array the substituted trees read, indexed by <see cref="CheckVariable.Slot"/>.</summary>
    public ParameterExpression Values { get; } = Expression.Parameter(typeof(double[]), "values");

    public ExpressionLibrary(CheckEnvironment environment)
    {
        var parameters = new List<Parameter>();
        var substitutes = new Dictionary<ParameterExpression, Expression>();
        foreach (var v in environment.Variables)
        {
            var p = new Parameter(v.Name.Replace('.', ExpressionScanner.Qualifier), typeof(double));
            parameters.Add(p);
            substitutes.Add(p.Expression, Expression.ArrayIndex(Values, Expression.Constant(v.Slot)));
        }
        foreach (var f in CheckFunctions.All)
        {
            var p = new Parameter(f.Name, f.Function.GetType());
            parameters.Add(p);
            substitutes.Add(p.Expression, Expression.Constant(f.Function));
        }
        _parameters = [.. parameters];
        _substitution = new Substitution(substitutes);
    }

    /// <summary>The library's tree of <paramref name="parsed"/> (the scanner's form of <paramref name="text"/>).</summary>
    /// <exception cref="CheckExpressionException">The library refused it (validation and library disagree: a FlowSim bug).</exception>
    public Expression Parse(string text, string parsed)
    {
        try
        {
            Expression tree;
            lock (Gate) tree = _interpreter.Parse(parsed, typeof(double), _parameters).Expression;
            return _substitution.Visit(tree);
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

    /// <summary>Replaces the parameters by their array element or delegate; any other node is left for the gate to judge.</summary>
    private sealed class Substitution(Dictionary<ParameterExpression, Expression> substitutes) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => substitutes.GetValueOrDefault(node, node);
    }
}

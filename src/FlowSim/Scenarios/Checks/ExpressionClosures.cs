using System.Linq.Expressions;

namespace FlowSim.Scenarios.Checks;

/// <summary>
/// Lowers a tree admitted by <see cref="SafeExpressionTree"/> into nested delegates over the value array, once per
/// expression: the library has parsed the text, and evaluating a record runs the same double operations in the same
/// order as the tree, without parsing or allocating. Unlike <see cref="LambdaExpression.Compile()"/> it emits no IL,
/// so a fresh process neither loads the expression compiler nor jits a dynamic method per expression.
/// </summary>
internal static class ExpressionClosures
{
    /// <summary>The delegate of <paramref name="node"/>.</summary>
    /// <exception cref="CheckExpressionException">A node the gate does not admit (the gate runs first: a FlowSim bug).</exception>
    public static Func<double[], double> Lower(Expression node)
    {
        switch (node)
        {
            case ConstantExpression { Value: double c }:
                return _ => c;
            case BinaryExpression { NodeType: ExpressionType.ArrayIndex, Right: ConstantExpression { Value: int slot } }:
                return v => v[slot];
            case BinaryExpression b:
            {
                var left = Lower(b.Left);
                var right = Lower(b.Right);
                return b.NodeType switch
                {
                    ExpressionType.Add or ExpressionType.AddChecked => v => left(v) + right(v),
                    ExpressionType.Subtract or ExpressionType.SubtractChecked => v => left(v) - right(v),
                    ExpressionType.Multiply or ExpressionType.MultiplyChecked => v => left(v) * right(v),
                    ExpressionType.Divide => v => left(v) / right(v),
                    _ => throw Unexpected(node),
                };
            }
            case UnaryExpression u:
            {
                var operand = Lower(u.Operand);
                return u.NodeType switch
                {
                    ExpressionType.Negate or ExpressionType.NegateChecked => v => -operand(v),
                    // The gate admits these only from double to double: the value passes through unchanged.
                    ExpressionType.UnaryPlus or ExpressionType.Convert or ExpressionType.ConvertChecked => operand,
                    _ => throw Unexpected(node),
                };
            }
            case MethodCallExpression call when Function(call) is { } f:
                if (f.Function is Func<double, double> f1 && call.Arguments.Count == 1)
                {
                    var x = Lower(call.Arguments[0]);
                    return v => f1(x(v));
                }
                if (f.Function is Func<double, double, double> f2 && call.Arguments.Count == 2)
                {
                    var x = Lower(call.Arguments[0]);
                    var y = Lower(call.Arguments[1]);
                    return v => f2(x(v), y(v));
                }
                throw Unexpected(node);
            default:
                throw Unexpected(node);
        }
    }

    private static CheckFunctions.Entry? Function(MethodCallExpression call)
    {
        foreach (var f in CheckFunctions.All) if (call.Object is null && f.Method == call.Method) return f;
        return null;
    }

    private static CheckExpressionException Unexpected(Expression node) =>
        new($"the expression library produced a {node.NodeType} node that checks cannot evaluate (a FlowSim bug)", 0);
}

using System.Linq.Expressions;

namespace FlowSim.Scenarios.Checks;

/// <summary>
/// Second line of defence behind <see cref="ExpressionScanner"/>: admits only double arithmetic
/// (<c>+ - * /</c>, negation), double constants, elements of the value array and calls of
/// <see cref="CheckFunctions"/> (rewritten from delegate invocations into direct calls of the <see cref="Math"/>
/// methods), and refuses every other node — member access, method calls, conversions, conditionals, lambdas.
/// </summary>
internal sealed class SafeExpressionTree(ParameterExpression values) : ExpressionVisitor
{
    /// <exception cref="CheckExpressionException">The tree contains a node checks do not allow.</exception>
    public override Expression? Visit(Expression? node)
    {
        if (node is null) return null;
        return node.NodeType switch
        {
            ExpressionType.Add or ExpressionType.AddChecked or ExpressionType.Subtract or ExpressionType.SubtractChecked
                or ExpressionType.Multiply or ExpressionType.MultiplyChecked or ExpressionType.Divide
                or ExpressionType.Negate or ExpressionType.NegateChecked or ExpressionType.UnaryPlus
                or ExpressionType.Convert or ExpressionType.ConvertChecked
                or ExpressionType.ArrayIndex or ExpressionType.Constant or ExpressionType.Parameter
                or ExpressionType.Invoke or ExpressionType.Call => base.Visit(node),
            _ => throw Refused(node.NodeType.ToString()),
        };
    }

    protected override Expression VisitBinary(BinaryExpression node)
    {
        if (node.NodeType == ExpressionType.ArrayIndex)
            return node.Left == values && node.Right is ConstantExpression { Value: int } ? node : throw Refused("an array access");
        if (node.Method is not null || node.Type != typeof(double)) throw Refused($"a {node.NodeType} on {node.Type.Name}");
        return base.VisitBinary(node);
    }

    protected override Expression VisitUnary(UnaryExpression node)
    {
        if (node.Method is not null || node.Type != typeof(double) || node.Operand.Type != typeof(double))
            throw Refused($"a {node.NodeType} from {node.Operand.Type.Name} to {node.Type.Name}");
        return base.VisitUnary(node);
    }

    protected override Expression VisitConstant(ConstantExpression node) =>
        node.Type == typeof(double) ? node : throw Refused($"a constant of type {node.Type.Name}");

    protected override Expression VisitParameter(ParameterExpression node) => node == values ? node : throw Refused("a parameter");

    protected override Expression VisitInvocation(InvocationExpression node)
    {
        if (node.Expression is ConstantExpression { Value: Delegate d } && Allowed(d.Method) is { } f && d == f.Function)
            return Expression.Call(f.Method, node.Arguments.Select(a => Visit(a)!));
        throw Refused("a call of something other than " + CheckFunctions.NameList);
    }

    protected override Expression VisitMethodCall(MethodCallExpression node) =>
        node.Object is null && Allowed(node.Method) is not null ? base.VisitMethodCall(node) : throw Refused($"a call of {node.Method.Name}");

    private static CheckFunctions.Entry? Allowed(System.Reflection.MethodInfo method)
    {
        foreach (var f in CheckFunctions.All) if (f.Method == method) return f;
        return null;
    }

    private static CheckExpressionException Refused(string what) =>
        new($"uses {what}, which check expressions do not allow (only numbers, variables, + - * / and {CheckFunctions.NameList})", 0);
}

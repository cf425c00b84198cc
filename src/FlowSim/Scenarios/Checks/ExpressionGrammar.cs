namespace FlowSim.Scenarios.Checks;

/// <summary>
/// The order of tokens in a check expression, checked as the scanner reads them: operands (numbers, variables,
/// calls, parenthesised expressions) alternate with the binary operators <c>+ - * /</c>, and any number of signs
/// (<c>+</c>, <c>-</c>) may stand before an operand (<c>x * -y</c>, <c>2 - -3</c>). With this and the scanner's own
/// checks an expression is fully validated, with positions, before the expression library sees it.
/// </summary>
internal sealed class ExpressionGrammar
{
    private enum Last { Start, Operand, FunctionName, Open, Comma, Binary, Sign }

    private Last _last = Last.Start;
    private int _lastPosition;
    private string _lastToken = "";

    /// <summary>A number or a variable.</summary>
    public void Operand(int pos, string token)
    {
        if (_last == Last.Operand) throw ExpectedOperator(pos, token);
        Set(Last.Operand, pos, token);
    }

    /// <summary>A function name (the scanner has seen its '(').</summary>
    public void FunctionName(int pos, string name)
    {
        if (_last == Last.Operand) throw ExpectedOperator(pos, name);
        Set(Last.FunctionName, pos, name);
    }

    /// <summary>'(' of a call or of a group.</summary>
    public void Open(int pos)
    {
        if (_last == Last.Operand) throw ExpectedOperator(pos, "(");
        Set(Last.Open, pos, "(");
    }

    /// <summary>')' (after the scanner has checked a call's argument count).</summary>
    public void Close(int pos)
    {
        if (_last == Last.Open) throw new CheckExpressionException($"empty parentheses at position {_lastPosition}", _lastPosition);
        if (_last != Last.Operand) throw ExpectedOperand(pos, ")");
        Set(Last.Operand, pos, ")");
    }

    /// <summary>',' between a call's arguments.</summary>
    public void Comma(int pos)
    {
        if (_last != Last.Operand) throw ExpectedOperand(pos, ",");
        Set(Last.Comma, pos, ",");
    }

    /// <summary>'+', '-', '*' or '/'.</summary>
    public void Operator(int pos, char op)
    {
        if (_last == Last.Operand) Set(Last.Binary, pos, op.ToString());
        else if (op is '*' or '/') throw ExpectedOperand(pos, op.ToString());
        else Set(Last.Sign, pos, op.ToString());
    }

    /// <summary>The end of the text.</summary>
    public void End()
    {
        if (_last is Last.Binary or Last.Sign)
            throw new CheckExpressionException($"the expression ends after '{_lastToken}' at position {_lastPosition}: an operand is missing", _lastPosition);
    }

    private void Set(Last last, int pos, string token) => (_last, _lastPosition, _lastToken) = (last, pos, token);

    private static CheckExpressionException ExpectedOperand(int pos, string got) =>
        new($"expected a number, variable, function or '(' at position {pos} (got '{got}')", pos);

    private static CheckExpressionException ExpectedOperator(int pos, string got) =>
        new($"expected an operator (+ - * /) at position {pos} (got '{got}')", pos);
}

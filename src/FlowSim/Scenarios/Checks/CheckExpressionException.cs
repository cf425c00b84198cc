namespace FlowSim.Scenarios.Checks;

/// <summary>
/// A check expression that cannot be compiled: the message says what is wrong and where
/// (<c>unknown variable 'los' at position 1 (did you mean 'loss'?)</c>); the scenario parser prefixes the field path.
/// </summary>
public sealed class CheckExpressionException : Exception
{
    /// <summary>An error at a 1-based character position of the expression (0: the expression as a whole).</summary>
    public CheckExpressionException(string message, int position) : base(message) => Position = position;

    /// <summary>1-based character position in the expression text, 0 when the error concerns the whole expression.</summary>
    public int Position { get; }
}

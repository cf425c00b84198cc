namespace FlowSim.Cli;

/// <summary>The text of an exception as the user reads it: library messages name the option or field themselves, so
/// .NET's " (Parameter 'x')" suffix (an internal parameter name) is dropped and the message is kept on one line.</summary>
public static class UserMessages
{
    /// <summary>The message of <paramref name="ex"/> without the parameter suffix, on one line.</summary>
    public static string Of(Exception ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        string message = ex.Message;
        if (ex is ArgumentException { ParamName: { } name })
            message = message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal);
        return message.ReplaceLineEndings(" ").Trim();
    }
}

using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace FlowSim.Cli;

/// <summary>
/// The command line reads and writes numbers the same way whatever the process culture. The project sets
/// InvariantGlobalization, but <c>DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=0</c> with a German locale (as some container
/// images set) used to make System.CommandLine read <c>--alpha 0.1</c> as 1 and <c>--rtol 0.001</c> as 1, and the
/// figures write <c>0,5</c>. Two guards: the process culture is made invariant before anything runs, and every
/// numeric option parses with the invariant culture itself (so a command built and parsed without <see cref="Program.Main"/>
/// reads numbers the same way).
/// </summary>
public static class CliCulture
{
    /// <summary>Sets the current and default thread cultures (and UI cultures: System.CommandLine's own messages are
    /// localised) to the invariant culture.</summary>
    public static void UseInvariant()
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
    }

    /// <summary>Gives every numeric option of <paramref name="command"/> and its sub-commands an invariant parser
    /// (int, long, ulong, double and their nullable forms); a value that is not a number is a parse error naming the option.</summary>
    public static void UseInvariantParsers(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in command.Options) UseInvariantParser(option);
        foreach (var sub in command.Subcommands) UseInvariantParsers(sub);
    }

    private static void UseInvariantParser(Option option)
    {
        const NumberStyles Integer = NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;
        const NumberStyles Real = NumberStyles.Float;
        switch (option)
        {
            case Option<double> o: o.CustomParser = r => Parse(r, o.Name, "a number", (string s, out double v) => double.TryParse(s, Real, CultureInfo.InvariantCulture, out v)); break;
            case Option<double?> o: o.CustomParser = r => Parse(r, o.Name, "a number", (string s, out double v) => double.TryParse(s, Real, CultureInfo.InvariantCulture, out v)); break;
            case Option<int> o: o.CustomParser = r => Parse(r, o.Name, "an integer", (string s, out int v) => int.TryParse(s, Integer, CultureInfo.InvariantCulture, out v)); break;
            case Option<int?> o: o.CustomParser = r => Parse(r, o.Name, "an integer", (string s, out int v) => int.TryParse(s, Integer, CultureInfo.InvariantCulture, out v)); break;
            case Option<long> o: o.CustomParser = r => Parse(r, o.Name, "an integer", (string s, out long v) => long.TryParse(s, Integer, CultureInfo.InvariantCulture, out v)); break;
            case Option<long?> o: o.CustomParser = r => Parse(r, o.Name, "an integer", (string s, out long v) => long.TryParse(s, Integer, CultureInfo.InvariantCulture, out v)); break;
            case Option<ulong> o: o.CustomParser = r => Parse(r, o.Name, "an integer ≥ 0", (string s, out ulong v) => ulong.TryParse(s, Integer, CultureInfo.InvariantCulture, out v)); break;
            case Option<ulong?> o: o.CustomParser = r => Parse(r, o.Name, "an integer ≥ 0", (string s, out ulong v) => ulong.TryParse(s, Integer, CultureInfo.InvariantCulture, out v)); break;
        }
    }

    private delegate bool TryParse<T>(string text, out T value);

    private static T Parse<T>(ArgumentResult result, string option, string what, TryParse<T> tryParse) where T : struct
    {
        if (result.Tokens.Count != 1)
        {
            result.AddError($"{option}: expected one value (got {result.Tokens.Count})");
            return default;
        }
        string text = result.Tokens[0].Value;
        if (tryParse(text, out T value)) return value;
        result.AddError($"{option}: expected {what} (got '{text}'); numbers are read with '.' as the decimal point whatever the locale");
        return default;
    }
}

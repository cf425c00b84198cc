using System.Text.Json;

namespace FlowSim.Scenarios;

/// <summary>
/// Reads a JSON scenario (comments and trailing commas allowed) into the format-neutral <see cref="ScenarioNode"/> tree,
/// so that a C# program can load and run a scenario with the library alone (the command line adds YAML).
/// </summary>
public static class ScenarioJson
{
    /// <summary>Deepest nesting accepted (a scenario needs 4).</summary>
    public const int MaxDepth = 64;

    /// <summary>Largest number of values accepted (a scenario needs a few dozen).</summary>
    public const int MaxNodes = 1_000_000;

    /// <summary>Parses JSON text.</summary>
    /// <param name="text">The JSON.</param>
    /// <param name="source">File name used in messages.</param>
    /// <exception cref="ScenarioException">Broken JSON; the message names the source, line and column.</exception>
    public static ScenarioNode Read(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = MaxDepth });
            int count = 0;
            return Convert(doc.RootElement, ref count, source);
        }
        catch (JsonException ex)
        {
            string message = ex.Message.ReplaceLineEndings(" ").Trim();
            if (message.Length > 300) message = message[..300] + "…";
            throw new ScenarioException(source, [new ScenarioError("", $"line {(ex.LineNumber ?? 0) + 1}, column {(ex.BytePositionInLine ?? 0) + 1}: broken JSON: {message}")]);
        }
    }

    /// <summary>Parses and validates a JSON scenario: <see cref="Read"/> then <see cref="ScenarioParser.Parse"/>.</summary>
    /// <param name="text">The JSON.</param>
    /// <param name="source">File name used in messages.</param>
    /// <param name="baseDirectory">Directory that a relative <c>target.file</c> is resolved against (default: the current one).</param>
    /// <param name="seedOverride">Replaces the file's seed.</param>
    /// <exception cref="ScenarioException">Broken JSON or invalid fields; the message lists every problem.</exception>
    public static Scenario Parse(string text, string source = "scenario.json", string? baseDirectory = null, ulong? seedOverride = null) =>
        ScenarioParser.Parse(Read(text, source), source, baseDirectory ?? Environment.CurrentDirectory, seedOverride);

    private static ScenarioNode Convert(JsonElement e, ref int count, string source)
    {
        if (++count > MaxNodes)
            throw new ScenarioException(source, [new ScenarioError("", $"the document has more than {MaxNodes} values; a scenario needs a few dozen")]);
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
            {
                var m = ScenarioNode.Mapping();
                foreach (var p in e.EnumerateObject()) m.Entries.Add(new(p.Name, Convert(p.Value, ref count, source)));
                return m;
            }
            case JsonValueKind.Array:
            {
                var s = ScenarioNode.Sequence();
                foreach (var i in e.EnumerateArray()) s.Items.Add(Convert(i, ref count, source));
                return s;
            }
            case JsonValueKind.String: return ScenarioNode.Scalar(e.GetString(), quoted: true);
            case JsonValueKind.Null: return ScenarioNode.Scalar(null);
            default: return ScenarioNode.Scalar(e.GetRawText());
        }
    }
}

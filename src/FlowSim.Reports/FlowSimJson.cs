using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using FlowSim.Scenarios;

namespace FlowSim.Reports;

/// <summary>
/// The JSON of FlowSim's output files, written from records: snake_case keys, two-space indentation with LF line ends
/// and a final newline, numbers in shortest round-trip form whatever the culture, non-finite numbers as the strings
/// "NaN", "Infinity", "-Infinity", and null properties left out.
/// </summary>
public static class FlowSimJson
{
    /// <summary>The serializer options of every output file.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Explicit, so that programs built with reflection-based serialization off by default (a .NET 10 file-based
        // program publishes native AOT and turns it off) still read and write FlowSim's files.
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    /// <summary>The JSON text of <paramref name="value"/>, ending with a newline.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options) + "\n";

    /// <summary>Reads a file written with <see cref="Serialize{T}"/>.</summary>
    /// <exception cref="RunFileException">The file cannot be read, is not JSON, or lacks a required key (the message names the file).</exception>
    public static T Read<T>(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RunFileException(path, $"{path}: cannot read ({ex.Message})");
        }
        try
        {
            return JsonSerializer.Deserialize<T>(text, Options) ?? throw new RunFileException(path, $"{path}: holds null, not a FlowSim file");
        }
        catch (JsonException ex)
        {
            string where = ex.LineNumber is { } line ? $"line {line + 1}: " : "";
            throw new RunFileException(path, $"{path}: {where}not a FlowSim {typeof(T).Name} file ({ex.Message.ReplaceLineEndings(" ")})");
        }
    }

    /// <summary>A scenario node tree as JSON: quoted scalars as strings, numbers as numbers, true/false, null.</summary>
    public static JsonNode? ToJsonNode(ScenarioNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        switch (node.Kind)
        {
            case ScenarioNodeKind.Mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in node.Entries) obj[key] = ToJsonNode(value);
                return obj;
            case ScenarioNodeKind.Sequence:
                var array = new JsonArray();
                foreach (var item in node.Items) array.Add(ToJsonNode(item));
                return array;
            default:
                if (node.Text is null) return null;
                if (node.Quoted) return JsonValue.Create(node.Text);
                if (node.Text is "true" or "false") return JsonValue.Create(node.Text == "true");
                if (double.TryParse(node.Text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double v))
                {
                    // Integers beyond 2⁵³ (a seed up to 2⁶³ − 1) keep every digit.
                    if (Math.Abs(v) >= 9007199254740992.0 && long.TryParse(node.Text, System.Globalization.NumberStyles.AllowLeadingSign,
                            System.Globalization.CultureInfo.InvariantCulture, out long exact))
                        return JsonValue.Create(exact);
                    return JsonValue.Create(v);
                }
                return JsonValue.Create(node.Text);
        }
    }

    /// <summary>A scenario node tree as JSON text (<c>scenario.json</c>, <c>flowsim scenario FILE</c>).</summary>
    public static string ToText(ScenarioNode node) => Serialize(ToJsonNode(node));
}

/// <summary>A damaged or unreadable input file (a run's trajectory.csv or summary.json, a sweep manifest); the message
/// names the file and, where known, the line.</summary>
/// <param name="path">The file.</param>
/// <param name="message">The full message, starting with the file.</param>
public sealed class RunFileException(string path, string message) : Exception(message)
{
    /// <summary>The file.</summary>
    public string Path { get; } = path;
}

using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using FlowSim.Theory;

namespace FlowSim.Reports;

/// <summary>
/// Writes <c>report.json</c> from records (<see cref="FlowSimJson"/>: snake_case, invariant numbers) with exactly the keys
/// of the report contract (issue 6):
/// <c>{"provenance": {"version", "git_commit", "dotnet", "os", "cpu", "blas", "seed", "started_utc", "wall_s"},
/// "claims": [{"id", "paper", "source", "kind", "title", "verdict", "measured", "reference", "bound",
/// "tolerance", "margin", "wall_s", "nfev", "parameters": {…}}], "figures": [{"file", "caption"}]}</c>.
/// </summary>
/// <remarks>
/// <para>Numbers: finite doubles are JSON numbers in shortest round-trip form. <b>Non-finite doubles are written
/// as the strings "NaN", "Infinity" and "-Infinity"</b> (the names System.Text.Json reads back with
/// <see cref="System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals"/>), because they
/// carry meaning: a margin of "Infinity" is an exact agreement, a measured "NaN" a diverged run. JSON
/// <c>null</c> means "not applicable" (no reference, no bound, no tolerance).</para>
/// <para>"kind" and "verdict" are the display names ("derived analog", "pass"); "started_utc" is ISO 8601 UTC;
/// "nfev" is an integer; "parameters" keeps the claim's order, with arrays for vector parameters.
/// After the contracted keys each claim also carries "message" (the headline), "reported" (extra measured values by
/// name) and "notes" (caveats, FlowSim's own choices), so a script sees what the HTML shows.</para>
/// </remarks>
public static class ReportJson
{
    /// <summary>The JSON text of <paramref name="report"/>.</summary>
    public static string Write(ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var p = report.Provenance;
        var document = new Document(
            new Provenance(p.Version, p.GitCommit, p.DotNet, p.Os, p.Cpu, p.Blas, p.Seed, p.StartedUtcIso, p.WallSeconds),
            [.. report.Claims.Select(c => new Claim(c.Id, c.Paper, c.Source, c.Kind.DisplayName(), c.Title, c.Verdict.DisplayName(),
                c.Measured, c.Reference, c.Bound, c.Tolerance, c.Margin, c.WallSeconds, c.RhsEvaluations,
                new Ordered([.. c.Parameters.Select(kv => new KeyValuePair<string, JsonNode?>(kv.Key, Value(kv.Value)))]),
                c.Message,
                new Ordered([.. c.Reported.Select(kv => new KeyValuePair<string, JsonNode?>(kv.Key, JsonValue.Create(kv.Value)))]),
                c.Notes))],
            [.. report.Figures().Select(f => new Figure(f.SvgFile, f.Spec.Caption))]);
        return FlowSimJson.Serialize(document);
    }

    private sealed record Document(Provenance Provenance, IReadOnlyList<Claim> Claims, IReadOnlyList<Figure> Figures);

    private sealed record Provenance(string Version, string GitCommit, string Dotnet, string Os, string Cpu, string Blas, long Seed,
        string StartedUtc, double WallS);

    // The contracted keys come first and keep null ("not applicable"); after them what the HTML shows in a claim's details.
    private sealed record Claim(string Id, string Paper, string Source, string Kind, string Title, string Verdict,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Measured,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Reference,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Bound,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Tolerance,
        double Margin, double WallS, long Nfev, Ordered Parameters, string Message, Ordered Reported, IReadOnlyList<string> Notes);

    private sealed record Figure(string File, string Caption);

    /// <summary>A JSON object written in the given key order (a claim's parameters and reported values keep theirs).</summary>
    [JsonConverter(typeof(OrderedConverter))]
    private sealed record Ordered(IReadOnlyList<KeyValuePair<string, JsonNode?>> Entries);

    private sealed class OrderedConverter : JsonConverter<Ordered>
    {
        public override Ordered Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("report.json is written, not read.");

        public override void Write(Utf8JsonWriter writer, Ordered value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            foreach (var (key, node) in value.Entries)
            {
                writer.WritePropertyName(key);
                if (node is null) writer.WriteNullValue();
                else node.WriteTo(writer, options);
            }
            writer.WriteEndObject();
        }
    }

    /// <summary>A parameter value as JSON: strings, booleans, numbers (non-finite ones as their names), arrays for vectors.</summary>
    private static JsonNode? Value(object value) => value switch
    {
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        double d => JsonValue.Create(d),
        float f => JsonValue.Create((double)f),
        decimal m => JsonValue.Create(m),
        ulong u => JsonValue.Create(u),
        IConvertible when ParameterValues.IsNumber(value) => JsonValue.Create(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)),
        IEnumerable e => new JsonArray([.. e.Cast<object>().Select(Value)]),
        _ => JsonValue.Create(ParameterValues.Format(value)),
    };
}

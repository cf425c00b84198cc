using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace FlowSim.Reports;

/// <summary>
/// The checks section of a run's <c>report.html</c>: one row per check and dynamics from summary.json (verdict, margin,
/// the worst record's time, measured and bound values), with each check's condition and description from the resolved
/// scenario, and a pointer to its figure.
/// </summary>
public static class CheckTable
{
    /// <summary>Appends the section (nothing when the run has no checks).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Append(StringBuilder html, RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(summary);
        if (summary.Checks is not { Count: > 0 } checks) return;
        int failed = checks.Count(c => !c.Passed);
        html.Append("<h2>Checks</h2>\n<p>").Append(checks.Count - failed).Append(" pass, ").Append(failed)
            .Append(" fail. Margin: allowed/used at the worst record (≥ 1 passes, ∞ where exact).</p>\n");
        html.Append("<table><tr><th>check</th><th>condition</th><th>dynamics</th><th>verdict</th><th>margin</th><th>worst t</th>")
            .Append("<th>measured</th><th>bound</th><th>records</th><th>figure</th></tr>\n");
        var specs = Specs(summary.Scenario);
        foreach (var c in checks)
        {
            var spec = specs.GetValueOrDefault(c.Id);
            string colour = c.Passed ? "#070" : "#b00";
            html.Append("<tr><td style=\"text-align:left\">").Append(E(c.Id));
            if (Text(spec?["description"]) is { } description) html.Append("<br><small>").Append(E(description)).Append("</small>");
            html.Append("</td><td style=\"text-align:left\"><code>").Append(E(Condition(c.Kind, spec))).Append("</code></td><td>").Append(E(c.Dynamics))
                .Append("</td><td style=\"color:").Append(colour).Append("\"><b>").Append(E(c.Verdict)).Append("</b></td><td>").Append(Number(c.Margin))
                .Append("</td><td>").Append(Number(c.WorstT)).Append("</td><td>").Append(Number(c.Measured, "R")).Append("</td><td>").Append(Number(c.Bound, "R"))
                .Append("</td><td>").Append(c.Records).Append("</td><td>figures/").Append(E(CheckFigures.FileName(c.Id))).Append("</td></tr>\n");
        }
        html.Append("</table>\n");
    }

    /// <summary>The checks of the resolved scenario by id.</summary>
    private static Dictionary<string, JsonNode> Specs(JsonNode? scenario)
    {
        var specs = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        if (scenario?["checks"] is JsonArray list)
            foreach (var item in list)
                if (item is not null && Text(item["id"]) is { } id) specs.TryAdd(id, item);
        return specs;
    }

    /// <summary>The condition as the scenario states it (<c>loss ≤ flow.loss</c>, <c>|imbalance − imbalance_0| ≤ 1e-8</c>).</summary>
    private static string Condition(string kind, JsonNode? spec)
    {
        string measured = Text(spec?["measured"]) ?? "measured", bound = Text(spec?["bound"]) ?? "bound";
        string tolerance = Text(spec?["tolerance"]) ?? "0";
        string slack = tolerance is "0" ? "" : " + " + tolerance;
        return kind switch
        {
            "upper" => $"{measured} ≤ {bound}{slack}",
            "lower" => tolerance is "0" ? $"{measured} ≥ {bound}" : $"{measured} ≥ {bound} − {tolerance}",
            "equal" => $"|{measured} − {Grouped(bound)}| ≤ {tolerance}",
            _ => tolerance is "0" ? $"{measured} {kind}" : $"{measured} {kind} (slack {tolerance})",
        };
    }

    private static string Grouped(string expression) => expression.AsSpan().ContainsAny("+- ") ? $"({expression})" : expression;

    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue(out double d) => CheckSummary.ShortExponent(d.ToString("R", CultureInfo.InvariantCulture)),
        JsonValue v when v.TryGetValue(out string? s) => s,
        _ => node.ToJsonString(),
    };

    /// <summary>Six significant digits, or every digit (<c>"R"</c>) for the measured and bound values, whose difference an equal check is about.</summary>
    private static string Number(double? value, string format = "G6") => value switch
    {
        null => "—",
        double.PositiveInfinity => "∞",
        double v when double.IsNaN(v) => "NaN",
        double v => CheckSummary.ShortExponent(v.ToString(format, CultureInfo.InvariantCulture)),
    };

    private static string E(string s) => WebUtility.HtmlEncode(s);
}

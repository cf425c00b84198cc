using System.Net;
using System.Text;
using System.Text.Json;

namespace FlowSim.Reports;

/// <summary>
/// <c>report.html</c> of a run: status, the dynamics and comparison tables of summary.json, the figures inlined (each
/// with its own id prefix, so the page stands alone and its SVG ids are unique), and the resolved scenario.
/// </summary>
public static class RunReportHtml
{
    /// <summary>The page.</summary>
    public static string Write(RunSummary summary, IReadOnlyList<RunFigure> figures)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(figures);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>FlowSim run: ").Append(E(summary.ScenarioFile)).Append("</title>\n");
        sb.Append("<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}pre{background:#f6f6f6;padding:1em;overflow:auto}figure svg{width:100%;height:auto}</style></head><body>\n");
        sb.Append("<h1>FlowSim run: ").Append(E(summary.ScenarioFile)).Append("</h1>\n<p>Status: <b>").Append(E(summary.Status)).Append("</b>, seed ")
          .Append(summary.Seed).Append(", ").Append(E(summary.Tool)).Append(".</p>\n");
        if (summary.Warnings.Count > 0)
        {
            sb.Append("<ul>");
            foreach (var w in summary.Warnings) sb.Append("<li>").Append(E(w)).Append("</li>");
            sb.Append("</ul>\n");
        }
        Table(sb, "Dynamics", JsonSerializer.SerializeToElement(summary.Dynamics, FlowSimJson.Options));
        Table(sb, "Flow versus descent: ‖θ_k − θ(kη)‖", JsonSerializer.SerializeToElement(summary.Comparisons, FlowSimJson.Options));
        CheckTable.Append(sb, summary);
        sb.Append("<h2>Figures</h2>\n");
        for (int i = 0; i < figures.Count; i++)
            sb.Append("<figure>").Append(InlineSvg.ToFragment(figures[i].Svg, $"f{i + 1}")).Append("<figcaption>figures/").Append(E(figures[i].File))
              .Append("</figcaption></figure>\n");
        sb.Append("<h2>Resolved scenario</h2>\n<pre>").Append(E(summary.Scenario?.ToJsonString(FlowSimJson.Options) ?? "null")).Append("</pre>\n</body></html>\n");
        return sb.ToString();
    }

    private static void Table(StringBuilder sb, string title, JsonElement rows)
    {
        if (rows.GetArrayLength() == 0) return;
        var columns = rows.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).Distinct().ToList();
        sb.Append("<h2>").Append(E(title)).Append("</h2>\n<table><tr>");
        foreach (var c in columns) sb.Append("<th>").Append(E(c)).Append("</th>");
        sb.Append("</tr>\n");
        foreach (var r in rows.EnumerateArray())
        {
            sb.Append("<tr>");
            foreach (var c in columns)
                sb.Append("<td>").Append(r.TryGetProperty(c, out var v) ? E(v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()) : "").Append("</td>");
            sb.Append("</tr>\n");
        }
        sb.Append("</table>\n");
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}

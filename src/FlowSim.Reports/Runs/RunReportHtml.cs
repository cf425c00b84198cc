using System.Net;
using System.Text;
using System.Text.Json;

namespace FlowSim.Reports;

/// <summary>
/// <c>report.html</c> of a run: status, the dynamics and comparison tables of summary.json, the figures inlined with
/// their captions (each with its own id prefix, so the page stands alone and its SVG ids are unique), and the resolved
/// scenario.
/// </summary>
public static class RunReportHtml
{
    /// <summary>The page of a scenario run.</summary>
    public static string Write(RunSummary summary, IReadOnlyList<RunFigure> figures)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(figures);
        string intro = $"Status: <b>{E(summary.Status)}</b>, seed {summary.Seed}, {E(summary.Tool)}.";
        return Page($"FlowSim run: {summary.ScenarioFile}", intro, summary.Warnings, summary.Dynamics, summary.Comparisons, figures,
            summary.Scenario?.ToJsonString(FlowSimJson.Options) ?? "null", summary);
    }

    /// <summary>The page of runs made from C# (<see cref="RunsReport"/>): no scenario, no seed.</summary>
    public static string Write(string title, string tool, IReadOnlyList<DynamicsSummary> dynamics, IReadOnlyList<ComparisonSummary> comparisons,
        IReadOnlyList<RunFigure> figures)
    {
        ArgumentNullException.ThrowIfNull(title);
        return Page(title, E(tool) + ".", [], dynamics, comparisons, figures, null);
    }

    private static string Page(string title, string introHtml, IReadOnlyList<string> warnings, IReadOnlyList<DynamicsSummary> dynamics,
        IReadOnlyList<ComparisonSummary> comparisons, IReadOnlyList<RunFigure> figures, string? scenarioJson, RunSummary? summary = null)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title>\n");
        sb.Append("<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto}table{border-collapse:collapse;font-size:0.85em;display:block;overflow-x:auto}td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}")
          .Append("pre{background:#f6f6f6;padding:1em;overflow:auto}figure{margin:1.5em 0}figure svg{width:100%;height:auto}figcaption{color:#333;font-size:0.92em}</style></head><body>\n");
        sb.Append("<h1>").Append(E(title)).Append("</h1>\n<p>").Append(introHtml).Append("</p>\n");
        if (warnings.Count > 0)
        {
            sb.Append("<ul>");
            foreach (var w in warnings) sb.Append("<li>").Append(E(w)).Append("</li>");
            sb.Append("</ul>\n");
        }
        Table(sb, "Dynamics", JsonSerializer.SerializeToElement(dynamics.Select(d => d with { Final = null }), FlowSimJson.Options));
        Table(sb, "Flow versus descent: ‖θ_k − θ(kη)‖", JsonSerializer.SerializeToElement(comparisons, FlowSimJson.Options));
        if (summary is not null) CheckTable.Append(sb, summary);
        sb.Append("<h2>Figures</h2>\n");
        for (int i = 0; i < figures.Count; i++)
        {
            sb.Append("<figure>").Append(InlineSvg.ToFragment(figures[i].Svg, $"f{i + 1}")).Append("<figcaption>");
            if (figures[i].Caption.Length > 0) sb.Append(E(figures[i].Caption)).Append(' ');
            sb.Append("(figures/").Append(E(figures[i].File)).Append(")</figcaption></figure>\n");
        }
        if (scenarioJson is not null) sb.Append("<h2>Resolved scenario</h2>\n<pre>").Append(E(scenarioJson)).Append("</pre>\n");
        sb.Append("</body></html>\n");
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

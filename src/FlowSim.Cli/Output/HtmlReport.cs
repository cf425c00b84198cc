using System.Net;
using System.Text;
using System.Text.Json;

namespace FlowSim.Cli.Output;

/// <summary>Writes <c>report.html</c>: status, dynamics statistics and comparisons (from summary.json), the figures
/// (inlined, so the page stands alone when copied or attached), the resolved scenario.</summary>
public static class HtmlReport
{
    /// <summary>Builds the page from the run directory's summary.json text and the SVG figures in
    /// <paramref name="figuresDirectory"/> named by <paramref name="figures"/>.</summary>
    public static string Build(string summaryJson, IReadOnlyList<string> figures, string figuresDirectory)
    {
        using var doc = JsonDocument.Parse(summaryJson);
        var root = doc.RootElement;
        var sb = new StringBuilder();
        string file = Str(root, "scenario_file");
        sb.Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>FlowSim run: ").Append(E(file)).Append("</title>\n");
        sb.Append("<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}pre{background:#f6f6f6;padding:1em;overflow:auto}</style></head><body>\n");
        sb.Append("<h1>FlowSim run: ").Append(E(file)).Append("</h1>\n<p>Status: <b>").Append(E(Str(root, "status"))).Append("</b>, seed ")
          .Append(E(root.GetProperty("seed").GetRawText())).Append(", ").Append(E(Str(root, "tool"))).Append(".</p>\n");
        if (root.TryGetProperty("warnings", out var warns) && warns.GetArrayLength() > 0)
        {
            sb.Append("<ul>");
            foreach (var w in warns.EnumerateArray()) sb.Append("<li>").Append(E(w.GetString() ?? "")).Append("</li>");
            sb.Append("</ul>\n");
        }
        Table(sb, "Dynamics", root.GetProperty("dynamics"));
        Table(sb, "Flow versus descent: ‖θ_k − θ(kη)‖", root.GetProperty("comparisons"));
        sb.Append("<h2>Figures</h2>\n");
        foreach (var f in figures)
            sb.Append("<figure>").Append(InlineSvg(Path.Combine(figuresDirectory, f))).Append("<figcaption>figures/").Append(E(f))
              .Append("</figcaption></figure>\n");
        sb.Append("<h2>Resolved scenario</h2>\n<pre>").Append(E(JsonSerializer.Serialize(root.GetProperty("scenario"), new JsonSerializerOptions { WriteIndented = true })))
          .Append("</pre>\n</body></html>\n");
        return sb.ToString();
    }

    /// <summary>The SVG element of a figure file (its XML declaration dropped), to sit directly in the page.</summary>
    private static string InlineSvg(string path)
    {
        string svg = File.ReadAllText(path);
        int start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start >= 0 ? svg[start..] : svg;
    }

    private static void Table(StringBuilder sb, string title, JsonElement rows)
    {
        if (rows.GetArrayLength() == 0) return;
        var cols = rows.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).Distinct().ToList();
        sb.Append("<h2>").Append(E(title)).Append("</h2>\n<table><tr>");
        foreach (var c in cols) sb.Append("<th>").Append(E(c)).Append("</th>");
        sb.Append("</tr>\n");
        foreach (var r in rows.EnumerateArray())
        {
            sb.Append("<tr>");
            foreach (var c in cols)
                sb.Append("<td>").Append(r.TryGetProperty(c, out var v) ? E(v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()) : "").Append("</td>");
            sb.Append("</tr>\n");
        }
        sb.Append("</table>\n");
    }

    private static string Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.ToString() : "";
    private static string E(string s) => WebUtility.HtmlEncode(s);
}

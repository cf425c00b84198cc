using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FlowSim.Reports;
using FlowSim.Scenarios;
using FlowSim.Tests.Reports.Output;
using Xunit;

namespace FlowSim.Tests.Reports.Runs;

/// <summary>The one report path of a run: files written through the output directory, unique SVG ids in report.html,
/// summary.json from records (snake_case, round trip), trajectory.csv round trip, invariant numbers under any culture,
/// and damaged files named in the error.</summary>
public sealed class RunReportTests
{
    private const string Deep = """
        {"model": {"type": "deep-factorization", "size": 3, "depth": 2}, "target": {"diagonal": [1.0, 0.5, -0.2]},
         "initialization": {"type": "identical", "alpha": 0.3},
         "dynamics": [{"type": "flow", "method": "dp5"}, {"type": "descent", "eta": 0.1}],
         "record": {"every": 5, "metrics": ["loss", "effective-rank", "singular-values"]}, "stop": {"t_end": 3}}
        """;

    private static (string Dir, RunSummary Summary) WriteRun(string parent)
    {
        var result = ScenarioRunner.Run(ScenarioJson.Parse(Deep, "deep.json"));
        string dir = Path.Combine(parent, "run");
        using var output = new OutputDirectory(dir, OutputLayout.Run, replace: false);
        var summary = RunReport.Write(output, result, new RunReportSource("deep.json", ["a warning"], "flowsim test"));
        output.Commit();
        return (dir, summary);
    }

    /// <summary>Every id="…" in a page (OxyPlot numbers clip paths from 1 in each figure: without prefixes a page with
    /// several figures repeats clipPath1 …).</summary>
    internal static void AssertIdsUnique(string html)
    {
        var ids = Regex.Matches(html, "\\bid=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(ids);
        Assert.Empty(ids.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key));
        foreach (Match m in Regex.Matches(html, @"url\(#([^)]+)\)")) Assert.Contains(m.Groups[1].Value, ids);
    }

    [Fact]
    public void RunReportHtml_HasUniqueIds_AndInlinesEveryFigure()
    {
        using var scratch = OutputScratch.Parent();
        string parent = scratch.Path;
        var (dir, _) = WriteRun(parent);
        string html = File.ReadAllText(Path.Combine(dir, "report.html"));
        AssertIdsUnique(html);
        var figures = Directory.GetFiles(Path.Combine(dir, "figures")).Select(f => Path.GetFileName(f)!).Order().ToArray();
        Assert.Equal(["distance.svg", "effective_rank.svg", "loss.svg", "singular_values.svg"], figures);
        Assert.Equal(figures.Length, Regex.Matches(html, "<svg").Count);
        Assert.Contains("a warning", html);
    }

    [Fact]
    public void ValidationReportHtml_HasUniqueIds()
    {
        using var scratch = OutputScratch.Parent();
        string parent = scratch.Path;
        var files = new ReportWriter().Write(ReportTestData.DemoReport(), Path.Combine(parent, "report"));
        AssertIdsUnique(File.ReadAllText(files.HtmlPath));
    }

    [Fact]
    public void Summary_IsSnakeCase_AndRoundTrips()
    {
        using var scratch = OutputScratch.Parent();
        string parent = scratch.Path;
        var (dir, summary) = WriteRun(parent);
        string text = File.ReadAllText(Path.Combine(dir, "summary.json"));
        using var doc = JsonDocument.Parse(text);
        Assert.Equal(["format", "tool", "status", "scenario_file", "seed", "scenario", "warnings", "dynamics", "comparisons", "run"],
            doc.RootElement.EnumerateObject().Select(p => p.Name));
        var flow = doc.RootElement.GetProperty("dynamics")[0];
        Assert.Equal(["name", "type", "status", "method", "final_time", "final_loss", "accepted_steps", "rejected_steps", "nfev", "records", "final"],
            flow.EnumerateObject().Select(p => p.Name));
        var descent = doc.RootElement.GetProperty("dynamics")[1];
        Assert.Equal(["name", "type", "status", "final_time", "final_loss", "iterations", "gradient_evaluations", "records", "final"],
            descent.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["descent", "flow", "points", "max_distance", "max_distance_time", "max_relative_distance", "final_distance", "final_time"],
            doc.RootElement.GetProperty("comparisons")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(text, FlowSimJson.Serialize(FlowSimJson.Read<RunSummary>(Path.Combine(dir, "summary.json"))));
        Assert.Equal(summary.Dynamics[1].Iterations, 30);
        string csv = File.ReadAllText(Path.Combine(dir, "trajectory.csv"));
        Assert.Equal(csv, TrajectoryTable.Read(Path.Combine(dir, "trajectory.csv")).ToCsv());
    }

    /// <summary>A process whose culture writes 0,5 must still produce the same bytes.</summary>
    [Fact]
    public void Outputs_AreTheSameBytesUnderAGermanCulture()
    {
        var result = ScenarioRunner.Run(ScenarioJson.Parse(Deep, "deep.json"));
        var table = TrajectoryTable.From(result);
        var summary = RunSummary.From(result, "deep.json", [], "flowsim test");
        string Render() => table.ToCsv() + FlowSimJson.Serialize(summary with { Run = summary.Run }) + string.Concat(RunFigures.Render(RunCurves.From(result)).Select(f => f.Svg));
        var saved = CultureInfo.CurrentCulture;
        string invariant, german;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            invariant = Render();
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal("0,5", 0.5.ToString(CultureInfo.CurrentCulture)); // the culture is really in effect
            german = Render();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
        Assert.Equal(invariant, german);
    }

    [Fact]
    public void Redraw_NamesTheDamagedFileAndLine()
    {
        using var scratch = OutputScratch.Parent();
        string parent = scratch.Path;
        var (dir, _) = WriteRun(parent);
        string csv = Path.Combine(dir, RunReport.CurvesFile);
        var lines = File.ReadAllLines(csv);
        lines[3] = lines[3].Replace(lines[3].Split(',')[3], "0,x");
        File.WriteAllLines(csv, lines);
        var ex = Assert.Throws<RunFileException>(() => RunReport.Redraw(dir));
        Assert.StartsWith($"{csv}: line 4: expected", ex.Message);
    }

    [Fact]
    public void ChartWithNothingToDraw_SaysSo()
    {
        string svg = LineChart.RenderSvg(new FigureRenderer(), "loss against time", "time t", "loss",
            [new ChartSeries("descent", [0.0, 1.0], [double.NaN, double.PositiveInfinity])], logY: true);
        Assert.Contains("no finite value to draw", svg);
        Assert.Contains("<svg", svg);
    }
}

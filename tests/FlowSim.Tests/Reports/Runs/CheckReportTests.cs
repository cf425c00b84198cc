using System.Text;
using System.Text.Json;
using FlowSim.Reports;
using FlowSim.Scenarios;
using FlowSim.Scenarios.Checks;
using FlowSim.Tests.Reports.Output;
using FlowSim.Theory;
using Xunit;

namespace FlowSim.Tests.Reports.Runs;

/// <summary>The checks in a run's files: summary.json entries with exactly CheckResult.WriteJson's keys and values,
/// the report table, the figures and their redrawing, and summaries written before checks existed.</summary>
public sealed class CheckReportTests
{
    private const string Scalar = """
        {"model": {"type": "scalar", "depth": 2}, "target": {"diagonal": [1.0]}, "initialization": {"alpha": 0.2},
         "dynamics": [{"type": "flow", "method": "dp5"}, {"type": "descent", "eta": 0.1}], "record": {"every": 2}, "stop": {"t_end": 2},
         "checks": [{"id": "decay", "kind": "nonincreasing", "measured": "loss"},
                    {"id": "late", "description": "a <window> after the run", "dynamics": "flow", "kind": "upper", "measured": "loss", "bound": "loss_0", "from": 1.9, "to": 1.95},
                    {"id": "ahead", "dynamics": "descent", "kind": "upper", "measured": "loss", "bound": "flow.loss", "from": 0.2}]}
        """;

    private static ScenarioResult Run() => ScenarioRunner.Run(ScenarioJson.Parse(Scalar, "scalar.json"));

    [Fact]
    public void SummaryEntries_AreWriteJsonsObjects_NullsAndInfinityIncluded()
    {
        var result = Run();
        Assert.Equal(["decay/flow", "decay/descent", "late/flow", "ahead/descent"], result.Checks.Select(c => $"{c.Id}/{c.Dynamics}"));
        Assert.Null(result.Checks[2].WorstT);          // no record in [1.9, 1.95]: fails, nothing checked
        Assert.Equal(Verdict.Fail, result.Checks[2].Verdict);
        Assert.Equal(double.PositiveInfinity, result.Checks[0].Margin);

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream)) CheckResult.WriteJsonArray(writer, result.Checks);
        using var expected = JsonDocument.Parse(stream.ToArray());
        var summary = RunSummary.From(result, "scalar.json", [], "flowsim test");
        using var written = JsonDocument.Parse(FlowSimJson.Serialize(summary));
        var entries = written.RootElement.GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal(expected.RootElement.GetArrayLength(), entries.Count);
        foreach (var (want, got) in expected.RootElement.EnumerateArray().Zip(entries))
            Assert.Equal(want.EnumerateObject().Select(p => (p.Name, p.Value.GetRawText())), got.EnumerateObject().Select(p => (p.Name, p.Value.GetRawText())));
        Assert.Equal(["comparisons", "checks", "run"], written.RootElement.EnumerateObject().Select(p => p.Name).TakeLast(3));

        var back = JsonSerializer.Deserialize<RunSummary>(FlowSimJson.Serialize(summary), FlowSimJson.Options)!;
        Assert.Equal(summary.Checks, back.Checks);
    }

    [Fact]
    public void Table_ShowsEveryResult_WithConditionDescriptionAndFigure()
    {
        var summary = RunSummary.From(Run(), "scalar.json", [], "flowsim test");
        var html = new StringBuilder();
        CheckTable.Append(html, summary);
        string text = html.ToString();
        Assert.StartsWith("<h2>Checks</h2>\n<p>2 pass, 2 fail.", text);   // late (no record) and ahead (descent lags while p grows)
        Assert.Equal(4, text.Split("<tr><td").Length - 1);
        Assert.Contains("<code>loss ≤ flow.loss</code>", text);
        Assert.Contains("<code>loss nonincreasing</code>", text);
        Assert.Contains("a &lt;window&gt; after the run", text);
        Assert.Contains("<b>fail</b></td><td>NaN</td><td>—</td><td>—</td><td>—</td><td>0</td><td>figures/check-late.svg</td>", text);

        var none = new StringBuilder();
        CheckTable.Append(none, summary with { Checks = null });
        CheckTable.Append(none, summary with { Checks = [] });
        Assert.Equal("", none.ToString());
    }

    [Fact]
    public void Figures_OnePerCheck_MeasuredAndBoundPerDynamics_RedrawnEqual()
    {
        using var scratch = OutputScratch.Parent();
        string parent = scratch.Path;
        var result = Run();
        string dir = Path.Combine(parent, "run");
        using (var output = new OutputDirectory(dir, OutputLayout.Run, replace: false))
        {
            RunReport.Write(output, result, new RunReportSource("scalar.json", [], "flowsim test"));
            output.Commit();
        }
        var figures = CheckFigures.Render(TrajectoryTable.From(result), result.Scenario);
        Assert.Equal(["check-decay.svg", "check-late.svg", "check-ahead.svg"], figures.Select(f => f.File));
        Assert.Contains(">measured (flow)<", figures[0].Svg);
        Assert.Contains(">measured (descent)<", figures[0].Svg);
        Assert.DoesNotContain(">bound (", figures[0].Svg);          // monotone: no bound to draw
        Assert.Contains(">bound (descent)<", figures[2].Svg);
        Assert.DoesNotContain(">measured (flow)<", figures[2].Svg);  // the check applies to descent only
        foreach (var f in figures) Assert.Equal(f.Svg.TrimStart('\uFEFF'), File.ReadAllText(Path.Combine(dir, "figures", f.File)));

        string html = File.ReadAllText(Path.Combine(dir, "report.html"));
        RunReport.Redraw(dir);
        Assert.Equal(html, File.ReadAllText(Path.Combine(dir, "report.html")));

        // A resolved scenario that no longer validates: plot keeps the check figures it cannot redraw.
        string json = Path.Combine(dir, "summary.json");
        File.WriteAllText(json, File.ReadAllText(json).Replace("\"t_end\": 2", "\"t_end\": -2"));
        File.WriteAllText(Path.Combine(dir, "figures", "check-late.svg"), figures[1].Svg.Replace("check late", "check kept"));
        RunReport.Redraw(dir);
        Assert.Contains("check kept", File.ReadAllText(Path.Combine(dir, "report.html")));
    }

    [Fact]
    public void ScenarioWithoutChecks_HasNoChecksKey_AndRedrawsWithoutThem()
    {
        var plain = ScenarioRunner.Run(ScenarioJson.Parse(Scalar[..Scalar.IndexOf(",\n \"checks\"", StringComparison.Ordinal)] + "}", "plain.json"));
        Assert.Empty(plain.Checks);
        var summary = RunSummary.From(plain, "plain.json", [], "flowsim test");
        Assert.Null(summary.Checks);
        string text = FlowSimJson.Serialize(summary);
        Assert.False(JsonDocument.Parse(text).RootElement.TryGetProperty("checks", out _));
        var back = JsonSerializer.Deserialize<RunSummary>(text, FlowSimJson.Options)!;
        Assert.Null(back.Checks);
        Assert.Empty(CheckFigures.Redraw(new TrajectoryTable(["loss"]), back, "."));
        Assert.DoesNotContain("<h2>Checks", RunReportHtml.Write(back, []));
    }

    [Fact]
    public void SweepColumns_FailuresWithMargins_FromThePointRows()
    {
        SweepRow Row(string dynamics, params SweepCheck[] checks) => new(0, ["0.1"], dynamics, "completed", 1, 1, []) { Checks = checks };
        var rows = new[] { Row("flow", new SweepCheck("a", "pass", 2)), Row("descent", new SweepCheck("a", "fail", 0.000123456), new SweepCheck("b", "fail", double.NaN)) };
        Assert.Equal("check_a", SweepCheckColumns.ColumnName("a"));
        Assert.Equal(["a on descent (margin 0.000123)", "b on descent (margin NaN)"], SweepCheckColumns.Failures(rows));
        Assert.Empty(SweepCheckColumns.Failures([Row("flow", new SweepCheck("a", "pass", double.PositiveInfinity))]));
        Assert.Equal(["1.21e6", "4.3e-5", "∞", "0.981"], new[] { 1.2133e6, 4.3e-5, double.PositiveInfinity, 0.98121 }.Select(CheckSummary.FormatMargin));
    }
}

using System.Text.RegularExpressions;
using FlowSim.ClosedForm;
using FlowSim.Reports;
using FlowSim.Scenarios;
using FlowSim.Tests.Reports.Output;
using Xunit;

namespace FlowSim.Tests.Reports.Runs;

/// <summary>The run report as a figure for a paper: flows from their dense output at a resolution independent of
/// record.every (checked against the scalar closed form), descents as markers at t = kη, every singular value in one
/// figure, ‖θ_k − θ(kη)‖ of every pair recomputed from the states, one look per dynamics, and plot redrawing the same bytes.</summary>
public sealed class RunFiguresTests
{
    private static string Scalar(int points) => $$$"""
        {"model": {"type": "scalar", "depth": 3}, "target": {"diagonal": [1.5]}, "initialization": {"type": "identical", "alpha": 0.3},
         "dynamics": [{"type": "flow", "method": "vern9", "rtol": 1e-11, "atol": 1e-13}, {"type": "descent", "eta": 0.05}],
         "record": {"points": {{{points}}}, "metrics": ["loss"]}, "stop": {"t_end": 6}}
        """;

    private const string Deep = """
        {"model": {"type": "deep-factorization", "size": 3, "depth": 2}, "target": {"diagonal": [1.0, 0.5, -0.2]},
         "initialization": {"type": "identical", "alpha": 0.3},
         "dynamics": [{"type": "flow", "method": "dp5", "rtol": 1e-9, "atol": 1e-11}, {"type": "descent", "eta": 0.1},
                      {"type": "modified-flow", "eta": 0.1, "rtol": 1e-9, "atol": 1e-11}],
         "record": {"every": 5, "metrics": ["loss", "effective-rank", "singular-values"]}, "stop": {"t_end": 3}}
        """;

    [Theory]
    [InlineData(4)]
    [InlineData(61)]
    public void FlowCurves_FollowTheClosedForm_AtTheSameResolutionWhateverTheRecords(int points)
    {
        var result = ScenarioRunner.Run(ScenarioJson.Parse(Scalar(points), "scalar.json"));
        var data = RunCurves.From(result);
        var flow = data.Curves.Rows.Where(r => r.Dynamics == "flow").ToList();
        Assert.Equal(RunCurves.Samples, flow.Count);
        Assert.All(flow, r => Assert.Null(r.Iterate));
        double worst = 0;
        foreach (var r in flow)
        {
            double x = DeepScalarFlow.X(3, 1.5, 0.3, r.Time);
            double exact = 0.5 * Math.Pow(Math.Pow(x, 3) - 1.5, 2);
            // Relative to the loss while it is above 1e-10 (rtol 1e-11); below, the state's absolute tolerance rules.
            worst = Math.Max(worst, Math.Abs(r.Values[0] - exact) / Math.Max(exact, 1e-10));
        }
        Assert.True(worst < 1e-8, $"largest error of the sampled loss against the closed form: {worst:E2}");
        // The descent is its records, at t = kη.
        var descent = data.Curves.Rows.Where(r => r.Dynamics == "descent").ToList();
        Assert.Equal(result["descent"].Records.Count, descent.Count);
        Assert.All(descent, r => Assert.Equal(r.Iterate!.Value * 0.05, r.Time, 12));
    }

    [Fact]
    public void Distances_AreTheNormOfTheDifferenceOfTheStates_AtEveryKeptIterate()
    {
        var result = ScenarioRunner.Run(ScenarioJson.Parse(Deep, "deep.json"));
        var table = DistanceTable.From(result);
        Assert.Equal([("descent", "flow"), ("descent", "modified-flow")], table.Pairs);
        var descent = result["descent"];
        foreach (var (_, flowName) in table.Pairs)
        {
            var solution = result[flowName].Solution!;
            var rows = table.Rows.Where(r => r.Flow == flowName).ToList();
            Assert.Equal(descent.Records.Count, rows.Count);
            for (int i = 0; i < rows.Count; i++)
            {
                Assert.Equal(descent.Records.Iterations[i], rows[i].Iterate);
                var theta = descent.Records.States[i];
                var exact = solution.Evaluate(rows[i].Time);
                double d = Math.Sqrt(theta.Zip(exact).Sum(p => (p.First - p.Second) * (p.First - p.Second)));
                Assert.Equal(d, rows[i].Distance, 1e-14);
            }
            Assert.Equal(result.Comparisons.Single(c => c.Flow == flowName).MaxDistance, rows.Max(r => r.Distance));
        }
        // The modified flow tracks descent to O(η²), the flow only to O(η): the figure must show the gap.
        Assert.True(table.Rows.Where(r => r.Flow == "modified-flow").Max(r => r.Distance) < 0.2 * table.Rows.Where(r => r.Flow == "flow").Max(r => r.Distance));
    }

    [Fact]
    public void Figures_PutEverySingularValueInOneFigure_AndGiveEachDynamicsItsOwnLook()
    {
        var result = ScenarioRunner.Run(ScenarioJson.Parse(Deep, "deep.json"));
        var figures = RunFigures.Render(RunCurves.From(result));
        Assert.Equal(["loss.svg", "distance.svg", "singular_values.svg", "effective_rank.svg"], figures.Select(f => f.File));
        string sv = figures.Single(f => f.File == "singular_values.svg").Svg;
        foreach (var label in new[] { "σ1", "σ2", "σ3", "flow (σ₁ … σₙ)", "modified-flow (σ₁ … σₙ)", "descent (σ₁ … σₙ)" }) Assert.Contains(label, sv);
        Assert.DoesNotContain("σ4", sv);

        string loss = figures[0].Svg;
        // flow: solid blue, wide; modified flow: green with a dash pattern; descent: hollow vermillion markers, no line.
        Assert.Contains("stroke:rgb(0,114,178);stroke-width:3.2", loss);
        Assert.Matches(@"stroke:rgb\(0,158,115\);stroke-width:1\.8;(stroke-linejoin:bevel;)?stroke-dasharray:9,5\.4", loss);
        Assert.Contains("fill:rgb(255,255,255);stroke:rgb(213,94,0)", loss);
        string distance = figures[1].Svg;
        Assert.Contains("descent vs flow", distance);
        Assert.Contains("descent vs modified-flow", distance);
    }

    [Fact]
    public void MoreThanMaxMarkersRecordedIteratesAreThinnedToEveryMth()
    {
        string many = Deep.Replace("\"every\": 5", "\"every\": 1", StringComparison.Ordinal).Replace("\"t_end\": 3", "\"t_end\": 30", StringComparison.Ordinal);
        var result = ScenarioRunner.Run(ScenarioJson.Parse(many, "deep.json"));
        Assert.Equal(301, result["descent"].Records.Count);
        string loss = RunFigures.Render(RunCurves.From(result))[0].Svg;
        // OxyPlot writes a marker as one ellipse with a white fill and the descent's stroke: 301 iterates → every 3rd (the last included).
        int markers = Regex.Matches(loss, @"<ellipse[^>]*fill:rgb\(255,255,255\);stroke:rgb\(213,94,0\)").Count;
        Assert.Equal(101 + 1, markers); // iterates 0, 3, …, 300 and the legend's symbol
    }

    [Fact]
    public void Plot_RedrawsTheSameFiguresFromTheSavedCurves()
    {
        using var scratch = OutputScratch.Parent();
        string parent = scratch.Path;
        var result = ScenarioRunner.Run(ScenarioJson.Parse(Deep, "deep.json"));
        string dir = Path.Combine(parent, "run");
        using (var output = new OutputDirectory(dir, OutputLayout.Run, replace: false))
        {
            RunReport.Write(output, result, new RunReportSource("deep.json", [], "flowsim test"));
            output.Commit();
        }
        var files = Directory.GetFiles(Path.Combine(dir, "figures")).Order().ToArray();
        var before = files.Select(File.ReadAllText).ToArray();
        string html = File.ReadAllText(Path.Combine(dir, "report.html"));
        foreach (var f in files) File.Delete(f);
        RunReport.Redraw(dir);
        Assert.Equal(before, files.Select(File.ReadAllText).ToArray());
        Assert.Equal(html, File.ReadAllText(Path.Combine(dir, "report.html")));
        Assert.Equal(File.ReadAllText(Path.Combine(dir, RunReport.CurvesFile)), TrajectoryTable.Read(Path.Combine(dir, RunReport.CurvesFile)).ToCsv());
        Assert.Equal(File.ReadAllText(Path.Combine(dir, RunReport.DistancesFile)), DistanceTable.Read(Path.Combine(dir, RunReport.DistancesFile)).ToCsv());
    }
}

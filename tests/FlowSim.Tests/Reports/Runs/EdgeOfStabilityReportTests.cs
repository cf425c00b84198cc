using System.Text.Json;
using FlowSim.Reports;
using FlowSim.Scenarios;
using FlowSim.Tests.Reports.Output;
using Xunit;

namespace FlowSim.Tests.Reports.Runs;

/// <summary>
/// The run report of <c>examples/scenarios/edge-of-stability.yaml</c> tells the story in figures (issue 13): sharpness
/// against k with the 2/η line (the scenario's η), descent's iterates and midpoints, gradient flow and the central flow;
/// the loss with the central flow's prediction; the midpoints' distance to both flows. Every drawn value is checked against
/// the run's own results, and plot redraws the same figures from the files.
/// </summary>
public sealed class EdgeOfStabilityReportTests
{
    private static readonly string Example = Path.Combine(RepoRoot(), "examples", "scenarios", "edge-of-stability.yaml");

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FlowSim.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    private static readonly Lazy<ScenarioResult> Result = new(() =>
        ScenarioRunner.Run(FlowSim.Cli.Scenarios.ScenarioLoader.Load(Example, null, strict: false).Scenario));

    [Fact]
    public void Sharpness_figure_has_the_two_over_eta_line_the_midpoints_and_both_flows()
    {
        var result = Result.Value;
        double eta = result.Scenario.Dynamics.Single(d => d.Type == DynamicsTypes.Descent).Eta;
        Assert.Equal(1.02, eta);
        var data = RunCurves.From(result);
        Assert.Equal(2 / eta, data.StabilityThresholds!["descent"]);
        var looks = RunLooks.For(data.Curves);
        var series = EdgeOfStabilityFigures.SharpnessSeries(data, looks, "descent")!;

        var line = series.Single(s => s.Name == EdgeOfStabilityFigures.ThresholdName(2 / eta));
        Assert.Equal("2/η = 1.96078", line.Name);
        Assert.All(line.Y, y => Assert.Equal(2 / eta, y));
        Assert.Equal([0.0, 400.0], line.X);

        // The iterates, every one of them (both phases of the cycle), at k, with the recorded sharpness.
        int column = result.Columns.ToList().IndexOf("sharpness");
        var descent = result["descent"];
        var raw = series.Single(s => s.Name == "descent");
        Assert.Equal(descent.Records.Count, raw.Y.Count);
        for (int i = 0; i < raw.Y.Count; i++)
        {
            Assert.Equal((double)descent.Records.Iterations[i]!.Value, raw.X[i]);
            Assert.Equal(descent.Records.Rows[i][column], raw.Y[i]);
        }
        int onset = descent.EosOnsetK!.Value;
        Assert.Contains(raw.Y.Skip(onset + 10), s => s > 2 / eta);
        Assert.Contains(raw.Y.Skip(onset + 10), s => s < 2 / eta);

        // The second-order midpoints, their recorded sharpness; late in the run they sit at 2/η (the central flow's S).
        var mid = series.Single(s => s.Name == TrajectoryTable.MidpointSeries("descent"));
        var midpoints = descent.Midpoints!;
        Assert.Equal(midpoints.Count, mid.Y.Count);
        for (int i = 0; i < mid.Y.Count; i++) Assert.Equal(midpoints.Rows[i][column], mid.Y[i]);
        Assert.InRange(mid.Y[^1], 0.99 * 2 / eta, 1.01 * 2 / eta);

        // Both flows at k = t/η: gradient flow goes on to S = 2s₁ = 2, the central flow holds 2/η.
        var flow = series.Single(s => s.Name == "flow");
        var central = series.Single(s => s.Name == "central-flow");
        Assert.Equal(400, flow.X[^1], 1e-9);
        Assert.Equal(2.0, flow.Y[^1], 1e-6);
        Assert.Equal(2 / eta, central.Y[^1], 1e-5 * 2 / eta);
    }

    [Fact]
    public void Loss_figure_has_descent_gradient_flow_and_the_central_flows_prediction()
    {
        var result = Result.Value;
        var data = RunCurves.From(result);
        var series = EdgeOfStabilityFigures.LossSeries(data, RunLooks.For(data.Curves), "descent")!;
        Assert.Contains(series, s => s.Name == "descent");
        Assert.Contains(series, s => s.Name == "flow");
        var prediction = series.Single(s => s.Name == EdgeOfStabilityFigures.PredictionName("central-flow"));
        int column = result.Columns.ToList().IndexOf("cf_loss_prediction");
        var rows = data.Curves.Rows.Where(r => r.Dynamics == "central-flow" && double.IsFinite(r.Values[column])).ToList();
        Assert.Equal(rows.Select(r => r.Values[column]), prediction.Y);
        // The prediction of descent's mean loss: at the end within 20 % of the mean loss of descent's last two iterates.
        var losses = result["descent"].Records.Rows.Select(r => r[result.Columns.ToList().IndexOf("loss")]).ToArray();
        Assert.InRange(prediction.Y[^1] / (0.5 * (losses[^1] + losses[^2])), 0.8, 1.2);
    }

    [Fact]
    public void Report_holds_the_figures_the_midpoint_distances_and_redraws_them()
    {
        using var scratch = OutputScratch.Parent();
        string parent = scratch.Path;
        var result = Result.Value;
        string dir = Path.Combine(parent, "run");
        using (var output = new OutputDirectory(dir, OutputLayout.Run, replace: false))
        {
            RunReport.Write(output, result, new RunReportSource("edge-of-stability.yaml", [], "flowsim test"));
            output.Commit();
        }
        string html = File.ReadAllText(Path.Combine(dir, "report.html"));
        foreach (var f in new[] { EdgeOfStabilityFigures.SharpnessFile, EdgeOfStabilityFigures.LossFile, "distance.svg" })
            Assert.Contains(f, html);
        string sharpness = File.ReadAllText(Path.Combine(dir, "figures", EdgeOfStabilityFigures.SharpnessFile));
        Assert.Contains("2/η = 1.96078", sharpness);
        Assert.Contains("descent (midpoints)", sharpness);
        using (var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))))
            Assert.Equal(2 / 1.02, summary.RootElement.GetProperty("dynamics")[0].GetProperty("stability_threshold").GetDouble());

        // The midpoints' distances to both flows, a series of their own, equal to the run's midpoint comparisons.
        var distances = DistanceTable.Read(Path.Combine(dir, RunReport.DistancesFile));
        foreach (var c in result.Comparisons.Where(c => c.Iterates == ScenarioComparison.MidpointIterates))
        {
            var rows = distances.Rows.Where(r => r.Descent == "descent (midpoints)" && r.Flow == c.Flow).ToList();
            Assert.Equal(c.Comparison.Count, rows.Count);
            Assert.Equal(c.MaxDistance, rows.Max(r => r.Distance));
            Assert.Equal(c.FinalDistance, rows[^1].Distance);
        }
        Assert.Equal(2, distances.Pairs.Count(p => p.Descent == "descent (midpoints)"));
        Assert.Contains("descent (midpoints) vs central-flow", File.ReadAllText(Path.Combine(dir, "figures", "distance.svg")));

        var files = Directory.GetFiles(Path.Combine(dir, "figures")).Order().ToArray();
        var before = files.Select(File.ReadAllText).ToArray();
        foreach (var f in files) File.Delete(f);
        RunReport.Redraw(dir);
        Assert.Equal(before, files.Select(File.ReadAllText).ToArray());
        Assert.Equal(html, File.ReadAllText(Path.Combine(dir, "report.html")));
    }
}

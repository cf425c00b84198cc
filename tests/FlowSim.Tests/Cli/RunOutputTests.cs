using System.Globalization;
using System.Text.Json;
using FlowSim.Cli.Output;
using FlowSim.Cli.Scenarios;
using FlowSim.Scenarios;
using Xunit;

namespace FlowSim.Tests.Cli;

/// <summary>Run outputs: determinism, the resolved scenario round trip, plot, interruption, and results checked
/// against independent references (Lemma A.1, backward error analysis).</summary>
[Collection("Cli")]
public sealed class RunOutputTests
{
    private static string Example(string name) => Path.Combine(CliHarness.Examples, name);

    private static string RunExample(string name, params string[] extra)
    {
        string outDir = Path.Combine(CliHarness.TempDir(), "out");
        var (exit, _, err) = CliHarness.Run(["run", Example(name), "--out", outDir, "-q", .. extra]);
        Assert.True(exit == 0, err);
        return outDir;
    }

    [Fact]
    public void SameScenarioAndSeedGiveIdenticalCsvAndJsonApartFromTheClock()
    {
        foreach (var example in new[] { "deep.yaml", "asymmetric.yaml" })
        {
            string a = RunExample(example), b = RunExample(example);
            Assert.Equal(File.ReadAllBytes(Path.Combine(a, "trajectory.csv")), File.ReadAllBytes(Path.Combine(b, "trajectory.csv")));
            Assert.Equal(File.ReadAllBytes(Path.Combine(a, "scenario.json")), File.ReadAllBytes(Path.Combine(b, "scenario.json")));
            string sa = File.ReadAllText(Path.Combine(a, "summary.json")), sb = File.ReadAllText(Path.Combine(b, "summary.json"));
            Assert.Equal(CliHarness.WithoutClock(sa), CliHarness.WithoutClock(sb));
            Assert.Contains("\"run\":", sa);
            Assert.DoesNotContain("utc", CliHarness.WithoutClock(sa));
        }
    }

    [Fact]
    public void SeedOptionChangesTheRandomTargetAndIsRecorded()
    {
        string a = RunExample("asymmetric.yaml"), b = RunExample("asymmetric.yaml", "--seed", "8");
        Assert.NotEqual(File.ReadAllText(Path.Combine(a, "trajectory.csv")), File.ReadAllText(Path.Combine(b, "trajectory.csv")));
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(b, "summary.json")));
        Assert.Equal(8, doc.RootElement.GetProperty("seed").GetInt32());
        Assert.Equal(8, doc.RootElement.GetProperty("scenario").GetProperty("seed").GetInt32());
    }

    [Fact]
    public void ReportHtml_InlinesEveryFigure()
    {
        string a = RunExample("asymmetric.yaml");
        string html = File.ReadAllText(Path.Combine(a, "report.html"));
        var svgs = Directory.GetFiles(Path.Combine(a, "figures"), "*.svg");
        Assert.NotEmpty(svgs);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<?xml", html);
        Assert.Equal(svgs.Length, html.Split("<svg").Length - 1);
        foreach (var f in svgs) Assert.Contains("figures/" + Path.GetFileName(f), html);
        FlowSim.Tests.Reports.Runs.RunReportTests.AssertIdsUnique(html);
    }

    [Fact]
    public void ResolvedScenarioReproducesTheRun()
    {
        string a = RunExample("deep.yaml");
        string b = Path.Combine(CliHarness.TempDir(), "again");
        var (exit, _, err) = CliHarness.Run("run", Path.Combine(a, "scenario.json"), "--out", b, "-q");
        Assert.True(exit == 0, err);
        Assert.Equal(File.ReadAllText(Path.Combine(a, "trajectory.csv")), File.ReadAllText(Path.Combine(b, "trajectory.csv")));
    }

    [Fact]
    public void ExistingOutputDirectoryIsNotOverwrittenWithoutForce()
    {
        string a = RunExample("scalar.json");
        string before = File.ReadAllText(Path.Combine(a, "summary.json"));
        var (exit, _, err) = CliHarness.Run("run", Example("scalar.json"), "--out", a, "-q");
        Assert.Equal(2, exit);
        Assert.Contains("exists and is not empty", err);
        Assert.Equal(before, File.ReadAllText(Path.Combine(a, "summary.json")));
    }

    [Fact]
    public void PlotRedrawsTheSameFigures()
    {
        string a = RunExample("deep.yaml");
        var figures = Directory.GetFiles(Path.Combine(a, "figures")).Order().ToArray();
        Assert.Equal(["distance.svg", "effective_rank.svg", "loss.svg", "singular_values.svg"], figures.Select(Path.GetFileName));
        var original = figures.Select(File.ReadAllText).ToArray();
        foreach (var f in figures) File.Delete(f);
        var (exit, _, err) = CliHarness.Run("plot", a);
        Assert.True(exit == 0, err);
        Assert.Equal(original, figures.Select(File.ReadAllText).ToArray());
        Assert.Equal(2, CliHarness.Run("plot", Path.Combine(a, "figures")).Exit);
    }

    /// <summary>Lemma A.1 (THEORY §1.4): the perturbed flow passes through every descent iterate, W(kη) = W_k. The
    /// comparison in summary.json must find the two within the integration tolerance (rtol 1e-9) at every recorded iterate.</summary>
    [Fact]
    public void PerturbedFlowPassesThroughTheDescentIterates()
    {
        string a = RunExample("sensing.yaml");
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(a, "summary.json")));
        var c = doc.RootElement.GetProperty("comparisons")[0];
        Assert.Equal("perturbed-flow", c.GetProperty("flow").GetString());
        Assert.Equal(9, c.GetProperty("points").GetInt32()); // iterates 0, 5, …, 40
        Assert.True(c.GetProperty("max_relative_distance").GetDouble() < 1e-7, c.ToString());
    }

    /// <summary>Backward error analysis: descent follows the modified flow to O(η²) but the gradient flow only to O(η),
    /// so on the deep example the modified flow must be the closer one, by a wide margin.</summary>
    [Fact]
    public void ModifiedFlowTracksDescentBetterThanTheGradientFlow()
    {
        string a = RunExample("deep.yaml");
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(a, "summary.json")));
        var byFlow = doc.RootElement.GetProperty("comparisons").EnumerateArray()
            .ToDictionary(c => c.GetProperty("flow").GetString()!, c => c.GetProperty("max_distance").GetDouble());
        Assert.True(byFlow["modified-flow"] < 0.2 * byFlow["flow"], $"modified {byFlow["modified-flow"]}, flow {byFlow["flow"]}");
    }

    /// <summary>The scalar flow with loss_below stops at the time the closed form gives. For N = 4 equal factors,
    /// x' = x³(λ − x⁴); with s = x², s' = 2s²(λ − s²), integrated by partial fractions:
    /// t(s) = (1/(2λ))·[−1/s + artanh(s/√λ)/√λ]. The loss ½(x⁴ − λ)² reaches ε at s² = λ − √(2ε).</summary>
    [Fact]
    public void ScalarFlowStopsWhenTheLossReachesTheLevel()
    {
        string a = RunExample("scalar.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(a, "summary.json")));
        var flow = doc.RootElement.GetProperty("dynamics")[0];
        Assert.Equal("loss-reached", flow.GetProperty("status").GetString());
        double lambda = 1.5, alpha = 0.3, eps = 1e-12, delta = Math.Sqrt(2 * eps);
        double sqrtL = Math.Sqrt(lambda);
        // artanh(z) = ½ln((1+z)/(1−z)), with 1 − z formed without cancellation near z = 1.
        double T(double s, double oneMinusZ) => (-1 / s + 0.5 * Math.Log((2 - oneMinusZ) / oneMinusZ) / sqrtL) / (2 * lambda);
        double s0 = alpha * alpha, z1 = Math.Sqrt(1 - delta / lambda);
        double expected = T(Math.Sqrt(lambda - delta), delta / lambda / (1 + z1)) - T(s0, 1 - s0 / sqrtL);
        double t = flow.GetProperty("final_time").GetDouble();
        Assert.True(Math.Abs(t - expected) < 1e-6 * expected, $"t = {t}, expected {expected}");
    }

    [Fact]
    public void InterruptedRunKeepsWhatFinishedAndSaysSo()
    {
        var loaded = ScenarioLoader.Load(Example("deep.yaml"), null, false);
        string outDir = Path.Combine(CliHarness.TempDir(), "out");
        using var cts = new CancellationTokenSource();
        var progress = new CancelAfterFirst(cts);
        var status = RunDirectoryWriter.Execute(loaded, outDir, false, progress, cts.Token);
        Assert.Equal(ScenarioStatus.Interrupted, status);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.Equal("interrupted", doc.RootElement.GetProperty("status").GetString());
        var statuses = doc.RootElement.GetProperty("dynamics").EnumerateArray().Select(d => d.GetProperty("status").GetString()!).ToArray();
        Assert.Equal(["completed", "not-run", "not-run"], statuses);
        var lines = File.ReadAllLines(Path.Combine(outDir, "trajectory.csv"));
        Assert.True(lines.Skip(1).All(l => l.StartsWith("flow,", StringComparison.Ordinal)) && lines.Length == 12);
    }

    /// <summary>Cancels as soon as the first dynamics has ended, as a Ctrl+C at that moment would.</summary>
    private sealed class CancelAfterFirst(CancellationTokenSource cts) : IScenarioProgress
    {
        public void Begin(string name, double endTime) { }
        public void Update(double time, long steps) { }
        public void End(DynamicsStatus status) => cts.Cancel();
    }
}

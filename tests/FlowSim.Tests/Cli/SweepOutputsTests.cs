using System.Globalization;
using System.Text.Json;
using Xunit;

namespace FlowSim.Tests.Cli;

/// <summary>Sweeps at scale: summary outputs (summary.json and done only) against a full run of the same point, the same
/// sweep.csv from summary and full outputs and for any --jobs, the manifest guarding a sweep directory, and merge's
/// handling of metric columns that differ between points.</summary>
[Collection("Cli")]
public sealed class SweepOutputsTests
{
    private static string Deep(string eta = "0.1", string alpha = "0.3") => $$"""
        model: {type: deep-factorization, size: 3, depth: 2}
        target: {diagonal: [1.0, 0.5, -0.2]}
        initialization: {type: identical, alpha: {{alpha}}}
        dynamics:
          - {type: flow, method: dp5}
          - {type: descent, eta: {{eta}}}
        record: {every: 5, metrics: [loss, effective-rank, singular-values]}
        stop: {t_end: 3}
        """;

    private static readonly string[] Grid = ["--param", "dynamics[1].eta=0.05,0.1,0.2", "--param", "initialization.alpha=0.2,0.4"];

    private static string WriteScenario(string dir, string name, string text)
    {
        string file = Path.Combine(dir, name);
        File.WriteAllText(file, text);
        return file;
    }

    [Fact]
    public void SummaryOutputs_HoldOnlyTheSummary_WhoseFinalValuesAreTheLastRowsOfAFullRun()
    {
        string tmp = CliHarness.TempDir();
        string file = WriteScenario(tmp, "deep.yaml", Deep());
        string sweep = Path.Combine(tmp, "sweep");
        Assert.Equal(0, CliHarness.Run(["sweep", file, .. Grid, "--out", sweep, "-q"]).Exit);
        // Point 3 is eta = 0.1, alpha = 0.4 (the first parameter varies slowest).
        string point = Path.Combine(sweep, "point-0003");
        Assert.Equal(["done", "summary.json"], Directory.GetFileSystemEntries(point).Select(f => Path.GetFileName(f)!).Order().ToArray());
        Assert.Equal(0, new FileInfo(Path.Combine(point, "done")).Length);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(point, "summary.json")));
        Assert.Equal(3, summary.RootElement.GetProperty("point").GetProperty("index").GetInt32());
        Assert.Equal("0.4", summary.RootElement.GetProperty("point").GetProperty("parameters").GetProperty("initialization.alpha").GetString());
        Assert.False(summary.RootElement.TryGetProperty("scenario", out _));

        // The reference: `flowsim run` of the same point written out by hand, and the last row of each dynamics in its trajectory.csv.
        string run = Path.Combine(tmp, "run");
        Assert.Equal(0, CliHarness.Run("run", WriteScenario(tmp, "point3.yaml", Deep("0.1", "0.4")), "--out", run, "-q").Exit);
        var lines = File.ReadAllLines(Path.Combine(run, "trajectory.csv"));
        var header = lines[0].Split(',');
        foreach (var dynamics in summary.RootElement.GetProperty("dynamics").EnumerateArray())
        {
            string name = dynamics.GetProperty("name").GetString()!;
            var last = lines.Last(l => l.StartsWith(name + ",", StringComparison.Ordinal)).Split(',');
            var final = dynamics.GetProperty("final");
            Assert.Equal(header.Length - 3, final.EnumerateObject().Count());
            for (int c = 3; c < header.Length; c++)
                Assert.Equal(double.Parse(last[c], CultureInfo.InvariantCulture), final.GetProperty(header[c]).GetDouble());
        }
    }

    [Fact]
    public void SweepCsv_IsTheSameForSummaryAndFullOutputsAndForAnyNumberOfJobs()
    {
        string tmp = CliHarness.TempDir();
        string file = WriteScenario(tmp, "deep.yaml", Deep());
        string[] csv = new string[3];
        (string Outputs, string Jobs)[] runs = [("summary", "1"), ("summary", "3"), ("full", "2")];
        for (int i = 0; i < runs.Length; i++)
        {
            string dir = Path.Combine(tmp, $"s{i}");
            Assert.Equal(0, CliHarness.Run(["sweep", file, .. Grid, "--out", dir, "--outputs", runs[i].Outputs, "--jobs", runs[i].Jobs, "-q"]).Exit);
            Assert.Equal(0, CliHarness.Run("merge", dir).Exit);
            csv[i] = File.ReadAllText(Path.Combine(dir, "sweep.csv"));
        }
        Assert.Equal(csv[0], csv[1]);
        Assert.Equal(csv[0], csv[2]);
        Assert.StartsWith("point,dynamics[1].eta,initialization.alpha,dynamics,status,final_time,final_loss,last_loss,last_effective_rank,last_sv1,last_sv2,last_sv3\n", csv[0]);
        Assert.Equal(1 + 6 * 2, csv[0].TrimEnd('\n').Split('\n').Length);
        Assert.True(File.Exists(Path.Combine(tmp, "s2", "point-0000", "report.html")));
        Assert.False(File.Exists(Path.Combine(tmp, "s0", "point-0000", "report.html")));
        for (int p = 0; p < 6; p++)
            Assert.Equal(CliHarness.WithoutClock(File.ReadAllText(Path.Combine(tmp, "s0", $"point-{p:D4}", "summary.json"))),
                CliHarness.WithoutClock(File.ReadAllText(Path.Combine(tmp, "s1", $"point-{p:D4}", "summary.json"))));
    }

    [Fact]
    public void ASweepDirectoryRefusesAnotherOutputsKindSeedOrEditedScenario()
    {
        string tmp = CliHarness.TempDir();
        string file = WriteScenario(tmp, "deep.yaml", Deep());
        string dir = Path.Combine(tmp, "s");
        Assert.Equal(0, CliHarness.Run(["sweep", file, .. Grid, "--shard", "0/2", "--out", dir, "-q"]).Exit);
        var (exit, _, err) = CliHarness.Run(["sweep", file, .. Grid, "--shard", "1/2", "--outputs", "full", "--out", dir, "-q"]);
        Assert.Equal(2, exit);
        Assert.Contains("differs in 'outputs'", err);
        (exit, _, err) = CliHarness.Run(["sweep", file, .. Grid, "--shard", "1/2", "--seed", "7", "--out", dir, "-q"]);
        Assert.Equal(2, exit);
        Assert.Contains("differs in 'seed'", err);
        File.WriteAllText(file, Deep().Replace("t_end: 3", "t_end: 2", StringComparison.Ordinal));
        (exit, _, err) = CliHarness.Run(["sweep", file, .. Grid, "--shard", "1/2", "--out", dir, "-q"]);
        Assert.Equal(2, exit);
        Assert.Contains("differs in 'scenario'", err);
        Assert.Equal(3, Directory.GetDirectories(dir, "point-*").Length);
    }

    [Fact]
    public void Merge_GivesEveryMetricItsColumn_WhenPointsRecordDifferentMetrics()
    {
        string tmp = CliHarness.TempDir();
        string file = WriteScenario(tmp, "deep.yaml", Deep());
        string dir = Path.Combine(tmp, "s");
        Assert.Equal(0, CliHarness.Run("sweep", file, "--param", "record.metrics=[loss],[loss;effective-rank]", "--out", dir, "-q").Exit);
        Assert.Equal(0, CliHarness.Run("merge", dir).Exit);
        var lines = File.ReadAllText(Path.Combine(dir, "sweep.csv")).TrimEnd('\n').Split('\n');
        Assert.Equal("point,record.metrics,dynamics,status,final_time,final_loss,last_loss,last_effective_rank", lines[0]);
        Assert.Equal(5, lines.Length);
        Assert.All(lines, l => Assert.Equal(8, l.Split(',').Length));
        Assert.EndsWith(",", lines[1]);                  // point 0 recorded no effective rank
        Assert.Matches(@",\d\.\d+$", lines[4]);          // point 1 did
    }

    [Theory]
    [InlineData("0", "--jobs: must be between 1 and 1024 (got 0)")]
    [InlineData("-3", "--jobs: must be between 1 and 1024 (got -3)")]
    public void BadJobsExit2AndWriteNothing(string jobs, string expected)
    {
        string tmp = CliHarness.TempDir();
        string file = WriteScenario(tmp, "deep.yaml", Deep());
        string dir = Path.Combine(tmp, "s");
        var (exit, _, err) = CliHarness.Run(["sweep", file, .. Grid, "--jobs", jobs, "--out", dir]);
        Assert.Equal(2, exit);
        Assert.Contains(expected, err);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void BadOutputsIsAUsageError()
    {
        string tmp = CliHarness.TempDir();
        string file = WriteScenario(tmp, "deep.yaml", Deep());
        var (exit, _, err) = CliHarness.Run(["sweep", file, .. Grid, "--outputs", "html", "--out", Path.Combine(tmp, "s")]);
        Assert.Equal(2, exit);
        Assert.Contains("html", err);
        Assert.Contains("summary", err);
    }
}

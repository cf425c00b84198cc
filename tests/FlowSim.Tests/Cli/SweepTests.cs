using Xunit;

namespace FlowSim.Tests.Cli;

/// <summary>Sweeps: the union of shards equals the unsharded sweep; merge lists missing points; bad parameters exit 2.</summary>
[Collection("Cli")]
public sealed class SweepTests
{
    /// <summary>A two-dynamics scalar scenario, quick to run (shared with the merge tests).</summary>
    internal const string Scalar = """
        model: {type: scalar, depth: 2}
        target: {diagonal: [1.0]}
        initialization: {alpha: 0.2}
        dynamics:
          - {type: flow, method: dp5}
          - {type: descent, eta: 0.1}
        record: {points: 11, metrics: [loss]}
        stop: {t_end: 3}
        """;

    private static readonly string[] Params = ["--param", "dynamics[1].eta=0.1,0.2,0.3", "--param", "initialization.alpha=0.1,0.2"];

    private static string Write()
    {
        string file = Path.Combine(CliHarness.TempDir(), "s.yaml");
        File.WriteAllText(file, Scalar);
        return file;
    }

    [Fact]
    public void UnionOfShardsEqualsTheUnshardedSweep()
    {
        string file = Write();
        string whole = Path.Combine(CliHarness.TempDir(), "whole"), sharded = Path.Combine(CliHarness.TempDir(), "sharded");
        Assert.Equal(0, CliHarness.Run(["sweep", file, .. Params, "--out", whole, "-q"]).Exit);
        for (int i = 0; i < 4; i++) Assert.Equal(0, CliHarness.Run(["sweep", file, .. Params, "--shard", $"{i}/4", "--out", sharded, "-q"]).Exit);
        Assert.Equal(0, CliHarness.Run("merge", whole).Exit);
        Assert.Equal(0, CliHarness.Run("merge", sharded).Exit);
        string csv = File.ReadAllText(Path.Combine(whole, "sweep.csv"));
        Assert.Equal(csv, File.ReadAllText(Path.Combine(sharded, "sweep.csv")));
        Assert.Equal(1 + 6 * 2, csv.TrimEnd('\n').Split('\n').Length); // header + 6 points × 2 dynamics
        Assert.StartsWith("point,dynamics[1].eta,initialization.alpha,dynamics,status,final_time,final_loss,last_loss\n0,0.1,0.1,flow,", csv);
        Assert.Contains("\n5,0.3,0.2,descent,", csv); // first parameter varies slowest
        for (int p = 0; p < 6; p++)
        {
            string name = $"point-{p:D4}";
            Assert.Equal(CliHarness.WithoutClock(File.ReadAllText(Path.Combine(whole, name, "summary.json"))),
                CliHarness.WithoutClock(File.ReadAllText(Path.Combine(sharded, name, "summary.json"))));
            Assert.True(File.Exists(Path.Combine(sharded, name, "done")));
        }
    }

    [Fact]
    public void MergeListsMissingPointsAndShardsInSeparateDirectoriesCombine()
    {
        string file = Write();
        string a = Path.Combine(CliHarness.TempDir(), "a"), b = Path.Combine(CliHarness.TempDir(), "b");
        Assert.Equal(0, CliHarness.Run(["sweep", file, .. Params, "--shard", "0/2", "--out", a, "-q"]).Exit);
        var (exit, stdout, _) = CliHarness.Run("merge", a);
        Assert.Equal(3, exit);
        Assert.Contains("3 of 6 points", stdout);
        Assert.Contains("point-0001 (dynamics[1].eta=0.1, initialization.alpha=0.2)", stdout);
        Assert.Contains("point-0005 (dynamics[1].eta=0.3, initialization.alpha=0.2)", stdout);
        Assert.DoesNotContain("point-0002", stdout);
        Assert.Equal(0, CliHarness.Run(["sweep", file, .. Params, "--shard", "1/2", "--out", b, "-q"]).Exit);
        string merged = Path.Combine(CliHarness.TempDir(), "merged");
        var (exit2, stdout2, _) = CliHarness.Run("merge", a, b, "--out", merged);
        Assert.Equal(0, exit2);
        Assert.Contains("6 of 6 points", stdout2);
        Assert.True(File.Exists(Path.Combine(merged, "sweep.svg")));
    }

    [Fact]
    public void RerunSkipsFinishedPoints()
    {
        string file = Write();
        string dir = Path.Combine(CliHarness.TempDir(), "s");
        Assert.Equal(0, CliHarness.Run(["sweep", file, .. Params, "--out", dir, "-q"]).Exit);
        var (exit, stdout, _) = CliHarness.Run(["sweep", file, .. Params, "--out", dir, "-q"]);
        Assert.Equal(0, exit);
        Assert.Contains("ran 0 points, 6 already done", stdout);
    }

    [Theory]
    [InlineData("--shard", "2/2", "--shard: I must satisfy 0 ≤ I < N")]
    [InlineData("--shard", "1-2", "--shard: expected I/N")]
    [InlineData("--param", "dynamics[7].eta=0.1", "there is no list item [7]")]
    [InlineData("--param", "dynamics[1].eta=0.1,-0.2", "point-0001 (dynamics[1].eta=-0.2): s.yaml: dynamics[1].eta: must be > 0 (got -0.2)")]
    [InlineData("--param", "dynamics[1].etta=0.1", "dynamics[1].etta: unknown field (did you mean 'eta'?")]
    [InlineData("--param", "noequals", "--param: expected PATH=V1,V2")]
    public void BadSweepArgumentsExit2AndWriteNothing(string option, string value, string expected)
    {
        string file = Write();
        string dir = Path.Combine(CliHarness.TempDir(), "s");
        string[] args = option == "--param" ? ["sweep", file, option, value, "--out", dir] : ["sweep", file, .. Params, option, value, "--out", dir];
        var (exit, _, err) = CliHarness.Run(args);
        Assert.Equal(2, exit);
        Assert.Contains(expected, err);
        Assert.False(Directory.Exists(dir));
    }
}

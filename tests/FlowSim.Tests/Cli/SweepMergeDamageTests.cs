using Xunit;

namespace FlowSim.Tests.Cli;

/// <summary>merge checks every point it reads: a done point whose summary.json is truncated, malformed, missing or claims
/// another point is listed as damaged with its file and line, left out of sweep.csv, and the exit code is 3; a sound copy
/// in another directory is used instead; a directory that is not a sweep exits 2 with nothing written.</summary>
[Collection("Cli")]
public sealed class SweepMergeDamageTests
{
    private static string Sweep(string tmp, string name)
    {
        string file = Path.Combine(tmp, "s.yaml");
        if (!File.Exists(file)) File.WriteAllText(file, SweepTests.Scalar);
        string dir = Path.Combine(tmp, name);
        Assert.Equal(0, CliHarness.Run("sweep", file, "--param", "dynamics[1].eta=0.1,0.2,0.3,0.4", "--out", dir, "-q").Exit);
        return dir;
    }

    public static TheoryData<string, string> Damages => new()
    {
        { "truncated", "truncated or malformed JSON" },
        { "empty", "line 1: empty file" },
        { "garbage", "truncated or malformed JSON" },
        { "other-point", "point.index is 1, but the directory is point 2" },
        { "other-values", "point.parameters are (dynamics[1].eta=0.9), but point 2 of this sweep is (dynamics[1].eta=0.3)" },
        { "no-final", "records but no final values" },
        { "interrupted", "status 'interrupted', but the point is marked done" },
        { "missing", "missing, though the point is marked done" },
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public void ADamagedPointIsListedWithFileAndLine_AndNotMerged(string damage, string expected)
    {
        string tmp = CliHarness.TempDir();
        string dir = Sweep(tmp, "s");
        string summary = Path.Combine(dir, "point-0002", "summary.json");
        string text = File.ReadAllText(summary);
        switch (damage)
        {
            case "truncated": File.WriteAllText(summary, text[..(text.Length / 2)]); break;
            case "empty": File.WriteAllText(summary, ""); break;
            case "garbage": File.WriteAllText(summary, text.Replace("\"dynamics\": [", "\"dynamics\": [}", StringComparison.Ordinal)); break;
            case "other-point": File.WriteAllText(summary, text.Replace("\"index\": 2", "\"index\": 1", StringComparison.Ordinal)); break;
            case "other-values": File.WriteAllText(summary, text.Replace("\"dynamics[1].eta\": \"0.3\"", "\"dynamics[1].eta\": \"0.9\"", StringComparison.Ordinal)); break;
            case "no-final": File.WriteAllText(summary, text.Replace("\"final\":", "\"final_gone\":", StringComparison.Ordinal)); break;
            case "interrupted": File.WriteAllText(summary, text.Replace("\"status\": \"completed\",\n  \"scenario_file\"", "\"status\": \"interrupted\",\n  \"scenario_file\"", StringComparison.Ordinal)); break;
            case "missing": File.Delete(summary); break;
        }
        Assert.NotEqual(text, File.Exists(summary) ? File.ReadAllText(summary) : null);

        var (exit, stdout, err) = CliHarness.Run("merge", dir);
        Assert.Equal(3, exit);
        Assert.False(CliHarness.HasStackTrace(stdout + err));
        Assert.Contains("3 of 4 points", stdout);
        Assert.Contains("damaged 1 points", stdout);
        Assert.Contains($"  point-0002 (dynamics[1].eta=0.3): {summary}: {(damage == "missing" ? "" : "line ")}", stdout);
        Assert.Contains(expected, stdout);
        string csv = File.ReadAllText(Path.Combine(dir, "sweep.csv"));
        Assert.DoesNotContain("\n2,", csv);
        Assert.Contains("\n3,0.4,flow,", csv);
    }

    [Fact]
    public void EveryTruncationOfASummaryIsCaught()
    {
        string tmp = CliHarness.TempDir();
        string dir = Sweep(tmp, "s");
        string point = Path.Combine(dir, "point-0001");
        string summary = Path.Combine(point, "summary.json");
        byte[] bytes = File.ReadAllBytes(summary);
        Assert.Equal((byte)'\n', bytes[^1]);
        var rows = FlowSim.Reports.SweepPointReader.Read(point, 1, ["dynamics[1].eta"], ["0.2"]);
        Assert.Equal(["flow", "descent"], rows.Select(r => r.Dynamics));
        for (int length = 0; length < bytes.Length - 1; length++)
        {
            File.WriteAllBytes(summary, bytes[..length]);
            var ex = Assert.Throws<FlowSim.Reports.RunFileException>(() => FlowSim.Reports.SweepPointReader.Read(point, 1, ["dynamics[1].eta"], ["0.2"]));
            Assert.StartsWith($"{summary}: line ", ex.Message);
        }
    }

    [Fact]
    public void ASoundCopyInAnotherDirectoryReplacesADamagedOne()
    {
        string tmp = CliHarness.TempDir();
        string a = Sweep(tmp, "a"), b = Sweep(tmp, "b");
        File.WriteAllText(Path.Combine(a, "point-0001", "summary.json"), "{");
        var (exit, stdout, _) = CliHarness.Run("merge", a, b, "--out", Path.Combine(tmp, "m"));
        Assert.Equal(0, exit);
        Assert.Contains("4 of 4 points", stdout);
        Assert.Equal(File.ReadAllText(Path.Combine(tmp, "m", "sweep.csv")), MergedCsv(b));
    }

    [Fact]
    public void AFullPointWhoseTrajectoryIsTruncated_IsListedAsDamaged_NotMerged()
    {
        string tmp = CliHarness.TempDir();
        string file = Path.Combine(tmp, "s.yaml");
        File.WriteAllText(file, SweepTests.Scalar);
        string dir = Path.Combine(tmp, "full");
        Assert.Equal(0, CliHarness.Run("sweep", file, "--param", "dynamics[1].eta=0.1,0.2", "--outputs", "full", "--out", dir, "-q").Exit);
        Assert.Equal(0, CliHarness.Run("merge", dir).Exit);
        string trajectory = Path.Combine(dir, "point-0001", "trajectory.csv");
        string text = File.ReadAllText(trajectory);
        File.WriteAllText(trajectory, text[..text.LastIndexOf('\n', text.Length - 2)] + "\n");   // the last record lost

        var (exit, stdout, err) = CliHarness.Run("merge", dir);
        Assert.Equal(3, exit);
        Assert.False(CliHarness.HasStackTrace(stdout + err));
        Assert.Contains("1 of 2 points", stdout);
        Assert.Contains("damaged 1 points", stdout);
        Assert.Contains("point-0001 (dynamics[1].eta=0.2): ", stdout);
        Assert.Contains("trajectory.csv", stdout);
        Assert.DoesNotContain("\n1,", File.ReadAllText(Path.Combine(dir, "sweep.csv")));
    }

    [Fact]
    public void ADirectoryThatIsNotASweepExits2AndWritesNothing()
    {
        string tmp = CliHarness.TempDir();
        string dir = Sweep(tmp, "s");
        File.WriteAllText(Path.Combine(dir, "sweep.json"), "{\"format\": 1,");
        var (exit, _, err) = CliHarness.Run("merge", dir);
        Assert.Equal(2, exit);
        Assert.Contains(Path.Combine(dir, "sweep.json"), err);
        Assert.False(File.Exists(Path.Combine(dir, "sweep.csv")));
        Assert.Empty(Directory.GetFiles(dir, ".sweep.csv*"));
    }

    private static string MergedCsv(string dir)
    {
        Assert.Equal(0, CliHarness.Run("merge", dir).Exit);
        return File.ReadAllText(Path.Combine(dir, "sweep.csv"));
    }
}

using System.Text.Json;
using Xunit;

namespace FlowSim.Tests.Cli;

/// <summary>Seeds: the move to <c>SeedStreams.Derive(int …)</c> had narrowed <c>--seed</c> and <c>seed:</c> to
/// 0 … 2³¹ − 1; the range the parser always accepted (0 … 2⁶³ − 1) works again, recorded exactly.</summary>
[Collection("Cli")]
public sealed class SeedRangeTests
{
    [Theory]
    [InlineData("2147483648")]
    [InlineData("9223372036854775807")]
    public void LargeSeeds_RunAndAreRecordedExactly(string seed)
    {
        string outDir = Path.Combine(CliHarness.TempDir(), "out");
        var (exit, _, err) = CliHarness.Run("run", Path.Combine(CliHarness.Examples, "asymmetric.yaml"), "--out", outDir, "-q", "--seed", seed);
        Assert.True(exit == 0, err);
        string json = File.ReadAllText(Path.Combine(outDir, "summary.json"));
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(ulong.Parse(seed), doc.RootElement.GetProperty("seed").GetUInt64());
        Assert.Equal(ulong.Parse(seed), doc.RootElement.GetProperty("scenario").GetProperty("seed").GetUInt64());
        Assert.Equal(ulong.Parse(seed), JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "scenario.json"))).RootElement.GetProperty("seed").GetUInt64());
    }

    [Fact]
    public void SeedsBeyondTheRange_AreUsageErrors()
    {
        string file = Path.Combine(CliHarness.Examples, "asymmetric.yaml");
        var (exit, _, err) = CliHarness.Run("scenario", file, "--seed", "-1");
        Assert.Equal(2, exit);
        Assert.Contains("--seed: must be between 0 and 9223372036854775807 (got -1)", err);
        (exit, _, err) = CliHarness.Run("scenario", file, "--seed", "9223372036854775808");
        Assert.Equal(2, exit);
        Assert.Contains("--seed: expected an integer (got '9223372036854775808')", err);
    }
}

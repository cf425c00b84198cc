using System.Globalization;
using System.Text;
using FlowSim.Randomness;
using FlowSim.Scenarios;
using Xunit;

namespace FlowSim.Tests.Scenarios;

/// <summary>The library side of issue 16's budgets: the memory estimate in 64-bit arithmetic, the runner's refusal
/// before work, byte counts, JSON node counts, and the seed streams' 64-bit overloads.</summary>
public sealed class ScenarioBudgetTests
{
    private static Scenario Deep(int size, string method, string record = "\"points\": 11")
    {
        string diagonal = string.Join(", ", Enumerable.Repeat("1", size));
        return ScenarioJson.Parse(
            "{\"model\": {\"type\": \"deep-factorization\", \"size\": " + size + ", \"depth\": 3}, \"target\": {\"diagonal\": [" + diagonal + "]},"
            + " \"dynamics\": [{\"type\": \"flow\", \"method\": \"" + method + "\"}], \"record\": {" + record + "}, \"stop\": {\"t_end\": 1}}");
    }

    [Fact]
    public void Jacobian_At57600Parameters_IsCountedIn64Bits()
    {
        // 3·139² = 57,963 parameters (the 57,600 is where n·n first overflows an int: 57,600² > 2³¹·1.5).
        var estimate = ScenarioMemory.Estimate(Deep(139, "rodas5"));
        long p = 3L * 139 * 139;
        var jacobian = Assert.Single(estimate.Items, i => i.Field == "dynamics[0].method");
        Assert.Equal(2.0 * p * p * 8, jacobian.Bytes);   // 53.75 GB, exact in a double
        Assert.True(p * p > int.MaxValue);
        Assert.True(estimate.TotalBytes > jacobian.Bytes);
        Assert.Equal(0, ScenarioMemory.JacobianMatrices("dp5"));
        Assert.Equal(0, ScenarioMemory.JacobianMatrices("auto"));
        Assert.Equal(2, ScenarioMemory.JacobianMatrices("bdf"));
    }

    [Fact]
    public void Records_AreStatesTimesParameters_AndTheTotalKeepsOnlyTheLargestWorkingSet()
    {
        var estimate = ScenarioMemory.Estimate(Deep(10, "dp5", "\"points\": 1001"));
        long p = 300, columns = 1;
        var records = Assert.Single(estimate.Items, i => i.What.Contains("records", StringComparison.Ordinal));
        Assert.Equal(8 * 1002 * (p + columns), records.Bytes);   // 1001 record times and a possible final state
        long kept = estimate.Items.Where(i => i.Kept).Sum(i => i.Bytes);
        long working = estimate.Items.Where(i => !i.Kept).Sum(i => i.Bytes);   // one dynamics: its whole working set
        Assert.Equal(kept + working, estimate.TotalBytes);
    }

    [Fact]
    public void Saturation_InsteadOfOverflow()
    {
        Assert.Equal(long.MaxValue, ScenarioMemory.Mul(long.MaxValue / 2, 3));
        Assert.Equal(long.MaxValue, ScenarioMemory.Add(long.MaxValue - 1, 2));
        Assert.Equal(6, ScenarioMemory.Mul(2, 3));
    }

    [Fact]
    public void Runner_RefusesBeforeWork_AndNamesTheField()
    {
        var ex = Assert.Throws<ScenarioBudgetException>(() => ScenarioRunner.Run(Deep(40, "bdf"), 64L << 20));
        Assert.Contains("more than the memory budget of 64 MiB", ex.Message);
        Assert.Contains("dynamics[0].method: bdf's dense Jacobian and factors, 2 × 4800² numbers", ex.Message);
        Assert.Equal(64L << 20, ex.LimitBytes);
    }

    [Theory]
    [InlineData("512M", 512L << 20)]
    [InlineData("16G", 16L << 30)]
    [InlineData("8GiB", 8L << 30)]
    [InlineData("8gb", 8L << 30)]
    [InlineData("1.5T", 3L << 39)]
    [InlineData("1000000", 1000000)]
    public void ByteCounts_Parse(string text, long bytes)
    {
        Assert.True(ScenarioMemory.TryParseBytes(text, out long parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("lots")]
    [InlineData("-1G")]
    [InlineData("1,5G")]
    [InlineData("0")]
    [InlineData("99999999999P")]
    public void BadByteCounts_DoNotParse(string text) => Assert.False(ScenarioMemory.TryParseBytes(text, out _));

    [Fact]
    public void Json_WithMoreThanAMillionValues_IsRefused()
    {
        var json = new StringBuilder("{\"model\": [");
        json.Append(string.Join(",", Enumerable.Repeat("0", ScenarioJson.MaxNodes)));
        json.Append("]}");
        var ex = Assert.Throws<ScenarioException>(() => ScenarioJson.Read(json.ToString(), "big.json"));
        Assert.Equal("big.json: the document has more than 1000000 values; a scenario needs a few dozen", ex.Message);
    }

    /// <summary>The seeds of the 64-bit overloads equal the int scheme's for every int value (claims use the int one,
    /// scenarios the ulong one); the int scheme itself is pinned by an independent FNV-1a of the invariant text.</summary>
    [Fact]
    public void SeedStreams_SixtyFourBitOverloads_GiveTheIntSeeds()
    {
        int[] seeds = [0, 1, 3, 7, 42, 12345, 1 << 30, int.MaxValue, -1, int.MinValue];
        foreach (int s in seeds)
            foreach (var (owner, stream) in new[] { ("scenario", "target"), ("W1", (string?)null), ("C8", "draws") })
            {
                int expected = Fnv1a($"{s.ToString(CultureInfo.InvariantCulture)}|{owner}|{stream}");
                Assert.Equal(expected, SeedStreams.Derive(s, owner, stream));
                Assert.Equal(expected, SeedStreams.Derive((long)s, owner, stream));
                if (s >= 0) Assert.Equal(expected, SeedStreams.Derive((ulong)s, owner, stream));
            }
        // Beyond the int range the seed is not truncated: 2³² and 0 are different streams.
        Assert.NotEqual(SeedStreams.Derive(0UL, "scenario", "target"), SeedStreams.Derive(1UL << 32, "scenario", "target"));
        // A culture whose minus sign is not '-' changes nothing (the text is invariant).
        var saved = CultureInfo.CurrentCulture;
        try
        {
            var odd = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            odd.NumberFormat.NegativeSign = "\u2212";
            CultureInfo.CurrentCulture = odd;
            Assert.Equal(Fnv1a("-1|scenario|target"), SeedStreams.Derive(-1, "scenario", "target"));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    private static int Fnv1a(string text)
    {
        uint h = 2166136261;
        foreach (byte b in Encoding.UTF8.GetBytes(text)) h = (h ^ b) * 16777619;
        return (int)(h & 0x7FFFFFFF);
    }
}

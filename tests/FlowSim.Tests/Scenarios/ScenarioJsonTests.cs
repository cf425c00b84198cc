using FlowSim.Scenarios;
using Xunit;

namespace FlowSim.Tests.Scenarios;

/// <summary>Loading a scenario with the library alone: broken JSON names the line and column; a valid file parses with
/// defaults and the seed range is the one the parser always had (0 … 2⁶³−1), read exactly.</summary>
public sealed class ScenarioJsonTests
{
    [Fact]
    public void BrokenJson_NamesTheLineAndColumn()
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioJson.Read("{\n  \"model\": {\"type\": \"scalar\",,}\n}", "b.json"));
        Assert.StartsWith("b.json: line 2, column ", ex.Message);
        Assert.Contains("broken JSON", ex.Message);
    }

    [Fact]
    public void ValidJson_ParsesWithDefaults_AndSeedsAreBounded()
    {
        const string Head = """{"model": {"type": "scalar"}, "target": {"diagonal": [1]}, "dynamics": [{"type": "flow"}], "seed": """;
        var s = ScenarioJson.Parse(Head + "2147483647}");
        Assert.Equal(3, s.Model.Depth);
        Assert.Equal(51, s.Record.Points);
        Assert.Equal(2147483647UL, s.Seed);
        // Beyond 2³¹ − 1 and beyond 2⁵³ (where a double would round 9007199254740993 to …992): every digit kept.
        Assert.Equal(2147483648UL, ScenarioJson.Parse(Head + "2147483648}").Seed);
        Assert.Equal(9007199254740993UL, ScenarioJson.Parse(Head + "9007199254740993}").Seed);
        Assert.Equal(9223372036854775807UL, ScenarioJson.Parse(Head + "9223372036854775807}").Seed);
        Assert.Equal(1000UL, ScenarioJson.Parse(Head + "1e3}").Seed);
        foreach (var bad in new[] { "9223372036854775808", "-1", "1e19", "1.5" })
        {
            var ex = Assert.Throws<ScenarioException>(() => ScenarioJson.Parse(Head + bad + "}", "s.json"));
            Assert.Contains("s.json: seed:", ex.Message);
        }
        Assert.Contains("9223372036854775807", Assert.Throws<ScenarioException>(() => ScenarioJson.Parse(Head + "-1}", "s.json")).Message);
    }
}

using FlowSim.Scenarios;
using Xunit;

namespace FlowSim.Tests.Scenarios;

/// <summary>Loading a scenario with the library alone: broken JSON names the line and column; a valid file parses with
/// defaults and the seed range is FlowSim's one (0 … 2³¹−1).</summary>
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
        var s = ScenarioJson.Parse("""{"model": {"type": "scalar"}, "target": {"diagonal": [1]}, "dynamics": [{"type": "flow"}], "seed": 2147483647}""");
        Assert.Equal(3, s.Model.Depth);
        Assert.Equal(51, s.Record.Points);
        Assert.Equal(2147483647UL, s.Seed);
        var ex = Assert.Throws<ScenarioException>(() =>
            ScenarioJson.Parse("""{"model": {"type": "scalar"}, "target": {"diagonal": [1]}, "dynamics": [{"type": "flow"}], "seed": 2147483648}""", "s.json"));
        Assert.Contains("s.json: seed:", ex.Message);
        Assert.Contains("2147483647", ex.Message);
    }
}

using FlowSim.Scenarios;
using FlowSim.Scenarios.Checks;
using Xunit;

namespace FlowSim.Tests.Scenarios.Checks;

/// <summary>The checks: key as part of a scenario file: in the schema, parsed with the rest, written back.</summary>
public sealed class ScenarioFileChecksTests
{
    private const string Head = """
        {"model": {"type": "scalar", "depth": 2}, "target": {"diagonal": [1.0]}, "initialization": {"alpha": 0.2},
         "dynamics": [{"type": "flow", "method": "dp5"}, {"type": "descent", "eta": 0.1}], "stop": {"t_end": 2},
        """;

    private static string WithChecks(string checks) => Head + "\"checks\": " + checks + "}";

    private const string ThreeChecks = """
        [{"id": "decay", "kind": "nonincreasing", "measured": "loss"},
         {"id": "ahead", "dynamics": "descent", "kind": "upper", "measured": "loss", "bound": "flow.loss", "from": 0.1},
         {"id": "logistic", "dynamics": ["flow"], "kind": "equal", "measured": "sv1",
          "bound": "1 / (1 + (1 / pow(alpha, 2) - 1) * exp(-2 * t))", "tolerance": 1e-6, "description": "N = 2 closed form"}]
        """;

    [Fact]
    public void Schema_ListsChecks_AndTheParserAcceptsTheKey()
    {
        Assert.Contains("checks", ScenarioSchema.KeysOf(""));
        Assert.Equal(["id", "description", "dynamics", "kind", "measured", "bound", "tolerance", "from", "to"], ScenarioSchema.KeysOf("checks[]"));
        string schema = ScenarioSchema.Describe();
        foreach (var f in ScenarioChecks.SchemaFields) Assert.Contains(f.Path + " ", schema);
        Assert.Empty(ScenarioJson.Parse(Head + "\"seed\": 1}").Checks);
    }

    [Fact]
    public void Checks_AreParsedInFileOrder_WithTheirDefaults()
    {
        var s = ScenarioJson.Parse(WithChecks(ThreeChecks), "s.json");
        Assert.Equal(["decay", "ahead", "logistic"], s.Checks.Select(c => c.Id));
        Assert.Equal(["flow", "descent"], s.Checks[0].Dynamics);
        Assert.Equal(["descent"], s.Checks[1].Dynamics);
        Assert.Equal(["flow"], s.Checks[1].ReferencedDynamics);
        Assert.Equal((CheckKind.Equal, 1e-6, "N = 2 closed form"), (s.Checks[2].Kind, s.Checks[2].Tolerance, s.Checks[2].Description));
    }

    [Fact]
    public void ExpressionErrors_NameFileFieldAndPosition_NextToTheOtherErrors()
    {
        string checks = ThreeChecks.Replace("\"bound\": \"flow.loss\"", "\"bound\": \"flow.loss + los\"");
        var ex = Assert.Throws<ScenarioException>(() => ScenarioJson.Parse(WithChecks(checks).Replace("\"eta\": 0.1", "\"eta\": -0.1"), "s.json"));
        Assert.Equal([
            "dynamics[1].eta: must be > 0 (got -0.1)",
        ], ex.Errors.Select(e => e.ToString()));   // the checks wait for valid dynamics: no second, misleading error
        ex = Assert.Throws<ScenarioException>(() => ScenarioJson.Parse(WithChecks(checks), "s.json"));
        Assert.Equal("s.json: checks[1].bound: unknown variable 'los' at position 13 (did you mean 'loss'?)", ex.Message);
        ex = Assert.Throws<ScenarioException>(() => ScenarioJson.Parse(WithChecks(ThreeChecks.Replace("\"sv1\"", "\"sv1 +\"")), "s.json"));
        Assert.StartsWith("s.json: checks[2].measured: ", ex.Message);
        Assert.Contains("position 5", ex.Message);
        ex = Assert.Throws<ScenarioException>(() => ScenarioJson.Parse(Head + "\"chekcs\": []}", "s.json"));
        Assert.StartsWith("s.json: chekcs: unknown field (did you mean 'checks'?", ex.Message);
    }

    [Fact]
    public void Writer_WritesTheChecksBack_AndTheyReparseToTheSameScenario()
    {
        var s = ScenarioJson.Parse(WithChecks(ThreeChecks), "s.json");
        var node = ScenarioWriter.ToNode(s);
        Assert.Equal(["model", "target", "initialization", "dynamics", "record", "stop", "checks", "seed"], node.Entries.Select(e => e.Key));
        var again = ScenarioParser.Parse(node, "resolved", ".");
        Assert.Equal(s.Checks.Select(Describe), again.Checks.Select(Describe));
        Assert.DoesNotContain("checks", ScenarioWriter.ToNode(ScenarioJson.Parse(Head + "\"seed\": 1}")).Entries.Select(e => e.Key));

        static string Describe(CheckSpec c) =>
            $"{c.Id}|{c.Description}|{string.Join(',', c.Dynamics)}|{c.Kind}|{c.Measured.Text}|{c.Bound?.Text}|{c.Tolerance:R}|{c.From:R}|{c.To:R}";
    }
}

using FlowSim.Scenarios;
using Xunit;

namespace FlowSim.Tests.Scenarios;

/// <summary>The field checks the scenario sections share (lists, "finite and &gt; 0 / ≥ 0", fields that do not apply, list
/// items that must be mappings) word their errors the same way in every section and report every bad field at once.</summary>
public sealed class ScenarioParserTests
{
    private const string Model = """ "model": {"type": "scalar"}, "target": {"diagonal": [1]}""";

    private static string Errors(string json) =>
        Assert.Throws<ScenarioException>(() => ScenarioJson.Parse("{" + json + "}", "p.json")).Message;

    [Fact]
    public void EveryBadListItem_IsNamed()
    {
        string message = Errors(Model + """, "dynamics": [{"type": "flow"}], "record": {"metrics": [{}, "loss", [2]], "times": [0, "x", 1, {}]}""");
        Assert.Contains("p.json: record.metrics[0]: expected a string (got a mapping)", message);
        Assert.Contains("p.json: record.metrics[2]: expected a string (got a list)", message);
        Assert.Contains("p.json: record.times[1]: expected a number (got the string \"x\")", message);
        Assert.Contains("p.json: record.times[3]: expected a number (got a mapping)", message);
        Assert.DoesNotContain("record.metrics[1]", message);
    }

    [Fact]
    public void FiniteRanges_AreWordedAlike_InEverySection()
    {
        string message = Errors(Model + """, "initialization": {"alpha": -1}, "stop": {"t_end": 0, "loss_below": -1},""" +
            """ "dynamics": [{"type": "flow", "atol": 0}]""");
        Assert.Contains("p.json: initialization.alpha: must be finite and > 0 (got -1)", message);
        Assert.Contains("p.json: stop.t_end: must be finite and > 0 (got 0)", message);
        Assert.Contains("p.json: stop.loss_below: must be finite and ≥ 0 (got -1)", message);
        Assert.Contains("p.json: dynamics[0].atol: must be finite and > 0 (got 0)", message);
        // Checks are read once the dynamics are valid.
        message = Errors(Model + """, "dynamics": [{"type": "flow"}],""" +
            """ "checks": [{"id": "a", "kind": "upper", "measured": "loss", "bound": "1", "tolerance": -1, "from": -2, "to": -3}]""");
        Assert.Contains("p.json: checks[0].tolerance: must be finite and ≥ 0 (got -1)", message);
        Assert.Contains("p.json: checks[0].from: must be finite and ≥ 0 (got -2)", message);
        Assert.Contains("p.json: checks[0].to: must be finite and ≥ 0 (got -3)", message);
        Assert.Contains("p.json: checks[0].to: must be ≥ from = 2 (got 1)",
            Errors(Model + """, "dynamics": [{"type": "flow"}], "checks": [{"id": "a", "kind": "upper", "measured": "loss", "bound": "1", "from": 2, "to": 1}]"""));
    }

    [Fact]
    public void FieldsThatDoNotApply_AreEachNamed()
    {
        string message = Errors(""" "model": {"type": "scalar", "rows": 2, "measurements": 3}, "target": {"diagonal": [1]},""" +
            """ "initialization": {"type": "gaussian", "alpha": 1, "factor": 0},""" +
            """ "dynamics": [{"type": "descent", "eta": 0.1, "rtol": 1e-6, "method": "dp5"}, {"type": "flow", "eta": 0.1, "steps": 3}]""");
        Assert.Contains("p.json: model.rows: does not apply to model type scalar", message);
        Assert.Contains("p.json: model.measurements: does not apply to model type scalar", message);
        Assert.Contains("p.json: initialization.alpha: does not apply to initialization type gaussian (use scale)", message);
        Assert.Contains("p.json: initialization.factor: does not apply to initialization type gaussian (use scale)", message);
        Assert.Contains("p.json: dynamics[0].method: does not apply to descent", message);
        Assert.Contains("p.json: dynamics[0].rtol: does not apply to descent", message);
        Assert.Contains("p.json: dynamics[1].eta: does not apply to flow (use descent or modified-flow)", message);
        Assert.Contains("p.json: dynamics[1].steps: does not apply to flow (it runs to stop.t_end)", message);
    }

    [Fact]
    public void ListItemsThatAreNotMappings_AreNamed_AndTheRestStillChecked()
    {
        string message = Errors(Model + """, "dynamics": [3, {"type": "flw"}]""");
        Assert.Contains("p.json: dynamics[0]: expected a mapping with a type (got '3')", message);
        Assert.Contains("p.json: dynamics[1].type: unknown value 'flw' (did you mean 'flow'?", message);
        message = Errors(Model + """, "dynamics": [{"type": "flow"}], "checks": ["x", {"id": "a", "kind": "upper", "measured": "los", "bound": "1"}]""");
        Assert.Contains("p.json: checks[0]: expected a mapping with id, kind and measured (got the string \"x\")", message);
        Assert.Contains("p.json: checks[1].measured: unknown variable 'los'", message);
    }
}

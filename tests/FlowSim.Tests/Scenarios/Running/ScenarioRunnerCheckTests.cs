using FlowSim.Scenarios;
using FlowSim.Scenarios.Checks;
using FlowSim.Theory;
using Xunit;

namespace FlowSim.Tests.Scenarios.Running;

/// <summary>A scenario's checks through the runner: the metrics they read are recorded, the verdicts and margins
/// agree with closed forms, and dynamics that did not run are left out.</summary>
public sealed class ScenarioRunnerCheckTests
{
    /// <summary>Scalar N = 2, λ = 1, α = 0.2: the product follows the logistic law p(t) = 1/(1 + (1/α² − 1)e^{−2t}).</summary>
    private static string Logistic(string checks, string metrics = "[\"loss\"]") => $$"""
        {"model": {"type": "scalar", "depth": 2}, "target": {"diagonal": [1.0]}, "initialization": {"alpha": 0.2},
         "dynamics": [{"type": "flow", "method": "dop853", "rtol": 1e-12, "atol": 1e-14}, {"type": "descent", "eta": 0.05}],
         "record": {"every": 4, "metrics": {{metrics}}}, "stop": {"t_end": 4}, "checks": {{checks}}}
        """;

    private static double P(double t) => 1 / (1 + (1 / 0.04 - 1) * Math.Exp(-2 * t));

    [Fact]
    public void ClosedFormEqualCheck_Passes_AndAWrongRateFailsWithTheClosedFormsMargin()
    {
        var result = ScenarioRunner.Run(ScenarioJson.Parse(Logistic("""
            [{"id": "logistic", "dynamics": "flow", "kind": "equal", "measured": "sv1",
              "bound": "1 / (1 + (1 / pow(alpha, 2) - 1) * exp(-2 * t))", "tolerance": 1e-8},
             {"id": "wrong-rate", "dynamics": "flow", "kind": "equal", "measured": "sv1",
              "bound": "1 / (1 + (1 / pow(alpha, 2) - 1) * exp(-t))", "tolerance": 1e-8}]
            """)));
        Assert.Equal(["loss", "sv1"], result.Columns);
        Assert.Equal(2, result.Checks.Count);
        var good = result.Checks[0];
        Assert.Equal(("logistic", "flow", Verdict.Pass, 21), (good.Id, good.Dynamics, good.Verdict, good.Records));
        Assert.True(good.Margin >= 1, good.Message);

        // The wrong rate e^{−t}: the margin is the tolerance over the largest gap between the two closed forms at the
        // record times 0, 0.2, …, 4 (the integration error, below 1e-10, does not move its first digits).
        var times = Enumerable.Range(0, 21).Select(i => 0.2 * i).ToArray();
        double Wrong(double t) => 1 / (1 + (1 / 0.04 - 1) * Math.Exp(-t));
        double worstT = times.MaxBy(t => Math.Abs(P(t) - Wrong(t)));
        var bad = result.Checks[1];
        Assert.Equal(Verdict.Fail, bad.Verdict);
        Assert.Equal(worstT, bad.WorstT!.Value, 12);
        Assert.Equal(1e-8 / Math.Abs(P(worstT) - Wrong(worstT)), bad.Margin, 1e-6 * bad.Margin);
        Assert.Equal(Wrong(worstT), bad.Bound!.Value, 12);
        Assert.Equal(P(worstT), bad.Measured!.Value, 9);
    }

    [Fact]
    public void MetricsTheChecksRead_AreRecorded_AfterTheScenariosOwn_WithTheSameValues()
    {
        const string Checks = """
            [{"id": "ahead", "dynamics": "descent", "kind": "upper", "measured": "target_distance", "bound": "flow.target_distance", "from": 0.2},
             {"id": "rank", "kind": "lower", "measured": "effective_rank", "bound": "1"}]
            """;
        var result = ScenarioRunner.Run(ScenarioJson.Parse(Logistic(Checks)));
        Assert.Equal(["loss", "effective_rank", "target_distance"], result.Columns);
        var explicitly = ScenarioRunner.Run(ScenarioJson.Parse(Logistic("[]", "[\"loss\", \"effective-rank\", \"target-distance\"]")));
        foreach (var name in new[] { "flow", "descent" })
            Assert.Equal(explicitly[name].Records.Rows, result[name].Records.Rows);
        // target_distance = |p − 1| for the flow: the closed form at every record.
        var flow = result["flow"].Records;
        for (int i = 0; i < flow.Count; i++) Assert.Equal(Math.Abs(P(flow.Times[i]) - 1), flow.Value("target_distance", i), 9);
        Assert.Equal(["ahead/descent", "rank/flow", "rank/descent"], result.Checks.Select(c => $"{c.Id}/{c.Dynamics}"));
    }

    /// <summary>
    /// Descent ahead of the flow while the product grows from a small start is false (one step multiplies the growth by
    /// 1 + 2η instead of e^{2η}); the check fails at its first record after t = 0 with the margin of the two records.
    /// </summary>
    [Fact]
    public void CrossDynamicsCheck_ReadsTheOtherDynamicsRecordOfTheSameTime()
    {
        var result = ScenarioRunner.Run(ScenarioJson.Parse(Logistic("""
            [{"id": "ahead", "dynamics": "descent", "kind": "upper", "measured": "loss", "bound": "flow.loss", "from": 0.2, "to": 0.2}]
            """)));
        var c = Assert.Single(result.Checks);
        // Descent, 4 steps of η = 0.05 on x' = x(1 − x²) from x = 0.2; the flow's loss from the closed form.
        double x = 0.2;
        for (int k = 0; k < 4; k++) x += 0.05 * x * (1 - x * x);
        double descent = 0.5 * (x * x - 1) * (x * x - 1), flow = 0.5 * (P(0.2) - 1) * (P(0.2) - 1);
        Assert.Equal((Verdict.Fail, 1), (c.Verdict, c.Records));
        Assert.Equal(0.2, c.WorstT!.Value, 12);
        Assert.Equal(descent, c.Measured!.Value, 14);
        Assert.Equal(flow, c.Bound!.Value, 10);
        Assert.Equal(flow / descent, c.Margin, 1e-9);
    }

    [Fact]
    public void DynamicsThatDidNotRun_AreLeftOut()
    {
        var scenario = ScenarioJson.Parse(Logistic("""[{"id": "decay", "kind": "nonincreasing", "measured": "loss"}]"""));
        var result = ScenarioRunner.Run(scenario, cancel: new CancellationToken(canceled: true));
        Assert.Equal(ScenarioStatus.Interrupted, result.Status);
        Assert.Empty(result.Checks);
        Assert.Equal(2, ScenarioRunner.Run(scenario).Checks.Count);
    }
}

using System.Text.Json;
using FlowSim.Dynamics;
using FlowSim.Dynamics.LargeSteps;
using FlowSim.Models;
using FlowSim.Reports;
using FlowSim.Scenarios;
using FlowSim.Tests.Analysis.Sharpness;
using Xunit;
using Xunit.Abstractions;

namespace FlowSim.Tests.Scenarios;

/// <summary>
/// Scenarios at the edge of stability (issue 13): the example <c>edge-of-stability.yaml</c> against independent runs —
/// the onset step and the midpoints against <see cref="SharpnessTrackedDescent"/> and <see cref="GradientDescent"/>,
/// the sharpness metric against the dense eigensolver, the central flow's σ² against the derived stationary value of
/// MF4's top mode — and the new fields' validation.
/// </summary>
public sealed class EdgeOfStabilityScenarioTests(ITestOutputHelper output)
{
    private static readonly string Example = Path.Combine(RepoRoot(), "examples", "scenarios", "edge-of-stability.yaml");

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FlowSim.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    private static Scenario Load(string path) => FlowSim.Cli.Scenarios.ScenarioLoader.Load(path, null, strict: false).Scenario;

    [Fact]
    public void Example_descent_onset_midpoints_and_metrics_match_independent_runs()
    {
        var scenario = Load(Example);
        var result = ScenarioRunner.Run(scenario);
        Assert.All(result.Dynamics, d => Assert.Equal(DynamicsStatus.Completed, d.Status));
        var built = ScenarioBuilder.Build(scenario);
        var model = (AsymmetricFactorization)built.Objective;
        var descent = result["descent"];
        double eta = descent.Spec.Eta;
        int steps = descent.Spec.Steps;

        // Onset: the library's sharpness-tracked descent from the same start (Lanczos per step, its own solver).
        var tracked = SharpnessTrackedDescent.Run(model, built.Theta0, new SharpnessDescentOptions { StepSize = eta, Steps = steps, Midpoints = false });
        Assert.True(descent.SharpnessTracked);
        Assert.NotNull(descent.EosOnsetK);
        Assert.Equal(tracked.OnsetStep, descent.EosOnsetK);
        Assert.True(ExplicitHessian.Sharpness(model, GradientDescent.Run(model, built.Theta0, eta, descent.EosOnsetK!.Value).FinalState) >= 2 / eta);

        // Midpoints: ¼(2θ_k + θ_{k+1} + θ_{k−1}) of separately computed iterates, at every recorded 1 ≤ k < K.
        var iterates = GradientDescent.Run(model, built.Theta0, eta, steps).Values;
        var midpoints = descent.Midpoints!;
        Assert.Equal(steps - 1, midpoints.Count);
        for (int i = 0; i < midpoints.Count; i++)
        {
            int k = (int)midpoints.Iterations[i]!.Value;
            for (int p = 0; p < model.ParameterCount; p++)
                Assert.Equal(0.25 * (2 * iterates[k][p] + iterates[k + 1][p] + iterates[k - 1][p]), midpoints.States[i][p], 15);
        }

        // sharpness and stability-ratio against the dense eigensolver; a flow takes the descent's η.
        foreach (var (name, records) in new[] { ("descent", descent.Records), ("midpoints", midpoints), ("flow", result["flow"].Records) })
            foreach (int i in new[] { 0, 10, 40, records.Count - 1 })
            {
                double s = ExplicitHessian.Sharpness(model, records.States[i]);
                Assert.True(Math.Abs(records.Value("sharpness", i) - s) <= 1e-9 * s, $"{name}[{i}]: {records.Value("sharpness", i):R} vs {s:R}");
                Assert.Equal(records.Value("sharpness", i) * eta / 2, records.Value("stability-ratio", i), 15);
                Assert.True(double.IsNaN(records.Value("cf-sigma2", i)) && double.IsNaN(records.Value("cf-loss-prediction", i)));
            }

        // The central flow at its end: MF4's top mode is Scalar-2 at its stationary point, σ² = 4(1 − 1/η)/9 [derived, E9];
        // the loss prediction is L + σ²/η, and S is held at 2/η (stability ratio 1).
        var cf = result["central-flow"].Records;
        double sigma2 = cf.Value("cf-sigma2", cf.Count - 1);
        output.WriteLine($"onset k = {descent.EosOnsetK}, σ²_CF(end) = {sigma2:R}, derived {4 * (1 - 1 / eta) / 9:R}");
        Assert.True(Math.Abs(sigma2 - 4 * (1 - 1 / eta) / 9) <= 1e-8, $"σ² = {sigma2:R}");
        Assert.Equal(cf.Value("loss", cf.Count - 1) + sigma2 / eta, cf.Value("cf-loss-prediction", cf.Count - 1), 14);
        Assert.True(Math.Abs(ExplicitHessian.Sharpness(model, cf.States[^1]) * eta / 2 - 1) <= 1e-9);
        Assert.Equal(0.0, cf.Value("cf-sigma2", 0));

        // Comparisons: raw iterates against both flows, midpoints against both; the midpoints end near the central flow.
        var byKey = result.Comparisons.ToDictionary(c => (c.Flow, c.Iterates));
        Assert.Equal(4, byKey.Count);
        double tracking = byKey[("central-flow", ScenarioComparison.MidpointIterates)].FinalDistance;
        double gdToGf = byKey[("flow", ScenarioComparison.RawIterates)].FinalDistance;
        output.WriteLine($"final ‖θ*_k − θ_CF‖ = {tracking:E3}, ‖θ_k − θ_GF‖ = {gdToGf:E3}");
        Assert.True(tracking < 0.1 * gdToGf, $"{tracking} vs {gdToGf}");
    }

    [Fact]
    public void Summary_and_trajectory_carry_the_onset_the_activation_and_the_midpoint_rows()
    {
        var scenario = ScenarioJson.Parse("""
            {"model": {"type": "asymmetric-factorization", "rows": 3, "columns": 3}, "target": {"spectrum": [1.0, 0.5, 0.2]},
             "initialization": {"type": "gaussian", "scale": 0.001},
             "dynamics": [{"type": "descent", "eta": 0.1, "steps": 50}, {"type": "central-flow", "eta": 0.1}],
             "record": {"every": 10, "metrics": ["loss", "sharpness"]}, "stop": {"t_end": 5}}
            """, "small.json");
        var result = ScenarioRunner.Run(scenario);
        var summary = RunSummary.From(result, "small.json", [], "flowsim test");
        using var doc = JsonDocument.Parse(FlowSimJson.Serialize(summary));
        var descent = doc.RootElement.GetProperty("dynamics")[0];
        // η = 0.1: 2/η = 20 is never reached, so the onset is null (written), and so is the central flow's activation.
        Assert.Equal(JsonValueKind.Null, descent.GetProperty("eos_onset_k").ValueKind);
        Assert.Equal(4, descent.GetProperty("midpoint_records").GetInt32());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("dynamics")[1].GetProperty("cf_active_from").ValueKind);
        Assert.Equal("midpoints", doc.RootElement.GetProperty("comparisons")[1].GetProperty("iterates").GetString());
        Assert.False(doc.RootElement.GetProperty("comparisons")[0].TryGetProperty("iterates", out _));
        var table = TrajectoryTable.From(result);
        Assert.Equal(["descent", "descent (midpoints)", "central-flow"], table.DynamicsNames);
        // Round trip through the file form keeps the null onset.
        Assert.Equal(FlowSimJson.Serialize(summary), FlowSimJson.Serialize(JsonSerializer.Deserialize<RunSummary>(FlowSimJson.Serialize(summary), FlowSimJson.Options)));

        // Without sharpness metrics or a central flow the descent does not track S: no onset key, no midpoints.
        var plain = ScenarioRunner.Run(ScenarioJson.Parse("""
            {"model": {"type": "asymmetric-factorization", "rows": 3, "columns": 3}, "target": {"spectrum": [1.0, 0.5, 0.2]},
             "dynamics": [{"type": "descent", "eta": 0.1, "steps": 5}]}
            """, "plain.json"));
        Assert.False(plain["descent"].SharpnessTracked);
        Assert.Null(plain["descent"].Midpoints);
        using var plainDoc = JsonDocument.Parse(FlowSimJson.Serialize(RunSummary.From(plain, "plain.json", [], "t")));
        Assert.False(plainDoc.RootElement.GetProperty("dynamics")[0].TryGetProperty("eos_onset_k", out _));
    }

    [Theory]
    [InlineData("""{"type": "descent", "eta": 0.1, "eigenvalues": 2}""", "dynamics[0].eigenvalues: does not apply to descent (only to central-flow)")]
    [InlineData("""{"type": "central-flow", "eta": 0.1, "eigenvalues": 17}""", "dynamics[0].eigenvalues")]
    [InlineData("""{"type": "central-flow", "eta": 0.1, "eigenvalues": 13}""", "dynamics[0].eigenvalues: 13 tracked eigenvalues exceed the model's 12 parameters")]
    [InlineData("""{"type": "central-flow"}""", "dynamics[0].eta: is required for central-flow")]
    [InlineData("""{"type": "central-flow", "eta": 0.1, "method": "euler"}""", "dynamics[0].method")]
    public void Bad_central_flow_fields_are_named(string dynamics, string expected)
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioJson.Parse($$"""
            {"model": {"type": "asymmetric-factorization", "rows": 3, "columns": 3, "hidden": 2}, "target": {"spectrum": [1.0, 0.5]},
             "dynamics": [{{dynamics}}]}
            """, "bad.json"));
        Assert.Contains("bad.json: " + expected, ex.Message);
    }

    [Fact]
    public void Stability_ratio_of_a_flow_needs_a_descent_step_size()
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioJson.Parse("""
            {"model": {"type": "deep-factorization", "size": 2}, "target": {"diagonal": [1, 2]},
             "dynamics": [{"type": "flow"}], "record": {"metrics": ["loss", "stability-ratio"]}}
            """, "r.json"));
        Assert.Contains("r.json: record.metrics[1]: stability-ratio needs a step size η, which flow has not: add a descent dynamics", ex.Message);
        // A modified flow has its own η: accepted without a descent.
        ScenarioJson.Parse("""
            {"model": {"type": "deep-factorization", "size": 2}, "target": {"diagonal": [1, 2]},
             "dynamics": [{"type": "modified-flow", "eta": 0.1}], "record": {"metrics": ["stability-ratio"]}}
            """, "ok.json");
    }

    [Fact]
    public void Schema_lists_the_central_flow_its_fields_and_the_metrics()
    {
        string schema = ScenarioSchema.Describe();
        foreach (var text in new[] { "central-flow", "dynamics[].eigenvalues", "sharpness", "stability-ratio", "cf-loss-prediction", "cf-sigma2", "eos_onset_k" })
            Assert.Contains(text, schema);
        Assert.Contains("eigenvalues", ScenarioSchema.KeysOf("dynamics[]"));
    }

    [Theory]
    [InlineData("matrix-sensing")]
    [InlineData("deep-factorization")]
    public void The_central_flow_runs_on_sensing_and_deep_factorisation_and_holds_the_edge(string type)
    {
        string model = type == "matrix-sensing"
            ? """{"type": "matrix-sensing", "rows": 3, "columns": 3, "hidden": 3, "measurements": 30}, "target": {"spectrum": [1.0, 0.5, 0.2]}"""
            : """{"type": "deep-factorization", "size": 3, "depth": 2}, "target": {"diagonal": [1.0, 0.5, 0.2]}""";
        var scenario = ScenarioJson.Parse($$"""
            {"model": {{model}}, "initialization": {"type": "gaussian", "scale": 0.001},
             "dynamics": [{"type": "descent", "eta": 1.1}, {"type": "central-flow", "eta": 1.1, "eigenvalues": 2, "rtol": 1e-10, "atol": 1e-12}],
             "record": {"every": 5, "metrics": ["loss", "sharpness", "cf-sigma2"]}, "stop": {"t_end": 110}, "seed": 3}
            """, "cf.json");
        var result = ScenarioRunner.Run(scenario);
        var cf = result["central-flow"];
        Assert.Equal(DynamicsStatus.Completed, cf.Status);
        Assert.NotNull(cf.CentralFlow!.ActivationTime);
        var model2 = (IHessianVectorProduct)ScenarioBuilder.Build(scenario).Objective;
        double edge = 2 / 1.1, worst = 0;
        int active = 0;
        for (int i = 0; i < cf.Records.Count; i++)
        {
            if (!(cf.Records.Value("cf-sigma2", i) > 0)) continue;
            active++;
            worst = Math.Max(worst, Math.Abs(ExplicitHessian.Sharpness(model2, cf.Records.States[i]) - edge) / edge);
        }
        output.WriteLine($"{type}: activation τ = {cf.CentralFlow.ActivationTime:G6}, {active} active records, max |S − 2/η|/(2/η) = {worst:E2}, onset k = {result["descent"].EosOnsetK}");
        Assert.True(active >= 5, $"{active} active records");
        Assert.True(worst <= 1e-5, $"max |S − 2/η|/(2/η) = {worst:E2}");
    }
}

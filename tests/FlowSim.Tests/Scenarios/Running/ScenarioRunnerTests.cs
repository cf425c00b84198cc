using FlowSim.Models;
using FlowSim.Randomness;
using FlowSim.Scenarios;
using Xunit;

namespace FlowSim.Tests.Scenarios.Running;

/// <summary>Running a scenario from C#: named metric values against hand-computed ones, the seed streams, comparisons
/// against the dense output, interruption and failures.</summary>
public sealed class ScenarioRunnerTests
{
    private static Scenario Parse(string json) => ScenarioJson.Parse(json, "test.json");

    /// <summary>Deep N = 3, d = 4, identical start α = 0.5: the product is α³I, so every singular value is 0.125, the
    /// effective rank 4 and the loss ½‖0.125·I − diag(2, 1, 0.5, −0.3)‖².</summary>
    [Fact]
    public void NamedMetricValues_AtTheStart_MatchTheClosedForm()
    {
        var result = ScenarioRunner.Run(Parse("""
            {"model": {"type": "deep-factorization", "size": 4, "depth": 3}, "target": {"diagonal": [2.0, 1.0, 0.5, -0.3]},
             "initialization": {"type": "identical", "alpha": 0.5},
             "dynamics": [{"type": "flow", "method": "dp5"}], "record": {"points": 3, "metrics": ["loss", "effective-rank", "singular-values", "target-distance"]},
             "stop": {"t_end": 1}}
            """));
        var flow = result["flow"];
        Assert.Equal(ScenarioStatus.Completed, result.Status);
        Assert.Equal(DynamicsStatus.Completed, flow.Status);
        Assert.Equal(["loss", "effective_rank", "sv1", "sv2", "sv3", "sv4", "target_distance"], flow.Records.Columns);
        Assert.Null(flow.Records.Iterations[0]);
        double[] gap = [2 - 0.125, 1 - 0.125, 0.5 - 0.125, -0.3 - 0.125];
        double squared = gap.Sum(x => x * x);
        Assert.Equal(0.5 * squared, flow.Records.Value("loss", 0), 14);
        Assert.Equal(Math.Sqrt(squared), flow.Records.Value("target-distance", 0), 14);
        Assert.Equal(4.0, flow.Records.Value("effective_rank", 0), 12);
        foreach (var sv in new[] { "sv1", "sv2", "sv3", "sv4" }) Assert.Equal(0.125, flow.Records.Values(sv)[0], 14);
        Assert.True(flow.Records.Value("loss", 2) < flow.Records.Value("loss", 0));
        var ex = Assert.Throws<ArgumentException>(() => flow.Records.Values("imbalance"));
        Assert.Contains("recorded: loss, effective_rank, sv1", ex.Message);
    }

    /// <summary>Every random part draws from its own stream SeedStreams.Derive(seed, "scenario", part).</summary>
    [Fact]
    public void RandomParts_DrawFromTheirOwnSeedStreams()
    {
        var scenario = Parse("""
            {"model": {"type": "matrix-sensing", "rows": 3, "columns": 3, "hidden": 2, "measurements": 12},
             "target": {"spectrum": [1.0, 0.5]}, "initialization": {"type": "gaussian", "scale": 0.1},
             "dynamics": [{"type": "descent", "eta": 0.01, "steps": 3}], "seed": 42}
            """);
        ulong Stream(string part) => (ulong)SeedStreams.Derive(42, "scenario", part);
        Assert.Equal(MatrixSensing.RandomTarget(3, 3, [1.0, 0.5], Stream("target")), scenario.Target.Matrix);
        var built = ScenarioBuilder.Build(scenario);
        var reference = new MatrixSensing(new GaussianMeasurements(12, 3, 3, Stream("measurements")), scenario.Target.Matrix, 2);
        Assert.Equal(Initializations.Gaussian(reference, 0.1, Stream("initialization")), built.Theta0);
        var g1 = new double[built.Theta0.Length];
        var g2 = new double[built.Theta0.Length];
        Assert.Equal(reference.Gradient(built.Theta0, g1), built.Objective.Gradient(built.Theta0, g2));
        Assert.Equal(g1, g2);
    }

    /// <summary>The comparison's numbers are the distances between the recorded descent states and the flow's dense output
    /// at the same times, recomputed here.</summary>
    [Fact]
    public void Comparison_IsTheDistanceToTheDenseOutputAtTheRecordedIterates()
    {
        var result = ScenarioRunner.Run(Parse("""
            {"model": {"type": "asymmetric-factorization", "rows": 3, "columns": 3, "hidden": 2},
             "target": {"diagonal": [1.0, 0.5, 0.0]}, "initialization": {"type": "gaussian", "scale": 0.2},
             "dynamics": [{"type": "flow", "method": "dop853", "rtol": 1e-10, "atol": 1e-12}, {"type": "descent", "eta": 0.05}],
             "record": {"every": 8}, "stop": {"t_end": 4}, "seed": 3}
            """));
        var c = Assert.Single(result.Comparisons);
        var descent = result["descent"];
        var flow = result["flow"].Solution!;
        Assert.Equal(("descent", "flow"), (c.Descent, c.Flow));
        Assert.Equal(descent.Records.Count, c.Points);
        double max = 0;
        for (int i = 0; i < descent.Records.Count; i++)
        {
            var y = flow.Evaluate(descent.Records.Times[i]);
            double d = Math.Sqrt(descent.Records.States[i].Zip(y).Sum(p => (p.First - p.Second) * (p.First - p.Second)));
            max = Math.Max(max, d);
            if (i == descent.Records.Count - 1) Assert.Equal(d, c.FinalDistance, 14);
        }
        Assert.Equal(max, c.MaxDistance, 14);
        Assert.InRange(c.MaxDistance, 1e-4, 1); // descent with η = 0.05 is O(η) away from the flow, not on it
    }

    [Fact]
    public void Cancellation_KeepsWhatFinished_AndMarksTheRestNotRun()
    {
        using var cts = new CancellationTokenSource();
        var result = ScenarioRunner.Run(Parse("""
            {"model": {"type": "scalar", "depth": 2}, "target": {"diagonal": [1.0]},
             "dynamics": [{"type": "flow"}, {"type": "descent", "eta": 0.1}, {"type": "modified-flow", "eta": 0.1}],
             "stop": {"t_end": 2}}
            """), new CancelAfterFirst(cts), cts.Token);
        Assert.Equal(ScenarioStatus.Interrupted, result.Status);
        Assert.Equal([DynamicsStatus.Completed, DynamicsStatus.NotRun, DynamicsStatus.NotRun], result.Dynamics.Select(d => d.Status));
        Assert.Equal(51, result["flow"].Records.Count);
        Assert.Equal(0, result["descent"].Records.Count);
        Assert.Empty(result.Comparisons);
        Assert.Equal(["completed", "not-run"], new[] { DynamicsStatus.Completed, DynamicsStatus.NotRun }.Select(s => s.Name()));
    }

    private sealed class CancelAfterFirst(CancellationTokenSource cts) : IScenarioProgress
    {
        public void Begin(string name, double endTime) { }
        public void Update(double time, long steps) { }
        public void End(DynamicsStatus status) => cts.Cancel();
    }
}

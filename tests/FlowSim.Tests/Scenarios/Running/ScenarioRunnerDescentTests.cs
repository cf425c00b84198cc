using FlowSim.Models;
using FlowSim.Scenarios;
using Xunit;

namespace FlowSim.Tests.Scenarios.Running;

/// <summary>A scenario's descent against a plain loop θ ← θ − η∇L written here: the recorded iterates, the divergence
/// rule (the library's, 1e6·L(θ₀)) and the loss level.</summary>
public sealed class ScenarioRunnerDescentTests
{
    private static Scenario Parse(string json) => ScenarioJson.Parse(json, "test.json");

    /// <summary>θ_k for k = 0 … K by the textbook update, and L(θ_k).</summary>
    private static (List<double[]> Thetas, List<double> Losses) PlainDescent(IObjective objective, double[] theta0, double eta, int steps)
    {
        var thetas = new List<double[]> { (double[])theta0.Clone() };
        var losses = new List<double>();
        var g = new double[theta0.Length];
        for (int k = 0; ; k++)
        {
            var theta = thetas[k];
            losses.Add(objective.Gradient(theta, g));
            if (k == steps) break;
            var next = new double[theta.Length];
            for (int i = 0; i < next.Length; i++) next[i] = theta[i] - eta * g[i];
            thetas.Add(next);
        }
        return (thetas, losses);
    }

    [Fact]
    public void RecordsEvenlySpacedIterates_AsTheTextbookUpdateGivesThem()
    {
        // K = 100 steps, 7 points: iterates round(100·i/6) = 0, 17, 33, 50, 67, 83, 100 (no common stride but 1).
        var scenario = Parse("""
            {"model": {"type": "asymmetric-factorization", "rows": 3, "columns": 2},
             "target": {"diagonal": [1.0, 0.4]}, "initialization": {"type": "gaussian", "scale": 0.3},
             "dynamics": [{"type": "descent", "eta": 0.05, "steps": 100}],
             "record": {"points": 7, "metrics": ["loss", "singular-values"]}, "seed": 11}
            """);
        var descent = ScenarioRunner.Run(scenario)["descent"];
        Assert.Equal(DynamicsStatus.Completed, descent.Status);
        Assert.Equal([0L, 17, 33, 50, 67, 83, 100], descent.Records.Iterations.Select(k => k!.Value));
        Assert.Equal([0, 0.85, 1.65, 2.5, 3.35, 4.15, 5.0], descent.Records.Times.Select(t => Math.Round(t, 12)));

        var built = ScenarioBuilder.Build(scenario);
        var (thetas, losses) = PlainDescent(built.Objective, built.Theta0, 0.05, 100);
        for (int i = 0; i < descent.Records.Count; i++)
        {
            int k = (int)descent.Records.Iterations[i]!.Value;
            Assert.Equal(thetas[k], descent.Records.States[i]);
            Assert.Equal(losses[k], descent.Records.Value("loss", i));
        }
        Assert.Equal(losses[100], descent.FinalLoss);
        Assert.Equal(100, descent.Steps);
        Assert.Equal(5.0, descent.FinalTime);
    }

    /// <summary>Scalar N = 2, λ = 1, α = 1.2 with η = 3: the iterates oscillate with growing amplitude (w = 1.2, −0.38, −1.36, 2.2, −21, …). The run must stop
    /// at the first iterate whose loss exceeds 10⁶·L(θ₀) (or is not finite), as the plain loop finds it.</summary>
    [Fact]
    public void Divergence_IsTheLibrarysRule_AndStopsAtTheFirstIterateBeyondIt()
    {
        var scenario = Parse("""
            {"model": {"type": "scalar", "depth": 2}, "target": {"diagonal": [1.0]},
             "initialization": {"type": "identical", "alpha": 1.2},
             "dynamics": [{"type": "descent", "eta": 3.0, "steps": 200}], "record": {"every": 1}}
            """);
        var descent = ScenarioRunner.Run(scenario)["descent"];
        var built = ScenarioBuilder.Build(scenario);
        var (_, losses) = PlainDescent(built.Objective, built.Theta0, 3.0, 200);
        int expected = losses.FindIndex(l => !double.IsFinite(l) || l > 1e6 * losses[0]);
        Assert.InRange(expected, 2, 199);
        Assert.Equal(DynamicsStatus.Diverged, descent.Status);
        Assert.Equal(expected, descent.Steps);
        Assert.Equal(expected, descent.Records.Iterations[^1]);
        Assert.Contains($"diverged at iterate k = {expected}", descent.Message);
        Assert.True(double.IsNaN(descent.FinalLoss));
    }

    [Fact]
    public void LossLevel_StopsAtTheFirstIterateBelowIt_AndRecordsIt()
    {
        var scenario = Parse("""
            {"model": {"type": "scalar", "depth": 3}, "target": {"diagonal": [1.0]},
             "initialization": {"type": "identical", "alpha": 0.5},
             "dynamics": [{"type": "descent", "eta": 0.1, "steps": 5000}],
             "record": {"points": 5}, "stop": {"t_end": 500, "loss_below": 1e-9}}
            """);
        var descent = ScenarioRunner.Run(scenario)["descent"];
        var built = ScenarioBuilder.Build(scenario);
        var (_, losses) = PlainDescent(built.Objective, built.Theta0, 0.1, 5000);
        int expected = losses.FindIndex(l => l < 1e-9);
        Assert.InRange(expected, 10, 4999);
        Assert.Equal(DynamicsStatus.LossReached, descent.Status);
        Assert.Equal(expected, descent.Steps);
        Assert.Equal(expected * 0.1, descent.FinalTime);
        Assert.Equal(losses[expected], descent.FinalLoss);
        Assert.Equal(expected, descent.Records.Iterations[^1]);
        Assert.True(descent.Records.Value("loss", descent.Records.Count - 1) < 1e-9);
        Assert.True(descent.Records.Value("loss", descent.Records.Count - 2) >= 1e-9);
    }
}

using FlowSim.Models;
using FlowSim.Scenarios;
using Xunit;

namespace FlowSim.Tests.Scenarios.Running;

/// <summary>The metric registry: one entry per documented name, columns, applicability checked by the parser, NaN for a
/// non-finite state, and values against hand computation.</summary>
public sealed class ScenarioMetricsTests
{
    [Fact]
    public void Registry_HoldsEveryDocumentedMetric_AndTheParserUsesIt()
    {
        Assert.Equal([MetricNames.Loss, MetricNames.EffectiveRank, MetricNames.StableRank, MetricNames.Imbalance, MetricNames.ProductNorm,
            MetricNames.SingularValues, MetricNames.TargetDistance, MetricNames.Sharpness, MetricNames.StabilityRatio,
            MetricNames.CfLossPrediction, MetricNames.CfSigma2], ScenarioMetrics.Names);
        var ex = Assert.Throws<ScenarioException>(() => ScenarioJson.Parse("""
            {"model": {"type": "deep-factorization", "size": 2}, "target": {"diagonal": [1, 2]},
             "dynamics": [{"type": "flow"}], "record": {"metrics": ["loss", "imbalance", "effective-rnak"]}}
            """, "m.json"));
        Assert.Contains("m.json: record.metrics[1]: imbalance needs a two-factor model (got deep-factorization)", ex.Message);
        Assert.Contains("m.json: record.metrics[2]: unknown metric 'effective-rnak' (did you mean 'effective-rank'?", ex.Message);
    }

    /// <summary>U = [[1, 0], [0, 2], [0, 0]], V = [[3, 0], [0, 1]]: UᵀU − VᵀV = diag(−8, 3), imbalance 8; UVᵀ has
    /// singular values 3 and 2 (stable rank 13/9, product norm √13); target diag(1, 1) gives distance √(4 + 1).</summary>
    [Fact]
    public void Values_MatchHandComputation()
    {
        var scenario = ScenarioJson.Parse("""
            {"model": {"type": "asymmetric-factorization", "rows": 3, "columns": 2, "hidden": 2}, "target": {"diagonal": [1, 1]},
             "dynamics": [{"type": "flow"}],
             "record": {"metrics": ["loss", "effective-rank", "stable-rank", "imbalance", "product-norm", "singular-values", "target-distance"]}}
            """, "m.json");
        Assert.Equal(["loss", "effective_rank", "stable_rank", "imbalance", "product_norm", "sv1", "sv2", "target_distance"], ScenarioMetrics.Columns(scenario));
        var objective = ScenarioBuilder.Build(scenario).Objective;
        double[] theta = [1, 0, 0, 0, 2, 0, /* V */ 3, 0, 0, 1];
        var v = ScenarioMetrics.Evaluate(scenario, scenario.Dynamics[0], objective, theta);
        Assert.Equal(0.5 * 5, v[0], 13);
        Assert.Equal(5.0 / 3, v[1], 13);
        Assert.Equal(13.0 / 9, v[2], 13);
        Assert.Equal(8.0, v[3], 12);
        Assert.Equal(Math.Sqrt(13), v[4], 13);
        Assert.Equal([3.0, 2.0], v[5..7].Select(x => Math.Round(x, 12)));
        Assert.Equal(Math.Sqrt(5), v[7], 13);
        theta[2] = double.NaN;
        Assert.All(ScenarioMetrics.Evaluate(scenario, scenario.Dynamics[0], objective, theta), x => Assert.True(double.IsNaN(x)));
    }
}

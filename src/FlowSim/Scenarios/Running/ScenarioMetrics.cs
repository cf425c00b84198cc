using FlowSim.Analysis;
using FlowSim.Models;

namespace FlowSim.Scenarios;

/// <summary>
/// Every metric a scenario can record, in one place: the parser validates <c>record.metrics</c> against it, the runner
/// evaluates it, the outputs name their columns from it. A new metric is one more entry in <see cref="All"/> (and its
/// name in <see cref="MetricNames"/>).
/// </summary>
public static class ScenarioMetrics
{
    /// <summary>All metrics, in schema order.</summary>
    public static IReadOnlyList<ScenarioMetric> All { get; } =
    [
        ScenarioMetric.Scalar(MetricNames.Loss, "L(θ).", m => m.Objective.Loss(m.Theta)),
        ScenarioMetric.Scalar(MetricNames.EffectiveRank, "Effective rank Σσᵢ/σ₁ of the product.", m => Metrics.EffectiveRank(m.SingularValues)),
        ScenarioMetric.Scalar(MetricNames.StableRank, "Stable rank ‖P‖_F²/‖P‖² of the product.", m => Metrics.StableRank(m.SingularValues)),
        ScenarioMetric.Scalar(MetricNames.Imbalance, "‖UᵀU − VᵀV‖ (two-factor models).",
            m => Metrics.Imbalance((TwoFactorModel)m.Objective, m.Theta),
            model => model.IsTwoFactor ? null : $"imbalance needs a two-factor model (got {model.Type})"),
        ScenarioMetric.Scalar(MetricNames.ProductNorm, "Frobenius norm of the product.", m => Norm(m.SingularValues)),
        new(MetricNames.SingularValues, "Every singular value of the product (columns sv1, sv2, …).",
            model => [.. Enumerable.Range(1, Math.Min(model.Rows, model.Columns)).Select(i => $"sv{i}")], _ => null,
            (m, values) => m.SingularValues.AsSpan(0, Math.Min(values.Length, m.SingularValues.Length)).CopyTo(values)),
        ScenarioMetric.Scalar(MetricNames.TargetDistance, "‖P − Â‖_F, the distance of the product to the target.",
            m => Distance(m.Product, m.Objective.Target)),
        ScenarioMetric.Scalar(MetricNames.Sharpness, "S = λ_max(∇²L), the top Hessian eigenvalue (warm-started Lanczos on exact Hessian-vector products).",
            m => m.Sharpness),
        ScenarioMetric.Scalar(MetricNames.StabilityRatio,
            "S·η/2 with the dynamics' η (a flow without η uses the first descent's η); descent is stable along the top eigenvector below 1.",
            m => m.Sharpness * m.StepSize / 2),
        ScenarioMetric.Scalar(MetricNames.CfLossPrediction, "The central flow's L + tr Σ/η, its prediction of descent's time-averaged loss (NaN for other dynamics).",
            m => m.CentralFlow?.LossPrediction ?? double.NaN),
        ScenarioMetric.Scalar(MetricNames.CfSigma2, "The central flow's σ² = tr Σ, the predicted variance of descent's oscillation (NaN for other dynamics).",
            m => m.CentralFlow?.Sigma2 ?? double.NaN),
    ];

    /// <summary>The metrics that need a step size η (<see cref="MetricInput.StepSize"/>).</summary>
    public static IReadOnlySet<string> NeedStepSize { get; } = new HashSet<string>(StringComparer.Ordinal) { MetricNames.StabilityRatio };

    /// <summary>The names of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(m => m.Name)];

    /// <summary>The metric of that name, or null.</summary>
    public static ScenarioMetric? Find(string name) => All.FirstOrDefault(m => m.Name == name);

    /// <summary>
    /// The metrics a run records: <c>record.metrics</c> in its order, then every metric a check reads that it omits
    /// (<see cref="Checks.ScenarioChecks.RequiredMetrics"/>, in <see cref="MetricNames.All"/> order).
    /// </summary>
    public static IReadOnlyList<string> Recorded(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.Checks.Count == 0) return scenario.Record.Metrics;
        // Every record (and every curve sample of report.html) asks: a scenario is immutable, so its list is worked out once.
        return RecordedWithChecks.GetValue(scenario, static s =>
            [.. s.Record.Metrics.Union(Checks.ScenarioChecks.RequiredMetrics(s.Checks), StringComparer.Ordinal)]);
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Scenario, IReadOnlyList<string>> RecordedWithChecks = [];

    /// <summary>The output columns of the <see cref="Recorded"/> metrics, in order.</summary>
    /// <exception cref="ArgumentException">A metric name is unknown (the parser never lets one through).</exception>
    public static IReadOnlyList<string> Columns(Scenario scenario) =>
        [.. Recorded(scenario).SelectMany(name => Get(name).Columns(scenario.Model))];

    /// <summary>Every recorded metric of θ, in <see cref="Columns"/> order; NaN throughout for a non-finite θ.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="dynamics">The dynamics whose record this is.</param>
    /// <param name="objective">Its objective.</param>
    /// <param name="theta">The recorded state.</param>
    /// <param name="centralFlow">The central flow's quantities at θ for a central flow's record, else null.</param>
    public static double[] Evaluate(Scenario scenario, DynamicsSpec dynamics, IFactorizedObjective objective, double[] theta,
        Dynamics.CentralFlow.CentralFlowPoint? centralFlow = null)
    {
        var columns = Columns(scenario);
        var values = new double[columns.Count];
        if (!theta.All(double.IsFinite))
        {
            Array.Fill(values, double.NaN);
            return values;
        }
        var input = new MetricInput(scenario, dynamics, objective, theta, centralFlow);
        int c = 0;
        foreach (var name in Recorded(scenario))
        {
            var metric = Get(name);
            int width = metric.Columns(scenario.Model).Count;
            metric.Evaluate(input, values.AsSpan(c, width));
            c += width;
        }
        return values;
    }

    private static ScenarioMetric Get(string name) =>
        Find(name) ?? throw new ArgumentException($"record.metrics: unknown metric '{name}' (valid: {string.Join(", ", Names)}).", nameof(name));

    private static double Norm(double[] values)
    {
        double s = 0;
        foreach (var x in values) s += x * x;
        return Math.Sqrt(s);
    }

    private static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.Sqrt(s);
    }
}

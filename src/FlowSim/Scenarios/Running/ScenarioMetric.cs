using System.Runtime.CompilerServices;
using FlowSim.Analysis;
using FlowSim.Analysis.Sharpness;
using FlowSim.Dynamics.CentralFlow;
using FlowSim.Models;

namespace FlowSim.Scenarios;

/// <summary>Computes one metric's values (one per column) of a recorded state into <c>values</c>.</summary>
public delegate void ScenarioMetricEvaluator(MetricInput input, Span<double> values);

/// <summary>
/// A metric a scenario can record (<c>record.metrics</c>): its name in scenario files, its output columns, the models
/// it applies to and how to compute it. <see cref="ScenarioMetrics"/> holds them all.
/// </summary>
/// <param name="Name">Name in scenario files (<c>effective-rank</c>).</param>
/// <param name="Description">One line for the schema.</param>
/// <param name="Columns">Output column names for a model (<c>effective_rank</c>; <c>sv1 … svr</c> for singular values).</param>
/// <param name="NotApplicable">Why the metric does not apply to a model, or null when it does.</param>
/// <param name="Evaluate">The computation.</param>
public sealed record ScenarioMetric(string Name, string Description, Func<ModelSpec, IReadOnlyList<string>> Columns,
    Func<ModelSpec, string?> NotApplicable, ScenarioMetricEvaluator Evaluate)
{
    /// <summary>A one-column metric whose column is the name with <c>_</c> for <c>-</c>.</summary>
    public static ScenarioMetric Scalar(string name, string description, Func<MetricInput, double> evaluate, Func<ModelSpec, string?>? notApplicable = null) =>
        new(name, description, _ => [ColumnName(name)], notApplicable ?? (_ => null), (input, values) => values[0] = evaluate(input));

    /// <summary>The column name of a metric or column given by either spelling (<c>effective-rank</c> → <c>effective_rank</c>).</summary>
    public static string ColumnName(string name) => name.Replace('-', '_');
}

/// <summary>
/// One recorded state handed to the metrics: the objective, θ, the scenario and the dynamics that produced it (its η
/// for step-size-dependent metrics), with the product and its singular values computed once and shared.
/// </summary>
/// <param name="scenario">The scenario.</param>
/// <param name="dynamics">The dynamics whose record this is.</param>
/// <param name="objective">The objective.</param>
/// <param name="theta">θ of the record (finite; not copied, not modified).</param>
/// <param name="centralFlow">The central flow's quantities at θ when the record is a central flow's, else null.</param>
public sealed class MetricInput(Scenario scenario, DynamicsSpec dynamics, IFactorizedObjective objective, double[] theta,
    CentralFlowPoint? centralFlow = null)
{
    // One warm-started eigensolver per objective: an objective is fresh per dynamics, so successive records of one run
    // start from the previous eigenvector and cost a few products each.
    private static readonly ConditionalWeakTable<IFactorizedObjective, LanczosEigensolver> Eigensolvers = [];
    private double[]? _product, _singularValues;
    private double? _sharpness;

    /// <summary>The scenario.</summary>
    public Scenario Scenario => scenario;
    /// <summary>The dynamics whose record this is.</summary>
    public DynamicsSpec Dynamics => dynamics;
    /// <summary>The objective (a fresh one per dynamics).</summary>
    public IFactorizedObjective Objective => objective;
    /// <summary>θ of the record (finite in every entry: non-finite states never reach a metric).</summary>
    public ReadOnlySpan<double> Theta => theta;
    /// <summary>The central flow's quantities at θ (held eigenvalues, σ², predictions) for a central flow's record, else null.</summary>
    public CentralFlowPoint? CentralFlow => centralFlow;

    /// <summary>S(θ) = λ_max(∇²L(θ)) by warm-started Lanczos on exact Hessian-vector products (relative residual 1e-10).</summary>
    /// <exception cref="InvalidOperationException">The objective has no Hessian-vector products.</exception>
    public double Sharpness => _sharpness ??= ComputeSharpness();

    /// <summary>The step size η of the record's dynamics; for a dynamics without one (gradient flow) that of the scenario's
    /// first descent, or NaN when it has none (the parser refuses such a scenario for the metrics that need η).</summary>
    public double StepSize => dynamics.Eta > 0 ? dynamics.Eta
        : scenario.Dynamics.FirstOrDefault(d => d.Type == DynamicsTypes.Descent) is { } descent ? descent.Eta : double.NaN;

    private double ComputeSharpness()
    {
        if (objective is not IHessianVectorProduct hvp)
            throw new InvalidOperationException($"sharpness: model '{objective.Name}' has no Hessian-vector products.");
        var solver = Eigensolvers.GetValue(objective, o => new LanczosEigensolver(o.ParameterCount));
        solver.Solve(hvp, theta);
        return solver.Eigenvalues[0];
    }

    /// <summary>The end-to-end product, column-major.</summary>
    public double[] Product => _product ??= Metrics.Product(Objective, theta);

    /// <summary>Singular values of the product, descending; NaNs when the SVD does not converge (an iterate far along a divergence).</summary>
    public double[] SingularValues
    {
        get
        {
            if (_singularValues is not null) return _singularValues;
            try
            {
                _singularValues = Linalg.LinearAlgebra.SingularValues(Objective.ProductRows, Objective.ProductColumns, Product);
            }
            catch (Exception ex) when (ex is MathNet.Numerics.NonConvergenceException or ArithmeticException)
            {
                _singularValues = new double[Math.Min(Objective.ProductRows, Objective.ProductColumns)];
                Array.Fill(_singularValues, double.NaN);
            }
            return _singularValues;
        }
    }
}

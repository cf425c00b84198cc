using FlowSim.Scenarios;

namespace FlowSim.Reports;

/// <summary>What a run's figures are drawn from: the curves (<c>curves.csv</c>) and the descent/flow distances
/// (<c>distances.csv</c>). <c>flowsim run</c> builds it from the result, <c>flowsim plot</c> reads it back, so the
/// redrawn figures equal the originals.</summary>
/// <param name="Curves">Flows sampled from their dense output, descents at their recorded iterates (same columns as trajectory.csv).</param>
/// <param name="Distances">‖θ_k − θ(kη)‖ of every descent/flow pair.</param>
/// <param name="StabilityThresholds">2/η of each descent that tracked its sharpness, by name (summary.json's
/// <c>stability_threshold</c>); null or empty when none did.</param>
public sealed record RunFigureData(TrajectoryTable Curves, DistanceTable Distances, IReadOnlyDictionary<string, double>? StabilityThresholds = null);

/// <summary>
/// The curves of a run's figures. A flow is drawn from its dense output (<see cref="DynamicsResult.Solution"/>, kept
/// whenever the scenario compares a descent with a flow) at <see cref="Samples"/> evenly spaced times, whatever
/// <c>record.every</c> is, each sample's metrics evaluated by <see cref="ScenarioMetrics.Evaluate"/> exactly as the
/// records are; a flow without dense output is drawn through its records. A descent is its recorded iterates, drawn as
/// markers at t = kη, followed by its second-order midpoints when it tracked its sharpness (the series
/// <see cref="TrajectoryTable.MidpointSeries"/>, as in trajectory.csv).
/// </summary>
public static class RunCurves
{
    /// <summary>Samples of a flow whose state has at most <see cref="LargeState"/> entries (fewer above, never fewer than its records).</summary>
    public const int Samples = 400;
    /// <summary>States above this many entries get <see cref="LargeStateSamples"/> samples: each costs a singular value decomposition.</summary>
    public const int LargeState = 10_000;
    /// <summary>Samples of a flow with a large state.</summary>
    public const int LargeStateSamples = 100;

    /// <summary>The figure data of a finished run.</summary>
    public static RunFigureData From(ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var table = new TrajectoryTable(result.Columns);
        Models.IFactorizedObjective? objective = null;
        foreach (var d in result.Dynamics)
        {
            if (d.Type == DynamicsTypes.Descent || d.Solution is not { HasDenseOutput: true } solution || d.Records.Count < 2)
            {
                for (int i = 0; i < d.Records.Count; i++)
                    table.Rows.Add(new TrajectoryRow(d.Name, d.Records.Times[i], d.Records.Iterations[i], d.Records.Rows[i]));
                if (d.Midpoints is { } m)
                    for (int i = 0; i < m.Count; i++)
                        table.Rows.Add(new TrajectoryRow(TrajectoryTable.MidpointSeries(d.Name), m.Times[i], m.Iterations[i], m.Rows[i]));
                continue;
            }
            objective ??= ScenarioBuilder.Build(result.Scenario).Objective;
            foreach (double t in DenseTimes(solution, d.Records.Count))
                table.Rows.Add(new TrajectoryRow(d.Name, t, null, ScenarioMetrics.Evaluate(result.Scenario, d.Spec, objective, solution.Evaluate(t))));
        }
        var thresholds = result.Dynamics.Where(d => d.StabilityThreshold is not null).ToDictionary(d => d.Name, d => d.StabilityThreshold!.Value, StringComparer.Ordinal);
        return new RunFigureData(table, DistanceTable.From(result), thresholds);
    }

    /// <summary>The sample times of a flow with dense output: evenly spaced from t0 to the time reached, <see cref="Samples"/>
    /// of them (<see cref="LargeStateSamples"/> for a large state), never fewer than <paramref name="records"/>.</summary>
    public static double[] DenseTimes(Ode.OdeSolution solution, int records)
    {
        ArgumentNullException.ThrowIfNull(solution);
        double t0 = solution.Problem.T0, t1 = solution.FinalTime;
        int n = Math.Max(Math.Max(records, 2), solution.Problem.Dimension <= LargeState ? Samples : LargeStateSamples);
        var times = new double[n];
        for (int i = 0; i < n; i++) times[i] = i == n - 1 ? t1 : t0 + (t1 - t0) * i / (n - 1);
        return times;
    }
}

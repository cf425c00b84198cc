using FlowSim.Analysis;

namespace FlowSim.Scenarios;

/// <summary>Pairs each descent with each ODE dynamics that has dense output (<see cref="FlowDescentComparison"/>) and
/// summarises the distance over the iterates the descent recorded; a descent that tracked its sharpness is compared with
/// the central flow too, and its second-order midpoints with every flow (the central flow describes the midpoints).</summary>
internal static class ScenarioComparisons
{
    public static IReadOnlyList<ScenarioComparison> All(Scenario scenario, IReadOnlyList<DynamicsResult> results)
    {
        var list = new List<ScenarioComparison>();
        Models.IFactorizedObjective? objective = null; // for the flow's losses; built once, only when needed
        Models.IFactorizedObjective Objective() => objective ??= ScenarioBuilder.Build(scenario).Objective;
        var flows = results.Where(r => r.Solution is { HasDenseOutput: true, Statistics.AcceptedSteps: > 0 } || r.CentralFlow is not null).ToList();
        foreach (var descent in results.Where(r => r.Descent is not null && r.Records.Count > 0))
            foreach (var flow in flows)
            {
                if (flow.Solution is { HasDenseOutput: true, Statistics.AcceptedSteps: > 0 })
                {
                    if (Compare(Objective(), descent, flow) is { } c) list.Add(c);
                }
                else if (FromRecords(Objective(), descent, descent.Records, flow, ScenarioComparison.RawIterates) is { } c) list.Add(c);
                if (descent.Midpoints is { Count: > 0 } midpoints && FromRecords(Objective(), descent, midpoints, flow, ScenarioComparison.MidpointIterates) is { } m)
                    list.Add(m);
            }
        return list;
    }

    private static ScenarioComparison? Compare(Models.IFactorizedObjective objective, DynamicsResult descent, DynamicsResult flow)
    {
        var comparison = FlowDescentComparison.Create(objective, descent.Descent!, flow.Solution!);
        var recorded = descent.Records.Iterations.Select(k => (int)k!.Value).ToHashSet();
        var keep = Enumerable.Range(0, comparison.Count).Where(i => recorded.Contains(comparison.Iterations[i])).ToList();
        return Summarise(descent, flow, ScenarioComparison.RawIterates, comparison, keep);
    }

    // Records (raw iterates or midpoints) of a descent against a flow evaluated at kη: its dense output, or the central flow's segments.
    private static ScenarioComparison? FromRecords(Models.IFactorizedObjective objective, DynamicsResult descent, DynamicsRecords records,
        DynamicsResult flow, string iterates)
    {
        var points = new FlowDescentComparison.Builder();
        for (int i = 0; i < records.Count; i++)
        {
            double t = records.Times[i];
            var state = flow.CentralFlow is { } cf ? cf.Evaluate(t)
                : t <= flow.Solution!.FinalTime ? flow.Solution.Evaluate(t) : null;
            if (state is null) continue;
            var theta = records.States[i];
            points.Add((int)records.Iterations[i]!.Value, t, theta, state, objective.Loss(theta), objective.Loss(state));
        }
        var comparison = points.Build(descent.Spec.Eta);
        return Summarise(descent, flow, iterates, comparison, [.. Enumerable.Range(0, comparison.Count)]);
    }

    private static ScenarioComparison? Summarise(DynamicsResult descent, DynamicsResult flow, string iterates, FlowDescentComparison comparison, List<int> points)
    {
        double maxDistance = 0, maxTime = 0, maxRelative = 0, last = double.NaN, lastTime = double.NaN;
        foreach (int i in points)
        {
            double d = comparison.AbsoluteDistance[i], t = comparison.Times[i];
            if (!(d <= maxDistance))
            {
                maxDistance = d;
                maxTime = t;
            }
            if (!(comparison.RelativeDistance[i] <= maxRelative)) maxRelative = comparison.RelativeDistance[i];
            (last, lastTime) = (d, t);
        }
        return points.Count == 0 ? null
            : new ScenarioComparison(descent.Name, flow.Name, points.Count, maxDistance, maxTime, maxRelative, last, lastTime, comparison, iterates);
    }
}

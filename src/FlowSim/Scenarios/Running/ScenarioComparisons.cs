using FlowSim.Analysis;

namespace FlowSim.Scenarios;

/// <summary>Pairs each descent with each ODE dynamics that has dense output (<see cref="FlowDescentComparison"/>) and
/// summarises the distance over the iterates the descent recorded.</summary>
internal static class ScenarioComparisons
{
    public static IReadOnlyList<ScenarioComparison> All(Scenario scenario, IReadOnlyList<DynamicsResult> results)
    {
        var list = new List<ScenarioComparison>();
        Models.IFactorizedObjective? objective = null; // for the flow's losses; built once, only when needed
        foreach (var descent in results.Where(r => r.Descent is not null && r.Records.Count > 0))
            foreach (var flow in results.Where(r => r.Solution is { HasDenseOutput: true, Statistics.AcceptedSteps: > 0 }))
                if (Compare(objective ??= ScenarioBuilder.Build(scenario).Objective, descent, flow) is { } c) list.Add(c);
        return list;
    }

    private static ScenarioComparison? Compare(Models.IFactorizedObjective objective, DynamicsResult descent, DynamicsResult flow)
    {
        var comparison = FlowDescentComparison.Create(objective, descent.Descent!, flow.Solution!);
        var recorded = descent.Records.Iterations.Select(k => (int)k!.Value).ToHashSet();
        int points = 0;
        double maxDistance = 0, maxTime = 0, maxRelative = 0, last = double.NaN, lastTime = double.NaN;
        for (int i = 0; i < comparison.Count; i++)
        {
            if (!recorded.Contains(comparison.Iterations[i])) continue;
            double d = comparison.AbsoluteDistance[i], t = comparison.Times[i];
            if (!(d <= maxDistance))
            {
                maxDistance = d;
                maxTime = t;
            }
            if (!(comparison.RelativeDistance[i] <= maxRelative)) maxRelative = comparison.RelativeDistance[i];
            (last, lastTime) = (d, t);
            points++;
        }
        return points == 0 ? null
            : new ScenarioComparison(descent.Name, flow.Name, points, maxDistance, maxTime, maxRelative, last, lastTime, comparison);
    }
}

using FlowSim.Analysis;
using FlowSim.Dynamics;
using FlowSim.Models;
using FlowSim.Ode;

namespace FlowSim.Reports;

/// <summary>The tables and figure data of a <see cref="RunsReport"/>.</summary>
internal sealed record RunsReportData(RunFigureData Figures, IReadOnlyList<DynamicsSummary> Dynamics, IReadOnlyList<ComparisonSummary> Comparisons)
{
    public static RunsReportData Build(IObjective objective, IReadOnlyList<(string Name, Func<double[], double> Value)> metrics,
        IReadOnlyList<(string Name, OdeSolution Flow)> flows, IReadOnlyList<(string Name, GradientDescentResult Descent)> descents)
    {
        var curves = new TrajectoryTable(["loss", .. metrics.Select(m => m.Name)]);
        double[] Row(double[] theta) => [objective.Loss(theta), .. metrics.Select(m => m.Value(theta))];
        var dynamics = new List<DynamicsSummary>();
        foreach (var (name, flow) in flows)
        {
            var rows = new List<TrajectoryRow>();
            if (flow.HasDenseOutput) rows.AddRange(RunCurves.DenseTimes(flow, flow.Times.Count).Select(t => new TrajectoryRow(name, t, null, Row(flow.Evaluate(t)))));
            else for (int i = 0; i < flow.Times.Count; i++) rows.Add(new TrajectoryRow(name, flow.Times[i], null, Row(flow.Values[i])));
            curves.Rows.AddRange(rows);
            var s = flow.Statistics;
            dynamics.Add(new DynamicsSummary(name, "flow", flow.Succeeded ? "completed" : flow.Status.ToString().ToLowerInvariant(), flow.Message, flow.Method,
                flow.FinalTime, objective.Loss(flow.FinalState), null, s.AcceptedSteps, s.RejectedSteps, null, s.RhsEvaluations, flow.Times.Count));
        }
        foreach (var (name, descent) in descents)
        {
            for (int i = 0; i < descent.Iterations.Count; i++)
                curves.Rows.Add(new TrajectoryRow(name, descent.Times[i], descent.Iterations[i], Row(descent.Values[i])));
            dynamics.Add(new DynamicsSummary(name, "descent", descent.Completed ? "completed" : descent.Status.ToString().ToLowerInvariant(), descent.Message,
                null, descent.LastIteration * descent.StepSize, descent.Losses[descent.LastIteration], descent.LastIteration, null, null,
                descent.GradientEvaluations, null, descent.Iterations.Count));
        }
        var distances = new DistanceTable();
        var comparisons = new List<ComparisonSummary>();
        foreach (var (descentName, descent) in descents)
            foreach (var (flowName, flow) in flows.Where(f => f.Flow.HasDenseOutput))
            {
                var c = FlowDescentComparison.Create(objective, descent, flow);
                if (c.Count == 0) continue;
                for (int i = 0; i < c.Count; i++)
                    distances.Rows.Add(new DistanceRow(descentName, flowName, c.Iterations[i], c.Times[i], c.AbsoluteDistance[i], c.RelativeDistance[i]));
                int worst = Enumerable.Range(0, c.Count).MaxBy(i => c.AbsoluteDistance[i]);
                comparisons.Add(new ComparisonSummary(descentName, flowName, c.Count, c.MaxDistance, c.Times[worst], c.RelativeDistance.Max(),
                    c.AbsoluteDistance[^1], c.Times[^1]));
            }
        return new RunsReportData(new RunFigureData(curves, distances), dynamics, comparisons);
    }
}

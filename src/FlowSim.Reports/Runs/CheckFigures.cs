using FlowSim.Scenarios;
using FlowSim.Scenarios.Checks;

namespace FlowSim.Reports;

/// <summary>
/// <c>figures/check-&lt;id&gt;.svg</c> of a run: per check, its measured expression (solid) and its bound (dashed)
/// against t for every dynamics it applies to (<see cref="CheckEvaluator.Series"/>; the monotone kinds have no bound
/// and draw the measured values alone). Drawn from the trajectory table, like <see cref="RunFigures"/>, so
/// <c>flowsim plot</c> redraws them equal to the originals.
/// </summary>
public static class CheckFigures
{
    /// <summary>The figure file of a check (ids are <c>[a-z0-9-]+</c>; metric figures have no <c>-</c>, so names never clash).</summary>
    public static string FileName(string checkId) => $"check-{checkId}.svg";

    /// <summary>One figure per check of <paramref name="scenario"/> (none when it has no checks).</summary>
    /// <param name="table">The run's trajectory (every column the checks read: the runner records them).</param>
    /// <param name="scenario">The scenario that ran.</param>
    /// <param name="renderer">The figure renderer (default settings when null).</param>
    public static IReadOnlyList<RunFigure> Render(TrajectoryTable table, Scenario scenario, FigureRenderer? renderer = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.Checks.Count == 0) return [];
        renderer ??= new FigureRenderer();
        var records = scenario.Dynamics.ToDictionary(d => d.Name, d => (ICheckRecords?)TrajectoryCheckRecords.Of(table, d.Name), StringComparer.Ordinal);
        ICheckRecords? ByName(string name) => records.GetValueOrDefault(name);
        var figures = new List<RunFigure>();
        foreach (var check in scenario.Checks)
        {
            string title = Title(check);
            var series = new List<ChartSeries>();
            string? problem = null;
            foreach (var d in scenario.Dynamics.Where(d => check.Dynamics.Contains(d.Name)))
            {
                if (ByName(d.Name) is not { } own) continue;
                try
                {
                    var s = CheckEvaluator.Series(check, d, own, ByName);
                    series.Add(new ChartSeries($"measured ({d.Name})", s.Times, s.Measured));
                    if (!check.Kind.IsMonotone()) series.Add(new ChartSeries($"bound ({d.Name})", s.Times, s.Bound, Theory.SeriesStyle.DashedLine));
                }
                catch (ArgumentException ex)
                {
                    // A trajectory.csv without a column the check reads (edited, or from an older FlowSim): say so in the figure.
                    problem = ex.Message;
                }
            }
            string svg = problem is not null && series.Count == 0
                ? renderer.RenderNoDataSvg(title, "time t", "value", problem)
                : LineChart.RenderSvg(renderer, title, "time t", "value", series, LogScale(series));
            figures.Add(new RunFigure(FileName(check.Id), svg));
        }
        return figures;
    }

    /// <summary>
    /// The check figures of an existing run directory for <c>flowsim plot</c>: drawn anew from the resolved scenario in
    /// summary.json and the trajectory; when that scenario no longer validates (its target file has moved), the figures
    /// already in <c>figures/</c> are kept as they are.
    /// </summary>
    public static IReadOnlyList<RunFigure> Redraw(TrajectoryTable table, RunSummary summary, string runDirectory, FigureRenderer? renderer = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(runDirectory);
        if (summary.Checks is not { Count: > 0 } || summary.Scenario is null) return [];
        try
        {
            var scenario = ScenarioJson.Parse(summary.Scenario.ToJsonString(), "summary.json", runDirectory);
            return Render(table, scenario, renderer);
        }
        catch (ScenarioException)
        {
            var kept = new List<RunFigure>();
            foreach (var id in summary.Checks.Select(c => c.Id).Distinct())
            {
                string path = Path.Combine(runDirectory, "figures", FileName(id));
                if (File.Exists(path)) kept.Add(new RunFigure(FileName(id), File.ReadAllText(path)));
            }
            return kept;
        }
    }

    private static string Title(CheckSpec c)
    {
        string tol = c.Tolerance > 0 ? $" ± {ScenarioNode.FormatNumber(c.Tolerance)}" : "";
        return c.Kind switch
        {
            CheckKind.Upper => $"check {c.Id}: {c.Measured.Text} ≤ {c.Bound!.Text}{tol}",
            CheckKind.Lower => $"check {c.Id}: {c.Measured.Text} ≥ {c.Bound!.Text}{tol}",
            CheckKind.Equal => $"check {c.Id}: {c.Measured.Text} = {c.Bound!.Text}{tol}",
            _ => $"check {c.Id}: {c.Measured.Text} {c.Kind.Name()}{tol}",
        };
    }

    /// <summary>Logarithmic when every finite value is positive and they span more than two decades.</summary>
    /// <remarks>Loops, not LINQ over doubles: each generic instantiation over a value type is jitted afresh in every run.</remarks>
    private static bool LogScale(List<ChartSeries> series)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var s in series)
            foreach (double v in s.Y as double[] ?? [.. s.Y])
            {
                if (!double.IsFinite(v)) continue;
                if (v <= 0) return false;
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        return max > 100 * min;
    }
}

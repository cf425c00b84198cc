namespace FlowSim.Reports;

/// <summary>A figure of a run: its file name under <c>figures/</c> and its SVG text.</summary>
public sealed record RunFigure(string File, string Svg);

/// <summary>
/// <c>figures/&lt;metric&gt;.svg</c> of a run: each metric against time, one line per dynamics. <c>flowsim run</c> and <c>flowsim plot</c> both draw them from the trajectory table, so redrawn figures
/// equal the originals.
/// </summary>
public static class RunFigures
{
    /// <summary>Metrics drawn on a logarithmic axis when every value is positive.</summary>
    public static readonly IReadOnlySet<string> LogMetrics = new HashSet<string>(StringComparer.Ordinal) { "loss", "target_distance", "imbalance", "cf_loss_prediction" };

    /// <summary>One figure per metric column.</summary>
    public static IReadOnlyList<RunFigure> Render(TrajectoryTable table, FigureRenderer? renderer = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        renderer ??= new FigureRenderer();
        var figures = new List<RunFigure>();
        for (int c = 0; c < table.Metrics.Count; c++)
        {
            string metric = table.Metrics[c];
            var series = table.DynamicsNames.Select(d =>
            {
                var rows = table.Rows.Where(r => r.Dynamics == d).ToList();
                return new ChartSeries(d, [.. rows.Select(r => r.Time)], [.. rows.Select(r => r.Values[c])]);
            }).ToList();
            figures.Add(new RunFigure($"{metric}.svg",
                LineChart.RenderSvg(renderer, $"{metric} against time", "time t", metric, series, LogMetrics.Contains(metric))));
        }
        return figures;
    }
}

namespace FlowSim.Cli.Output;

/// <summary>Draws <c>figures/&lt;metric&gt;.svg</c> (metric against time, one line per dynamics) from a trajectory table;
/// <c>flowsim run</c> and <c>flowsim plot</c> share it, so redrawn figures equal the originals.</summary>
public static class FigureWriter
{
    /// <summary>Writes one SVG per metric column into <paramref name="figuresDirectory"/>; returns the file names.</summary>
    public static IReadOnlyList<string> Write(TrajectoryTable table, string figuresDirectory)
    {
        Directory.CreateDirectory(figuresDirectory);
        var names = new List<string>();
        var dynamics = table.DynamicsNames;
        for (int c = 0; c < table.Metrics.Count; c++)
        {
            string metric = table.Metrics[c];
            var series = dynamics.Select(d =>
            {
                var rows = table.Rows.Where(r => r.Dynamics == d).ToList();
                return new SvgPlot.Series(d, rows.Select(r => r.Time).ToList(), rows.Select(r => r.Values[c]).ToList());
            }).ToList();
            bool logY = metric is "loss" or "target_distance" or "imbalance";
            string file = $"{metric}.svg";
            FlowSim.Reports.AtomicFile.WriteAllText(Path.Combine(figuresDirectory, file), SvgPlot.Render($"{metric} against time", "time t", metric, series, logY));
            names.Add(file);
        }
        return names;
    }
}

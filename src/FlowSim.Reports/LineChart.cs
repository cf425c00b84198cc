using FlowSim.Theory;

namespace FlowSim.Reports;

/// <summary>One named curve of a <see cref="LineChart"/>.</summary>
/// <param name="Name">Legend name.</param>
/// <param name="X">Abscissae.</param>
/// <param name="Y">Ordinates (non-finite values, and non-positive ones on a log axis, are left out).</param>
/// <param name="Style">How it is drawn when no <paramref name="Look"/> is given.</param>
/// <param name="Look">Colour, line and marker chosen by the caller (a run gives each dynamics one look), or null.</param>
public sealed record ChartSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, SeriesStyle Style = SeriesStyle.Line, SeriesLook? Look = null);

/// <summary>
/// The line charts of runs and sweeps (metric against time, final loss across a sweep), drawn by
/// <see cref="FigureRenderer"/> like every other FlowSim figure. The y axis is logarithmic when asked and every finite
/// value is positive; a series with nothing to draw is left out, and a chart with no series at all says so.
/// </summary>
public static class LineChart
{
    /// <summary>The standalone SVG of the chart.</summary>
    public static string RenderSvg(FigureRenderer renderer, string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series, bool logY)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        ArgumentNullException.ThrowIfNull(series);
        bool log = logY && !series.Any(s => s.Y.Any(y => double.IsFinite(y) && y <= 0));
        var spec = new FigureSpec(Stem(title), title) { XLabel = xLabel, YLabel = yLabel, LogY = log };
        var looks = new List<SeriesLook?>();
        foreach (var s in series)
            if (s.X.Count > 0 && s.X.Zip(s.Y).Any(p => double.IsFinite(p.First) && FigureSpec.Drawable(p.Second, log)))
            {
                spec.AddSeries(s.Name, s.X, s.Y, s.Style);
                looks.Add(s.Look);
            }
        if (spec.Series.Count == 0) return renderer.RenderNoDataSvg(title, xLabel, yLabel, "no finite value to draw");
        return looks.Any(l => l is not null) ? renderer.RenderSvg(spec, looks) : renderer.RenderSvg(spec);
    }

    private static string Stem(string title)
    {
        var chars = title.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray();
        string stem = string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
        return stem.Length == 0 ? "figure" : stem.Length > 60 ? stem[..60].TrimEnd('-') : stem;
    }
}

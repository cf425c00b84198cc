using System.Globalization;

namespace FlowSim.Reports;

/// <summary>
/// The edge-of-stability story of a run whose descent tracked its sharpness (THEORY §6, issue 13), against the iteration
/// k (a flow's time t drawn at k = t/η): <see cref="SharpnessFile"/>, S of descent's iterates (markers, every recorded one,
/// so that both phases of a 2-cycle show) and of its second-order midpoints (a line), S along every flow (gradient flow,
/// the central flow) and the line 2/η; <see cref="LossFile"/>, the loss of descent and of every flow and the central
/// flow's prediction of descent's time-averaged loss (<c>cf_loss_prediction</c>). Drawn from the run's curves and the
/// descent's <c>stability_threshold</c> (2/η, a result of the run): nothing is computed here.
/// </summary>
public static class EdgeOfStabilityFigures
{
    /// <summary>File of the sharpness figure (of the first descent with a threshold; later ones get _2, _3 …).</summary>
    public const string SharpnessFile = "eos_sharpness.svg";
    /// <summary>File of the loss figure.</summary>
    public const string LossFile = "eos_loss.svg";
    /// <summary>Most descent markers in these figures (an odd stride beyond, so the two phases of a 2-cycle both stay).</summary>
    public const int MaxMarkers = 4 * RunFigures.MaxMarkers;

    private const int Black = 6;

    /// <summary>The legend of the 2/η line: "2/η = value".</summary>
    public static string ThresholdName(double threshold) => string.Create(CultureInfo.InvariantCulture, $"2/η = {threshold:G6}");

    /// <summary>The legend of the central flow's loss prediction.</summary>
    public static string PredictionName(string flow) => $"{flow}: predicted mean loss";

    /// <summary>The figures of every descent in <see cref="RunFigureData.StabilityThresholds"/>; none when there is none.</summary>
    public static IReadOnlyList<RunFigure> Render(RunFigureData data, IReadOnlyDictionary<string, SeriesLook> looks, FigureRenderer renderer)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(looks);
        ArgumentNullException.ThrowIfNull(renderer);
        var figures = new List<RunFigure>();
        int index = 0;
        foreach (var (descent, threshold) in data.StabilityThresholds ?? new Dictionary<string, double>())
        {
            if (!data.Curves.DynamicsNames.Contains(descent)) continue;
            string suffix = index++ == 0 ? "" : $"_{index}";
            string eta = string.Create(CultureInfo.InvariantCulture, $"η = {2 / threshold:G6}");
            if (SharpnessSeries(data, looks, descent) is { } sharpness)
                figures.Add(new RunFigure(SharpnessFile.Replace(".svg", suffix + ".svg", StringComparison.Ordinal),
                    LineChart.RenderSvg(renderer, $"sharpness S = λmax(∇²L) against iteration k ({eta})", "iteration k (flows at t/η)", "S", sharpness, logY: false),
                    $"Sharpness of {descent}'s iterates θ_k (markers) and second-order midpoints ¼(2θ_k + θ_k+1 + θ_k−1) (line), along each flow at " +
                    $"t = kη, and the edge of stability {ThresholdName(threshold)}: descent sharpens to 2/η and oscillates around it, its midpoints " +
                    "and the central flow stay at it, gradient flow goes on."));
            if (LossSeries(data, looks, descent) is { } loss)
                figures.Add(new RunFigure(LossFile.Replace(".svg", suffix + ".svg", StringComparison.Ordinal),
                    LineChart.RenderSvg(renderer, $"loss against iteration k ({eta})", "iteration k (flows at t/η)", "loss", loss, logY: true),
                    $"Loss of {descent} (markers) and along each flow at t = kη, and the central flow's prediction of descent's time-averaged loss."));
        }
        return figures;
    }

    /// <summary>The series of the sharpness figure of <paramref name="descent"/>: the 2/η line (named
    /// <see cref="ThresholdName"/>), each flow, the descent's iterates, its midpoints; null without a <c>sharpness</c>
    /// column or threshold.</summary>
    public static IReadOnlyList<ChartSeries>? SharpnessSeries(RunFigureData data, IReadOnlyDictionary<string, SeriesLook> looks, string descent)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(looks);
        int column = Column(data.Curves, "sharpness");
        if (column < 0 || data.StabilityThresholds?.GetValueOrDefault(descent) is not double threshold || !(threshold > 0)) return null;
        double eta = 2 / threshold;
        // The line first, under the midpoints and the central flow that sit on it.
        var ks = data.Curves.Rows.Where(r => r.Dynamics == descent).Select(r => r.Time / eta).DefaultIfEmpty(0).ToList();
        List<ChartSeries> series = [new(ThresholdName(threshold), [ks.Min(), ks.Max()], [threshold, threshold], Look: new SeriesLook(Black, Dash: LineDash.Dash, Thickness: 1.2))];
        series.AddRange(Flows(data.Curves, looks, descent, column, eta));
        series.AddRange(Descent(data.Curves, looks, descent, column));
        return series;
    }

    /// <summary>The series of the loss figure of <paramref name="descent"/>: each flow's loss, the descent's iterates, each
    /// central flow's prediction (named <see cref="PredictionName"/>, on top of the markers it runs through); null without
    /// a <c>loss</c> column.</summary>
    public static IReadOnlyList<ChartSeries>? LossSeries(RunFigureData data, IReadOnlyDictionary<string, SeriesLook> looks, string descent)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(looks);
        int column = Column(data.Curves, "loss"), prediction = Column(data.Curves, "cf_loss_prediction");
        if (column < 0 || data.StabilityThresholds?.GetValueOrDefault(descent) is not double threshold || !(threshold > 0)) return null;
        double eta = 2 / threshold;
        var series = Flows(data.Curves, looks, descent, column, eta);
        series.AddRange(Descent(data.Curves, looks, descent, column).Take(1));
        if (prediction >= 0)
            foreach (var flow in FlowNames(data.Curves, descent))
            {
                var rows = data.Curves.Rows.Where(r => r.Dynamics == flow && double.IsFinite(r.Values[prediction])).ToList();
                if (rows.Count == 0) continue;
                series.Add(new ChartSeries(PredictionName(flow), [.. rows.Select(r => r.Time / eta)], [.. rows.Select(r => r.Values[prediction])],
                    Look: new SeriesLook(Black, Dash: LineDash.Dot, Thickness: 2.4)));
            }
        return series;
    }

    private static int Column(TrajectoryTable table, string metric) => table.Metrics.ToList().IndexOf(metric);

    // The ODE dynamics (rows without iterates), drawn first so that the markers lie on top.
    private static IEnumerable<string> FlowNames(TrajectoryTable table, string descent) =>
        table.DynamicsNames.Where(n => n != descent && n != TrajectoryTable.MidpointSeries(descent) && !RunLooks.IsDescent(table, n));

    private static List<ChartSeries> Flows(TrajectoryTable table, IReadOnlyDictionary<string, SeriesLook> looks, string descent, int column, double eta) =>
        [.. FlowNames(table, descent).Select(flow =>
        {
            var rows = table.Rows.Where(r => r.Dynamics == flow).ToList();
            return new ChartSeries(flow, [.. rows.Select(r => r.Time / eta)], [.. rows.Select(r => r.Values[column])], Look: looks.GetValueOrDefault(flow));
        })];

    // The iterates as markers at k, then the midpoints (when recorded) as a line in their own colour.
    private static IEnumerable<ChartSeries> Descent(TrajectoryTable table, IReadOnlyDictionary<string, SeriesLook> looks, string descent, int column)
    {
        var raw = RunFigures.Thin([.. table.Rows.Where(r => r.Dynamics == descent && r.Iterate is not null)], MaxMarkers);
        yield return new ChartSeries(descent, [.. raw.Select(r => (double)r.Iterate!.Value)], [.. raw.Select(r => r.Values[column])], Look: looks.GetValueOrDefault(descent));
        string name = TrajectoryTable.MidpointSeries(descent);
        var mid = table.Rows.Where(r => r.Dynamics == name && r.Iterate is not null).ToList();
        if (mid.Count == 0) yield break;
        var look = looks.GetValueOrDefault(name) is { } l ? l with { Line = true, Marker = MarkerShape.None, Thickness = 2.2 } : null;
        yield return new ChartSeries(name, [.. mid.Select(r => (double)r.Iterate!.Value)], [.. mid.Select(r => r.Values[column])], Look: look);
    }
}

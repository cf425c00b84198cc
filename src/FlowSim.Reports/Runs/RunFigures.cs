using System.Text.RegularExpressions;

namespace FlowSim.Reports;

/// <summary>A figure of a run: its file name under <c>figures/</c>, its SVG text and what it shows.</summary>
public sealed record RunFigure(string File, string Svg, string Caption = "");

/// <summary>
/// The figures of a run, drawn from its <see cref="RunFigureData"/> through <see cref="LineChart"/> and
/// <see cref="FigureRenderer"/> like every other FlowSim figure: <c>loss.svg</c>; <c>distance.svg</c>, ‖θ_k − θ(kη)‖
/// of every descent/flow pair against k on a log scale (a descent's midpoints against each flow too);
/// <c>singular_values.svg</c>, every singular value of every dynamics in one figure; one figure per other metric; before
/// them, for a descent that tracked its sharpness, the edge-of-stability figures (<see cref="EdgeOfStabilityFigures"/>). Each dynamics keeps one look in every figure
/// (<see cref="RunLooks"/>): flows are lines (solid, dashed, dash-dot … in their colours), descents hollow markers at
/// t = kη drawn on top, so curves that coincide stay distinguishable.
/// </summary>
public static partial class RunFigures
{
    /// <summary>Metrics drawn on a logarithmic axis when every value is positive.</summary>
    public static readonly IReadOnlySet<string> LogMetrics = new HashSet<string>(StringComparer.Ordinal) { "loss", "target_distance", "imbalance", "cf_loss_prediction" };

    /// <summary>Most markers drawn for one descent (every m-th recorded iterate beyond that, the last always).</summary>
    public const int MaxMarkers = 120;

    /// <summary>The figures: loss, distance, singular values, then every other metric in column order.</summary>
    public static IReadOnlyList<RunFigure> Render(RunFigureData data, FigureRenderer? renderer = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        renderer ??= new FigureRenderer();
        var table = data.Curves;
        var looks = RunLooks.For(table);
        var columns = table.Metrics.Select((m, c) => (Metric: m, Column: c)).ToList();
        var singular = columns.Where(p => SingularValue().IsMatch(p.Metric)).ToList();
        var scalar = columns.Except(singular).OrderBy(p => p.Metric == "loss" ? 0 : 1).ToList();
        // The edge-of-stability story first, when a descent tracked its sharpness.
        var figures = new List<RunFigure>(EdgeOfStabilityFigures.Render(data, looks, renderer));
        RunFigure Metric((string Metric, int Column) p) => new($"{p.Metric}.svg",
            LineChart.RenderSvg(renderer, $"{p.Metric} against time", "time t", p.Metric, [.. Series(table, looks, p.Column, null)], LogMetrics.Contains(p.Metric)),
            $"{p.Metric} along each dynamics: flows from their dense output, descent iterates θ_k as markers at t = kη.");
        figures.AddRange(scalar.Take(1).Select(Metric));
        if (data.Distances.Rows.Count > 0) figures.Add(Distance(data.Distances, looks, renderer));
        if (singular.Count > 0) figures.Add(SingularValues(table, looks, singular, renderer));
        figures.AddRange(scalar.Skip(1).Select(Metric));
        return figures;
    }

    private static RunFigure SingularValues(TrajectoryTable table, IReadOnlyDictionary<string, SeriesLook> looks, List<(string Metric, int Column)> singular,
        FigureRenderer renderer)
    {
        // One legend entry per dynamics (its σ₁ curve); the curves of the first flow are labelled σ1, σ2 … at their right ends.
        var series = singular.SelectMany(p => Series(table, looks, p.Column, p.Metric)).ToList();
        return new RunFigure("singular_values.svg",
            LineChart.RenderSvg(renderer, "singular values of the product against time", "time t", "σᵢ", series, logY: true),
            "Every singular value σ₁ ≥ σ₂ ≥ … of the product along each dynamics, one look per dynamics.");
    }

    private static IEnumerable<ChartSeries> Series(TrajectoryTable table, IReadOnlyDictionary<string, SeriesLook> looks, int column, string? singularValue)
    {
        bool first = singularValue is null || singularValue == "sv1";
        string label = singularValue is null ? "" : "σ" + singularValue[2..];
        // Flows first, descents after, so that the markers lie on top of the lines.
        foreach (var name in table.DynamicsNames.OrderBy(n => RunLooks.IsDescent(table, n) ? 1 : 0))
        {
            var rows = table.Rows.Where(r => r.Dynamics == name).ToList();
            var look = looks[name];
            if (RunLooks.IsDescent(table, name)) rows = Thin(rows, MaxMarkers);
            look = look with
            {
                InLegend = first,
                EndLabel = singularValue is not null && !RunLooks.IsDescent(table, name) && name == table.DynamicsNames.First(n => !RunLooks.IsDescent(table, n)) ? label : null,
            };
            string legend = singularValue is null ? name : $"{name} (σ₁ … σₙ)";
            yield return new ChartSeries(legend, [.. rows.Select(r => r.Time)], [.. rows.Select(r => r.Values[column])], Look: look);
        }
    }

    /// <summary>At most about <paramref name="max"/> of the rows: every m-th beyond that, m odd so that both phases of a
    /// period-2 oscillation stay visible (an even m would show one phase only), and the last row always.</summary>
    internal static List<TrajectoryRow> Thin(List<TrajectoryRow> rows, int max)
    {
        if (rows.Count <= max) return rows;
        int every = (rows.Count + max - 1) / max;
        if (every % 2 == 0) every++;
        return [.. rows.Where((_, i) => i % every == 0 || i == rows.Count - 1)];
    }

    private static RunFigure Distance(DistanceTable distances, IReadOnlyDictionary<string, SeriesLook> looks, FigureRenderer renderer)
    {
        var series = new List<ChartSeries>();
        foreach (var (descent, flow) in distances.Pairs)
        {
            // θ_0 = θ(0): the distance starts at 0, which a log axis cannot show.
            var rows = distances.Rows.Where(r => r.Descent == descent && r.Flow == flow && r.Distance > 0).ToList();
            var flowLook = looks.TryGetValue(flow, out var f) ? f : new SeriesLook(series.Count);
            var marker = looks.TryGetValue(descent, out var d) ? d.Marker : MarkerShape.Circle;
            if (rows.Count > MaxMarkers) marker = MarkerShape.None;
            // A descent's midpoints (a series of their own) keep the flow's dash in their own colour and a wider line.
            bool midpoints = d is not null && distances.Pairs.Any(p => TrajectoryTable.MidpointSeries(p.Descent) == descent);
            var look = flowLook with { Marker = marker, Thickness = Math.Min(flowLook.Thickness, 1.8) };
            if (midpoints) look = look with { Colour = d!.Colour, Thickness = 2.6 };
            series.Add(new ChartSeries($"{descent} vs {flow}", [.. rows.Select(r => (double)r.Iterate)], [.. rows.Select(r => r.Distance)], Look: look));
        }
        return new RunFigure("distance.svg",
            LineChart.RenderSvg(renderer, "‖θ_k − θ(kη)‖: descent against each flow", "iteration k", "‖θ_k − θ(kη)‖₂", series, logY: true),
            "Distance between descent iterate θ_k and each flow at t = kη (dense output), for k ≥ 1 (θ_0 = θ(0)).");
    }

    [GeneratedRegex("^sv[0-9]+$")]
    private static partial Regex SingularValue();
}

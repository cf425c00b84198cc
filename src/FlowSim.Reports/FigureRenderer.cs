using System.Globalization;
using FlowSim.Theory;
using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace FlowSim.Reports;

/// <summary>
/// Renders a <see cref="FigureSpec"/> with OxyPlot: <see cref="BuildModel(FigureSpec)"/> gives the <see cref="PlotModel"/>,
/// <see cref="RenderSvg(FigureSpec)"/> exports it with <c>OxyPlot.SvgExporter</c>, <see cref="RenderPng"/> with
/// <c>OxyPlot.SkiaSharp.PngExporter</c>.
/// </summary>
/// <remarks>
/// Points that cannot be drawn (NaN, ±∞, or ≤ 0 on a log axis) are left out rather than failing the figure.
/// The PNG path disables text shaping: shaping needs the native HarfBuzz library, which the Linux
/// "NoDependencies" SkiaSharp assets do not ship, and plot labels need no shaping.
/// </remarks>
public sealed class FigureRenderer : IFigureRenderer
{
    private static readonly OxyColor[] Palette = SeriesLook.Palette;

    private static readonly MarkerType[] Markers =
        [MarkerType.Circle, MarkerType.Square, MarkerType.Diamond, MarkerType.Triangle, MarkerType.Cross, MarkerType.Plus, MarkerType.Star];

    /// <summary>Width of the exported figure, in SVG user units and PNG pixels.</summary>
    public int Width { get; init; } = 760;
    /// <summary>Height of the exported figure.</summary>
    public int Height { get; init; } = 460;
    /// <summary>
    /// Font family for labels. Text is measured with Skia in this family, and the SVG names it first with
    /// metrically similar fallbacks (<see cref="SvgFallbackFonts"/>), so legends and axis titles fit in a browser.
    /// </summary>
    public string Font { get; init; } = "DejaVu Sans";
    /// <summary>CSS fallbacks written after <see cref="Font"/> in the SVG (Verdana is close to DejaVu Sans in width).</summary>
    public string SvgFallbackFonts { get; init; } = "Verdana, Geneva, sans-serif";

    /// <summary>Builds the OxyPlot model of <paramref name="figure"/>.</summary>
    /// <exception cref="ArgumentException">The figure is invalid (<see cref="FigureSpec.Validate"/>).</exception>
    public PlotModel BuildModel(FigureSpec figure) => BuildModel(figure, null);

    /// <summary>Builds the OxyPlot model of <paramref name="figure"/>, drawing series i with <paramref name="looks"/>[i]
    /// where one is given (else by its <see cref="SeriesStyle"/> and position, as every claim figure).</summary>
    /// <exception cref="ArgumentException">The figure is invalid (<see cref="FigureSpec.Validate"/>).</exception>
    public PlotModel BuildModel(FigureSpec figure, IReadOnlyList<SeriesLook?>? looks)
    {
        ArgumentNullException.ThrowIfNull(figure);
        figure.Validate();
        var model = new PlotModel
        {
            Title = figure.Title,
            TitleFontSize = 15,
            TitleFontWeight = FontWeights.Bold,
            TitleHorizontalAlignment = TitleHorizontalAlignment.CenteredWithinView, // a long title uses the legend's width too
            DefaultFont = Font,
            DefaultFontSize = 12,
            Background = OxyColors.White,
            Culture = CultureInfo.InvariantCulture, // tick labels read 0.5 whatever the process culture
            PlotAreaBorderColor = OxyColor.FromRgb(90, 90, 90),
        };
        model.Legends.Add(new Legend
        {
            LegendPosition = LegendPosition.RightTop,
            LegendPlacement = LegendPlacement.Outside,
            LegendOrientation = LegendOrientation.Vertical,
            LegendBackground = OxyColor.FromAColor(230, OxyColors.White),
            LegendBorder = OxyColor.FromRgb(180, 180, 180),
            LegendFontSize = 11,
        });
        model.Axes.Add(MakeAxis(AxisPosition.Bottom, figure.XLabel, figure.LogX, figure.XMin, figure.XMax));
        model.Axes.Add(MakeAxis(AxisPosition.Left, figure.YLabel, figure.LogY, figure.YMin, figure.YMax));

        foreach (var band in figure.Bands)
        {
            model.Annotations.Add(new RectangleAnnotation
            {
                MinimumX = band.From,
                MaximumX = band.To,
                Fill = OxyColor.FromAColor(45, OxyColor.FromRgb(0, 114, 178)),
                Stroke = OxyColors.Undefined,
                Text = band.Label ?? "",
                TextColor = OxyColor.FromRgb(40, 40, 90),
                TextVerticalAlignment = VerticalAlignment.Top,
                FontSize = 10,
                Layer = AnnotationLayer.BelowSeries,
            });
        }

        for (int i = 0; i < figure.Series.Count; i++)
        {
            var look = looks is not null && i < looks.Count ? looks[i] : null;
            int solidBefore = figure.Series.Take(i).Count(x => x.Style is SeriesStyle.Line or SeriesStyle.Step or SeriesStyle.LineAndMarkers);
            var series = MakeSeries(figure, figure.Series[i], i, solidBefore);
            model.Series.Add(series);
            if (look is null || series is not LineSeries line) continue;
            look.ApplyTo(line);
            if (look.EndLabel is { } label && line.Points.Count > 0)
                model.Annotations.Add(new TextAnnotation
                {
                    Text = label,
                    TextPosition = line.Points[^1],
                    TextColor = look.OxyColour,
                    Stroke = OxyColors.Transparent,
                    FontSize = 11,
                    TextHorizontalAlignment = HorizontalAlignment.Right,
                    TextVerticalAlignment = VerticalAlignment.Bottom,
                    Offset = new ScreenVector(-9, -3), // beside the last point, clear of its marker
                });
        }

        foreach (var line in figure.Lines)
        {
            model.Annotations.Add(new LineAnnotation
            {
                Type = line.Orientation == LineOrientation.Vertical ? LineAnnotationType.Vertical : LineAnnotationType.Horizontal,
                X = line.Orientation == LineOrientation.Vertical ? line.Position : 0,
                Y = line.Orientation == LineOrientation.Horizontal ? line.Position : 0,
                Text = line.Label ?? "",
                Color = OxyColor.FromRgb(110, 110, 110),
                TextColor = OxyColor.FromRgb(60, 60, 60),
                LineStyle = LineStyle.Dash,
                StrokeThickness = 1.2,
                FontSize = 10,
            });
        }
        return model;
    }

    /// <inheritdoc/>
    public string RenderSvg(FigureSpec figure) => ExportSvg(BuildModel(figure));

    /// <summary>The SVG of <paramref name="figure"/> with per-series looks (see <see cref="BuildModel(FigureSpec, IReadOnlyList{SeriesLook?})"/>).</summary>
    /// <exception cref="ArgumentException">The figure is invalid.</exception>
    public string RenderSvg(FigureSpec figure, IReadOnlyList<SeriesLook?> looks) => ExportSvg(BuildModel(figure, looks));

    /// <summary>
    /// A figure with titled axes and no data, saying why (<paramref name="note"/>): what a run draws for a metric with
    /// no finite value (a dynamics that diverged at once), so every metric still has its figure.
    /// </summary>
    public string RenderNoDataSvg(string title, string xLabel, string yLabel, string note)
    {
        var model = new PlotModel
        {
            Title = title,
            TitleFontSize = 15,
            TitleFontWeight = FontWeights.Bold,
            TitleHorizontalAlignment = TitleHorizontalAlignment.CenteredWithinView, // a long title uses the legend's width too
            Subtitle = note,
            DefaultFont = Font,
            DefaultFontSize = 12,
            Background = OxyColors.White,
            Culture = CultureInfo.InvariantCulture, // tick labels read 0.5 whatever the process culture
            PlotAreaBorderColor = OxyColor.FromRgb(90, 90, 90),
        };
        model.Axes.Add(MakeAxis(AxisPosition.Bottom, xLabel, false, 0, 1));
        model.Axes.Add(MakeAxis(AxisPosition.Left, yLabel, false, 0, 1));
        return ExportSvg(model);
    }

    private string ExportSvg(PlotModel model)
    {
        var exporter = new SvgExporter { Width = Width, Height = Height, IsDocument = true };
        using var measurer = TrySkiaMeasurer();
        // OxyPlot's default measurer assumes Helvetica metrics, which crops legends drawn in a wider font.
        if (measurer is not null) exporter.TextMeasurer = measurer;
        using var stream = new MemoryStream();
        exporter.Export(model, stream);
        string svg = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        return svg.Replace($"font-family=\"{Font}\"", $"font-family=\"{Font}, {SvgFallbackFonts}\"", StringComparison.Ordinal);
    }

    /// <inheritdoc/>
    public byte[] RenderPng(FigureSpec figure)
    {
        var model = BuildModel(figure);
        var exporter = new OxyPlot.SkiaSharp.PngExporter { Width = Width, Height = Height, Dpi = 96, UseTextShaping = false };
        using var stream = new MemoryStream();
        exporter.Export(model, stream);
        return stream.ToArray();
    }

    /// <summary>A Skia text measurer, or null when the native Skia library cannot be loaded (then OxyPlot's own is used).</summary>
    private static OxyPlot.SkiaSharp.SkiaRenderContext? TrySkiaMeasurer()
    {
        try
        {
            var rc = new OxyPlot.SkiaSharp.SkiaRenderContext { UseTextShaping = false, DpiScale = 1 };
            rc.MeasureText("0", "DejaVu Sans", 12, 400);
            return rc;
        }
        catch (Exception ex) when (ex is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException or BadImageFormatException)
        {
            return null;
        }
    }

    private static Axis MakeAxis(AxisPosition position, string title, bool log, double? min, double? max)
    {
        Axis axis = log ? new LogarithmicAxis { Base = 10, UseSuperExponentialFormat = false } : new LinearAxis();
        axis.Position = position;
        axis.Title = title;
        axis.TitleFontSize = 13;
        axis.MajorGridlineStyle = LineStyle.Solid;
        axis.MajorGridlineColor = OxyColor.FromRgb(225, 225, 225);
        axis.MinorGridlineStyle = log ? LineStyle.Dot : LineStyle.None;
        axis.MinorGridlineColor = OxyColor.FromRgb(238, 238, 238);
        // Log-axis ticks read 0.05, 2, 300 where that is short, and 1e-06 only beyond (a paper's axes, not "5e-2").
        if (log) axis.LabelFormatter = LogTick;
        // Room at both ends, so the markers of a first or last point are not cut in half by the plot area.
        axis.MinimumPadding = 0.03;
        axis.MaximumPadding = 0.03;
        if (min is { } a) axis.Minimum = a;
        if (max is { } b) axis.Maximum = b;
        return axis;
    }

    private static string LogTick(double v)
    {
        double a = Math.Abs(v);
        return a is >= 1e-3 and < 1e5 || a == 0
            ? v.ToString("0.####", CultureInfo.InvariantCulture)
            : v.ToString("0.##e+0", CultureInfo.InvariantCulture);
    }

    private static readonly LineDash[] LaterLines = [LineDash.Dash, LineDash.DashDot, LineDash.Dot, LineDash.LongDash];

    /// <summary>Series <paramref name="index"/> in its default look. Of the solid-line series (<see cref="SeriesStyle.Line"/>,
    /// Step, LineAndMarkers) the first is drawn solid and wide, the later ones narrower with dash patterns whose gaps let
    /// the curves underneath show, so curves that coincide (descent runs at several η on top of their flow) stay apart;
    /// <see cref="SeriesStyle.DashedLine"/> keeps its short dashes (references, bounds).</summary>
    private static Series MakeSeries(FigureSpec figure, FigureSeries s, int index, int solidBefore)
    {
        var color = Palette[index % Palette.Length];
        var points = new List<DataPoint>(s.X.Length);
        for (int i = 0; i < s.X.Length; i++)
            if (FigureSpec.Drawable(s.X[i], figure.LogX) && FigureSpec.Drawable(s.Y[i], figure.LogY))
                points.Add(new DataPoint(s.X[i], s.Y[i]));

        if (s.Style == SeriesStyle.Markers)
        {
            var scatter = new LineSeries
            {
                Title = s.Name,
                Color = OxyColors.Transparent,
                MarkerType = Markers[index % Markers.Length],
                MarkerSize = 3.5,
                MarkerFill = color,
                MarkerStroke = color,
                LineStyle = LineStyle.None,
            };
            scatter.Points.AddRange(points);
            return scatter;
        }
        LineSeries line = s.Style == SeriesStyle.Step ? new StairStepSeries() : new LineSeries();
        line.Title = s.Name;
        line.Color = color;
        bool first = s.Style == SeriesStyle.DashedLine || solidBefore == 0;
        line.StrokeThickness = s.Style == SeriesStyle.DashedLine ? 2 : first ? 2.6 : 1.8;
        line.LineStyle = s.Style == SeriesStyle.DashedLine ? LineStyle.Dash : LineStyle.Solid;
        if (!first) line.Dashes = SeriesLook.DashArray(LaterLines[(solidBefore - 1) % LaterLines.Length], line.StrokeThickness);
        if (s.Style == SeriesStyle.LineAndMarkers)
        {
            line.MarkerType = Markers[index % Markers.Length];
            line.MarkerSize = 3;
            line.MarkerFill = color;
        }
        line.Points.AddRange(points);
        return line;
    }
}

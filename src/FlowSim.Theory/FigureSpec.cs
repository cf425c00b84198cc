using System.Text.RegularExpressions;

namespace FlowSim.Theory;

/// <summary>How a data series is drawn.</summary>
public enum SeriesStyle
{
    /// <summary>Straight segments between points.</summary>
    Line,
    /// <summary>Markers only (GD iterates, sample points).</summary>
    Markers,
    /// <summary>Segments and markers.</summary>
    LineAndMarkers,
    /// <summary>A staircase: constant until the next x (counts, per-step quantities).</summary>
    Step,
    /// <summary>A dashed line (bounds, predictions, reference curves).</summary>
    DashedLine,
}

/// <summary>One named curve of a figure.</summary>
public sealed class FigureSeries
{
    /// <summary>Creates a series; <paramref name="x"/> and <paramref name="y"/> are copied.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty, or the arrays differ in length or are empty.</exception>
    public FigureSeries(string name, IReadOnlyList<double> x, IReadOnlyList<double> y, SeriesStyle style = SeriesStyle.Line)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("name: a series needs a legend name.", nameof(name));
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count) throw new ArgumentException($"y: series '{name}' has {x.Count} x values but {y.Count} y values.", nameof(y));
        if (x.Count == 0) throw new ArgumentException($"x: series '{name}' is empty.", nameof(x));
        Name = name;
        X = x.ToArray();
        Y = y.ToArray();
        Style = style;
    }

    /// <summary>Legend name.</summary>
    public string Name { get; }
    /// <summary>Abscissae.</summary>
    public double[] X { get; }
    /// <summary>Ordinates. Non-finite points (and non-positive ones on a log axis) are not drawn.</summary>
    public double[] Y { get; }
    /// <summary>How the series is drawn.</summary>
    public SeriesStyle Style { get; }
}

/// <summary>Orientation of a <see cref="FigureLine"/>.</summary>
public enum LineOrientation
{
    /// <summary>A vertical line at x = position (an event time, a predicted stage end).</summary>
    Vertical,
    /// <summary>A horizontal line at y = position (a target value, a bound).</summary>
    Horizontal,
}

/// <summary>A labelled reference line across the plot.</summary>
/// <param name="Orientation">Vertical (x = position) or horizontal (y = position).</param>
/// <param name="Position">Where the line sits, in data units.</param>
/// <param name="Label">Text drawn next to the line, or null.</param>
public sealed record FigureLine(LineOrientation Orientation, double Position, string? Label = null);

/// <summary>A shaded x-interval (a predicted window, a stage), labelled.</summary>
/// <param name="From">Left end, in data units.</param>
/// <param name="To">Right end, in data units (≥ From).</param>
/// <param name="Label">Text drawn in the band, or null.</param>
public sealed record FigureBand(double From, double To, string? Label = null);

/// <summary>
/// A figure described without any plotting library, so claims in the core library can produce figures; the
/// report renders it to SVG and PNG (FlowSim.Reports.FigureRenderer).
/// </summary>
/// <remarks>
/// Typical use inside a claim:
/// <code>
/// var fig = new FigureSpec("reff-plateaus", "Effective rank over GD iterations")
///     { XLabel = "iteration k", YLabel = "r_eff(W(k))", Caption = "… FlowSim's own Â, α, η …" };
/// fig.AddSeries("GD, η = 0.005", k, reff);
/// fig.AddBand(kIn, kOut, "predicted window r = 2");
/// context.AddFigure(fig);
/// </code>
/// </remarks>
public sealed partial class FigureSpec
{
    /// <summary>Creates an empty figure.</summary>
    /// <param name="fileStem">File name without extension: lower-case letters, digits and '-' (the claim id is prefixed when written).</param>
    /// <param name="title">Title drawn above the plot.</param>
    /// <exception cref="ArgumentException"><paramref name="fileStem"/> has other characters, or <paramref name="title"/> is empty.</exception>
    public FigureSpec(string fileStem, string title)
    {
        if (fileStem is null || !StemPattern().IsMatch(fileStem))
            throw new ArgumentException($"fileStem: '{fileStem}' must be lower-case letters, digits and '-' (1–60 characters).", nameof(fileStem));
        if (string.IsNullOrWhiteSpace(title)) throw new ArgumentException("title: a figure needs a title.", nameof(title));
        FileStem = fileStem;
        Title = title;
    }

    /// <summary>File name without extension.</summary>
    public string FileStem { get; }
    /// <summary>Title drawn above the plot.</summary>
    public string Title { get; }
    /// <summary>x-axis title, with units or symbols ("t", "iteration k", "η").</summary>
    public string XLabel { get; init; } = "x";
    /// <summary>y-axis title.</summary>
    public string YLabel { get; init; } = "y";
    /// <summary>Logarithmic x axis.</summary>
    public bool LogX { get; init; }
    /// <summary>Logarithmic y axis.</summary>
    public bool LogY { get; init; }
    /// <summary>Optional fixed axis range; null = automatic.</summary>
    public double? XMin { get; init; }
    /// <inheritdoc cref="XMin"/>
    public double? XMax { get; init; }
    /// <inheritdoc cref="XMin"/>
    public double? YMin { get; init; }
    /// <inheritdoc cref="XMin"/>
    public double? YMax { get; init; }
    /// <summary>
    /// The caption printed under the figure: what it shows, which claim it supports, and which parameters are
    /// FlowSim's own choice rather than the paper's.
    /// </summary>
    public string Caption { get; set; } = "";
    /// <summary>The curves, drawn in order with a fixed colour cycle.</summary>
    public List<FigureSeries> Series { get; } = [];
    /// <summary>Reference lines.</summary>
    public List<FigureLine> Lines { get; } = [];
    /// <summary>Shaded x-intervals.</summary>
    public List<FigureBand> Bands { get; } = [];

    /// <summary>Adds a series and returns this figure.</summary>
    public FigureSpec AddSeries(string name, IReadOnlyList<double> x, IReadOnlyList<double> y, SeriesStyle style = SeriesStyle.Line)
    {
        Series.Add(new FigureSeries(name, x, y, style));
        return this;
    }

    /// <summary>Adds a vertical line at x = <paramref name="x"/> and returns this figure.</summary>
    public FigureSpec AddVerticalLine(double x, string? label = null)
    {
        Lines.Add(new FigureLine(LineOrientation.Vertical, x, label));
        return this;
    }

    /// <summary>Adds a horizontal line at y = <paramref name="y"/> and returns this figure.</summary>
    public FigureSpec AddHorizontalLine(double y, string? label = null)
    {
        Lines.Add(new FigureLine(LineOrientation.Horizontal, y, label));
        return this;
    }

    /// <summary>Adds a shaded x-interval and returns this figure.</summary>
    public FigureSpec AddBand(double from, double to, string? label = null)
    {
        Bands.Add(new FigureBand(from, to, label));
        return this;
    }

    /// <summary>Checks the figure can be drawn.</summary>
    /// <exception cref="ArgumentException">
    /// No series; a series with no drawable point (finite, and positive on a log axis); a line or band at a
    /// non-finite position or outside a log axis' domain; a band with To &lt; From; or an inverted axis range.
    /// </exception>
    public void Validate()
    {
        if (Series.Count == 0) throw new ArgumentException($"Series: figure '{FileStem}' has no series.", nameof(Series));
        foreach (var s in Series)
        {
            bool any = false;
            for (int i = 0; i < s.X.Length && !any; i++) any = Drawable(s.X[i], LogX) && Drawable(s.Y[i], LogY);
            if (!any)
                throw new ArgumentException($"Series: series '{s.Name}' of figure '{FileStem}' has no drawable point (finite{(LogX || LogY ? ", positive on log axes" : "")}).", nameof(Series));
        }
        foreach (var l in Lines)
        {
            bool log = l.Orientation == LineOrientation.Vertical ? LogX : LogY;
            if (!Drawable(l.Position, log))
                throw new ArgumentException($"Lines: line '{l.Label}' of figure '{FileStem}' is at {l.Position}, not drawable on this axis.", nameof(Lines));
        }
        foreach (var b in Bands)
        {
            if (!Drawable(b.From, LogX) || !Drawable(b.To, LogX) || b.To < b.From)
                throw new ArgumentException($"Bands: band '{b.Label}' of figure '{FileStem}' spans [{b.From}, {b.To}], not a drawable interval.", nameof(Bands));
        }
        if (XMin is { } x0 && XMax is { } x1 && !(x1 > x0)) throw new ArgumentException($"XMax: must exceed XMin in figure '{FileStem}'.", nameof(XMax));
        if (YMin is { } y0 && YMax is { } y1 && !(y1 > y0)) throw new ArgumentException($"YMax: must exceed YMin in figure '{FileStem}'.", nameof(YMax));
    }

    /// <summary>Whether a coordinate can be drawn on a linear or logarithmic axis.</summary>
    public static bool Drawable(double v, bool logAxis) => double.IsFinite(v) && (!logAxis || v > 0);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,59}$")]
    private static partial Regex StemPattern();
}

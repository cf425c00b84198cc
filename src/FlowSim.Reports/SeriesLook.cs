using OxyPlot;
using OxyPlot.Series;

namespace FlowSim.Reports;

/// <summary>Dash pattern of a line.</summary>
public enum LineDash
{
    /// <summary>Unbroken.</summary>
    Solid,
    /// <summary>Dashes.</summary>
    Dash,
    /// <summary>Dash and dot.</summary>
    DashDot,
    /// <summary>Dots.</summary>
    Dot,
    /// <summary>Long dashes.</summary>
    LongDash,
}

/// <summary>Marker shape.</summary>
public enum MarkerShape
{
    /// <summary>No marker.</summary>
    None,
    /// <summary>Circle.</summary>
    Circle,
    /// <summary>Square.</summary>
    Square,
    /// <summary>Diamond.</summary>
    Diamond,
    /// <summary>Triangle.</summary>
    Triangle,
    /// <summary>×.</summary>
    Cross,
    /// <summary>+.</summary>
    Plus,
}

/// <summary>
/// How one series is drawn, chosen by the caller instead of by its position: colour (an index into the renderer's
/// colour-blind-safe cycle), line (none, or a dash pattern and width) and marker (hollow, so a line under it stays
/// visible). A run's figures give each dynamics one look in every figure, so overlapping curves stay apart by dash
/// pattern and marker shape even where colours sit on top of each other.
/// </summary>
/// <param name="Colour">Index into the colour cycle (Okabe–Ito: blue, vermillion, bluish green, reddish purple, orange, sky blue, black, yellow).</param>
/// <param name="Line">Draw a line through the points.</param>
/// <param name="Dash">Its dash pattern.</param>
/// <param name="Thickness">Its width in points.</param>
/// <param name="Marker">Marker at every point, or none.</param>
/// <param name="InLegend">List the series in the legend (false for the second and later curves of a group).</param>
/// <param name="EndLabel">Text written at the series' last drawn point (σ1, σ2 … in the singular-value figure), or null.</param>
public sealed record SeriesLook(int Colour, bool Line = true, LineDash Dash = LineDash.Solid, double Thickness = 2, MarkerShape Marker = MarkerShape.None,
    bool InLegend = true, string? EndLabel = null)
{
    // A colour-blind-safe cycle (Okabe–Ito), so curves stay distinguishable in print and for every reader.
    internal static readonly OxyColor[] Palette =
    [
        OxyColor.FromRgb(0, 114, 178), OxyColor.FromRgb(213, 94, 0), OxyColor.FromRgb(0, 158, 115),
        OxyColor.FromRgb(204, 121, 167), OxyColor.FromRgb(230, 159, 0), OxyColor.FromRgb(86, 180, 233),
        OxyColor.FromRgb(0, 0, 0), OxyColor.FromRgb(240, 228, 66),
    ];

    /// <summary>The colour of <see cref="Colour"/>.</summary>
    internal OxyColor OxyColour => Palette[((Colour % Palette.Length) + Palette.Length) % Palette.Length];

    /// <summary>
    /// The dash array of a pattern for a line of that width: lengths in line widths with gaps wide enough that a curve
    /// underneath shows through (OxyPlot's own patterns have gaps of one line width, which read as a solid line of a
    /// mixed colour). Null for a solid line.
    /// </summary>
    internal static double[]? DashArray(LineDash dash, double thickness)
    {
        double[]? widths = dash switch
        {
            LineDash.Dash => [5, 3],
            LineDash.DashDot => [6, 2.5, 1, 2.5],
            LineDash.Dot => [1, 2.2],
            LineDash.LongDash => [10, 4],
            _ => null,
        };
        return widths?.Select(w => Math.Round(w * thickness, 2)).ToArray();
    }

    /// <summary>Draws <paramref name="series"/> this way.</summary>
    internal void ApplyTo(LineSeries series)
    {
        var colour = OxyColour;
        series.Color = Line ? colour : OxyColors.Transparent;
        series.StrokeThickness = Line ? Thickness : 0;
        series.LineStyle = Line ? LineStyle.Solid : LineStyle.None;
        series.Dashes = Line ? DashArray(Dash, Thickness) : null;
        series.MarkerType = Marker switch
        {
            MarkerShape.Circle => MarkerType.Circle,
            MarkerShape.Square => MarkerType.Square,
            MarkerShape.Diamond => MarkerType.Diamond,
            MarkerShape.Triangle => MarkerType.Triangle,
            MarkerShape.Cross => MarkerType.Cross,
            MarkerShape.Plus => MarkerType.Plus,
            _ => MarkerType.None,
        };
        series.MarkerSize = 4;
        series.MarkerFill = OxyColors.White;
        series.MarkerStroke = colour;
        series.MarkerStrokeThickness = 1.6;
        series.RenderInLegend = InLegend;
    }
}

namespace FlowSim.Reports;

/// <summary>
/// One look per dynamics of a run, the same in every figure: colours in dynamics order; ODE dynamics as lines whose
/// dash pattern differs from one flow to the next (the first solid and wide, then thinner dashed, dash-dot, dotted,
/// long-dashed lines with wide gaps), so two flows that coincide still show both; descents as hollow markers of
/// different shapes, no line, drawn on top.
/// </summary>
public static class RunLooks
{
    private static readonly LineDash[] Dashes = [LineDash.Solid, LineDash.Dash, LineDash.DashDot, LineDash.Dot, LineDash.LongDash];
    private static readonly MarkerShape[] Shapes = [MarkerShape.Circle, MarkerShape.Square, MarkerShape.Diamond, MarkerShape.Triangle, MarkerShape.Cross, MarkerShape.Plus];

    /// <summary>The looks of the dynamics in <paramref name="table"/>.</summary>
    public static IReadOnlyDictionary<string, SeriesLook> For(TrajectoryTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var looks = new Dictionary<string, SeriesLook>(StringComparer.Ordinal);
        int flows = 0, descents = 0;
        var names = table.DynamicsNames;
        for (int i = 0; i < names.Count; i++)
        {
            looks[names[i]] = IsDescent(table, names[i])
                ? new SeriesLook(i, Line: false, Marker: Shapes[descents++ % Shapes.Length])
                : new SeriesLook(i, Dash: Dashes[flows % Dashes.Length], Thickness: flows++ == 0 ? 3.2 : 1.8);
        }
        return looks;
    }

    /// <summary>Whether the dynamics of that name is a descent (its rows carry iterates).</summary>
    public static bool IsDescent(TrajectoryTable table, string name)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Rows.Any(r => r.Dynamics == name && r.Iterate is not null);
    }
}

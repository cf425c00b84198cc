using FlowSim.Scenarios.Checks;

namespace FlowSim.Reports;

/// <summary>
/// One dynamics' rows of a <see cref="TrajectoryTable"/> as the checks read records, so that a check's figure is drawn
/// from trajectory.csv — by <c>flowsim run</c> and again by <c>flowsim plot</c> — like every other figure of a run.
/// </summary>
internal sealed class TrajectoryCheckRecords : ICheckRecords
{
    private readonly List<TrajectoryRow> _rows;

    private TrajectoryCheckRecords(IReadOnlyList<string> columns, List<TrajectoryRow> rows)
    {
        Columns = columns;
        _rows = rows;
    }

    /// <summary>The rows of <paramref name="dynamics"/>, or null when the table has none (it did not run or recorded nothing).</summary>
    public static TrajectoryCheckRecords? Of(TrajectoryTable table, string dynamics)
    {
        var rows = table.Rows.Where(r => r.Dynamics == dynamics).ToList();
        return rows.Count == 0 ? null : new TrajectoryCheckRecords(table.Metrics, rows);
    }

    public int Count => _rows.Count;
    public IReadOnlyList<string> Columns { get; }
    public double Time(int record) => _rows[record].Time;
    public double Iterate(int record) => _rows[record].Iterate ?? double.NaN;
    public double Value(int record, int column) => _rows[record].Values[column];
}

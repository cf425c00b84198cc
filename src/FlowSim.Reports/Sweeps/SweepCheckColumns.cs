namespace FlowSim.Reports;

/// <summary>
/// The checks of a sweep as <c>flowsim merge</c> reports them, from each point's summary.json (read once, by
/// <see cref="SweepPointReader"/>): one <c>sweep.csv</c> column per check id (<c>check_&lt;id&gt;</c>) holding the verdict
/// on the row's dynamics (<c>pass</c>, <c>fail</c>, empty when the check does not apply to that dynamics), and the
/// failures of a point for the list of failing points.
/// </summary>
public static class SweepCheckColumns
{
    /// <summary>Prefix of the check columns.</summary>
    public const string Prefix = "check_";

    /// <summary>The column of a check id.</summary>
    public static string ColumnName(string checkId)
    {
        ArgumentNullException.ThrowIfNull(checkId);
        return Prefix + checkId;
    }

    /// <summary>The failed checks of one point's rows, each as <c>id on dynamics (margin m)</c>; empty when all passed.</summary>
    public static IReadOnlyList<string> Failures(IEnumerable<SweepRow> pointRows)
    {
        ArgumentNullException.ThrowIfNull(pointRows);
        return [.. pointRows.SelectMany(row => row.Checks.Where(c => c.Verdict != "pass")
            .Select(c => $"{c.Id} on {row.Dynamics} (margin {CheckSummary.FormatMargin(c.Margin)})"))];
    }
}

namespace FlowSim.Reports;

/// <summary>
/// The checks of a sweep as <c>flowsim merge</c> reports them, from each point's summary.json: one <c>sweep.csv</c>
/// column per check id (<c>check_&lt;id&gt;</c>) holding the verdict on the row's dynamics (<c>pass</c>, <c>fail</c>, empty
/// when the check does not apply to that dynamics), and the failures of a point for the list of failing points.
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

    /// <summary>The checks in a point's summary.json (empty for a run without checks or written before checks existed).</summary>
    /// <exception cref="RunFileException">summary.json is missing or damaged (the message names it).</exception>
    public static IReadOnlyList<CheckSummary> Read(string pointDirectory)
    {
        ArgumentNullException.ThrowIfNull(pointDirectory);
        return FlowSimJson.Read<RunSummary>(Path.Combine(pointDirectory, "summary.json")).Checks ?? [];
    }

    /// <summary>The check columns of one dynamics' row: column name → verdict, for every check that ran on it.</summary>
    public static IReadOnlyDictionary<string, string> Values(IReadOnlyList<CheckSummary>? checks, string dynamics)
    {
        ArgumentNullException.ThrowIfNull(dynamics);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in checks ?? [])
            if (c.Dynamics == dynamics) values[ColumnName(c.Id)] = c.Verdict;
        return values;
    }

    /// <summary>The check columns over all rows, in order of first appearance (check order within a point).</summary>
    public static IReadOnlyList<string> Names(IEnumerable<IReadOnlyDictionary<string, string>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
            foreach (var name in row.Keys)
                if (seen.Add(name)) names.Add(name);
        return names;
    }

    /// <summary>The failed checks of one point, each as <c>id on dynamics (margin m)</c>; empty when all passed.</summary>
    public static IReadOnlyList<string> Failures(IReadOnlyList<CheckSummary>? checks) =>
        [.. (checks ?? []).Where(c => !c.Passed).Select(c => $"{c.Id} on {c.Dynamics} (margin {CheckSummary.FormatMargin(c.Margin)})")];

}

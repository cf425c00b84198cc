using System.Globalization;
using System.Text;
using FlowSim.Scenarios;

namespace FlowSim.Reports;

/// <summary>One dynamics of one finished sweep point, as <c>sweep.csv</c> lists it.</summary>
/// <param name="Point">Point index.</param>
/// <param name="Values">The swept parameters' values at the point, in parameter order.</param>
/// <param name="Dynamics">Dynamics name.</param>
/// <param name="Status">Its status.</param>
/// <param name="FinalTime">Time reached.</param>
/// <param name="FinalLoss">Loss reached.</param>
/// <param name="Last">The last recorded value of every metric column.</param>
public sealed record SweepRow(int Point, IReadOnlyList<string> Values, string Dynamics, string Status, double FinalTime, double FinalLoss,
    IReadOnlyDictionary<string, double> Last)
{
    /// <summary>The verdict of each check on this dynamics (<see cref="SweepCheckColumns"/>).</summary>
    public IReadOnlyDictionary<string, string> Checks { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// What <c>flowsim merge</c> writes: <c>sweep.csv</c> (point, parameter values, dynamics, status, final time, final loss,
/// the last value of every metric, the verdict of every check) and <c>sweep.svg</c> (final loss per dynamics across the sweep).
/// </summary>
public static class SweepSummary
{
    /// <summary>The rows of one finished point directory (its summary.json and trajectory.csv).</summary>
    /// <exception cref="RunFileException">A file is missing or damaged (the message names it).</exception>
    public static IReadOnlyList<SweepRow> ReadPoint(int point, IReadOnlyList<string> values, string pointDirectory)
    {
        var table = TrajectoryTable.Read(Path.Combine(pointDirectory, "trajectory.csv"));
        string json = Path.Combine(pointDirectory, "summary.json");
        var summary = FlowSimJson.Read<RunSummary>(json);
        if (summary.Dynamics is null) throw new RunFileException(json, $"{json}: not a FlowSim summary (no dynamics)");
        var rows = new List<SweepRow>();
        foreach (var d in summary.Dynamics)
        {
            var last = new Dictionary<string, double>(StringComparer.Ordinal);
            if (table.Rows.LastOrDefault(r => r.Dynamics == d.Name) is { Values: not null } lastRow)
                for (int c = 0; c < table.Metrics.Count; c++) last[table.Metrics[c]] = lastRow.Values[c];
            rows.Add(new SweepRow(point, values, d.Name, d.Status, d.FinalTime, d.FinalLoss, last) { Checks = SweepCheckColumns.Values(summary.Checks, d.Name) });
        }
        return rows;
    }

    /// <summary>The text of sweep.csv (LF line ends, invariant numbers).</summary>
    public static string Csv(IReadOnlyList<string> parameterPaths, IReadOnlyList<SweepRow> rows)
    {
        var metrics = rows.SelectMany(r => r.Last.Keys).Distinct().ToList();
        var sb = new StringBuilder();
        sb.Append("point,").Append(string.Join(',', parameterPaths.Select(Quote))).Append(",dynamics,status,final_time,final_loss");
        foreach (var m in metrics) sb.Append(",last_").Append(m);
        var checks = SweepCheckColumns.Names(rows.Select(r => r.Checks));
        foreach (var c in checks) sb.Append(',').Append(c);
        sb.Append('\n');
        foreach (var r in rows)
        {
            sb.Append(r.Point.ToString(CultureInfo.InvariantCulture)).Append(',').Append(string.Join(',', r.Values.Select(Quote)))
              .Append(',').Append(r.Dynamics).Append(',').Append(r.Status).Append(',')
              .Append(ScenarioNode.FormatNumber(r.FinalTime)).Append(',').Append(ScenarioNode.FormatNumber(r.FinalLoss));
            foreach (var m in metrics) sb.Append(',').Append(r.Last.TryGetValue(m, out double v) ? ScenarioNode.FormatNumber(v) : "");
            foreach (var c in checks) sb.Append(',').Append(r.Checks.GetValueOrDefault(c, ""));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>The SVG of sweep.svg: final loss per dynamics against the single swept parameter (when every value of it
    /// is a number) or against the point index.</summary>
    public static string Figure(IReadOnlyList<string> parameterPaths, IReadOnlyList<SweepRow> rows)
    {
        bool numeric = parameterPaths.Count == 1 && rows.All(r => IsNumber(r.Values[0]));
        double X(SweepRow r) => numeric ? double.Parse(r.Values[0], CultureInfo.InvariantCulture) : r.Point;
        var series = rows.Select(r => r.Dynamics).Distinct().Select(d =>
        {
            var points = rows.Where(r => r.Dynamics == d).Select(r => (X: X(r), r.FinalLoss)).OrderBy(p => p.X).ToList();
            return new ChartSeries(d, [.. points.Select(p => p.X)], [.. points.Select(p => p.FinalLoss)]);
        }).ToList();
        return LineChart.RenderSvg(new FigureRenderer(), "final loss across the sweep", numeric ? parameterPaths[0] : "point", "final loss", series, logY: true);
    }

    private static bool IsNumber(string s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static string Quote(string s) => s.Contains(',') || s.Contains('"') ? $"\"{s.Replace("\"", "\"\"")}\"" : s;
}

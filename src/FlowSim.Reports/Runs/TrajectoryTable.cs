using System.Globalization;
using System.Text;
using FlowSim.Scenarios;

namespace FlowSim.Reports;

/// <summary>One row of <c>trajectory.csv</c>: dynamics name, time, descent iterate (null for ODE dynamics), metric values.</summary>
public readonly record struct TrajectoryRow(string Dynamics, double Time, long? Iterate, double[] Values);

/// <summary>
/// The contents of <c>trajectory.csv</c> in long ("tidy") form: one row per record of each dynamics, with columns
/// <c>dynamics,time,iterate,&lt;metric…&gt;</c>; <c>iterate</c> is the descent iterate k and empty for ODE dynamics.
/// Numbers use the invariant round-trip format, so equal runs give equal bytes.
/// </summary>
public sealed class TrajectoryTable
{
    /// <summary>The fixed leading columns.</summary>
    public static readonly IReadOnlyList<string> LeadingColumns = ["dynamics", "time", "iterate"];

    /// <summary>A table with these metric columns and no rows.</summary>
    public TrajectoryTable(IReadOnlyList<string> metrics) => Metrics = metrics;

    /// <summary>Metric column names.</summary>
    public IReadOnlyList<string> Metrics { get; }
    /// <summary>The rows, dynamics after dynamics.</summary>
    public List<TrajectoryRow> Rows { get; } = [];

    /// <summary>Dynamics names in first-appearance order.</summary>
    public IReadOnlyList<string> DynamicsNames => [.. Rows.Select(r => r.Dynamics).Distinct()];

    /// <summary>The table of a finished run.</summary>
    public static TrajectoryTable From(ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var table = new TrajectoryTable(result.Columns);
        foreach (var d in result.Dynamics)
        {
            for (int i = 0; i < d.Records.Count; i++)
                table.Rows.Add(new TrajectoryRow(d.Name, d.Records.Times[i], d.Records.Iterations[i], d.Records.Rows[i]));
            // A descent that tracked its sharpness: its second-order midpoints as a series of their own.
            if (d.Midpoints is { } m)
                for (int i = 0; i < m.Count; i++) table.Rows.Add(new TrajectoryRow(MidpointSeries(d.Name), m.Times[i], m.Iterations[i], m.Rows[i]));
        }
        return table;
    }

    /// <summary>The <c>dynamics</c> value of the rows of a descent's second-order midpoints: "<paramref name="descent"/> (midpoints)".</summary>
    public static string MidpointSeries(string descent) => $"{descent} (midpoints)";

    /// <summary>CSV text (LF line ends).</summary>
    public string ToCsv()
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(',', LeadingColumns.Concat(Metrics))).Append('\n');
        foreach (var (d, t, k, values) in Rows)
        {
            sb.Append(d).Append(',').Append(ScenarioNode.FormatNumber(t)).Append(',');
            if (k is { } iterate) sb.Append(iterate.ToString(CultureInfo.InvariantCulture));
            foreach (var v in values) sb.Append(',').Append(ScenarioNode.FormatNumber(v));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Reads a <c>trajectory.csv</c> written by <see cref="ToCsv"/>, every number parsed with the invariant
    /// culture. The file must be a regular file of at most <see cref="InputFile.MaxRunFileBytes"/> ending with a line end,
    /// the header unique, each dynamics' rows together and their times finite and non-decreasing.</summary>
    /// <exception cref="RunFileException">The file is unreadable or malformed (the message names the file and line).</exception>
    public static TrajectoryTable Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text = RunFiles.ReadText(path);
        var lines = text.Split('\n');
        // Every row ends with a line end: a file cut inside its last row may still parse (a shortened number).
        if (!text.EndsWith('\n'))
            throw new RunFileException(path, $"{path}: line {lines.Length}: the last row has no line end (a truncated file?)");
        var header = lines[0].TrimEnd('\r').Split(',');
        if (header.Length < 3 || !header.Take(3).SequenceEqual(LeadingColumns))
            throw new RunFileException(path, $"{path}: line 1: expected the header to start with dynamics,time,iterate");
        if (header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1 || g.Key.Length == 0) is { } bad)
            throw new RunFileException(path, $"{path}: line 1: column '{bad.Key}' is empty or repeated");
        var table = new TrajectoryTable(header[3..]);
        var started = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 1; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (line.Length == 0) continue;
            int number = i + 1;
            var cells = line.Split(',');
            if (cells.Length != header.Length)
                throw new RunFileException(path, $"{path}: line {number}: expected {header.Length} values, got {cells.Length}");
            var values = new double[cells.Length - 3];
            for (int j = 0; j < values.Length; j++) values[j] = Number(cells[j + 3], path, number, header[j + 3]);
            long? k = cells[2].Length == 0 ? null
                : long.TryParse(cells[2], NumberStyles.None, CultureInfo.InvariantCulture, out long kv) ? kv
                : throw new RunFileException(path, $"{path}: line {number}: iterate: not an iterate count ('{cells[2]}')");
            double time = Number(cells[1], path, number, "time");
            if (!double.IsFinite(time)) throw new RunFileException(path, $"{path}: line {number}: time: must be finite (got '{cells[1]}')");
            string dynamics = cells[0];
            if (dynamics.Length == 0) throw new RunFileException(path, $"{path}: line {number}: dynamics: empty name");
            if (table.Rows.Count == 0 || table.Rows[^1].Dynamics != dynamics)
            {
                if (!started.Add(dynamics)) throw new RunFileException(path, $"{path}: line {number}: rows of '{dynamics}' are split by others");
            }
            else if (time < table.Rows[^1].Time)
                throw new RunFileException(path, $"{path}: line {number}: time {cells[1]} is before the previous row's");
            table.Rows.Add(new TrajectoryRow(dynamics, time, k, values));
        }
        return table;
    }

    private static double Number(string s, string path, int line, string column) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v
        : throw new RunFileException(path, $"{path}: line {line}: {column}: not a number ('{s}')");
}

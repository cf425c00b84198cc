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

    /// <summary>Reads a <c>trajectory.csv</c> written by <see cref="ToCsv"/>.</summary>
    /// <exception cref="RunFileException">The file is unreadable or malformed (the message names the file and line).</exception>
    public static TrajectoryTable Read(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RunFileException(path, $"{path}: cannot read ({ex.Message})");
        }
        if (lines.Length == 0) throw new RunFileException(path, $"{path}: empty file");
        var header = lines[0].Split(',');
        if (header.Length < 3 || !header.Take(3).SequenceEqual(LeadingColumns))
            throw new RunFileException(path, $"{path}: line 1: expected the header to start with dynamics,time,iterate");
        var table = new TrajectoryTable(header[3..]);
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var cells = lines[i].Split(',');
            if (cells.Length != header.Length)
                throw new RunFileException(path, $"{path}: line {i + 1}: expected {header.Length} values, got {cells.Length}");
            var values = new double[cells.Length - 3];
            for (int j = 0; j < values.Length; j++) values[j] = Number(cells[j + 3], path, i + 1);
            long? k = cells[2].Length == 0 ? null
                : long.TryParse(cells[2], NumberStyles.None, CultureInfo.InvariantCulture, out long kv) ? kv
                : throw new RunFileException(path, $"{path}: line {i + 1}: not an iterate ('{cells[2]}')");
            table.Rows.Add(new TrajectoryRow(cells[0], Number(cells[1], path, i + 1), k, values));
        }
        return table;
    }

    private static double Number(string s, string path, int line) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v
        : throw new RunFileException(path, $"{path}: line {line}: not a number ('{s}')");
}

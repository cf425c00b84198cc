using System.Globalization;
using System.Text;
using FlowSim.Scenarios;

namespace FlowSim.Reports;

/// <summary>One row of <c>distances.csv</c>: ‖θ_k − θ(kη)‖ of a descent against a flow at iterate k.</summary>
/// <param name="Descent">Descent name.</param>
/// <param name="Flow">ODE dynamics name.</param>
/// <param name="Iterate">k.</param>
/// <param name="Time">kη.</param>
/// <param name="Distance">‖θ_k − θ(kη)‖₂.</param>
/// <param name="RelativeDistance">‖θ_k − θ(kη)‖₂ / ‖θ(kη)‖₂.</param>
public readonly record struct DistanceRow(string Descent, string Flow, long Iterate, double Time, double Distance, double RelativeDistance);

/// <summary>
/// <c>distances.csv</c> of a run: for every descent/flow pair of <see cref="ScenarioResult.Comparisons"/>, the distance
/// at every iterate the descent kept (<see cref="ScenarioComparison.Comparison"/>; a descent's second-order midpoints under
/// the name <see cref="TrajectoryTable.MidpointSeries"/>), with columns
/// <c>descent,flow,iterate,time,distance,relative_distance</c>. The run report's distance figure is drawn from it.
/// </summary>
public sealed class DistanceTable
{
    /// <summary>The header line.</summary>
    public const string Header = "descent,flow,iterate,time,distance,relative_distance";

    /// <summary>The rows, pair after pair.</summary>
    public List<DistanceRow> Rows { get; } = [];

    /// <summary>The pairs, in first-appearance order.</summary>
    public IReadOnlyList<(string Descent, string Flow)> Pairs => [.. Rows.Select(r => (r.Descent, r.Flow)).Distinct()];

    /// <summary>The table of a finished run.</summary>
    public static DistanceTable From(ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var table = new DistanceTable();
        foreach (var c in result.Comparisons)
        {
            var d = c.Comparison;
            // The midpoints are a series of their own (as in trajectory.csv), so that their rows never join the iterates'.
            string descent = c.Iterates == ScenarioComparison.MidpointIterates ? TrajectoryTable.MidpointSeries(c.Descent) : c.Descent;
            for (int i = 0; i < d.Count; i++)
                table.Rows.Add(new DistanceRow(descent, c.Flow, d.Iterations[i], d.Times[i], d.AbsoluteDistance[i], d.RelativeDistance[i]));
        }
        return table;
    }

    /// <summary>CSV text (LF line ends, invariant round-trip numbers).</summary>
    public string ToCsv()
    {
        var sb = new StringBuilder(Header).Append('\n');
        foreach (var r in Rows)
            sb.Append(r.Descent).Append(',').Append(r.Flow).Append(',').Append(r.Iterate.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(ScenarioNode.FormatNumber(r.Time)).Append(',').Append(ScenarioNode.FormatNumber(r.Distance)).Append(',')
              .Append(ScenarioNode.FormatNumber(r.RelativeDistance)).Append('\n');
        return sb.ToString();
    }

    /// <summary>Reads a <c>distances.csv</c> written by <see cref="ToCsv"/>.</summary>
    /// <exception cref="RunFileException">The file is unreadable or malformed (the message names the file and line).</exception>
    public static DistanceTable Read(string path)
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
        if (lines.Length == 0 || lines[0] != Header) throw new RunFileException(path, $"{path}: line 1: expected the header {Header}");
        var table = new DistanceTable();
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var cells = lines[i].Split(',');
            if (cells.Length != 6) throw new RunFileException(path, $"{path}: line {i + 1}: expected 6 values, got {cells.Length}");
            if (!long.TryParse(cells[2], NumberStyles.None, CultureInfo.InvariantCulture, out long k))
                throw new RunFileException(path, $"{path}: line {i + 1}: not an iterate ('{cells[2]}')");
            table.Rows.Add(new DistanceRow(cells[0], cells[1], k, Number(cells[3], path, i + 1), Number(cells[4], path, i + 1), Number(cells[5], path, i + 1)));
        }
        return table;
    }

    private static double Number(string s, string path, int line) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v
        : throw new RunFileException(path, $"{path}: line {line}: not a number ('{s}')");
}

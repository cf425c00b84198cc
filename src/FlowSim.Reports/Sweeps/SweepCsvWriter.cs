using System.Globalization;
using System.Text;
using FlowSim.Scenarios;

namespace FlowSim.Reports;

/// <summary>
/// Streams the rows of <c>sweep.csv</c> into a hidden spill file beside the target while it learns the columns — each
/// metric's last value (<c>last_&lt;metric&gt;</c>) and each check's verdict (<c>check_&lt;id&gt;</c>), their union in
/// first-appearance order — then writes the header and the rows. A row written before a later point added a column gets
/// empty cells for it. Memory does not grow with the number of points: only where the column count
/// changed is kept.
/// </summary>
internal sealed class SweepCsvWriter : IDisposable
{
    private static readonly UTF8Encoding Utf8NoBom = new(false);
    private readonly IReadOnlyList<string> _paths;
    private readonly List<string> _metrics = [];   // column names: "last_<metric>" or "check_<id>"
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly List<(long FirstRow, int Metrics)> _widths = [];
    private readonly FileStream _spill;
    private readonly StreamWriter _body;
    private readonly StringBuilder _line = new();
    private long _rows;

    public SweepCsvWriter(IReadOnlyList<string> parameterPaths, string directory)
    {
        _paths = parameterPaths;
        string spill = Path.Combine(directory, $".sweep.csv.rows-{Guid.NewGuid():N}");
        _spill = new FileStream(spill, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        _body = new StreamWriter(_spill, Utf8NoBom, 1 << 16, leaveOpen: true) { NewLine = "\n" };
    }

    public void Add(SweepRow row)
    {
        foreach (var (metric, _) in row.Final)
            if (_known.Add(MetricColumn(metric))) _metrics.Add(MetricColumn(metric));
        foreach (var check in row.Checks)
            if (_known.Add(SweepCheckColumns.ColumnName(check.Id))) _metrics.Add(SweepCheckColumns.ColumnName(check.Id));
        if (_widths.Count == 0 || _widths[^1].Metrics != _metrics.Count) _widths.Add((_rows, _metrics.Count));
        _line.Clear();
        _line.Append(row.Point.ToString(CultureInfo.InvariantCulture));
        foreach (var v in row.Values) _line.Append(',').Append(Quote(v));
        _line.Append(',').Append(Quote(row.Dynamics)).Append(',').Append(Quote(row.Status)).Append(',')
             .Append(ScenarioNode.FormatNumber(row.FinalTime)).Append(',').Append(ScenarioNode.FormatNumber(row.FinalLoss));
        foreach (var column in _metrics)
        {
            _line.Append(',');
            if (column.StartsWith(SweepCheckColumns.Prefix, StringComparison.Ordinal))
            {
                foreach (var check in row.Checks)
                    if (SweepCheckColumns.ColumnName(check.Id) == column) { _line.Append(check.Verdict); break; }
            }
            else
            {
                foreach (var (m, v) in row.Final)
                    if (MetricColumn(m) == column) { _line.Append(ScenarioNode.FormatNumber(v)); break; }
            }
        }
        _line.Append('\n');
        _body.Write(_line);
        _rows++;
    }

    /// <summary>Header, then every row padded to the final column count.</summary>
    public void WriteTo(Stream output)
    {
        _body.Flush();
        var header = new StringBuilder("point");
        foreach (var p in _paths) header.Append(',').Append(Quote(p));
        header.Append(",dynamics,status,final_time,final_loss");
        foreach (var m in _metrics) header.Append(',').Append(Quote(m));
        header.Append('\n');
        output.Write(Utf8NoBom.GetBytes(header.ToString()));
        _spill.Position = 0;
        if (_widths.Count <= 1 || _widths.All(w => w.Metrics == _metrics.Count))
        {
            _spill.CopyTo(output);
            return;
        }
        using var reader = new StreamReader(_spill, Utf8NoBom, false, 1 << 16, leaveOpen: true);
        using var writer = new StreamWriter(output, Utf8NoBom, 1 << 16, leaveOpen: true);
        int segment = 0;
        bool quoted = false;
        long row = 0;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            if (c == '"') quoted = !quoted;
            if (c != '\n' || quoted)
            {
                writer.Write((char)c);
                continue;
            }
            while (segment + 1 < _widths.Count && _widths[segment + 1].FirstRow <= row) segment++;
            for (int i = _widths[segment].Metrics; i < _metrics.Count; i++) writer.Write(',');
            writer.Write('\n');
            row++;
        }
    }

    public void Dispose()
    {
        _body.Dispose();
        _spill.Dispose();
    }

    private static string MetricColumn(string metric) => "last_" + metric;

    /// <summary>A CSV cell: quoted when it holds a comma, a quote or a line break.</summary>
    internal static string Quote(string s) =>
        s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? $"\"{s.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : s;
}

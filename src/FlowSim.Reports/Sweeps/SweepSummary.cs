using System.Globalization;

namespace FlowSim.Reports;

/// <summary>
/// What <c>flowsim merge</c> writes, fed point by point in grid order: <c>sweep.csv</c> (point, parameter values,
/// dynamics, status, final time, final loss, the last value of every metric) and <c>sweep.svg</c> (final loss per
/// dynamics across the sweep). The rows stream to disk as they come; only the figure's two numbers per row stay in memory.
/// </summary>
/// <example>
/// <code>
/// using var merged = new SweepSummary(["dynamics[1].eta"], "sweeps/deep");
/// merged.Add(SweepPointReader.Read("sweeps/deep/point-0000", 0, ["dynamics[1].eta"], ["0.05"]));
/// merged.Write();
/// </code>
/// </example>
public sealed class SweepSummary : IDisposable
{
    /// <summary>The merged table.</summary>
    public const string CsvFile = "sweep.csv";
    /// <summary>The merged figure.</summary>
    public const string FigureFile = "sweep.svg";

    private readonly IReadOnlyList<string> _paths;
    private readonly string _directory;
    private readonly SweepCsvWriter _csv;
    private readonly List<(string Dynamics, List<(int Point, double Value, double Loss)> Points)> _figure = [];
    private bool _numeric;

    /// <summary>Starts a merge whose files go into <paramref name="outputDirectory"/> (which must exist).</summary>
    /// <exception cref="IOException">The spill file cannot be created there.</exception>
    public SweepSummary(IReadOnlyList<string> parameterPaths, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(parameterPaths);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        _paths = parameterPaths;
        _directory = outputDirectory;
        _numeric = parameterPaths.Count == 1;
        _csv = new SweepCsvWriter(parameterPaths, outputDirectory);
    }

    /// <summary>Points added so far.</summary>
    public int Points { get; private set; }

    /// <summary>Adds the rows of one point (from <see cref="SweepPointReader.Read"/>); points come in grid order.</summary>
    public void Add(IReadOnlyList<SweepRow> pointRows)
    {
        ArgumentNullException.ThrowIfNull(pointRows);
        foreach (var row in pointRows)
        {
            _csv.Add(row);
            double value = double.NaN;
            if (_numeric && !double.TryParse(row.Values[0], NumberStyles.Float, CultureInfo.InvariantCulture, out value)) _numeric = false;
            var series = _figure.Find(f => f.Dynamics == row.Dynamics).Points;
            if (series is null) _figure.Add((row.Dynamics, series = []));
            series.Add((row.Point, value, row.FinalLoss));
        }
        Points++;
    }

    /// <summary>Writes sweep.csv and sweep.svg, each atomically.</summary>
    /// <exception cref="IOException">A file cannot be written; the earlier file (if any) is unchanged.</exception>
    public void Write()
    {
        AtomicFile.Write(Path.Combine(_directory, CsvFile), _csv.WriteTo);
        AtomicFile.WriteAllText(Path.Combine(_directory, FigureFile), Figure());
    }

    /// <summary>The SVG of sweep.svg: final loss per dynamics against the single swept parameter (when every value of it
    /// is a number) or against the point index.</summary>
    public string Figure()
    {
        var series = _figure.Select(f =>
        {
            var points = _numeric ? [.. f.Points.OrderBy(p => p.Value)] : f.Points;
            return new ChartSeries(f.Dynamics, [.. points.Select(p => _numeric ? p.Value : p.Point)], [.. points.Select(p => p.Loss)]);
        }).ToList();
        return LineChart.RenderSvg(new FigureRenderer(), "final loss across the sweep", _numeric ? _paths[0] : "point", "final loss", series, logY: true);
    }

    /// <summary>Deletes the spill file.</summary>
    public void Dispose() => _csv.Dispose();
}

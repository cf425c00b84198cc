namespace FlowSim.Scenarios.Checks;

/// <summary>
/// One dynamics' records as the checks read them: time, descent iterate, and the metric columns by their trajectory
/// names (<c>loss</c>, <c>effective_rank</c>, <c>sv1</c>, …). The runner fills one per dynamics
/// (<see cref="CheckRecordTable"/> is a ready implementation); the evaluator reads it by index, so reading a record
/// neither allocates nor looks a name up.
/// </summary>
public interface ICheckRecords
{
    /// <summary>Number of records, in time order.</summary>
    int Count { get; }

    /// <summary>Column names (trajectory naming: <c>-</c> written <c>_</c>, singular values <c>sv1</c> … <c>svr</c>).</summary>
    IReadOnlyList<string> Columns { get; }

    /// <summary>Time of record <paramref name="record"/>.</summary>
    double Time(int record);

    /// <summary>Descent iterate k of record <paramref name="record"/>; NaN for dynamics without iterates.</summary>
    double Iterate(int record);

    /// <summary>Value of column <paramref name="column"/> (an index into <see cref="Columns"/>) at record <paramref name="record"/>.</summary>
    double Value(int record, int column);
}

/// <summary>A growable <see cref="ICheckRecords"/>: one row of metric values per record.</summary>
public sealed class CheckRecordTable : ICheckRecords
{
    private readonly List<double> _times = [];
    private readonly List<double> _iterates = [];
    private readonly List<double> _values = [];

    /// <summary>An empty table with these metric columns.</summary>
    /// <param name="columns">Column names in trajectory naming, distinct.</param>
    /// <exception cref="ArgumentException">A column name is repeated.</exception>
    public CheckRecordTable(IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Distinct(StringComparer.Ordinal).Count() != columns.Count)
            throw new ArgumentException($"columns: names must be distinct (got {string.Join(", ", columns)}).", nameof(columns));
        Columns = [.. columns];
    }

    /// <inheritdoc/>
    public int Count => _times.Count;

    /// <inheritdoc/>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Appends a record.</summary>
    /// <param name="time">Its time (records must be added in time order).</param>
    /// <param name="iterate">Its descent iterate, or null for dynamics without iterates.</param>
    /// <param name="values">One value per column, in <see cref="Columns"/> order.</param>
    /// <exception cref="ArgumentException"><paramref name="values"/> has the wrong length, or <paramref name="time"/> is
    /// NaN or earlier than the previous record's.</exception>
    public void Add(double time, long? iterate, ReadOnlySpan<double> values)
    {
        if (values.Length != Columns.Count)
            throw new ArgumentException($"values: expected {Columns.Count} values ({string.Join(", ", Columns)}), got {values.Length}.", nameof(values));
        if (double.IsNaN(time) || (_times.Count > 0 && time < _times[^1]))
            throw new ArgumentException($"time: records must be added in time order (got {time} after {(_times.Count > 0 ? _times[^1] : double.NaN)}).", nameof(time));
        _times.Add(time);
        _iterates.Add(iterate ?? double.NaN);
        foreach (var v in values) _values.Add(v);
    }

    /// <inheritdoc/>
    public double Time(int record) => _times[record];

    /// <inheritdoc/>
    public double Iterate(int record) => _iterates[record];

    /// <inheritdoc/>
    public double Value(int record, int column) => _values[record * Columns.Count + column];
}

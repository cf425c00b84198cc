namespace FlowSim.Scenarios;

/// <summary>
/// The records of one dynamics: for each, its time t, the descent iterate k (null for ODE dynamics), the state θ and
/// every recorded metric, addressable by column name (<c>loss</c>, <c>effective_rank</c> or <c>effective-rank</c>,
/// <c>sv1</c>).
/// </summary>
public sealed class DynamicsRecords
{
    private readonly List<double> _times = [];
    private readonly List<long?> _iterations = [];
    private readonly List<double[]> _states = [];
    private readonly List<double[]> _rows = [];
    private readonly Dictionary<string, int> _columnIndex;

    internal DynamicsRecords(IReadOnlyList<string> columns)
    {
        Columns = columns;
        _columnIndex = columns.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
    }

    /// <summary>Metric column names, in output order.</summary>
    public IReadOnlyList<string> Columns { get; }
    /// <summary>Number of records.</summary>
    public int Count => _times.Count;
    /// <summary>Record times.</summary>
    public IReadOnlyList<double> Times => _times;
    /// <summary>Descent iterate k of each record (t = kη); null for ODE dynamics.</summary>
    public IReadOnlyList<long?> Iterations => _iterations;
    /// <summary>The recorded states θ (shared with the solver's result: do not modify).</summary>
    public IReadOnlyList<double[]> States => _states;
    /// <summary>Metric values of each record, in <see cref="Columns"/> order.</summary>
    public IReadOnlyList<double[]> Rows => _rows;

    /// <summary>Whether a column of that name (either spelling) was recorded.</summary>
    public bool Has(string column) => _columnIndex.ContainsKey(ScenarioMetric.ColumnName(column));

    /// <summary>The values of one column over all records.</summary>
    /// <exception cref="ArgumentException">No such column (the message lists the recorded ones).</exception>
    public double[] Values(string column)
    {
        int c = Index(column);
        return [.. _rows.Select(r => r[c])];
    }

    /// <summary>The value of one column at record <paramref name="record"/>.</summary>
    /// <exception cref="ArgumentException">No such column.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="record"/> is not a record index.</exception>
    public double Value(string column, int record) => _rows[record][Index(column)];

    internal void Add(double time, long? iteration, double[] state, double[] row)
    {
        _times.Add(time);
        _iterations.Add(iteration);
        _states.Add(state);
        _rows.Add(row);
    }

    private int Index(string column) =>
        _columnIndex.TryGetValue(ScenarioMetric.ColumnName(column), out int c) ? c
        : throw new ArgumentException($"column: '{column}' was not recorded (recorded: {string.Join(", ", Columns)}).", nameof(column));
}

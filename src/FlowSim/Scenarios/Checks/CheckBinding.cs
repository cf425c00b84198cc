namespace FlowSim.Scenarios.Checks;

/// <summary>
/// A check bound to one dynamics' records: the value array its expressions read, with the constants, η and the
/// first values filled once, and the (slot, column) pairs copied per record; another dynamics' values come from its
/// record of the same time, found by a pointer that only moves forward. Loading a record allocates nothing.
/// </summary>
internal sealed class CheckBinding
{
    private readonly CheckSpec _check;
    private readonly Func<double[], double> _measured;
    private readonly Func<double[], double>? _bound;
    private readonly ICheckRecords _records;
    private readonly double[] _values;
    private readonly int[] _metricSlots;
    private readonly int[] _metricColumns;
    private readonly int _timeSlot = -1, _iterateSlot = -1;
    private readonly double _from, _to;
    private readonly ICheckRecords?[] _others;      // per referenced dynamics; null: it has no records (values NaN)
    private readonly int[] _otherPointer;           // per referenced dynamics: first record not before the last time looked up
    private readonly int[] _otherRecord;            // per referenced dynamics: the record aligned with the loaded one, −1 if none
    private readonly int[] _otherSlots, _otherColumns, _otherSource;

    /// <exception cref="ArgumentException">The check does not apply to the dynamics, uses a variable that is null for
    /// it, or needs a column the records lack; or it reads another dynamics and <paramref name="others"/> is null.</exception>
    public CheckBinding(CheckSpec check, DynamicsSpec dynamics, ICheckRecords records, Func<string, ICheckRecords?>? others)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(dynamics);
        ArgumentNullException.ThrowIfNull(records);
        if (!check.Dynamics.Contains(dynamics.Name))
            throw new ArgumentException($"dynamics: check '{check.Id}' does not apply to '{dynamics.Name}' (it applies to {string.Join(", ", check.Dynamics)}).", nameof(dynamics));
        _check = check;
        _records = records;
        _measured = check.Measured.Function;
        _bound = check.Bound?.Function;
        var variables = check.Variables;
        int size = 1;
        foreach (var v in variables) size = Math.Max(size, v.Slot + 1);
        _values = new double[size];
        var slots = new List<int>();
        var columns = new List<int>();
        var referenced = check.ReferencedDynamics.ToList();
        if (referenced.Count > 0 && others is null)
            throw new ArgumentException($"others: check '{check.Id}' reads {string.Join(", ", referenced)}; pass their records.", nameof(others));
        _others = [.. referenced.Select(name => others!(name))];
        _otherPointer = new int[referenced.Count];
        _otherRecord = new int[referenced.Count];
        var otherSlots = new List<int>();
        var otherColumns = new List<int>();
        var otherSource = new List<int>();
        foreach (var v in variables.Where(v => v.Dynamics is not null))
        {
            int source = referenced.IndexOf(v.Dynamics!);
            var table = _others[source];
            int column = table is null ? -1 : ColumnIndex(table, v, v.Dynamics!);
            if (v.Source == CheckVariableSource.FirstValue)
                _values[v.Slot] = table is { Count: > 0 } ? table.Value(0, column) : double.NaN;
            else
            {
                otherSlots.Add(v.Slot);
                otherColumns.Add(column);
                otherSource.Add(source);
            }
        }
        _otherSlots = [.. otherSlots];
        _otherColumns = [.. otherColumns];
        _otherSource = [.. otherSource];
        foreach (var v in variables.Where(v => v.Dynamics is null))
        {
            if (!CheckEnvironment.HasValue(v, dynamics))
                throw new ArgumentException($"dynamics: check '{check.Id}' uses '{v.Name}', which is null for {dynamics.Type} '{dynamics.Name}'.", nameof(dynamics));
            switch (v.Source)
            {
                case CheckVariableSource.Time: _timeSlot = v.Slot; break;
                case CheckVariableSource.Iterate: _iterateSlot = v.Slot; break;
                case CheckVariableSource.StepSize: _values[v.Slot] = dynamics.Eta; break;
                case CheckVariableSource.Constant: _values[v.Slot] = v.Value; break;
                case CheckVariableSource.Metric:
                    slots.Add(v.Slot);
                    columns.Add(ColumnIndex(records, v, dynamics.Name));
                    break;
                case CheckVariableSource.FirstValue:
                    _values[v.Slot] = records.Count > 0 ? records.Value(0, ColumnIndex(records, v, dynamics.Name)) : double.NaN;
                    break;
            }
        }
        _metricSlots = [.. slots];
        _metricColumns = [.. columns];
        // Record times such as k·η carry rounding (3·0.1 > 0.3): a window edge admits records within 1e-9 relative.
        _from = check.From - 1e-9 * Math.Max(1, Math.Abs(check.From));
        _to = double.IsPositiveInfinity(check.To) ? check.To : check.To + 1e-9 * Math.Max(1, Math.Abs(check.To));
    }

    /// <summary>Whether record <paramref name="record"/> lies in the check's time window.</summary>
    public bool InWindow(int record)
    {
        double t = _records.Time(record);
        return t >= _from && t <= _to;
    }

    /// <summary>Copies record <paramref name="record"/>'s time, iterate and metric values into the value array.</summary>
    public void Load(int record)
    {
        if (_timeSlot >= 0) _values[_timeSlot] = _records.Time(record);
        if (_iterateSlot >= 0) _values[_iterateSlot] = _records.Iterate(record);
        for (int j = 0; j < _metricSlots.Length; j++) _values[_metricSlots[j]] = _records.Value(record, _metricColumns[j]);
        if (_otherSlots.Length == 0) return;
        double t = _records.Time(record), slack = 1e-9 * Math.Max(1, Math.Abs(t));
        for (int s = 0; s < _others.Length; s++)
        {
            _otherRecord[s] = -1;
            if (_others[s] is not { } other) continue;
            int p = _otherPointer[s];
            while (p < other.Count && other.Time(p) < t - slack) p++;
            _otherPointer[s] = p;
            if (p < other.Count && other.Time(p) <= t + slack) _otherRecord[s] = p;
        }
        for (int j = 0; j < _otherSlots.Length; j++)
        {
            int s = _otherSource[j], r = _otherRecord[s];
            _values[_otherSlots[j]] = r < 0 ? double.NaN : _others[s]!.Value(r, _otherColumns[j]);
        }
    }

    /// <summary>The measured expression at the loaded record.</summary>
    public double Measured() => _measured(_values);

    /// <summary>The bound expression at the loaded record (NaN for the monotone kinds).</summary>
    public double Bound() => _bound is null ? double.NaN : _bound(_values);

    private int ColumnIndex(ICheckRecords records, CheckVariable v, string dynamics)
    {
        for (int c = 0; c < records.Columns.Count; c++)
            if (records.Columns[c] == v.Column) return c;
        throw new ArgumentException(
            $"records: check '{_check.Id}' needs column '{v.Column}' (metric {v.Metric}), which the records of '{dynamics}' lack (columns: {string.Join(", ", records.Columns)}).", "records");
    }
}

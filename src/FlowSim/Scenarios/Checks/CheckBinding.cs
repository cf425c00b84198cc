namespace FlowSim.Scenarios.Checks;

/// <summary>
/// A check bound to one dynamics' records: the value array its expressions read, with the constants, η and the
/// first values filled once, and the (slot, column) pairs copied per record. Loading a record allocates nothing.
/// </summary>
internal sealed class CheckBinding
{
    private readonly CheckSpec _check;
    private readonly ICheckRecords _records;
    private readonly double[] _values;
    private readonly int[] _metricSlots;
    private readonly int[] _metricColumns;
    private readonly int _timeSlot = -1, _iterateSlot = -1;
    private readonly double _from, _to;

    /// <exception cref="ArgumentException">The check does not apply to the dynamics, uses a variable that is null for
    /// it, or needs a column the records lack.</exception>
    public CheckBinding(CheckSpec check, DynamicsSpec dynamics, ICheckRecords records)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(dynamics);
        ArgumentNullException.ThrowIfNull(records);
        if (!check.Dynamics.Contains(dynamics.Name))
            throw new ArgumentException($"dynamics: check '{check.Id}' does not apply to '{dynamics.Name}' (it applies to {string.Join(", ", check.Dynamics)}).", nameof(dynamics));
        _check = check;
        _records = records;
        var variables = check.Variables.ToList();
        _values = new double[variables.Count == 0 ? 1 : variables.Max(v => v.Slot) + 1];
        var slots = new List<int>();
        var columns = new List<int>();
        foreach (var v in variables)
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
                    columns.Add(ColumnIndex(v, dynamics));
                    break;
                case CheckVariableSource.FirstValue:
                    _values[v.Slot] = records.Count > 0 ? records.Value(0, ColumnIndex(v, dynamics)) : double.NaN;
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
    }

    /// <summary>The measured expression at the loaded record.</summary>
    public double Measured() => _check.Measured.Evaluate(_values);

    /// <summary>The bound expression at the loaded record (NaN for the monotone kinds).</summary>
    public double Bound() => _check.Bound is { } b ? b.Evaluate(_values) : double.NaN;

    private int ColumnIndex(CheckVariable v, DynamicsSpec dynamics)
    {
        for (int c = 0; c < _records.Columns.Count; c++)
            if (_records.Columns[c] == v.Column) return c;
        throw new ArgumentException(
            $"records: check '{_check.Id}' needs column '{v.Column}' (metric {v.Metric}), which the records of '{dynamics.Name}' lack (columns: {string.Join(", ", _records.Columns)}).", "records");
    }
}

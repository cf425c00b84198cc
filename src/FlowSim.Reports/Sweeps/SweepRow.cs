namespace FlowSim.Reports;

/// <summary>One dynamics of one finished sweep point, as <c>sweep.csv</c> lists it.</summary>
/// <param name="Point">Point index.</param>
/// <param name="Values">The swept parameters' values at the point, in parameter order.</param>
/// <param name="Dynamics">Dynamics name.</param>
/// <param name="Status">Its status.</param>
/// <param name="FinalTime">Time reached.</param>
/// <param name="FinalLoss">Loss reached.</param>
/// <param name="Final">The last recorded value of every metric column, in the run's column order.</param>
public sealed record SweepRow(int Point, IReadOnlyList<string> Values, string Dynamics, string Status, double FinalTime, double FinalLoss,
    IReadOnlyList<KeyValuePair<string, double>> Final)
{
    /// <summary>The checks that ran on this dynamics at this point (summary.json's <c>checks</c> entries for it), in check order.</summary>
    public IReadOnlyList<SweepCheck> Checks { get; init; } = [];
}

/// <summary>One check's outcome on one dynamics of a sweep point, as <c>sweep.csv</c>'s <c>check_&lt;id&gt;</c> column and
/// merge's list of failing points report it.</summary>
/// <param name="Id">The check's id.</param>
/// <param name="Verdict"><c>pass</c> or <c>fail</c>.</param>
/// <param name="Margin">Its margin (NaN when nothing was checked).</param>
public sealed record SweepCheck(string Id, string Verdict, double Margin);

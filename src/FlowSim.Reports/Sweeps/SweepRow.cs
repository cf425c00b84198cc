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
    IReadOnlyList<KeyValuePair<string, double>> Final);

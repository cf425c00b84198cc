namespace FlowSim.Reports;

/// <summary>The <c>point</c> block of a sweep point's summary.json: which point of the grid the run is.</summary>
/// <param name="Index">Point index p in the grid's fixed order (the directory is <c>point-p</c>, zero-padded).</param>
/// <param name="Parameters">The swept fields and their values at the point, in the sweep's parameter order, as written
/// on the command line.</param>
public sealed record SweepPointInfo(int Index, IReadOnlyDictionary<string, string> Parameters);

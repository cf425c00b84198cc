namespace FlowSim.Reports;

/// <summary>
/// The files of one sweep point with <c>--outputs summary</c>: <c>DIR/point-p/summary.json</c> (the run's
/// <see cref="RunSummary"/> with its <c>point</c> block and every metric's final value, no resolved scenario) and the
/// empty marker <c>done</c>. The summary is written by temp file and rename (<see cref="AtomicFile"/>), the marker only
/// after it: a point with <c>done</c> is complete, a point without it is rerun. No output-directory lock per point — a
/// point belongs to exactly one shard, so no two processes write it.
/// </summary>
public static class SweepPointFiles
{
    /// <summary>The point's summary.</summary>
    public const string SummaryFile = "summary.json";
    /// <summary>The completion marker (with <c>--outputs full</c> too).</summary>
    public const string DoneFile = "done";

    /// <summary>Whether the point in <paramref name="pointDirectory"/> finished (its <c>done</c> marker exists).</summary>
    public static bool IsDone(string pointDirectory) => File.Exists(Path.Combine(pointDirectory, DoneFile));

    /// <summary>Writes summary.json, then the marker.</summary>
    /// <exception cref="IOException">A file cannot be written; the point is then not done and a rerun redoes it.</exception>
    public static void Write(string pointDirectory, RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(pointDirectory);
        ArgumentNullException.ThrowIfNull(summary);
        Directory.CreateDirectory(pointDirectory);
        AtomicFile.WriteAllText(Path.Combine(pointDirectory, SummaryFile), FlowSimJson.Serialize(summary));
        // The marker is empty (no data block on disk) and created only once the summary is in place under its name.
        using (new FileStream(Path.Combine(pointDirectory, DoneFile), FileMode.Create, FileAccess.Write, FileShare.None)) { }
    }
}

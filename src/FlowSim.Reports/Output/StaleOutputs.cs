namespace FlowSim.Reports;

/// <summary>
/// What killed runs leave beside an output directory, recognised and removed by the next run into it (under the commit
/// lock): temp directories <c>.NAME.tmp-*</c> whose liveness lock is free, and aside directories <c>.NAME.old-*</c> of a
/// replacement that died between its two renames — the previous output is then put back if the target is missing.
/// </summary>
internal static class StaleOutputs
{
    public static string TempPrefix(string name) => $".{name}.tmp-";

    public static string AsidePrefix(string name) => $".{name}.old-";

    /// <summary>Cleans up after dead runs into <paramref name="target"/>; the caller holds the commit lock.</summary>
    public static void Remove(string target)
    {
        string parent = Path.GetDirectoryName(target)!, name = Path.GetFileName(target);
        foreach (var dir in Find(parent, TempPrefix(name)))
            if (!OutputLocks.IsLive(dir)) TryDelete(dir);
        var asides = Find(parent, AsidePrefix(name)).OrderByDescending(Directory.GetLastWriteTimeUtc).ToList();
        if (asides.Count > 0 && !Directory.Exists(target))
        {
            try
            {
                Directory.Move(asides[0], target);
                asides.RemoveAt(0);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return; // keep every aside: one of them is the only copy of the previous output
            }
        }
        foreach (var dir in asides) TryDelete(dir);
    }

    /// <summary>Deletes a directory tree; a failure leaves a hidden directory behind, which the next run retries.</summary>
    public static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static List<string> Find(string parent, string prefix)
    {
        try
        {
            return Directory.EnumerateDirectories(parent, prefix + "*")
                .Where(d => Path.GetFileName(d).StartsWith(prefix, StringComparison.Ordinal)).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}

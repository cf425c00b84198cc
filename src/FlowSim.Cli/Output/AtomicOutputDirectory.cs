namespace FlowSim.Cli.Output;

/// <summary>
/// An output directory that appears all at once: files go into a hidden sibling temp directory that is renamed to
/// the final name by <see cref="Commit"/>; disposing without a commit deletes it, so a failed run leaves nothing.
/// </summary>
public sealed class AtomicOutputDirectory : IDisposable
{
    private bool _committed;

    /// <summary>Creates the temp directory next to <paramref name="finalPath"/> (creating missing parents).</summary>
    /// <exception cref="CliUsageException">The final directory exists and is not empty (and <paramref name="replace"/> is false),
    /// or it cannot be created.</exception>
    public AtomicOutputDirectory(string finalPath, bool replace)
    {
        FinalPath = Path.GetFullPath(finalPath);
        if (Directory.Exists(FinalPath) && Directory.EnumerateFileSystemEntries(FinalPath).Any() && !replace)
            throw new CliUsageException($"{finalPath}: the output directory exists and is not empty (use --force to replace it)");
        if (File.Exists(FinalPath)) throw new CliUsageException($"{finalPath}: a file of that name exists");
        string parent = Path.GetDirectoryName(FinalPath) ?? ".";
        try
        {
            Directory.CreateDirectory(parent);
            RemoveStale(parent, Path.GetFileName(FinalPath));
            TempPath = Path.Combine(parent, $".{Path.GetFileName(FinalPath)}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(TempPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new CliUsageException($"{finalPath}: cannot create the output directory ({ex.Message})");
        }
    }

    /// <summary>Where the directory will be once committed.</summary>
    public string FinalPath { get; }
    /// <summary>Where files are written until then.</summary>
    public string TempPath { get; } = "";

    /// <summary>Renames the temp directory to the final path (replacing an existing one).</summary>
    public void Commit()
    {
        if (Directory.Exists(FinalPath)) Directory.Delete(FinalPath, recursive: true);
        Directory.Move(TempPath, FinalPath);
        _committed = true;
    }

    /// <summary>Deletes the temp directory unless committed.</summary>
    public void Dispose()
    {
        if (_committed || !Directory.Exists(TempPath)) return;
        try { Directory.Delete(TempPath, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>
    /// Deletes temp directories of this output left by runs that no longer exist (a SIGKILLed run cannot clean up
    /// after itself): <c>.NAME.tmp-PID-…</c> whose PID is not a running process. A live run's directory is left alone.
    /// </summary>
    internal static void RemoveStale(string parent, string name)
    {
        string prefix = $".{name}.tmp-";
        IEnumerable<string> candidates;
        try { candidates = Directory.EnumerateDirectories(parent, prefix + "*").ToList(); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return; }
        foreach (string dir in candidates)
        {
            string rest = Path.GetFileName(dir)[prefix.Length..];
            int dash = rest.IndexOf('-');
            if (dash <= 0 || !int.TryParse(rest[..dash], out int pid) || IsRunning(pid)) continue;
            try { Directory.Delete(dir, recursive: true); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
        }
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }

    /// <summary>Writes a small file atomically (temp file + rename), e.g. a sweep manifest shared by shards.</summary>
    public static void WriteFileAtomically(string path, string contents)
    {
        string tmp = $"{path}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        File.WriteAllText(tmp, contents);
        File.Move(tmp, path, overwrite: true);
    }
}

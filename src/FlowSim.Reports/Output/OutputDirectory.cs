using System.Text;

namespace FlowSim.Reports;

/// <summary>
/// An output directory that appears complete or not at all. Files are written into a hidden temp directory beside the
/// target (<c>.NAME.tmp-*</c>), which <see cref="Commit"/> renames into place; disposing without a commit deletes it.
/// </summary>
/// <remarks>
/// <para>The contract (every FlowSim output directory: <c>run</c>, sweep points, <c>validate</c>):</para>
/// <list type="bullet">
/// <item>Trailing separators are trimmed. The root, the working directory, the home directory, any parent of them,
/// an unexpanded <c>~</c>, a file and a symbolic link are refused as targets.</item>
/// <item>A non-empty target is refused without <c>replace</c> (<c>--force</c>), at the start and again at the commit,
/// so of two runs into one new directory the later one is refused even when the first finished meanwhile.</item>
/// <item>With <c>replace</c>, a non-empty target is replaced only if it is FlowSim output of the same kind: it holds the
/// <see cref="MarkerFile"/> (or the main file of an older version's output) and nothing outside the
/// <see cref="OutputLayout"/>. Replacing renames the old directory aside (<c>.NAME.old-*</c>), renames the new one into
/// place and then deletes the aside; a crash in between leaves the old output in the aside, and the next run puts it back.</item>
/// <item>The commit steps run under the commit lock <c>.flowsim-lock</c> in the parent directory, so concurrent
/// replacements take turns. A temp directory holds a liveness lock while its run lives; the next run into the same
/// target deletes the temp directories whose lock is free (their process died), never by PID.</item>
/// </list>
/// </remarks>
public sealed class OutputDirectory : IDisposable
{
    /// <summary>Marker file written into every FlowSim output directory; it holds the layout name.</summary>
    public const string MarkerFile = ".flowsim-output";

    private static readonly UTF8Encoding Utf8NoBom = new(false);
    private readonly string _display;
    private readonly bool _replace;
    private FileStream? _live;
    private bool _committed;

    /// <summary>Checks the target and creates the temp directory beside it (and missing parents).</summary>
    /// <param name="path">The target directory as the user gave it.</param>
    /// <param name="layout">What kind of output it is (what may be replaced).</param>
    /// <param name="replace">Replace an existing non-empty FlowSim output of this layout (<c>--force</c>).</param>
    /// <exception cref="OutputDirectoryException">The target is forbidden, exists and is not empty (without
    /// <paramref name="replace"/>), is not FlowSim output of this layout, or the directory cannot be created.</exception>
    public OutputDirectory(string path, OutputLayout layout, bool replace)
    {
        ArgumentNullException.ThrowIfNull(layout);
        Layout = layout;
        _display = path;
        _replace = replace;
        FinalPath = Check(path, layout, replace);
        string parent = Path.GetDirectoryName(FinalPath)!;
        try
        {
            Directory.CreateDirectory(parent);
            using (OutputLocks.AcquireCommit(parent, _display))
            {
                StaleOutputs.Remove(FinalPath);
                TempPath = Path.Combine(parent, StaleOutputs.TempPrefix(Path.GetFileName(FinalPath)) + Guid.NewGuid().ToString("N"));
                Directory.CreateDirectory(TempPath);
                _live = OutputLocks.CreateLive(TempPath);
            }
            File.WriteAllText(Path.Combine(TempPath, MarkerFile), layout.Name + "\n", Utf8NoBom);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && ex is not OutputDirectoryException)
        {
            Dispose();
            throw new OutputDirectoryException(path, $"{path}: cannot create the output directory ({ex.Message})");
        }
    }

    /// <summary>Where the directory will be once committed (absolute).</summary>
    public string FinalPath { get; }
    /// <summary>Where files are written until then: a hidden sibling of <see cref="FinalPath"/>.</summary>
    public string TempPath { get; } = "";
    /// <summary>The kind of output.</summary>
    public OutputLayout Layout { get; }

    /// <summary>
    /// Checks, without creating anything, that <paramref name="path"/> can receive output of <paramref name="layout"/>
    /// (callers use it to fail before a long run), and returns its absolute path.
    /// </summary>
    /// <exception cref="OutputDirectoryException">As the constructor.</exception>
    public static string Check(string path, OutputLayout layout, bool replace)
    {
        ArgumentNullException.ThrowIfNull(layout);
        string full = OutputTarget.Resolve(path);
        CheckExisting(full, path, layout, replace);
        return full;
    }

    /// <summary>The path of <paramref name="relativePath"/> inside the temp directory (its directory created).</summary>
    public string PathOf(string relativePath)
    {
        string full = Path.Combine(TempPath, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return full;
    }

    /// <summary>Creates an (empty) sub-directory, so that it exists even when nothing is written into it.</summary>
    public void CreateDirectory(string relativePath) => Directory.CreateDirectory(Path.Combine(TempPath, relativePath));

    /// <summary>Writes a UTF-8 text file (no byte-order mark) into the directory.</summary>
    public void WriteText(string relativePath, string contents) => File.WriteAllText(PathOf(relativePath), contents, Utf8NoBom);

    /// <summary>Writes a binary file into the directory.</summary>
    public void WriteBytes(string relativePath, byte[] contents) => File.WriteAllBytes(PathOf(relativePath), contents);

    /// <summary>Moves the finished directory into place, replacing the previous output when allowed.</summary>
    /// <exception cref="OutputDirectoryException">The target changed since the start so that it may not be replaced
    /// (another run filled it, without <c>replace</c>; or it now holds foreign files). The temp directory is deleted
    /// on <see cref="Dispose"/>; the target is untouched.</exception>
    /// <exception cref="InvalidOperationException">Already committed or disposed.</exception>
    public void Commit()
    {
        if (_committed || _live is null) throw new InvalidOperationException("The output directory was already committed or disposed.");
        string parent = Path.GetDirectoryName(FinalPath)!;
        using (OutputLocks.AcquireCommit(parent, _display))
        {
            CheckExisting(FinalPath, _display, Layout, _replace);
            // The liveness lock goes before the renames (Windows cannot rename a directory with an open file in it);
            // the commit lock keeps other runs' cleanup away meanwhile.
            _live.Dispose();
            _live = null;
            File.Delete(Path.Combine(TempPath, OutputLocks.LiveLockFile));
            if (!Directory.Exists(FinalPath)) Directory.Move(TempPath, FinalPath);
            else if (!Directory.EnumerateFileSystemEntries(FinalPath).Any())
            {
                Directory.Delete(FinalPath, recursive: false);
                Directory.Move(TempPath, FinalPath);
            }
            else Swap(parent);
            _committed = true;
        }
    }

    private void Swap(string parent)
    {
        string aside = Path.Combine(parent, StaleOutputs.AsidePrefix(Path.GetFileName(FinalPath)) + Guid.NewGuid().ToString("N"));
        Directory.Move(FinalPath, aside);
        try
        {
            Directory.Move(TempPath, FinalPath);
        }
        catch
        {
            Directory.Move(aside, FinalPath); // put the previous output back
            throw;
        }
        StaleOutputs.TryDelete(aside);
    }

    /// <summary>Deletes the temp directory unless committed.</summary>
    public void Dispose()
    {
        _live?.Dispose();
        _live = null;
        if (!_committed && TempPath.Length > 0) StaleOutputs.TryDelete(TempPath);
    }

    private static void CheckExisting(string full, string display, OutputLayout layout, bool replace)
    {
        // Another run may swap its result in while this one reads the target (two renames and a delete under the commit
        // lock, which this read does not take): a file or the directory vanishing under the reader means "read it
        // again", and a refusal stands only when two reads in a row give the same reason — a half-deleted previous
        // output must not pass for a foreign directory. The check is repeated under the lock at commit anyway.
        string? previousWhy = null;
        for (int attempt = 0; ; attempt++)
        {
            string? why;
            try
            {
                if (File.Exists(full)) throw new OutputDirectoryException(display, $"{display}: a file of that name exists");
                if (!Directory.Exists(full)) return;
                if (!Directory.EnumerateFileSystemEntries(full).Any()) return;
                if (!replace) throw new OutputDirectoryException(display, $"{display}: the output directory exists and is not empty (use --force to replace it)");
                why = layout.WhyNotOurs(full);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException && attempt < ChangedWhileReadRetries)
            {
                Thread.Sleep(1 + attempt);
                continue;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && ex is not OutputDirectoryException)
            {
                why = $"it cannot be read ({ex.Message})";
            }
            if (why is not null && why != previousWhy && attempt < ChangedWhileReadRetries)
            {
                previousWhy = why;
                Thread.Sleep(1 + attempt);
                continue;
            }
            if (why is not null) throw new OutputDirectoryException(display, $"{display}: refusing to replace this directory: {why}");
            return;
        }
    }

    /// <summary>How often a target that changed while it was read is read again (a swap takes two renames).</summary>
    private const int ChangedWhileReadRetries = 20;
}

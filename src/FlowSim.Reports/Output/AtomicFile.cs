using System.Text;

namespace FlowSim.Reports;

/// <summary>
/// Writes a single file by temp-and-rename: the contents go into a hidden sibling (<c>.NAME.tmp-*</c>), are flushed to
/// the disk, and the sibling is renamed over the target. A failure at any point (a full disk, an exception of the
/// caller's writer) deletes the sibling and leaves the target as it was — never a partial or empty file.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(false);

    /// <summary>Writes UTF-8 text (no byte-order mark).</summary>
    /// <exception cref="IOException">The file cannot be written; the target is unchanged.</exception>
    public static void WriteAllText(string path, string contents) => WriteUsingTempPath(path, temp => File.WriteAllText(temp, contents, Utf8NoBom));

    /// <summary>Writes bytes.</summary>
    /// <exception cref="IOException">The file cannot be written; the target is unchanged.</exception>
    public static void WriteAllBytes(string path, byte[] contents) => WriteUsingTempPath(path, temp => File.WriteAllBytes(temp, contents));

    /// <summary>Writes through a stream that the caller fills; the file appears only if <paramref name="write"/> returns.</summary>
    /// <exception cref="IOException">The file cannot be written; the target is unchanged.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        WriteUsingTempPath(path, temp =>
        {
            using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            write(stream);
        });
    }

    /// <summary>
    /// Calls <paramref name="writeTemp"/> with the path of the temp file to create, then moves it over
    /// <paramref name="path"/>. For writers that take a path (an existing <c>WriteJson(report, path)</c>).
    /// </summary>
    /// <exception cref="IOException">The file cannot be written or <paramref name="path"/> is a directory; the target is unchanged.</exception>
    public static void WriteUsingTempPath(string path, Action<string> writeTemp)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(writeTemp);
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new IOException($"{path}: is a directory");
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.tmp-{Guid.NewGuid():N}");
        try
        {
            writeTemp(temp);
            // Flushed before the rename: otherwise a crash or a late write error could leave the new name on a short file.
            using (var written = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) written.Flush(flushToDisk: true);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
            throw;
        }
    }
}

using System.Globalization;
using System.Text;

namespace FlowSim.Scenarios;

/// <summary>
/// Reads a user's file (a scenario, a target CSV, a run's trajectory.csv or summary.json) within a size budget, and
/// only from a regular file: a directory, <c>/dev/zero</c>, a pipe or a socket is refused before it is opened (a
/// pipe would block the read, a device would never end it). On Linux these report a length of 0, so a file must have
/// a length between 1 byte and the cap before it is opened, and the read stops one byte past the cap in case the file
/// grew meanwhile.
/// </summary>
public static class InputFile
{
    /// <summary>Largest scenario file (a scenario needs a few kilobytes).</summary>
    public const long MaxScenarioBytes = 16L << 20;
    /// <summary>Largest data file a scenario reads (<c>target.file</c>: a 1000×1000 CSV is about 25 MB).</summary>
    public const long MaxDataBytes = 256L << 20;
    /// <summary>Largest run file <c>plot</c> and <c>merge</c> read (<c>trajectory.csv</c>, <c>summary.json</c>).</summary>
    public const long MaxRunFileBytes = 1L << 30;

    /// <summary>Reads the whole file as UTF-8 text (a byte-order mark is honoured and dropped).</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The size cap.</param>
    /// <exception cref="InputFileException">Not a regular file, empty, larger than the cap, or unreadable; the message names the path.</exception>
    public static string ReadAllText(string path, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        Check(path, maxBytes);
        byte[] bytes;
        try
        {
            // Read to the end, but never more than one byte past the cap (the file may have grown since the check).
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while (buffer.Length <= maxBytes && (read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, maxBytes + 1 - buffer.Length))) > 0)
                buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes) throw TooLarge(path, buffer.Length, maxBytes);
            bytes = buffer.ToArray();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException && ex is not InputFileException)
        {
            throw new InputFileException(path, $"cannot be read ({ex.Message})");
        }
        using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>Checks, without opening it, that <paramref name="path"/> is (or links to) a regular file of 1 byte up to
    /// <paramref name="maxBytes"/>; returns its length.</summary>
    /// <exception cref="InputFileException">It is not.</exception>
    public static long Check(string path, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        FileInfo info;
        try
        {
            if (Directory.Exists(path)) throw new InputFileException(path, "is a directory, not a file");
            info = new FileInfo(path);
            // A symbolic link is judged by what it points to (its own length is that of the target's name).
            if (info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true);
                if (target is DirectoryInfo) throw new InputFileException(path, "is a directory, not a file");
                info = target as FileInfo ?? throw new InputFileException(path, "is a broken symbolic link");
            }
            if (!info.Exists) throw new InputFileException(path, info.FullName == Path.GetFullPath(path) ? "no such file" : $"is a link to {info.FullName}, which does not exist");
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException or UnauthorizedAccessException or IOException
                                   && ex is not InputFileException)
        {
            throw new InputFileException(path, $"cannot be read ({ex.Message})");
        }
        long length = info.Length;
        if (length == 0)
            throw new InputFileException(path, "is empty or not a regular file: a device such as /dev/zero, a pipe or a socket; FlowSim reads only regular files");
        if (length > maxBytes) throw TooLarge(path, length, maxBytes);
        return length;
    }

    /// <summary>A byte count for messages: <c>16 MiB</c>, <c>1.5 GiB</c>, <c>812 bytes</c>.</summary>
    public static string FormatBytes(long bytes)
    {
        string[] units = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
        if (bytes < 1024) return string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.Length - 1) { v /= 1024; u++; }
        return string.Create(CultureInfo.InvariantCulture, $"{(v >= 100 || v == Math.Floor(v) ? v.ToString("0", CultureInfo.InvariantCulture) : v.ToString("0.#", CultureInfo.InvariantCulture))} {units[u]}");
    }

    private static InputFileException TooLarge(string path, long length, long maxBytes) =>
        new(path, $"is {FormatBytes(length)}, more than the {FormatBytes(maxBytes)} FlowSim reads from such a file");
}

/// <summary>A user's input file that FlowSim refuses to read (not a regular file, empty, too large, unreadable).</summary>
/// <param name="path">The file.</param>
/// <param name="reason">What is wrong, without the path (e.g. <c>is a directory, not a file</c>).</param>
public sealed class InputFileException(string path, string reason) : IOException($"{path}: {reason}")
{
    /// <summary>The file.</summary>
    public string Path { get; } = path;
    /// <summary>What is wrong, without the path.</summary>
    public string Reason { get; } = reason;
}

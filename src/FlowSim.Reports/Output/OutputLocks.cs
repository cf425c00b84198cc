using System.Diagnostics;

namespace FlowSim.Reports;

/// <summary>
/// The two locks of an output directory, both a file opened with <see cref="FileShare.None"/> (an exclusive
/// <c>flock</c> on Linux and macOS, a sharing lock on Windows), which the operating system releases when the process
/// ends in any way — also a SIGKILLed process 1 of a container, whose PID the next run may well have again.
/// </summary>
/// <remarks>
/// <para>The commit lock, <c>.flowsim-lock</c> beside the target (one per parent directory, kept), is held only for
/// the short steps that look at or change the parent: creating a temp directory, removing stale ones, checking and
/// swapping in the result. Concurrent runs into one parent therefore take turns there and nowhere else.</para>
/// <para>The liveness lock, <c>.flowsim-live</c> inside each temp directory, is held for the run's whole life; a temp
/// directory whose liveness lock can be taken belongs to a process that no longer exists.</para>
/// <para>Setting <c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c> switches .NET's file locking off, and with it this
/// protection between concurrent runs.</para>
/// </remarks>
internal static class OutputLocks
{
    /// <summary>Name of the commit lock file in the target's parent directory.</summary>
    public const string CommitLockFile = ".flowsim-lock";
    /// <summary>Name of the liveness lock file inside a temp directory.</summary>
    public const string LiveLockFile = ".flowsim-live";

    /// <summary>How long a commit step waits for another process's (the steps take milliseconds).</summary>
    public static TimeSpan CommitTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Takes the commit lock of <paramref name="parent"/>, waiting while another process holds it.</summary>
    /// <exception cref="OutputDirectoryException">Still held after <see cref="CommitTimeout"/>.</exception>
    public static FileStream AcquireCommit(string parent, string display)
    {
        string path = Path.Combine(parent, CommitLockFile);
        long start = Stopwatch.GetTimestamp();
        for (int attempt = 0; ; attempt++)
        {
            if (TryLock(path, FileMode.OpenOrCreate) is { } held) return held;
            if (Stopwatch.GetElapsedTime(start) > CommitTimeout)
                throw new OutputDirectoryException(display, $"{display}: another process has held {path} for {CommitTimeout.TotalSeconds:0} s; is a FlowSim run stuck?");
            Thread.Sleep(Math.Min(50, 1 + attempt));
        }
    }

    /// <summary>Creates and takes the liveness lock of a new temp directory.</summary>
    public static FileStream CreateLive(string tempDirectory) =>
        TryLock(Path.Combine(tempDirectory, LiveLockFile), FileMode.CreateNew)
        ?? throw new IOException($"{tempDirectory}: cannot lock the new temp directory");

    /// <summary>
    /// Whether the process that made <paramref name="tempDirectory"/> still runs: its liveness lock is held. A temp
    /// directory without one (left by a FlowSim version before the lock, or by a run killed during its commit) is stale:
    /// temp directories are created together with their lock under the commit lock, which the caller holds.
    /// </summary>
    public static bool IsLive(string tempDirectory)
    {
        try
        {
            using var probe = TryLock(Path.Combine(tempDirectory, LiveLockFile), FileMode.Open);
            return probe is null;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return true; // cannot tell: leave it alone
        }
    }

    /// <summary>The file opened exclusively, or null when another handle holds it.</summary>
    private static FileStream? TryLock(string path, FileMode mode)
    {
        try
        {
            return new FileStream(path, mode, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
        }
        catch (IOException ex) when (IsSharingViolation(ex))
        {
            return null;
        }
    }

    /// <summary>EWOULDBLOCK/EAGAIN from <c>flock</c> on Unix; ERROR_SHARING_VIOLATION or ERROR_LOCK_VIOLATION on Windows.</summary>
    private static bool IsSharingViolation(IOException ex) =>
        ex.GetType() == typeof(IOException) && (ex.HResult is 11 or 35 || (ex.HResult & 0xFFFF) is 32 or 33);
}

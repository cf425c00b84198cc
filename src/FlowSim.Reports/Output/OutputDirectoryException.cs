namespace FlowSim.Reports;

/// <summary>
/// An output directory that cannot be used or replaced: a forbidden target (the root, the working or home directory
/// or one of their parents), a file, a non-empty directory without <c>--force</c>, a directory holding files FlowSim
/// did not write, or a lock that another process keeps. The message names the directory; nothing was deleted.
/// </summary>
/// <param name="directory">The directory as the user wrote it.</param>
/// <param name="message">The full message, starting with the directory.</param>
public sealed class OutputDirectoryException(string directory, string message) : IOException(message)
{
    /// <summary>The directory as the user wrote it.</summary>
    public string Directory { get; } = directory;
}

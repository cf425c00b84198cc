namespace FlowSim.Reports;

/// <summary>
/// Resolves the directory an output goes to and refuses the targets whose replacement would lose data: the root,
/// the working directory and the home directory and every parent of them, an unexpanded <c>~</c>, a file, a symbolic
/// link. Trailing separators are trimmed first, so <c>--out old/</c> means <c>old</c>.
/// </summary>
internal static class OutputTarget
{
    private static StringComparison PathComparison =>
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>The absolute target path, without trailing separators.</summary>
    /// <exception cref="OutputDirectoryException">The target is forbidden (the message says why).</exception>
    public static string Resolve(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new OutputDirectoryException(path ?? "", "the output directory must be given");
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal) || path.StartsWith("~\\", StringComparison.Ordinal))
            throw Refuse(path, "'~' was not expanded by a shell; write the path out (for example $HOME/runs/x)");
        string full;
        try
        {
            full = Trim(Path.GetFullPath(path));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw Refuse(path, $"not a valid path ({ex.Message})");
        }
        if (Path.GetDirectoryName(full) is null || Path.GetFileName(full).Length == 0)
            throw Refuse(path, "is the root directory; choose a sub-directory");
        string real = RealPath(full);
        if (IsSameOrParent(real, RealPath(Trim(Environment.CurrentDirectory))))
            throw Refuse(path, "is the working directory or one of its parents; an output directory is replaced as a whole, so choose a new sub-directory");
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (home.Length > 0 && IsSameOrParent(real, RealPath(Trim(Path.GetFullPath(home)))))
            throw Refuse(path, "is the home directory or one of its parents; choose a sub-directory");
        if (File.Exists(full)) throw Refuse(path, "a file of that name exists");
        if (Directory.Exists(full) && new DirectoryInfo(full).LinkTarget is not null)
            throw Refuse(path, "is a symbolic link; give the directory it points to, or a new name");
        return full;
    }

    /// <summary>Whether <paramref name="candidate"/> is <paramref name="path"/> or a directory above it.</summary>
    internal static bool IsSameOrParent(string candidate, string path)
    {
        if (string.Equals(candidate, path, PathComparison)) return true;
        string prefix = candidate.EndsWith(Path.DirectorySeparatorChar) ? candidate : candidate + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, PathComparison);
    }

    private static OutputDirectoryException Refuse(string path, string why) => new(path, $"{path}: {why}");

    private static string Trim(string full)
    {
        string trimmed = Path.TrimEndingDirectorySeparator(full);
        while (trimmed.Length < full.Length)
        {
            full = trimmed;
            trimmed = Path.TrimEndingDirectorySeparator(full);
        }
        return trimmed;
    }

    /// <summary>The path with every existing symbolic link along it resolved (a link to the working directory is the
    /// working directory); the part that does not exist yet is kept as written.</summary>
    private static string RealPath(string full, int depth = 0)
    {
        string? parent = Path.GetDirectoryName(full);
        if (parent is null || depth > 40) return full;
        string resolvedParent = RealPath(parent, depth + 1);
        string here = Path.Combine(resolvedParent, Path.GetFileName(full));
        try
        {
            var info = new DirectoryInfo(here);
            if (info.Exists && info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
                return RealPath(Trim(Path.GetFullPath(target.FullName)), depth + 1);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // An unreadable link is compared as written.
        }
        return here;
    }
}

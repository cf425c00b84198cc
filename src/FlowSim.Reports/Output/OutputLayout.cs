namespace FlowSim.Reports;

/// <summary>
/// The entries a kind of FlowSim output directory may hold. A non-empty directory is replaced only when every entry
/// in it belongs to its layout, so <c>--force</c> never deletes a file FlowSim did not write.
/// </summary>
/// <param name="Name">Kind of output, written into the marker file (<c>run</c>, <c>validation-report</c>).</param>
/// <param name="Files">File names allowed at the top level.</param>
/// <param name="Directories">Sub-directory names allowed at the top level; they may hold <see cref="DirectoryFileExtensions"/> files only.</param>
/// <param name="DirectoryFileExtensions">Extensions (with the dot) of the files allowed in those sub-directories.</param>
/// <param name="LegacyKeyFiles">Files that identify an output written before the marker existed (any one of them suffices).</param>
public sealed record OutputLayout(string Name, IReadOnlyList<string> Files, IReadOnlyList<string> Directories,
    IReadOnlyList<string> DirectoryFileExtensions, IReadOnlyList<string> LegacyKeyFiles)
{
    /// <summary>A <c>flowsim validate</c> report.</summary>
    public static readonly OutputLayout ValidationReport = new("validation-report",
        ["report.html", "report.json", "claims.csv"], ["figures"], [".svg", ".png"], ["report.json", "report.html"]);

    /// <summary>A <c>flowsim run</c> directory, or one point of a sweep (which adds <c>point.json</c> and <c>done</c>).</summary>
    public static readonly OutputLayout Run = new("run",
        ["scenario.json", "trajectory.csv", "summary.json", "curves.csv", "distances.csv", "report.html", "point.json", "done"], ["figures"], [".svg", ".png"], ["summary.json"]);

    /// <summary>
    /// Why the existing directory <paramref name="path"/> is not an output of this layout, or null when it is: it holds
    /// the marker of this layout (or, for outputs of older versions, one of <see cref="LegacyKeyFiles"/>) and nothing
    /// outside the layout.
    /// </summary>
    internal string? WhyNotOurs(string path)
    {
        var strangers = new List<string>();
        bool marked = false, legacy = false;
        foreach (var entry in new DirectoryInfo(path).EnumerateFileSystemInfos())
        {
            string name = entry.Name;
            bool isDirectory = entry is DirectoryInfo && entry.LinkTarget is null;
            if (name == OutputDirectory.MarkerFile && !isDirectory)
                marked = File.ReadAllText(entry.FullName).Trim() == Name;
            else if (!isDirectory && Files.Contains(name))
                legacy |= LegacyKeyFiles.Contains(name);
            else if (isDirectory && Directories.Contains(name))
                strangers.AddRange(((DirectoryInfo)entry).EnumerateFileSystemInfos()
                    .Where(f => f is not FileInfo || f.LinkTarget is not null || !DirectoryFileExtensions.Contains(f.Extension))
                    .Select(f => $"{name}/{f.Name}"));
            else strangers.Add(name);
        }
        if (strangers.Count > 0)
            return $"it holds {Describe(strangers)}, which FlowSim's {Name} output does not write";
        return marked || legacy ? null : $"it is not a FlowSim {Name} output (no {OutputDirectory.MarkerFile} marker)";
    }

    private static string Describe(List<string> names)
    {
        names.Sort(StringComparer.Ordinal);
        string shown = string.Join(", ", names.Take(5));
        return names.Count > 5 ? $"{shown} and {names.Count - 5} more" : shown;
    }
}

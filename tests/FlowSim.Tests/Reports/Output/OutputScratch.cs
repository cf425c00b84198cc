using FlowSim.Reports;

namespace FlowSim.Tests.Reports.Output;

/// <summary>Helpers for the output-directory tests: a scratch parent, a finished output written through the real writer,
/// and a listing of a parent without its commit lock file.</summary>
internal static class OutputScratch
{
    public static string NewParent() => ReportTestData.NewScratch();

    /// <summary>A new scratch parent, deleted with its contents when disposed (<c>using var scratch = OutputScratch.Parent();</c>).</summary>
    public static ScratchParent Parent() => new(NewParent());

    /// <summary>Writes and commits a run-layout output holding <c>summary.json</c> = <paramref name="content"/>.</summary>
    public static void WriteRun(string target, string content, bool replace = false)
    {
        using var output = new OutputDirectory(target, OutputLayout.Run, replace);
        output.WriteText("summary.json", content);
        output.WriteText("figures/loss.svg", "<svg/>");
        output.Commit();
    }

    /// <summary>Entry names of <paramref name="parent"/>, sorted, without the shared commit lock.</summary>
    public static string[] Entries(string parent) => Directory.EnumerateFileSystemEntries(parent).Select(Path.GetFileName)
        .Where(n => n != ".flowsim-lock").Order(StringComparer.Ordinal).ToArray()!;

    public static void Delete(string dir)
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }
}

/// <summary>A scratch directory that deletes itself, so a test needs no try/finally around its body.</summary>
internal sealed class ScratchParent(string path) : IDisposable
{
    /// <summary>The directory's absolute path.</summary>
    public string Path { get; } = path;

    public void Dispose() => OutputScratch.Delete(Path);
}

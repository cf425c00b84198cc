using FlowSim.Reports;

namespace FlowSim.Tests.Reports.Output;

/// <summary>Helpers for the output-directory tests: a scratch parent, a finished output written through the real writer,
/// and a listing of a parent without its commit lock file.</summary>
internal static class OutputScratch
{
    public static string NewParent() => ReportTestData.NewScratch();

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

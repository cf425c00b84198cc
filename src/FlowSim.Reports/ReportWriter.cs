namespace FlowSim.Reports;

/// <summary>What <see cref="ReportWriter.Write"/> produced.</summary>
/// <param name="Directory">The report directory (absolute).</param>
/// <param name="HtmlPath">Absolute path of report.html.</param>
/// <param name="Notes">Problems that did not stop the report (for example, PNG export unavailable).</param>
public sealed record ReportFiles(string Directory, string HtmlPath, IReadOnlyList<string> Notes);

/// <summary>
/// Writes a report directory atomically through <see cref="OutputDirectory"/>: <c>report.html</c>, <c>report.json</c>,
/// <c>claims.csv</c>, <c>figures/*.svg</c> and <c>figures/*.png</c> go into a hidden temporary sibling directory first,
/// which then replaces the target. On an exception or cancellation the temporary directory is deleted and the target is
/// left as it was, so no half-written report remains.
/// </summary>
/// <remarks>
/// A previous report is replaced (the old one is moved aside and deleted once the new one is in place); a directory
/// that is not a FlowSim report, or holds files a report does not have, is refused, so a mistyped <c>--out</c> never
/// deletes unrelated files (the rules are <see cref="OutputDirectory"/>'s). PNG export is best-effort: if the raster
/// backend fails, the SVG files are still written and the failure is recorded in <see cref="ReportFiles.Notes"/> and
/// in the HTML.
/// </remarks>
public sealed class ReportWriter
{
    private readonly IFigureRenderer _renderer;

    /// <summary>A writer using <paramref name="renderer"/> (default: <see cref="FigureRenderer"/>).</summary>
    public ReportWriter(IFigureRenderer? renderer = null) => _renderer = renderer ?? new FigureRenderer();

    /// <summary>Writes <paramref name="report"/> into <paramref name="directory"/>, replacing a previous report there.</summary>
    /// <exception cref="OutputDirectoryException"><paramref name="directory"/> is a forbidden target, a file, or a non-empty
    /// directory that is not a FlowSim report.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; nothing was written.</exception>
    public ReportFiles Write(ValidationReport report, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var notes = new List<string>();
        using var output = new OutputDirectory(directory, OutputLayout.ValidationReport, replace: true);
        output.CreateDirectory("figures");
        var svgByStem = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in report.Figures())
        {
            cancellationToken.ThrowIfCancellationRequested();
            string svg = _renderer.RenderSvg(f.Spec);
            output.WriteText(f.SvgFile, svg);
            svgByStem[f.Stem] = svg;
            TryWritePng(f, output, notes);
        }
        cancellationToken.ThrowIfCancellationRequested();
        output.WriteText("report.json", ReportJson.Write(report));
        output.WriteText("claims.csv", ReportCsv.Write(report));
        output.WriteText("report.html", ReportHtml.Write(report, svgByStem, notes));
        cancellationToken.ThrowIfCancellationRequested();
        output.Commit();
        return new ReportFiles(output.FinalPath, Path.Combine(output.FinalPath, "report.html"), notes);
    }

    /// <summary>
    /// Checks that <paramref name="directory"/> can receive a report (callers use it to fail fast, before a long
    /// run) and returns its absolute path.
    /// </summary>
    /// <exception cref="OutputDirectoryException">As <see cref="Write"/>.</exception>
    public static string CheckTarget(string directory) => OutputDirectory.Check(directory, OutputLayout.ValidationReport, replace: true);

    private void TryWritePng(ReportFigure f, OutputDirectory output, List<string> notes)
    {
        try
        {
            output.WriteBytes(f.PngFile, _renderer.RenderPng(f.Spec));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            string note = $"PNG export failed ({ex.GetType().Name}: {ex.Message}); the SVG figures are complete.";
            if (!notes.Contains(note)) notes.Add(note);
        }
    }
}

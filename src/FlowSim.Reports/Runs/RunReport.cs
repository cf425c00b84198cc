using FlowSim.Scenarios;

namespace FlowSim.Reports;

/// <summary>Where a run's report comes from: the scenario's file name, the warnings printed before it ran, the tool, and
/// for a sweep point its index and swept values.</summary>
/// <param name="ScenarioFile">File name of the scenario (in summary.json and the page title).</param>
/// <param name="Warnings">Step-size findings.</param>
/// <param name="Tool">"flowsim VERSION".</param>
/// <param name="Point">The sweep point (summary.json's <c>point</c> block), or null for a single run.</param>
public sealed record RunReportSource(string ScenarioFile, IReadOnlyList<string> Warnings, string Tool, SweepPointInfo? Point = null);

/// <summary>
/// The files of a run directory (<c>flowsim run</c>, each point of a <c>--outputs full</c> sweep): <c>scenario.json</c>
/// (resolved), <c>trajectory.csv</c> (the records), <c>summary.json</c>, <c>curves.csv</c> and <c>distances.csv</c> (what
/// the figures are drawn from, <see cref="RunCurves"/>), <c>figures/*.svg</c> (<see cref="RunFigures"/>),
/// <c>report.html</c>; and their redrawing by <c>flowsim plot</c> from curves.csv, distances.csv and summary.json.
/// </summary>
public static class RunReport
{
    /// <summary>Writes the run's files into <paramref name="output"/> (not committed).</summary>
    public static RunSummary Write(OutputDirectory output, ScenarioResult result, RunReportSource source)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(source);
        var trajectory = TrajectoryTable.From(result);
        var checkFigures = StartCheckFigures(trajectory, result.Scenario);
        var summary = RunSummary.From(result, source);
        var data = RunCurves.From(result);
        output.WriteText("scenario.json", FlowSimJson.ToText(ScenarioWriter.ToNode(result.Scenario)));
        output.WriteText("trajectory.csv", trajectory.ToCsv());
        output.WriteText("summary.json", FlowSimJson.Serialize(summary));
        output.WriteText(CurvesFile, data.Curves.ToCsv());
        output.WriteText(DistancesFile, data.Distances.ToCsv());
        output.CreateDirectory("figures");
        IReadOnlyList<RunFigure> figures = [.. RunFigures.Render(data), .. checkFigures.GetAwaiter().GetResult()];
        foreach (var f in figures) output.WriteText("figures/" + f.File, f.Svg);
        output.WriteText("report.html", RunReportHtml.Write(summary, figures));
        return summary;
    }

    /// <summary>
    /// The check figures, drawn on a worker thread while this one writes the other files and draws the metric figures
    /// (issue 17 allows checks 5 % of a small run; five figures take about 10 ms). Drawn in place when there are no
    /// checks, and on a thread-pool thread (the points of a sweep, already one per core), where waiting for another
    /// pool task could hold up the pool.
    /// </summary>
    private static Task<IReadOnlyList<RunFigure>> StartCheckFigures(TrajectoryTable trajectory, Scenario scenario) =>
        scenario.Checks.Count == 0 || Thread.CurrentThread.IsThreadPoolThread
            ? Task.FromResult(CheckFigures.Render(trajectory, scenario))
            : Task.Run(() => CheckFigures.Render(trajectory, scenario));

    /// <summary>The figures' curves in a run directory.</summary>
    public const string CurvesFile = "curves.csv";
    /// <summary>The descent/flow distances in a run directory.</summary>
    public const string DistancesFile = "distances.csv";

    /// <summary>Redraws <c>figures/*.svg</c> and <c>report.html</c> of a run directory from its curves.csv,
    /// distances.csv and summary.json (a directory of an earlier FlowSim without curves.csv: from trajectory.csv, with no
    /// distance figure), each file replaced atomically; returns the figure paths.</summary>
    /// <exception cref="RunFileException">Not a run directory, or a file is damaged or disagrees with another
    /// (<see cref="RunFiles.ReadRun"/>; the message names it). Nothing is written then.</exception>
    public static IReadOnlyList<string> Redraw(string runDirectory)
    {
        ArgumentNullException.ThrowIfNull(runDirectory);
        var (summary, trajectory) = RunFiles.ReadRun(runDirectory);
        string curves = Path.Combine(runDirectory, CurvesFile), distances = Path.Combine(runDirectory, DistancesFile);
        var table = File.Exists(curves) ? TrajectoryTable.Read(curves) : trajectory;
        IReadOnlyList<RunFigure> figures =
        [
            .. RunFigures.Render(new RunFigureData(table, File.Exists(distances) ? DistanceTable.Read(distances) : new DistanceTable(),
                summary.Dynamics.Where(d => d.StabilityThreshold is not null).ToDictionary(d => d.Name, d => d.StabilityThreshold!.Value, StringComparer.Ordinal))),
            .. CheckFigures.Redraw(trajectory, summary, runDirectory),
        ];
        string dir = Path.Combine(runDirectory, "figures");
        Directory.CreateDirectory(dir);
        foreach (var f in figures) AtomicFile.WriteAllText(Path.Combine(dir, f.File), f.Svg);
        AtomicFile.WriteAllText(Path.Combine(runDirectory, "report.html"), RunReportHtml.Write(summary, figures));
        return [.. figures.Select(f => Path.Combine(dir, f.File))];
    }
}

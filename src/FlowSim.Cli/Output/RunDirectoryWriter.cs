using FlowSim.Cli.Scenarios;
using FlowSim.Scenarios;

namespace FlowSim.Cli.Output;

/// <summary>
/// Runs a loaded scenario into an output directory, atomically: <c>scenario.json</c> (resolved), <c>trajectory.csv</c>,
/// <c>summary.json</c>, <c>figures/*.svg</c>, <c>report.html</c>. Shared by <c>run</c> and each point of <c>sweep</c>.
/// </summary>
public static class RunDirectoryWriter
{
    /// <summary>Exit code of an interrupted run (128 + SIGINT, the shell convention).</summary>
    public const int InterruptedExitCode = 130;

    /// <summary>Runs and writes; returns the run status ("completed" or "interrupted").</summary>
    /// <param name="loaded">The validated scenario.</param>
    /// <param name="outDir">Final directory.</param>
    /// <param name="replace">Replace an existing non-empty directory.</param>
    /// <param name="progress">Progress sink.</param>
    /// <param name="cancel">Ctrl+C.</param>
    /// <param name="extraFiles">More files to place in the directory before it appears (a sweep's done marker).</param>
    public static string Execute(LoadedScenario loaded, string outDir, bool replace, IRunProgress progress, CancellationToken cancel,
        IReadOnlyDictionary<string, string>? extraFiles = null)
    {
        using var dir = new FlowSim.Reports.OutputDirectory(outDir, FlowSim.Reports.OutputLayout.Run, replace);
        var started = DateTime.UtcNow;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var runs = ScenarioRunner.Run(loaded.Scenario, progress, cancel);
        bool interrupted = cancel.IsCancellationRequested;
        string status = interrupted ? RunStatus.Interrupted : RunStatus.Completed;
        var columns = new MetricColumns(loaded.Scenario);
        var table = TrajectoryTable.FromRuns(columns.Names, runs);
        var comparisons = RunComparison.All(runs);
        string root = dir.TempPath;
        dir.WriteText("scenario.json", NodeJson.ToText(ScenarioWriter.ToNode(loaded.Scenario)));
        dir.WriteText("trajectory.csv", table.ToCsv());
        string summary = SummaryWriter.Build(loaded, status, runs, comparisons, new RunClock(started, DateTime.UtcNow, clock.Elapsed.TotalSeconds));
        dir.WriteText("summary.json", summary);
        var figures = FigureWriter.Write(table, Path.Combine(root, "figures"));
        dir.WriteText("report.html", HtmlReport.Build(summary, figures, Path.Combine(root, "figures")));
        if (extraFiles is not null && !interrupted)
            foreach (var (name, text) in extraFiles) dir.WriteText(name, text);
        dir.Commit();
        return status;
    }
}

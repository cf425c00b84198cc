using System.Reflection;
using FlowSim.Cli.Scenarios;
using FlowSim.Reports;
using FlowSim.Scenarios;

namespace FlowSim.Cli.Output;

/// <summary>
/// Runs a loaded scenario (<see cref="ScenarioRunner"/>) into an output directory (<see cref="OutputDirectory"/>) with
/// the run's files (<see cref="RunReport"/>). Shared by <c>run</c> and each point of <c>sweep</c>.
/// </summary>
public static class RunDirectoryWriter
{
    /// <summary>Exit code of an interrupted run (128 + SIGINT, the shell convention).</summary>
    public const int InterruptedExitCode = 130;

    /// <summary>"flowsim VERSION", as summary.json records it.</summary>
    public static string Tool { get; } =
        $"flowsim {typeof(RunDirectoryWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0"}";

    /// <summary>Exit code of a run in which a dynamics failed (the method or the model gave up): its output is written.</summary>
    public const int FailedExitCode = 1;

    /// <summary>Runs and writes; returns how the run ended.</summary>
    /// <param name="loaded">The validated scenario.</param>
    /// <param name="outDir">Final directory.</param>
    /// <param name="replace">Replace an existing FlowSim run directory (<c>--force</c>).</param>
    /// <param name="progress">Progress sink.</param>
    /// <param name="cancel">Ctrl+C.</param>
    /// <param name="extraFiles">More files to place in the directory before it appears (a sweep point's point.json and done marker).</param>
    /// <param name="point">The sweep point (summary.json's point block), or null for <c>flowsim run</c>.</param>
    /// <exception cref="OutputDirectoryException">The directory may not be used or replaced (checked at the start and at the end).</exception>
    public static ScenarioStatus Execute(LoadedScenario loaded, string outDir, bool replace, IScenarioProgress progress, CancellationToken cancel,
        IReadOnlyDictionary<string, string>? extraFiles = null, SweepPointInfo? point = null) =>
        Run(loaded, outDir, replace, progress, cancel, extraFiles, point).Status;

    /// <summary>As <see cref="Execute"/>, returning the whole result (the status of every dynamics and the checks' verdicts).</summary>
    /// <exception cref="OutputDirectoryException">The directory may not be used or replaced (checked at the start and at the end).</exception>
    public static ScenarioResult Run(LoadedScenario loaded, string outDir, bool replace, IScenarioProgress progress, CancellationToken cancel,
        IReadOnlyDictionary<string, string>? extraFiles = null, SweepPointInfo? point = null)
    {
        using var output = new OutputDirectory(outDir, OutputLayout.Run, replace);
        var result = ScenarioRunner.Run(loaded.Scenario, loaded.MaxMemoryBytes, progress, cancel);
        RunReport.Write(output, result, new RunReportSource(loaded.SourceName, loaded.Warnings, Tool, point));
        if (extraFiles is not null && result.Status == ScenarioStatus.Completed)
            foreach (var (name, text) in extraFiles) output.WriteText(name, text);
        output.Commit();
        return result;
    }
}

using System.CommandLine;
using System.Globalization;
using FlowSim.Cli.Output;
using FlowSim.Cli.Scenarios;
using FlowSim.Scenarios;

namespace FlowSim.Cli.Commands;

/// <summary><c>flowsim run SCENARIO [--out DIR] [--seed N] [--strict] [--force] [--max-memory SIZE]</c>: runs a scenario into an output
/// directory and prints one line per check result. Exit 0, 1 when a dynamics failed or diverged or a check failed (the files
/// are written either way), 2 for bad input or a budget exceeded, 130 when interrupted.</summary>
public sealed class RunCommand : ICliCommand
{
    /// <inheritdoc/>
    public Command Build()
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario file (.yaml, .yml or .json)." };
        var output = new Option<string?>("--out", "-o") { Description = "Output directory (default: runs/<scenario name>). Written atomically." };
        var force = new Option<bool>("--force") { Description = "Replace an existing FlowSim run directory (never one holding other files)." };
        var seed = CommonOptions.Seed();
        var strict = CommonOptions.Strict();
        var quiet = CommonOptions.Quiet();
        var maxMemory = CommonOptions.MaxMemory();
        var cmd = new Command("run", "Run a scenario: trajectory.csv, summary.json, figures/*.svg and report.html in the output directory.");
        cmd.Arguments.Add(scenario);
        foreach (var o in new Option[] { output, force, seed, strict, quiet, maxMemory }) cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            string file = parse.GetValue(scenario)!;
            var loaded = ScenarioLoader.Load(file, CommonOptions.SeedValue(parse.GetValue(seed)), parse.GetValue(strict),
                maxMemoryBytes: CommonOptions.MaxMemoryValue(parse.GetValue(maxMemory)));
            foreach (var w in loaded.Warnings) Console.Error.WriteLine($"flowsim: {w}");
            string outDir = parse.GetValue(output) ?? Path.Combine("runs", Path.GetFileNameWithoutExtension(file));
            using var ctrlC = new CtrlC();
            var result = ConsoleProgress.Run(p => RunDirectoryWriter.Run(loaded, outDir, parse.GetValue(force), p, ctrlC.Token), parse.GetValue(quiet));
            foreach (var line in CheckLines.Format(result.Checks)) Console.WriteLine(line);
            Console.WriteLine(Path.GetFullPath(outDir));
            if (result.Status == ScenarioStatus.Interrupted) return RunDirectoryWriter.InterruptedExitCode;
            // The run's files are written either way (they record what happened); a dynamics the method or the model gave
            // up on, or one that diverged, makes the run a failure, named with its cause on stderr.
            var failed = result.Dynamics.Where(d => d.Status is DynamicsStatus.Failed or DynamicsStatus.Diverged).ToList();
            foreach (var d in failed) Console.Error.WriteLine($"flowsim: {d.Name}: {FailureLine(d, loaded.Scenario)}");
            return failed.Count > 0 ? RunDirectoryWriter.FailedExitCode : CheckLines.ExitCode(result.Checks);
        });
        return cmd;
    }

    private static string FailureLine(DynamicsResult d, Scenario scenario)
    {
        if (d.Status == DynamicsStatus.Failed) return $"failed: {d.Message}";
        int index = scenario.Dynamics.ToList().FindIndex(spec => spec.Name == d.Name);
        string step = d.Spec.Eta > 0 ? $" (dynamics[{index}].eta = {d.Spec.Eta.ToString("R", CultureInfo.InvariantCulture)}; a smaller step size may keep it stable)" : "";
        string what = d.Message is { Length: > 0 } m ? (m.Contains("diverg", StringComparison.OrdinalIgnoreCase) ? m : $"diverged: {m}") : "diverged";
        return what + step;
    }
}

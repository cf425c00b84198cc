using System.CommandLine;
using FlowSim.Cli.Output;
using FlowSim.Cli.Scenarios;
using FlowSim.Scenarios;

namespace FlowSim.Cli.Commands;

/// <summary><c>flowsim run SCENARIO [--out DIR] [--seed N] [--strict] [--force] [--max-memory SIZE]</c>: runs a scenario into an output
/// directory and prints one line per check result. Exit 0, 1 when a dynamics failed or a check failed (the files are written
/// either way), 2 for bad input or a budget exceeded, 130 when interrupted.</summary>
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
            // The run's files are written either way; a dynamics the method or the model gave up on makes the run a failure.
            var failed = result.Dynamics.Where(d => d.Status == DynamicsStatus.Failed).ToList();
            foreach (var d in failed) Console.Error.WriteLine($"flowsim: {d.Name}: failed: {d.Message}");
            return failed.Count > 0 ? RunDirectoryWriter.FailedExitCode : CheckLines.ExitCode(result.Checks);
        });
        return cmd;
    }
}

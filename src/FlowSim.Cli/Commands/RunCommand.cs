using System.CommandLine;
using FlowSim.Cli.Output;
using FlowSim.Cli.Scenarios;
using FlowSim.Scenarios;

namespace FlowSim.Cli.Commands;

/// <summary><c>flowsim run SCENARIO [--out DIR] [--seed N] [--strict] [--force]</c>: runs a scenario into an output directory;
/// prints one line per check result and exits 1 when a check failed (the outputs are written either way).</summary>
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
        var cmd = new Command("run", "Run a scenario: trajectory.csv, summary.json, figures/*.svg and report.html in the output directory.");
        cmd.Arguments.Add(scenario);
        foreach (var o in new Option[] { output, force, seed, strict, quiet }) cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            string file = parse.GetValue(scenario)!;
            var loaded = ScenarioLoader.Load(file, CommonOptions.SeedValue(parse.GetValue(seed)), parse.GetValue(strict));
            foreach (var w in loaded.Warnings) Console.Error.WriteLine($"flowsim: {w}");
            string outDir = parse.GetValue(output) ?? Path.Combine("runs", Path.GetFileNameWithoutExtension(file));
            using var ctrlC = new CtrlC();
            var result = ConsoleProgress.Run(p => RunDirectoryWriter.Write(loaded, outDir, parse.GetValue(force), p, ctrlC.Token), parse.GetValue(quiet));
            foreach (var line in CheckLines.Format(result.Checks)) Console.WriteLine(line);
            Console.WriteLine(Path.GetFullPath(outDir));
            return result.Status == ScenarioStatus.Interrupted ? RunDirectoryWriter.InterruptedExitCode : CheckLines.ExitCode(result.Checks);
        });
        return cmd;
    }
}

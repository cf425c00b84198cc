using System.CommandLine;
using System.Globalization;
using FlowSim.Cli.Output;
using FlowSim.Cli.Scenarios;
using FlowSim.Linalg.Native;
using FlowSim.Reports;
using FlowSim.Scenarios;

namespace FlowSim.Cli.Commands;

/// <summary>
/// <c>flowsim sweep SCENARIO --param PATH=V1,V2,… [--param …] [--shard I/N] [--outputs summary|full] [--jobs N] --out DIR</c>:
/// runs the Cartesian grid (or one shard of it), each point into <c>DIR/point-XXXX/</c> with a <c>done</c> marker: by
/// default only its summary.json (<see cref="SweepPointFiles"/>), with <c>--outputs full</c> a full run directory. Every
/// point is validated before the first runs; finished points are skipped, so a rerun resumes. Points run in parallel on
/// <c>--jobs</c> threads (<see cref="SweepRunner"/>).
/// </summary>
public sealed class SweepCommand : ICliCommand
{
    /// <inheritdoc/>
    public Command Build()
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario file." };
        var param = new Option<string[]>("--param", "-p") { Description = "A swept field and its values: PATH=V1,V2,… (e.g. dynamics[1].eta=0.1,0.05; a list value is [a;b]). Repeat for a grid.", Required = true, AllowMultipleArgumentsPerToken = false };
        var shard = new Option<string?>("--shard") { Description = "I/N: run only points p with p mod N = I (0-based: I = 0 … N−1)." };
        var output = new Option<string>("--out", "-o") { Description = "Sweep directory (shared by all shards).", Required = true };
        var outputs = new Option<string>("--outputs") { Description = "Per point: summary (summary.json with every metric's final value; the default) or full (a run directory with trajectory, figures and report).", DefaultValueFactory = _ => "summary" };
        outputs.AcceptOnlyFromAmong("summary", "full");
        var jobs = new Option<int?>("--jobs", "-j") { Description = "Points run at once (default: FLOWSIM_THREADS when set, else the usable cores). Each point's linear algebra runs single-threaded; results do not depend on N." };
        var seed = CommonOptions.Seed();
        var strict = CommonOptions.Strict();
        var quiet = CommonOptions.Quiet();
        var cmd = new Command("sweep", "Run a parameter grid over a scenario, optionally one shard of it (for job arrays).");
        cmd.Arguments.Add(scenario);
        var maxMemory = CommonOptions.MaxMemory();
        maxMemory.Description = "Memory budget of all points running at once, checked for every point before the sweep starts: each point gets this divided by --jobs. " + maxMemory.Description;
        foreach (var o in new Option[] { param, shard, output, outputs, jobs, seed, strict, quiet, maxMemory }) cmd.Options.Add(o);
        cmd.SetAction(parse => Execute(parse.GetValue(scenario)!, parse.GetValue(param) ?? [], parse.GetValue(shard), parse.GetValue(output)!,
            parse.GetValue(outputs) == "full" ? SweepOutputs.Full : SweepOutputs.Summary, Jobs(parse.GetValue(jobs)),
            CommonOptions.SeedValue(parse.GetValue(seed)), parse.GetValue(strict), parse.GetValue(quiet), CommonOptions.MaxMemoryValue(parse.GetValue(maxMemory))));
        return cmd;
    }

    /// <summary>--jobs, or its default: FLOWSIM_THREADS (the CPUs this process was given) when set, else the usable cores.</summary>
    private static int Jobs(int? jobs) => jobs switch
    {
        null => Environment.GetEnvironmentVariable("FLOWSIM_THREADS") is { Length: > 0 } ? BackendSelection.ThreadsFromEnvironment() : Environment.ProcessorCount,
        < 1 or > 1024 => throw new CliUsageException($"--jobs: must be between 1 and 1024 (got {jobs})"),
        _ => jobs.Value,
    };

    private static int Execute(string file, string[] paramTexts, string? shardText, string outDir, SweepOutputs outputs, int jobs, ulong? seed, bool strict, bool quiet,
        long? maxMemory)
    {
        var parameters = paramTexts.Select(SweepGrid.ParseParameter).ToList();
        var dup = parameters.GroupBy(p => p.Path).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new CliUsageException($"--param {dup.Key}: given more than once");
        var (shardIndex, shardCount) = shardText is null ? (0, 1) : SweepGrid.ParseShard(shardText);
        var baseNode = ScenarioFileReader.ReadFile(file);
        string name = Path.GetFileName(file), baseDir = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
        var grid = new SweepGrid(name, parameters);

        long perPoint = (maxMemory ?? ScenarioMemory.DefaultLimitBytes) / jobs;
        var (loaded, warnings) = SweepPoints.Load(grid, baseNode, name, baseDir, seed, strict, jobs, p => p % shardCount == shardIndex, perPoint);
        foreach (var w in warnings) Console.Error.WriteLine($"flowsim: {w}");

        string outputsName = outputs == SweepOutputs.Full ? "full" : "summary";
        string manifest = grid.ManifestJson(outputsName, seed, baseNode);
        string manifestPath = Path.Combine(outDir, "sweep.json");
        try
        {
            Directory.CreateDirectory(outDir);
            if (File.Exists(manifestPath))
            {
                if (SweepGrid.ManifestDifference(File.ReadAllText(manifestPath), manifest) is { } key)
                    throw new CliUsageException($"{outDir}: holds a different sweep (its sweep.json differs in '{key}'); use another --out");
            }
            else AtomicFile.WriteAllText(manifestPath, manifest);
        }
        catch (IOException ex) { throw new CliUsageException($"{outDir}: cannot write the sweep directory ({ex.Message})"); }

        using var ctrlC = new CtrlC();
        var points = grid.Shard(shardIndex, shardCount).ToList();
        var tally = new SweepRunner(grid, outDir, outputs, quiet).Run(points, loaded, jobs, ctrlC.Token);
        Console.WriteLine($"{Path.GetFullPath(outDir)}: shard {shardIndex}/{shardCount}: ran {tally.Ran} points, {tally.Skipped} already done, grid of {grid.Count}"
            + $" ({outputsName} outputs, {jobs.ToString(CultureInfo.InvariantCulture)} job{(jobs == 1 ? "" : "s")})");
        return tally.Interrupted ? RunDirectoryWriter.InterruptedExitCode : 0;
    }
}

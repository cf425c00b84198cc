using System.CommandLine;
using FlowSim.Cli.Output;
using FlowSim.Cli.Scenarios;
using FlowSim.Reports;
using FlowSim.Scenarios;

namespace FlowSim.Cli.Commands;

/// <summary>
/// <c>flowsim sweep SCENARIO --param PATH=V1,V2,… [--param …] [--shard I/N] --out DIR</c>: runs the Cartesian grid (or one
/// shard of it) with every point in <c>DIR/point-XXXX/</c> (a full run directory plus a <c>done</c> marker). Every point is
/// validated before the first runs; finished points are skipped, so a rerun resumes.
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
        var seed = CommonOptions.Seed();
        var strict = CommonOptions.Strict();
        var quiet = CommonOptions.Quiet();
        var cmd = new Command("sweep", "Run a parameter grid over a scenario, optionally one shard of it (for job arrays).");
        cmd.Arguments.Add(scenario);
        foreach (var o in new Option[] { param, shard, output, seed, strict, quiet }) cmd.Options.Add(o);
        cmd.SetAction(parse => Execute(parse.GetValue(scenario)!, parse.GetValue(param) ?? [], parse.GetValue(shard), parse.GetValue(output)!,
            CommonOptions.SeedValue(parse.GetValue(seed)), parse.GetValue(strict), parse.GetValue(quiet)));
        return cmd;
    }

    private static int Execute(string file, string[] paramTexts, string? shardText, string outDir, ulong? seed, bool strict, bool quiet)
    {
        var parameters = paramTexts.Select(SweepGrid.ParseParameter).ToList();
        var dup = parameters.GroupBy(p => p.Path).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new CliUsageException($"--param {dup.Key}: given more than once");
        var (shardIndex, shardCount) = shardText is null ? (0, 1) : SweepGrid.ParseShard(shardText);
        var baseNode = ScenarioFileReader.ReadFile(file);
        string name = Path.GetFileName(file), baseDir = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
        var grid = new SweepGrid(name, parameters);

        // Validate every point of the grid (not only this shard's) so that all shards fail or none does.
        var loaded = new LoadedScenario[grid.Count];
        var problems = new List<string>();
        for (int p = 0; p < grid.Count && problems.Count < 10; p++)
        {
            var node = baseNode.Clone();
            var values = grid.ValuesAt(p);
            try
            {
                for (int i = 0; i < parameters.Count; i++) node.SetPath(parameters[i].Path, values[i]);
                loaded[p] = ScenarioLoader.FromNode(node, name, baseDir, seed, strict);
            }
            catch (ArgumentException ex) { problems.Add($"--param {ex.Message}"); break; }
            catch (CliUsageException ex) { problems.Add($"{grid.PointName(p)} ({grid.Describe(p)}): {ex.Message}"); }
        }
        if (problems.Count > 0) throw new CliUsageException(string.Join(Environment.NewLine + "flowsim: ", problems));
        foreach (var w in loaded.SelectMany(l => l.Warnings).Distinct()) Console.Error.WriteLine($"flowsim: {w}");

        string manifest = grid.ManifestJson();
        string manifestPath = Path.Combine(outDir, "sweep.json");
        try
        {
            Directory.CreateDirectory(outDir);
            if (File.Exists(manifestPath))
            {
                if (File.ReadAllText(manifestPath) != manifest)
                    throw new CliUsageException($"{outDir}: holds a different sweep (sweep.json differs); use another --out");
            }
            else FlowSim.Reports.AtomicFile.WriteAllText(manifestPath, manifest);
        }
        catch (IOException ex) { throw new CliUsageException($"{outDir}: cannot write the sweep directory ({ex.Message})"); }

        using var ctrlC = new CtrlC();
        int ran = 0, skipped = 0;
        foreach (int p in grid.Shard(shardIndex, shardCount))
        {
            if (ctrlC.Token.IsCancellationRequested) break;
            string pointDir = Path.Combine(outDir, grid.PointName(p));
            if (File.Exists(Path.Combine(pointDir, "done"))) { skipped++; continue; }
            if (!quiet) Console.Error.WriteLine($"flowsim: {grid.PointName(p)} ({grid.Describe(p)})");
            var extra = new Dictionary<string, string> { ["point.json"] = PointJson(grid, p), ["done"] = "completed\n" };
            var status = ConsoleProgress.Run(pr => RunDirectoryWriter.Execute(loaded[p], pointDir, replace: true, pr, ctrlC.Token, extra), quiet);
            if (status == ScenarioStatus.Interrupted) return RunDirectoryWriter.InterruptedExitCode;
            ran++;
        }
        Console.WriteLine($"{Path.GetFullPath(outDir)}: shard {shardIndex}/{shardCount}: ran {ran} points, {skipped} already done, grid of {grid.Count}");
        return ctrlC.Token.IsCancellationRequested ? RunDirectoryWriter.InterruptedExitCode : 0;
    }

    private static string PointJson(SweepGrid grid, int p)
    {
        var values = grid.ValuesAt(p);
        return FlowSimJson.Serialize(new SweepPoint(p, grid.Parameters.Select((q, i) => (q.Path, values[i])).ToDictionary(e => e.Path, e => e.Item2)));
    }

    /// <summary>point.json of a sweep point: its index and the swept values (keys are field paths, kept as written).</summary>
    private sealed record SweepPoint(int Index, IReadOnlyDictionary<string, string> Parameters);
}

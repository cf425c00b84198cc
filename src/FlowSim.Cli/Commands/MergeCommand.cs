using System.CommandLine;
using FlowSim.Cli.Scenarios;
using FlowSim.Reports;

namespace FlowSim.Cli.Commands;

/// <summary>
/// <c>flowsim merge DIR… [--out DIR]</c>: gathers the finished points of a sweep (from one shared directory or from
/// several copies) into <c>sweep.csv</c> — point, parameter values, dynamics, status, final time, final loss and the last
/// recorded value of every metric and the verdict of every check — and <c>sweep.svg</c> (final loss per dynamics), and lists
/// the points where a check failed and the missing points.
/// Exit code 0 when every point is present, 3 when some are missing (the files are still written).
/// </summary>
public sealed class MergeCommand : ICliCommand
{
    /// <summary>Exit code when points are missing.</summary>
    public const int IncompleteExitCode = 3;

    /// <inheritdoc/>
    public Command Build()
    {
        var dirs = new Argument<string[]>("sweep-dirs") { Description = "Sweep directories (all of one sweep).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--out", "-o") { Description = "Where sweep.csv and sweep.svg go (default: the first directory)." };
        var cmd = new Command("merge", "Gather the finished points of a sweep into sweep.csv and a summary figure; list missing points.");
        cmd.Arguments.Add(dirs);
        cmd.Options.Add(output);
        cmd.SetAction(parse => Execute(parse.GetValue(dirs)!, parse.GetValue(output)));
        return cmd;
    }

    private static int Execute(string[] dirs, string? outDir)
    {
        SweepGrid? grid = null;
        string? manifest = null;
        foreach (var d in dirs)
        {
            string m = Path.Combine(d, "sweep.json");
            if (!File.Exists(m)) throw new CliUsageException($"{d}: not a sweep directory (no sweep.json)");
            string text = File.ReadAllText(m);
            if (manifest is not null && text != manifest) throw new CliUsageException($"{d}: belongs to a different sweep (sweep.json differs from {dirs[0]})");
            manifest = text;
            grid ??= SweepGrid.ReadManifest(m);
        }
        var rows = new List<SweepRow>();
        var missing = new List<int>();
        var failing = new List<string>();
        for (int p = 0; p < grid!.Count; p++)
        {
            string? dir = dirs.Select(d => Path.Combine(d, grid.PointName(p))).FirstOrDefault(d => File.Exists(Path.Combine(d, "done")));
            if (dir is null) missing.Add(p);
            else rows.AddRange(SweepSummary.ReadPoint(p, grid.ValuesAt(p), dir));
            if (dir is not null && SweepCheckColumns.Failures(SweepCheckColumns.Read(dir)) is { Count: > 0 } failed)
                failing.Add($"  {grid.PointName(p)} ({grid.Describe(p)}): {string.Join("; ", failed)}");
        }
        var paths = grid.Parameters.Select(q => q.Path).ToList();
        string target = outDir ?? dirs[0];
        Directory.CreateDirectory(target);
        AtomicFile.WriteAllText(Path.Combine(target, "sweep.csv"), SweepSummary.Csv(paths, rows));
        AtomicFile.WriteAllText(Path.Combine(target, "sweep.svg"), SweepSummary.Figure(paths, rows));

        Console.WriteLine($"{Path.GetFullPath(Path.Combine(target, "sweep.csv"))}: {grid.Count - missing.Count} of {grid.Count} points");
        if (failing.Count > 0) Console.WriteLine($"failing checks at {failing.Count} points:{Environment.NewLine}{string.Join(Environment.NewLine, failing)}");
        if (missing.Count == 0) return 0;
        Console.WriteLine($"missing {missing.Count} points:");
        foreach (var p in missing) Console.WriteLine($"  {grid.PointName(p)} ({grid.Describe(p)})");
        return IncompleteExitCode;
    }
}

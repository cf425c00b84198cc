using System.CommandLine;
using FlowSim.Cli.Scenarios;
using FlowSim.Reports;

namespace FlowSim.Cli.Commands;

/// <summary>
/// <c>flowsim merge DIR… [--out DIR]</c>: gathers the finished points of a sweep (from one shared directory or from
/// several copies) into <c>sweep.csv</c> — point, parameter values, dynamics, status, final time, final loss and the last
/// recorded value of every metric and the verdict of every check — and <c>sweep.svg</c> (final loss per dynamics), and
/// lists the points where a check failed, the missing and the damaged points. It streams: each point's summary.json is read once, checked (<see cref="SweepPointReader"/>) and its
/// rows written on (<see cref="SweepSummary"/>); a <c>--outputs full</c> point's trajectory.csv is checked against its summary
/// (<see cref="RunFiles.ReadRun"/>). A damaged point (a done point whose summary.json is missing, truncated,
/// malformed or claims another point) is listed with its file and line and never merged; another directory's copy of
/// the same point is used when it is sound.
/// Exit code 0 when every point is merged, 3 when some are missing or damaged (the files are still written), 2 when a
/// directory is not a sweep or belongs to another sweep (nothing written).
/// </summary>
public sealed class MergeCommand : ICliCommand
{
    /// <summary>Exit code when points are missing or damaged.</summary>
    public const int IncompleteExitCode = 3;

    /// <inheritdoc/>
    public Command Build()
    {
        var dirs = new Argument<string[]>("sweep-dirs") { Description = "Sweep directories (all of one sweep).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--out", "-o") { Description = "Where sweep.csv and sweep.svg go (default: the first directory)." };
        var cmd = new Command("merge", "Gather the finished points of a sweep into sweep.csv and a summary figure; list missing and damaged points.");
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
            if (manifest is not null && SweepGrid.ManifestDifference(manifest, text) is { } key)
                throw new CliUsageException($"{d}: belongs to a different sweep (its sweep.json differs from {dirs[0]}'s in '{key}')");
            manifest ??= text;
            grid ??= SweepGrid.ReadManifest(m);
        }
        var paths = grid!.Parameters.Select(q => q.Path).ToList();
        string target = outDir ?? dirs[0];
        Directory.CreateDirectory(target);
        var missing = new List<int>();
        var damaged = new List<(int Point, string Problem)>();
        var failing = new List<string>();
        using (var merged = new SweepSummary(paths, target))
        {
            for (int p = 0; p < grid.Count; p++)
            {
                string name = grid.PointName(p);
                string? problem = null;
                bool found = false;
                foreach (var d in dirs)
                {
                    string dir = Path.Combine(d, name);
                    if (!SweepPointFiles.IsDone(dir)) continue;
                    found = true;
                    try
                    {
                        var rows = SweepPointReader.Read(dir, p, paths, grid.ValuesAt(p));
                        // A full run directory also has its records: they must agree with the summary (file and line named).
                        if (File.Exists(Path.Combine(dir, "trajectory.csv"))) RunFiles.ReadRun(dir);
                        merged.Add(rows);
                        if (SweepCheckColumns.Failures(rows) is { Count: > 0 } failed)
                            failing.Add($"  {name} ({grid.Describe(p)}): {string.Join("; ", failed)}");
                        problem = null;
                        break;
                    }
                    catch (RunFileException ex)
                    {
                        problem ??= ex.Message;
                    }
                }
                if (!found) missing.Add(p);
                else if (problem is not null) damaged.Add((p, problem));
            }
            merged.Write();
            Console.WriteLine($"{Path.GetFullPath(Path.Combine(target, SweepSummary.CsvFile))}: {merged.Points} of {grid.Count} points");
        }
        if (failing.Count > 0) Console.WriteLine($"failing checks at {failing.Count} points:{Environment.NewLine}{string.Join(Environment.NewLine, failing)}");
        if (missing.Count > 0)
        {
            Console.WriteLine($"missing {missing.Count} points:");
            foreach (var p in missing) Console.WriteLine($"  {grid.PointName(p)} ({grid.Describe(p)})");
        }
        if (damaged.Count > 0)
        {
            Console.WriteLine($"damaged {damaged.Count} points (not merged; delete their directories and rerun their shards):");
            foreach (var (p, problem) in damaged) Console.WriteLine($"  {grid.PointName(p)} ({grid.Describe(p)}): {problem}");
        }
        return missing.Count + damaged.Count == 0 ? 0 : IncompleteExitCode;
    }
}

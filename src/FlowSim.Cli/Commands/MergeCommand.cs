using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FlowSim.Cli.Output;
using FlowSim.Cli.Scenarios;
using FlowSim.Scenarios;

namespace FlowSim.Cli.Commands;

/// <summary>
/// <c>flowsim merge DIR… [--out DIR]</c>: gathers the finished points of a sweep (from one shared directory or from
/// several copies) into <c>sweep.csv</c> — point, parameter values, dynamics, status, final time, final loss and the last
/// recorded value of every metric — and <c>sweep.svg</c> (final loss per dynamics), and lists the missing points.
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
        cmd.SetAction(CommandGuard.Usage(parse => Execute(parse.GetValue(dirs)!, parse.GetValue(output))));
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
        var metricNames = new List<string>();
        var rows = new List<(int Point, string Dynamics, string Status, double FinalTime, double FinalLoss, Dictionary<string, double> Last)>();
        var missing = new List<int>();
        for (int p = 0; p < grid!.Count; p++)
        {
            string? dir = dirs.Select(d => Path.Combine(d, grid.PointName(p))).FirstOrDefault(d => File.Exists(Path.Combine(d, "done")));
            if (dir is null) { missing.Add(p); continue; }
            var table = TrajectoryTable.Read(Path.Combine(dir, "trajectory.csv"));
            foreach (var m in table.Metrics) if (!metricNames.Contains(m)) metricNames.Add(m);
            using var summary = ReadJson(Path.Combine(dir, "summary.json"));
            foreach (var dyn in summary.RootElement.GetProperty("dynamics").EnumerateArray())
            {
                string name = dyn.GetProperty("name").GetString()!;
                var last = new Dictionary<string, double>();
                var lastRow = table.Rows.LastOrDefault(r => r.Dynamics == name);
                if (lastRow.Values is not null)
                    for (int c = 0; c < table.Metrics.Count; c++) last[table.Metrics[c]] = lastRow.Values[c];
                rows.Add((p, name, dyn.GetProperty("status").GetString()!, Num(dyn.GetProperty("final_time")), Num(dyn.GetProperty("final_loss")), last));
            }
        }

        var sb = new StringBuilder();
        sb.Append("point,").Append(string.Join(',', grid.Parameters.Select(q => Csv(q.Path)))).Append(",dynamics,status,final_time,final_loss");
        foreach (var m in metricNames) sb.Append(",last_").Append(m);
        sb.Append('\n');
        foreach (var r in rows)
        {
            sb.Append(r.Point.ToString(CultureInfo.InvariantCulture)).Append(',').Append(string.Join(',', grid.ValuesAt(r.Point).Select(Csv)))
              .Append(',').Append(r.Dynamics).Append(',').Append(r.Status).Append(',')
              .Append(ScenarioNode.FormatNumber(r.FinalTime)).Append(',').Append(ScenarioNode.FormatNumber(r.FinalLoss));
            foreach (var m in metricNames) sb.Append(',').Append(r.Last.TryGetValue(m, out double v) ? ScenarioNode.FormatNumber(v) : "");
            sb.Append('\n');
        }
        string target = outDir ?? dirs[0];
        Directory.CreateDirectory(target);
        FlowSim.Reports.AtomicFile.WriteAllText(Path.Combine(target, "sweep.csv"), sb.ToString());
        FlowSim.Reports.AtomicFile.WriteAllText(Path.Combine(target, "sweep.svg"), Figure(grid, rows.Select(r => (r.Point, r.Dynamics, r.FinalLoss)).ToList()));

        Console.WriteLine($"{Path.GetFullPath(Path.Combine(target, "sweep.csv"))}: {grid.Count - missing.Count} of {grid.Count} points");
        if (missing.Count == 0) return 0;
        Console.WriteLine($"missing {missing.Count} points:");
        foreach (var p in missing) Console.WriteLine($"  {grid.PointName(p)} ({grid.Describe(p)})");
        return IncompleteExitCode;
    }

    /// <summary>Final loss per dynamics against the first parameter (when numeric) or the point index.</summary>
    private static string Figure(SweepGrid grid, List<(int Point, string Dynamics, double Loss)> rows)
    {
        bool numeric = grid.Parameters.Count == 1 && grid.Parameters[0].Values.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        double X(int p) => numeric ? double.Parse(grid.ValuesAt(p)[0], CultureInfo.InvariantCulture) : p;
        var series = rows.Select(r => r.Dynamics).Distinct().Select(d =>
        {
            var pts = rows.Where(r => r.Dynamics == d).Select(r => (X: X(r.Point), r.Loss)).OrderBy(t => t.X).ToList();
            return new SvgPlot.Series(d, pts.Select(t => t.X).ToList(), pts.Select(t => t.Loss).ToList());
        }).ToList();
        return SvgPlot.Render("final loss across the sweep", numeric ? grid.Parameters[0].Path : "point", "final loss", series, logY: true);
    }

    private static JsonDocument ReadJson(string path)
    {
        try { return JsonDocument.Parse(File.ReadAllText(path)); }
        catch (Exception ex) when (ex is IOException or JsonException) { throw new CliUsageException($"{path}: cannot read ({ex.Message})"); }
    }

    private static double Num(JsonElement e) => e.ValueKind == JsonValueKind.Number ? e.GetDouble()
        : double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;

    private static string Csv(string s) => s.Contains(',') || s.Contains('"') ? $"\"{s.Replace("\"", "\"\"")}\"" : s;
}

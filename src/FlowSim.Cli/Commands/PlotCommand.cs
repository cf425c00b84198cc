using System.CommandLine;
using FlowSim.Cli.Output;

namespace FlowSim.Cli.Commands;

/// <summary><c>flowsim plot RUN_DIR</c>: redraws figures/*.svg and report.html from trajectory.csv and summary.json.</summary>
public sealed class PlotCommand : ICliCommand
{
    /// <inheritdoc/>
    public Command Build()
    {
        var dir = new Argument<string>("run-dir") { Description = "Directory written by 'flowsim run'." };
        var cmd = new Command("plot", "Redraw the figures and the HTML report of a run from its saved outputs.");
        cmd.Arguments.Add(dir);
        cmd.SetAction(CommandGuard.Usage(parse =>
        {
            string root = parse.GetValue(dir)!;
            string csv = Path.Combine(root, "trajectory.csv"), json = Path.Combine(root, "summary.json");
            if (!File.Exists(csv) || !File.Exists(json))
                throw new CliUsageException($"{root}: not a run directory (needs trajectory.csv and summary.json)");
            var table = TrajectoryTable.Read(csv);
            string summary;
            try { summary = File.ReadAllText(json); }
            catch (IOException ex) { throw new CliUsageException($"{json}: cannot read ({ex.Message})"); }
            var figures = FigureWriter.Write(table, Path.Combine(root, "figures"));
            try
            {
                FlowSim.Reports.AtomicFile.WriteAllText(Path.Combine(root, "report.html"), HtmlReport.Build(summary, figures, Path.Combine(root, "figures")));
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new CliUsageException($"{json}: not a FlowSim summary ({ex.Message})");
            }
            foreach (var f in figures) Console.WriteLine(Path.Combine(root, "figures", f));
            return 0;
        }));
        return cmd;
    }
}

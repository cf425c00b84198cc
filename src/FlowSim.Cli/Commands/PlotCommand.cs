using System.CommandLine;
using FlowSim.Reports;

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
        cmd.SetAction(parse =>
        {
            foreach (var f in RunReport.Redraw(parse.GetValue(dir)!)) Console.WriteLine(f);
            return 0;
        });
        return cmd;
    }
}

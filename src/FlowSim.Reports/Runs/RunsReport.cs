using System.Reflection;
using FlowSim.Analysis;
using FlowSim.Dynamics;
using FlowSim.Models;
using FlowSim.Ode;

namespace FlowSim.Reports;

/// <summary>
/// A report of flows and descents run from C# on any objective — "write a report of these runs" — drawn by the same
/// code as <c>flowsim run</c>: the loss (and any metric added) against time, flows from their dense output and descent
/// iterates as markers at t = kη, and ‖θ_k − θ(kη)‖ of every descent/flow pair (<see cref="FlowDescentComparison"/>,
/// when the flow kept its dense output). <see cref="Write"/> puts <c>report.html</c>, <c>figures/*.svg</c>,
/// <c>curves.csv</c> and <c>distances.csv</c> into a directory, atomically (<see cref="OutputDirectory"/>).
/// </summary>
/// <example>
/// <code>
/// var flow = GradientFlow.Solve(objective, theta0, 4, "dop853", new OdeOptions { Dense = true });
/// var descent = GradientDescent.Run(objective, theta0, 0.01, 400);
/// string page = new RunsReport("my model", objective).AddFlow("flow", flow).AddDescent("descent", descent).Write("my-report");
/// </code>
/// </example>
public sealed class RunsReport
{
    private readonly IObjective _objective;
    private readonly List<(string Name, Func<double[], double> Value)> _metrics = [];
    private readonly List<(string Name, OdeSolution Flow)> _flows = [];
    private readonly List<(string Name, GradientDescentResult Descent)> _descents = [];

    /// <summary>Starts a report on <paramref name="objective"/> (whose loss is always drawn).</summary>
    /// <exception cref="ArgumentException">The title is empty.</exception>
    public RunsReport(string title, IObjective objective)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(objective);
        Title = title;
        _objective = objective;
    }

    /// <summary>The page title.</summary>
    public string Title { get; }

    /// <summary>Adds a metric of θ (a figure of its own; names <c>sv1</c>, <c>sv2</c> … share the singular-value figure).</summary>
    /// <exception cref="ArgumentException">The name is empty, "loss", or already used.</exception>
    public RunsReport AddMetric(string name, Func<double[], double> metric)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(metric);
        if (name == "loss" || _metrics.Any(m => m.Name == name)) throw new ArgumentException($"name: the metric '{name}' is already drawn.", nameof(name));
        _metrics.Add((name, metric));
        return this;
    }

    /// <summary>Adds a flow: drawn from its dense output when it kept one (<see cref="OdeOptions.Dense"/>), else through
    /// its saved points. Its state must be θ (no projection).</summary>
    /// <exception cref="ArgumentException">The name is empty or already used, or the state length is not the objective's.</exception>
    public RunsReport AddFlow(string name, OdeSolution flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        CheckName(name, flow.Problem.Dimension);
        _flows.Add((name, flow));
        return this;
    }

    /// <summary>Adds a descent: its recorded iterates are drawn as markers at t = kη.</summary>
    /// <exception cref="ArgumentException">The name is empty or already used, or it recorded projections instead of θ.</exception>
    public RunsReport AddDescent(string name, GradientDescentResult descent)
    {
        ArgumentNullException.ThrowIfNull(descent);
        CheckName(name, descent.FinalState.Length);
        if (!descent.ValuesAreStates) throw new ArgumentException($"descent: '{name}' recorded projections, not θ; run it without a projection.", nameof(descent));
        _descents.Add((name, descent));
        return this;
    }

    /// <summary>Writes the report into <paramref name="directory"/> and returns the path of its report.html.</summary>
    /// <param name="directory">Output directory (must not exist or be empty, unless <paramref name="replace"/>).</param>
    /// <param name="replace">Replace an earlier FlowSim output there (never a directory holding other files).</param>
    /// <exception cref="InvalidOperationException">Nothing was added.</exception>
    /// <exception cref="OutputDirectoryException">The directory may not be used or replaced.</exception>
    public string Write(string directory, bool replace = false)
    {
        if (_flows.Count + _descents.Count == 0) throw new InvalidOperationException("RunsReport: add a flow or a descent before writing.");
        var data = RunsReportData.Build(_objective, _metrics, _flows, _descents);
        var figures = RunFigures.Render(data.Figures);
        string tool = $"FlowSim.Reports {typeof(RunsReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]}";
        using var output = new OutputDirectory(directory, OutputLayout.Run, replace);
        output.WriteText(RunReport.CurvesFile, data.Figures.Curves.ToCsv());
        output.WriteText(RunReport.DistancesFile, data.Figures.Distances.ToCsv());
        output.CreateDirectory("figures");
        foreach (var f in figures) output.WriteText("figures/" + f.File, f.Svg);
        output.WriteText("report.html", RunReportHtml.Write(Title, tool, data.Dynamics, data.Comparisons, figures));
        output.Commit();
        return Path.Combine(Path.GetFullPath(directory), "report.html");
    }

    private void CheckName(string name, int length)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Contains(',') || _flows.Any(f => f.Name == name) || _descents.Any(d => d.Name == name))
            throw new ArgumentException($"name: '{name}' is already used or holds a comma.", nameof(name));
        if (length != _objective.ParameterCount)
            throw new ArgumentException($"{name}: its state has {length} entries, the objective {_objective.ParameterCount}.", nameof(name));
    }
}

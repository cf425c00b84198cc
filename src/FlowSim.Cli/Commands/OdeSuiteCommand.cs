using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FlowSim.Ode;
using FlowSim.OdeSuite;
using Spectre.Console;

namespace FlowSim.Cli.Commands;

/// <summary>
/// <c>flowsim ode-suite [--method NAME] [--rtol R] [--atol A] [--json FILE]</c>: runs the built-in ODE problem set
/// (<see cref="OdeSuiteProblems"/>) with one method and prints status, work and error in tolerance units per problem.
/// </summary>
public sealed class OdeSuiteCommand : ICliCommand
{
    /// <inheritdoc/>
    public Command Build()
    {
        var method = new Option<string>("--method") { Description = $"ODE method ({string.Join(", ", OdeMethods.Names)}).", DefaultValueFactory = _ => "dp5" };
        var rtol = new Option<double>("--rtol") { Description = "Relative tolerance (> 0).", DefaultValueFactory = _ => 1e-6 };
        var atol = new Option<double?>("--atol") { Description = "Absolute tolerance (≥ 0); default rtol·1e-3." };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the results as JSON to this file." };
        var cmd = new Command("ode-suite", "Run the built-in ODE problem set (published or exact references) with one method.");
        cmd.Options.Add(method);
        cmd.Options.Add(rtol);
        cmd.Options.Add(atol);
        cmd.Options.Add(json);
        cmd.SetAction(parse =>
        {
            // System.CommandLine's default exception handler would turn a usage error into exit code 1, so it is handled here.
            try { return Run(parse.GetValue(method)!, parse.GetValue(rtol), parse.GetValue(atol), parse.GetValue(json)); }
            catch (CliUsageException ex)
            {
                Console.Error.WriteLine($"flowsim: {ex.Message}");
                return Program.UsageError;
            }
        });
        return cmd;
    }

    private static int Run(string method, double rtol, double? atol, FileInfo? json)
    {
        if (!OdeMethods.Names.Contains(method, StringComparer.OrdinalIgnoreCase))
            throw new CliUsageException($"--method: unknown method '{method}' (valid: {string.Join(", ", OdeMethods.Names)}).");
        if (!(rtol > 0) || !double.IsFinite(rtol))
            throw new CliUsageException($"--rtol: must be a finite number > 0 (got {rtol.ToString(CultureInfo.InvariantCulture)}).");
        if (rtol < OdeOptions.MinimumRelativeTolerance)
            throw new CliUsageException(string.Create(CultureInfo.InvariantCulture, $"--rtol: must be at least {OdeOptions.MinimumRelativeTolerance:G3} (100 machine epsilons)."));
        if (atol is { } a && (!(a >= 0) || !double.IsFinite(a)))
            throw new CliUsageException($"--atol: must be a finite number ≥ 0 (got {a.ToString(CultureInfo.InvariantCulture)}).");

        var report = OdeSuiteRunner.Run(method, rtol, atol);
        if (Console.IsOutputRedirected) WritePlain(report, Console.Out);
        else WriteTable(report);
        if (json is not null) FlowSim.Reports.AtomicFile.WriteUsingTempPath(json.FullName, temp => WriteJson(report, temp));
        return 0;
    }

    private static readonly string[] Headers = ["problem", "method", "status", "nfev", "steps", "rejected", "err/tol", "seconds"];

    private static string[] Row(OdeSuiteReport report, OdeSuiteResult r) =>
    [
        r.Problem + (r.Stiff ? " (stiff)" : ""), report.Method, r.Status,
        r.Nfev.ToString(CultureInfo.InvariantCulture), r.Steps.ToString(CultureInfo.InvariantCulture),
        r.Rejected.ToString(CultureInfo.InvariantCulture),
        double.IsNaN(r.ErrorOverTolerance) ? "-" : r.ErrorOverTolerance.ToString("0.###E+0", CultureInfo.InvariantCulture),
        r.Seconds.ToString("0.000", CultureInfo.InvariantCulture),
    ];

    private static string Title(OdeSuiteReport report) => string.Create(CultureInfo.InvariantCulture,
        $"ode-suite: method {report.Method}, rtol {report.RelTol:G3}, atol {report.AbsTol:G3}");

    private const string ErrorDefinition = "err/tol = max_i |y_i − ref_i| / (atol + rtol·|ref_i|) at t1";

    private static void WriteTable(OdeSuiteReport report)
    {
        var table = new Table().Title(Markup.Escape(Title(report))).Caption(Markup.Escape(ErrorDefinition));
        foreach (var h in Headers) table.AddColumn(new TableColumn(h) { Alignment = h is "problem" or "method" or "status" ? Justify.Left : Justify.Right });
        foreach (var r in report.Problems) table.AddRow(Row(report, r).Select(Markup.Escape).ToArray());
        AnsiConsole.Write(table);
    }

    /// <summary>Writes the results as aligned plain text (used when stdout is not a terminal).</summary>
    internal static void WritePlain(OdeSuiteReport report, TextWriter output)
    {
        var rows = new List<string[]> { Headers };
        rows.AddRange(report.Problems.Select(r => Row(report, r)));
        var widths = Enumerable.Range(0, Headers.Length).Select(c => rows.Max(row => row[c].Length)).ToArray();
        output.WriteLine($"{Title(report)}; {ErrorDefinition}");
        foreach (var row in rows)
            output.WriteLine(string.Join("  ", row.Select((cell, c) => c < 3 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
    }

    /// <summary>Writes {"method","rtol","atol","problems":[{"name","stiff","status","nfev","steps","rejected","err_over_tol","seconds"}]};
    /// err_over_tol is null when t1 was not reached (JSON has no NaN). E5 runs and is measured with its own atol
    /// (<see cref="SuiteProblem.AbsoluteTolerance"/>, 1.7e-24), not the run's.</summary>
    internal static void WriteJson(OdeSuiteReport report, string path)
    {
        using var stream = File.Create(path);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("method", report.Method);
        w.WriteNumber("rtol", report.RelTol);
        w.WriteNumber("atol", report.AbsTol);
        w.WriteStartArray("problems");
        foreach (var r in report.Problems)
        {
            w.WriteStartObject();
            w.WriteString("name", r.Problem);
            w.WriteBoolean("stiff", r.Stiff);
            w.WriteString("status", r.Status);
            w.WriteNumber("nfev", r.Nfev);
            w.WriteNumber("steps", r.Steps);
            w.WriteNumber("rejected", r.Rejected);
            if (double.IsFinite(r.ErrorOverTolerance)) w.WriteNumber("err_over_tol", r.ErrorOverTolerance);
            else w.WriteNull("err_over_tol");
            w.WriteNumber("seconds", r.Seconds);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}

using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using FlowSim.Linalg;
using FlowSim.Provenance;
using FlowSim.Reports;
using FlowSim.Theory;
using Spectre.Console;

namespace FlowSim.Cli.Commands;

/// <summary>
/// <c>flowsim validate [--quick] [--only IDS] [--out DIR] [--seed N]</c>: runs the papers' claims as checks and
/// writes the report (HTML, JSON, CSV, figures) atomically into DIR. Exit code 0 when every claim passes, 1 when
/// any fails or errs (or the report cannot be written), 2 for a usage error, 130 when cancelled (Ctrl+C or
/// SIGTERM; nothing is written then).
/// </summary>
public sealed class ValidateCommand : ICliCommand
{
    /// <summary>Default report directory.</summary>
    public const string DefaultOutput = "flowsim-report";
    /// <summary>Exit code when the run was cancelled.</summary>
    public const int Cancelled = 130;

    private static readonly AsyncLocal<IClaimSource?> SourceOverride = new();

    /// <summary>
    /// Replaces the claim source for the current logical call (tests run <see cref="Program.Main"/> in-process with
    /// their own claims); dispose the result to restore the previous source. Parallel tests do not see each
    /// other's override.
    /// </summary>
    public static IDisposable UseClaimSource(IClaimSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var previous = SourceOverride.Value;
        SourceOverride.Value = source;
        return new Restore(() => SourceOverride.Value = previous);
    }

    /// <inheritdoc/>
    public Command Build()
    {
        var quick = new Option<bool>("--quick") { Description = "Keep every claim but use the smaller settings each allows (target: under 2 minutes on 2 cores)." };
        var only = new Option<string?>("--only") { Description = "Comma-separated claim ids or prefixes, e.g. W1,C3 or C (all P3 claims) or C1* (C1 and C10–C19)." };
        var output = new Option<string>("--out") { Description = "Report directory (replaced atomically).", DefaultValueFactory = _ => DefaultOutput };
        var seed = new Option<int>("--seed") { Description = "Master seed (≥ 0); each claim derives its own generators from it.", DefaultValueFactory = _ => ClaimSettings.DefaultSeed };
        var cmd = new Command("validate", "Run the papers' claims as executable checks and write the validation report.");
        cmd.Options.Add(quick);
        cmd.Options.Add(only);
        cmd.Options.Add(output);
        cmd.Options.Add(seed);
        cmd.SetAction(parse => Execute(parse.GetValue(quick), parse.GetValue(only), parse.GetValue(output) ?? DefaultOutput, parse.GetValue(seed)));
        return cmd;
    }

    private static int Execute(bool quick, string? only, string outDir, int seed)
    {
        if (seed < 0) throw new CliUsageException($"--seed: must be ≥ 0 (got {seed}).");
        // An --only that names nothing (',' or '') would select no claim, or every claim: either is a usage error.
        if (only is not null && only.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Length == 0)
            throw new CliUsageException($"--only: names no claim (got '{only}'); give claim ids or prefixes, e.g. W1,C3 or C");
        var runner = new ClaimRunner(SourceOverride.Value ?? ClaimCatalog.Default);
        IReadOnlyList<Claim> selected;
        try
        {
            selected = runner.Select(only);
        }
        catch (ArgumentException ex)
        {
            throw new CliUsageException(AsOptionMessage(ex, "only", "--only"));
        }
        ReportWriter.CheckTarget(outDir);

        var settings = new ClaimSettings(quick, seed);
        using var cts = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (cts.IsCancellationRequested) return; // a second Ctrl+C ends the process the usual way
            e.Cancel = true;
            cts.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx =>
        {
            ctx.Cancel = true;
            cts.Cancel();
        });
        try
        {
            var started = DateTime.UtcNow;
            var clock = Stopwatch.StartNew();
            bool interactive = !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));
            Console.WriteLine($"flowsim validate: {selected.Count} claim(s), {(quick ? "quick" : "full")} run, seed {seed}");
            var results = interactive ? RunWithProgressBar(runner, selected, settings, cts.Token) : RunPlain(runner, selected, settings, cts.Token);
            var report = new ValidationReport
            {
                Provenance = RunProvenance.Capture(seed, started, clock.Elapsed.TotalSeconds, LinearAlgebra.Description),
                Settings = settings,
                Claims = results,
                Selection = string.IsNullOrWhiteSpace(only) ? null : only.Trim(),
            };
            ReportFiles files;
            try
            {
                files = new ReportWriter().Write(report, outDir, cts.Token);
            }
            catch (OutputDirectoryException ex)
            {
                // The directory changed during the run so that it may no longer be replaced.
                Console.Error.WriteLine($"flowsim: report not written: {ex.Message}");
                return Program.UsageError;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
            {
                Console.Error.WriteLine($"flowsim: report not written: {ex.Message}");
                return 1;
            }
            foreach (var note in files.Notes) Console.WriteLine($"note: {note}");
            Console.WriteLine(report.Summary);
            Console.WriteLine(files.HtmlPath);
            return report.AllPassed ? 0 : 1;
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            Console.Error.WriteLine("flowsim: validation cancelled; no report written.");
            return Cancelled;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static IReadOnlyList<ClaimResult> RunPlain(ClaimRunner runner, IReadOnlyList<Claim> claims, ClaimSettings settings, CancellationToken ct) =>
        runner.Run(claims, settings, p =>
        {
            if (p.Result is { } r) Console.WriteLine(Line(p, r));
        }, ct);

    private static IReadOnlyList<ClaimResult> RunWithProgressBar(ClaimRunner runner, IReadOnlyList<Claim> claims, ClaimSettings settings, CancellationToken ct)
    {
        IReadOnlyList<ClaimResult> results = [];
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("claims", maxValue: Math.Max(1, claims.Count));
                results = runner.Run(claims, settings, p =>
                {
                    if (p.Result is not { } r)
                    {
                        task.Description = Markup.Escape($"{p.Claim.Id}: {Truncate(p.Claim.Title, 48)}");
                        return;
                    }
                    string colour = r.Verdict switch { Verdict.Pass => "green", Verdict.Fail => "red", _ => "yellow" };
                    AnsiConsole.MarkupLine($"[{colour}]{Markup.Escape(Line(p, r))}[/]");
                    task.Increment(1);
                }, ct);
                task.Value = task.MaxValue;
            });
        return results;
    }

    private static string Line(ClaimProgress p, ClaimResult r)
    {
        int width = p.Count.ToString(CultureInfo.InvariantCulture).Length;
        string index = (p.Index + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width);
        string margin = double.IsNaN(r.Margin) ? "—" : double.IsPositiveInfinity(r.Margin) ? "∞" : r.Margin.ToString("G3", CultureInfo.InvariantCulture).Replace("E+0", "e", StringComparison.Ordinal).Replace("E+", "e", StringComparison.Ordinal).Replace("E-0", "e-", StringComparison.Ordinal).Replace("E", "e", StringComparison.Ordinal);
        string line = string.Create(CultureInfo.InvariantCulture, $"[{index}/{p.Count}] {r.Id,-4} {r.Verdict.DisplayName(),-5} margin {margin,-8} {r.WallSeconds,7:0.00} s  {r.Kind.DisplayName(),-14} {r.Title}");
        return r.Verdict == Verdict.Pass ? line : $"{line}\n        {r.Message}";
    }

    /// <summary>"only: unknown …" from the library becomes "--only: unknown …", without .NET's "(Parameter …)" suffix.</summary>
    private static string AsOptionMessage(ArgumentException ex, string parameter, string option)
    {
        string message = ex.Message.Replace($" (Parameter '{ex.ParamName}')", "", StringComparison.Ordinal);
        return message.StartsWith(parameter + ":", StringComparison.Ordinal) ? option + message[parameter.Length..] : $"{option}: {message}";
    }

    private static string Truncate(string s, int n) => s.Length <= n ? s : s[..(n - 1)] + "…";

    private sealed class Restore(Action restore) : IDisposable
    {
        private Action? _restore = restore;

        public void Dispose()
        {
            _restore?.Invoke();
            _restore = null;
        }
    }
}

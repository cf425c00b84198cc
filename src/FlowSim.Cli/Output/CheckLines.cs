using FlowSim.Reports;
using FlowSim.Scenarios.Checks;
using FlowSim.Theory;

namespace FlowSim.Cli.Output;

/// <summary>The lines <c>flowsim run</c> prints for a scenario's checks, and the exit code they imply.</summary>
public static class CheckLines
{
    /// <summary>Exit code of a run whose outputs were written but a check failed (like a failed claim in <c>validate</c>).</summary>
    public const int CheckFailedExitCode = 1;

    /// <summary>One line per result: <c>check ID  DYNAMICS  VERDICT  margin M</c>, columns aligned.</summary>
    public static IReadOnlyList<string> Format(IReadOnlyList<CheckResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0) return [];
        int id = results.Max(r => r.Id.Length), dynamics = results.Max(r => r.Dynamics.Length);
        return [.. results.Select(r =>
            $"check {r.Id.PadRight(id)}  {r.Dynamics.PadRight(dynamics)}  {r.Verdict.DisplayName(),-4}  margin {CheckSummary.FormatMargin(r.Margin)}")];
    }

    /// <summary><see cref="CheckFailedExitCode"/> when any check failed, else 0.</summary>
    public static int ExitCode(IReadOnlyList<CheckResult> results) =>
        results.Any(r => r.Verdict != Verdict.Pass) ? CheckFailedExitCode : 0;
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using FlowSim.Scenarios;

namespace FlowSim.Reports;

/// <summary>
/// <c>summary.json</c> of a run: format and tool, status, the resolved scenario, step-size warnings, one entry per
/// dynamics, per flow-versus-descent comparison and per check and dynamics — all deterministic — and last the <see cref="Run"/> clock block,
/// the only part that differs between identical runs.
/// </summary>
/// <param name="Format">Format version (<see cref="FormatVersion"/>).</param>
/// <param name="Tool">"flowsim VERSION".</param>
/// <param name="Status"><c>completed</c> or <c>interrupted</c>.</param>
/// <param name="ScenarioFile">The scenario's file name.</param>
/// <param name="Seed">The seed used.</param>
/// <param name="Scenario">The resolved scenario (defaults filled in); left out of a sweep point's summary (the sweep's
/// sweep.json holds the scenario, the point block the swept values).</param>
/// <param name="Warnings">Step-size findings.</param>
/// <param name="Dynamics">One entry per dynamics.</param>
/// <param name="Comparisons">Each descent against each ODE dynamics.</param>
/// <param name="Checks">Each check on each dynamics it applies to and that ran; null, and left out of summary.json, when the scenario has no checks.</param>
/// <param name="Run">Timestamps and wall times.</param>
public sealed record RunSummary(int Format, string Tool, string Status, string ScenarioFile, ulong Seed, JsonNode? Scenario,
    IReadOnlyList<string> Warnings, IReadOnlyList<DynamicsSummary> Dynamics, IReadOnlyList<ComparisonSummary> Comparisons,
    IReadOnlyList<CheckSummary>? Checks, [property: JsonPropertyOrder(1)] RunClock Run)
{
    /// <summary>Format version of summary.json.</summary>
    public const int FormatVersion = 1;

    /// <summary>The sweep point this run is (its index and swept values); null for <c>flowsim run</c>.</summary>
    public SweepPointInfo? Point { get; init; }

    /// <summary>The summary of a finished run.</summary>
    /// <param name="result">The run.</param>
    /// <param name="scenarioFile">The scenario's file name.</param>
    /// <param name="warnings">Step-size findings printed before the run.</param>
    /// <param name="tool">"flowsim VERSION".</param>
    public static RunSummary From(ScenarioResult result, string scenarioFile, IReadOnlyList<string> warnings, string tool) =>
        From(result, new RunReportSource(scenarioFile, warnings, tool));

    /// <summary>The summary of a finished run, with the source's point block.</summary>
    /// <param name="result">The run.</param>
    /// <param name="source">Scenario file name, warnings, tool and (for a sweep point) the point.</param>
    /// <param name="withScenario">Include the resolved scenario (false for a sweep point's summary-only output).</param>
    public static RunSummary From(ScenarioResult result, RunReportSource source, bool withScenario = true)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(source);
        return new RunSummary(FormatVersion, source.Tool, result.Status.Name(), source.ScenarioFile, result.Scenario.Seed,
            withScenario ? FlowSimJson.ToJsonNode(ScenarioWriter.ToNode(result.Scenario)) : null, source.Warnings,
            [.. result.Dynamics.Select(DynamicsSummary.From)],
            [.. result.Comparisons.Select(c => new ComparisonSummary(c.Descent, c.Flow, c.Points, c.MaxDistance, c.MaxDistanceTime,
                c.MaxRelativeDistance, c.FinalDistance, c.FinalTime, c.Iterates == ScenarioComparison.RawIterates ? null : c.Iterates))],
            result.Scenario.Checks.Count == 0 ? null : [.. result.Checks.Select(CheckSummary.From)],
            new RunClock(result.StartedUtc.ToString("O"), result.FinishedUtc.ToString("O"), Math.Round(result.WallSeconds, 3),
                result.Dynamics.ToDictionary(d => d.Name, d => Math.Round(d.WallSeconds, 3)),
                Environment.MachineName, System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription))
        {
            Point = source.Point,
        };
    }
}

/// <summary>One dynamics in summary.json. A descent has <see cref="Iterations"/> and <see cref="GradientEvaluations"/>;
/// an ODE dynamics <see cref="AcceptedSteps"/>, <see cref="RejectedSteps"/> and <see cref="Nfev"/>. A descent that tracked its
/// sharpness adds <c>eos_onset_k</c> (the first k with S ≥ 2/η, null if never), <c>stability_threshold</c> (2/η) and
/// <c>midpoint_records</c>; a central flow adds
/// <c>cf_active_from</c> (τ where S first reached 2/η, null if never). These keys are absent where they do not apply.</summary>
public sealed record DynamicsSummary(string Name, string Type, string Status, string? Message, string? Method, double FinalTime, double FinalLoss,
    long? Iterations, long? AcceptedSteps, long? RejectedSteps, long? GradientEvaluations, long? Nfev, int Records,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] JsonElement EosOnsetK = default, int? MidpointRecords = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] JsonElement CfActiveFrom = default,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? StabilityThreshold = null)
{
    /// <summary>The last recorded value of every metric column (what a sweep's merge reads); null when nothing was recorded.</summary>
    public IReadOnlyDictionary<string, double>? Final { get; init; }

    /// <summary>The entry of one dynamics.</summary>
    public static DynamicsSummary From(DynamicsResult d)
    {
        ArgumentNullException.ThrowIfNull(d);
        bool descent = d.Type == DynamicsTypes.Descent;
        Dictionary<string, double>? final = null;
        if (d.Records.Count > 0)
        {
            var last = d.Records.Rows[^1];
            final = new Dictionary<string, double>(d.Records.Columns.Count, StringComparer.Ordinal);
            for (int c = 0; c < d.Records.Columns.Count; c++) final[d.Records.Columns[c]] = last[c];
        }
        // A JsonElement, not a nullable number: null ("never") is written, while an absent key means "not tracked".
        return new DynamicsSummary(d.Name, d.Type, d.Status.Name(), d.Message, d.Method, d.FinalTime, d.FinalLoss,
            descent ? d.Steps : null, descent ? null : d.Steps, descent ? null : d.RejectedSteps,
            descent ? d.Evaluations : null, descent ? null : d.Evaluations, d.Records.Count,
            d.SharpnessTracked ? JsonValueOrNull(d.EosOnsetK) : default, d.Midpoints?.Count,
            d.CentralFlow is { } cf ? JsonValueOrNull(cf.ActivationTime) : default, d.StabilityThreshold) { Final = final };
    }

    private static JsonElement JsonValueOrNull(double? value) =>
        JsonSerializer.SerializeToElement(value is double v && double.IsFinite(v) ? v : (double?)null);
}

/// <summary>A flow-versus-descent comparison in summary.json (see <see cref="ScenarioComparison"/>); <c>iterates</c> is
/// <c>midpoints</c> for the descent's second-order midpoints and absent for its iterates.</summary>
public sealed record ComparisonSummary(string Descent, string Flow, int Points, double MaxDistance, double MaxDistanceTime,
    double MaxRelativeDistance, double FinalDistance, double FinalTime, string? Iterates = null);

/// <summary>The non-deterministic block of summary.json: keep it last and alone, so comparisons can drop it.</summary>
public sealed record RunClock(string StartedUtc, string FinishedUtc, double WallSeconds, IReadOnlyDictionary<string, double> WallSecondsPerDynamics,
    string Machine, string Runtime);

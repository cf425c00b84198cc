using System.Globalization;
using System.Text.Json;
using FlowSim.Scenarios;

namespace FlowSim.Reports;

/// <summary>A run directory's summary.json and trajectory.csv, each checked and checked against the other.</summary>
/// <param name="Summary">summary.json.</param>
/// <param name="Trajectory">trajectory.csv.</param>
public sealed record RunFilesContent(RunSummary Summary, TrajectoryTable Trajectory);

/// <summary>
/// Reads the files of a run directory (<c>flowsim run</c>, each sweep point) for <c>plot</c> and <c>merge</c>, so that a
/// damaged file is named and never drawn or merged: every number parsed with the invariant culture, a regular file
/// under <see cref="InputFile.MaxRunFileBytes"/>, every key the report needs present with a value of the right kind,
/// and the summary against the trajectory (rows per dynamics equal to its <c>records</c>, the last row not after its
/// <c>final_time</c>, and at the final time the row's loss equal to its <c>final_loss</c>).
/// </summary>
public static class RunFiles
{
    /// <summary>The relative difference allowed between a dynamics' <c>final_loss</c> and its last recorded loss when
    /// both are at the final time: the same state (equal in every run measured), up to a dense-output evaluation's rounding;
    /// a damaged or edited number differs in its leading digits.</summary>
    public const double FinalLossTolerance = 1e-9;

    private static readonly string[] Statuses = ["not-run", "completed", "loss-reached", "diverged", "max-steps", "failed", "interrupted"];

    /// <summary>Reads and checks both files of <paramref name="runDirectory"/>.</summary>
    /// <exception cref="RunFileException">A file is missing, damaged, or disagrees with the other (the message names it).</exception>
    public static RunFilesContent ReadRun(string runDirectory)
    {
        ArgumentNullException.ThrowIfNull(runDirectory);
        string csv = Path.Combine(runDirectory, "trajectory.csv"), json = Path.Combine(runDirectory, "summary.json");
        if (!File.Exists(csv) || !File.Exists(json))
            throw new RunFileException(runDirectory, $"{runDirectory}: not a run directory (needs trajectory.csv and summary.json)");
        var summary = ReadSummary(json);
        var trajectory = ReadTrajectory(csv);
        CheckAgainst(summary, json, trajectory, csv);
        return new RunFilesContent(summary, trajectory);
    }

    /// <summary>Reads trajectory.csv (<see cref="TrajectoryTable.Read"/>).</summary>
    /// <exception cref="RunFileException">Unreadable or malformed (the message names the file, line and column).</exception>
    public static TrajectoryTable ReadTrajectory(string path) => TrajectoryTable.Read(path);

    /// <summary>Reads summary.json: valid JSON of the summary's shape, every key the report needs present (top level:
    /// format, tool, status, scenario_file, seed, warnings, dynamics, comparisons; each dynamics: name, type, status,
    /// final_time, final_loss, records; each comparison: descent, flow, points and the distances), statuses and types
    /// known, names unique, final times finite and not negative.</summary>
    /// <exception cref="RunFileException">The message names the file and the key (and the line of a syntax or type error).</exception>
    public static RunSummary ReadSummary(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text = ReadText(path);
        RunSummary? summary;
        try
        {
            using var doc = JsonDocument.Parse(text);
            RequireKeys(path, doc.RootElement, "", ["format", "tool", "status", "scenario_file", "seed", "warnings", "dynamics", "comparisons"]);
            int i = 0;
            foreach (var d in doc.RootElement.GetProperty("dynamics").EnumerateArray())
                RequireKeys(path, d, $"dynamics[{i++}].", ["name", "type", "status", "final_time", "final_loss", "records"]);
            i = 0;
            foreach (var c in doc.RootElement.GetProperty("comparisons").EnumerateArray())
                RequireKeys(path, c, $"comparisons[{i++}].", ["descent", "flow", "points", "max_distance", "max_relative_distance", "final_distance", "final_time"]);
            summary = JsonSerializer.Deserialize<RunSummary>(text, FlowSimJson.Options);
        }
        catch (JsonException ex)
        {
            string where = ex.LineNumber is { } line ? $"line {line + 1}: " : "";
            string key = ex.Path is { Length: > 2 } p ? $"{p.TrimStart('$', '.')}: " : "";
            throw new RunFileException(path, $"{path}: {where}{key}not a FlowSim summary ({ex.Message.ReplaceLineEndings(" ")})");
        }
        catch (InvalidOperationException ex)
        {
            // GetProperty / EnumerateArray on a value of the wrong kind.
            throw new RunFileException(path, $"{path}: not a FlowSim summary ({ex.Message})");
        }
        if (summary is null || summary.Dynamics is null || summary.Comparisons is null || summary.Warnings is null || summary.ScenarioFile is null || summary.Tool is null)
            throw new RunFileException(path, $"{path}: not a FlowSim summary (tool, scenario_file, warnings, dynamics or comparisons is null)");
        if (summary.Status is not ("completed" or "interrupted")) throw Bad(path, "status", $"'{summary.Status}' is not completed or interrupted");
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < summary.Dynamics.Count; i++)
        {
            var d = summary.Dynamics[i];
            string at = $"dynamics[{i}]";
            if (d is null || d.Name is null || d.Type is null || d.Status is null) throw Bad(path, at, "name, type or status is null");
            if (!names.Add(d.Name)) throw Bad(path, $"{at}.name", $"'{d.Name}' appears twice");
            if (!DynamicsTypes.All.Contains(d.Type)) throw Bad(path, $"{at}.type", $"unknown type '{d.Type}'");
            if (!Statuses.Contains(d.Status)) throw Bad(path, $"{at}.status", $"unknown status '{d.Status}'");
            if (!double.IsFinite(d.FinalTime) || d.FinalTime < 0) throw Bad(path, $"{at}.final_time", $"must be finite and ≥ 0 (got {Num(d.FinalTime)})");
            if (d.Records < 0) throw Bad(path, $"{at}.records", $"must be ≥ 0 (got {d.Records})");
        }
        for (int i = 0; i < summary.Comparisons.Count; i++)
        {
            var c = summary.Comparisons[i];
            if (c is null || !names.Contains(c.Descent ?? "") || !names.Contains(c.Flow ?? ""))
                throw Bad(path, $"comparisons[{i}]", "descent and flow must name dynamics of this run");
        }
        return summary;
    }

    /// <summary>Checks the summary against the trajectory: the same dynamics, as many rows as records, the last row not
    /// after the final time, and at the final time the recorded loss equal to <c>final_loss</c> (to <see cref="FinalLossTolerance"/>).</summary>
    /// <exception cref="RunFileException">They disagree; the message names both files and the dynamics.</exception>
    public static void CheckAgainst(RunSummary summary, string summaryPath, TrajectoryTable trajectory, string trajectoryPath)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(trajectory);
        var rows = trajectory.Rows.GroupBy(r => r.Dynamics, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        // A descent's second-order midpoints are rows of their own series, as many as its midpoint_records.
        foreach (var d in summary.Dynamics)
            if (d.MidpointRecords is int m && rows.Remove(TrajectoryTable.MidpointSeries(d.Name), out var own) && own.Count != m)
                throw new RunFileException(trajectoryPath,
                    $"{trajectoryPath}: {own.Count} midpoint rows of dynamics '{d.Name}', but {summaryPath} says midpoint_records {m} (a truncated or edited file)");
        foreach (var name in rows.Keys)
            if (!summary.Dynamics.Any(d => d.Name == name))
                throw new RunFileException(trajectoryPath, $"{trajectoryPath}: rows of dynamics '{name}', which {summaryPath} does not list");
        int loss = trajectory.Metrics.ToList().IndexOf("loss");
        foreach (var d in summary.Dynamics)
        {
            var own = rows.GetValueOrDefault(d.Name) ?? [];
            if (own.Count != d.Records)
                throw new RunFileException(trajectoryPath,
                    $"{trajectoryPath}: {own.Count} rows of dynamics '{d.Name}', but {summaryPath} says it recorded {d.Records} (a truncated or edited file)");
            if (own.Count == 0) continue;
            var last = own[^1];
            if (last.Time > d.FinalTime)
                throw new RunFileException(trajectoryPath,
                    $"{trajectoryPath}: dynamics '{d.Name}' has a row at t = {Num(last.Time)}, after its final_time {Num(d.FinalTime)} in {summaryPath}");
            if (loss < 0 || last.Time != d.FinalTime || !double.IsFinite(d.FinalLoss) || !double.IsFinite(last.Values[loss])) continue;
            double recorded = last.Values[loss];
            if (Math.Abs(recorded - d.FinalLoss) > FinalLossTolerance * Math.Max(Math.Abs(recorded), Math.Abs(d.FinalLoss)))
                throw new RunFileException(trajectoryPath,
                    $"{trajectoryPath}: dynamics '{d.Name}' recorded loss {Num(recorded)} at its final time, but {summaryPath} says final_loss {Num(d.FinalLoss)}");
        }
    }

    /// <summary>The text of a run file: a regular file of at most <see cref="InputFile.MaxRunFileBytes"/>.</summary>
    internal static string ReadText(string path)
    {
        try
        {
            return InputFile.ReadAllText(path, InputFile.MaxRunFileBytes);
        }
        catch (InputFileException ex)
        {
            throw new RunFileException(path, ex.Message);
        }
    }

    private static void RequireKeys(string path, JsonElement element, string prefix, string[] keys)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new RunFileException(path, $"{path}: {(prefix.Length == 0 ? "the top level" : prefix.TrimEnd('.'))}: expected an object (got {element.ValueKind.ToString().ToLowerInvariant()})");
        foreach (var key in keys)
            if (!element.TryGetProperty(key, out _)) throw new RunFileException(path, $"{path}: {prefix}{key}: missing");
    }

    private static RunFileException Bad(string path, string key, string problem) => new(path, $"{path}: {key}: {problem}");

    private static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}

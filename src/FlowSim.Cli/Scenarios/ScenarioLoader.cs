using FlowSim.Scenarios;

namespace FlowSim.Cli.Scenarios;

/// <summary>A validated scenario with its source and the step-size findings of the regime analysis.</summary>
/// <param name="Scenario">The resolved scenario.</param>
/// <param name="SourceName">File name used in messages.</param>
/// <param name="Warnings">Messages to print (step sizes outside the covering condition or predicted to diverge).</param>
public sealed record LoadedScenario(Scenario Scenario, string SourceName, IReadOnlyList<string> Warnings)
{
    /// <summary>The memory budget the scenario was checked against; the run keeps to it (<c>--max-memory</c>).</summary>
    public long MaxMemoryBytes { get; init; } = ScenarioMemory.DefaultLimitBytes;
}

/// <summary>File → node tree → validated scenario, with every problem turned into a usage error (exit code 2).</summary>
public static class ScenarioLoader
{
    /// <summary>Loads and validates a scenario file.</summary>
    /// <exception cref="CliUsageException">Unreadable or broken file, invalid fields, an estimated memory beyond the
    /// budget, or (with <paramref name="strict"/>) a step size the regime analysis predicts to diverge.</exception>
    public static LoadedScenario Load(string path, ulong? seed, bool strict, Action<ScenarioNode>? edit = null, long? maxMemoryBytes = null)
    {
        var node = ScenarioFileReader.ReadFile(path);
        edit?.Invoke(node);
        string dir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        return FromNode(node, Path.GetFileName(path), dir, seed, strict, maxMemoryBytes);
    }

    /// <summary>Validates a node tree (already read, perhaps edited by a sweep).</summary>
    /// <exception cref="CliUsageException">As <see cref="Load"/>.</exception>
    public static LoadedScenario FromNode(ScenarioNode node, string name, string baseDirectory, ulong? seed, bool strict, long? maxMemoryBytes = null)
    {
        long budget = maxMemoryBytes ?? ScenarioMemory.DefaultLimitBytes;
        Scenario scenario;
        try
        {
            scenario = ScenarioParser.Parse(node, name, baseDirectory, seed);
        }
        catch (ScenarioException ex)
        {
            throw new CliUsageException(ex.Message.Replace(Environment.NewLine, Environment.NewLine + "flowsim: "));
        }
        try
        {
            ScenarioMemory.Check(scenario, budget, name);
        }
        catch (ScenarioBudgetException ex)
        {
            bool jacobian = ex.Estimate.Items.MaxBy(i => i.Bytes)?.Field.EndsWith(".method", StringComparison.Ordinal) == true;
            throw new CliUsageException($"{ex.Message}. Raise the budget with --max-memory (e.g. --max-memory 16G), or "
                + (jacobian ? "choose an explicit method (dp5, dop853)" : "record fewer points (record.points, record.every)"));
        }
        var findings = ScenarioStepSizeCheck.Check(scenario);
        if (strict && findings.Any(f => f.PredictsDivergence))
            throw new CliUsageException(string.Join(Environment.NewLine + "flowsim: ",
                findings.Where(f => f.PredictsDivergence).Select(f => $"{name}: {f.Path}: {f.Message} (error because of --strict)")));
        var warnings = findings.Select(f => $"{name}: {f.Path}: {(f.PredictsDivergence ? "warning" : "note")}: {f.Message}").ToList();
        return new LoadedScenario(scenario, name, warnings) { MaxMemoryBytes = budget };
    }
}

using System.CommandLine;

namespace FlowSim.Cli.Commands;

/// <summary>Options shared by <c>run</c> and <c>sweep</c>.</summary>
internal static class CommonOptions
{
    public static Option<long?> Seed() => new("--seed") { Description = "Seed of every random choice; overrides the scenario's seed." };

    public static Option<bool> Strict() => new("--strict") { Description = "Treat a step size that the scalar regime analysis predicts to diverge as an error." };

    public static Option<bool> Quiet() => new("--quiet", "-q") { Description = "No progress output." };

    public static ulong? SeedValue(long? seed) => seed switch
    {
        null => null,
        < 0 => throw new CliUsageException($"--seed: must be between 0 and {FlowSim.Scenarios.ScenarioParser.MaxSeed} (got {seed})"),
        _ => (ulong)seed.Value,
    };
}

using System.CommandLine;

namespace FlowSim.Cli.Commands;

/// <summary>Options shared by <c>run</c> and <c>sweep</c>.</summary>
internal static class CommonOptions
{
    public static Option<long?> Seed() => new("--seed") { Description = "Seed of every random choice; overrides the scenario's seed." };

    public static Option<bool> Strict() => new("--strict") { Description = "Treat a step size that the scalar regime analysis predicts to diverge as an error." };

    public static Option<bool> Quiet() => new("--quiet", "-q") { Description = "No progress output." };

    public static Option<string?> MaxMemory() => new("--max-memory")
    {
        Description = $"Memory budget checked before the run (default {FlowSim.Scenarios.InputFile.FormatBytes(FlowSim.Scenarios.ScenarioMemory.DefaultLimitBytes)}: 4 GiB or half the memory available, whichever is smaller), e.g. 16G or 512M.",
    };

    public static long? MaxMemoryValue(string? text) =>
        text is null ? null
        : FlowSim.Scenarios.ScenarioMemory.TryParseBytes(text, out long bytes) ? bytes
        : throw new CliUsageException($"--max-memory: expected a size such as 16G, 512M or 8GiB (got '{text}')");

    public static ulong? SeedValue(long? seed) => seed switch
    {
        null => null,
        < 0 => throw new CliUsageException($"--seed: must be between 0 and {FlowSim.Scenarios.ScenarioParser.MaxSeed} (got {seed})"),
        _ => (ulong)seed.Value,
    };
}

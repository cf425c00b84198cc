using System.Collections.Concurrent;
using FlowSim.Scenarios;

namespace FlowSim.Cli.Scenarios;

/// <summary>
/// Every point of a sweep's grid validated before the first runs (so that all shards fail or none does), in parallel
/// over <c>--jobs</c> threads; the validated scenarios of the points this shard runs are kept for the run.
/// </summary>
public static class SweepPoints
{
    /// <summary>Most problems listed when points are invalid.</summary>
    public const int MaxProblems = 10;

    /// <summary>Validates the grid; returns the scenarios of the points <paramref name="keep"/> selects (null elsewhere)
    /// and the distinct step-size findings of the whole grid in point order. Each point is checked against
    /// <paramref name="maxMemoryBytes"/> (null: the default budget), the budget of one point.</summary>
    /// <exception cref="CliUsageException">A parameter path cannot be set, or points are invalid (the first
    /// <see cref="MaxProblems"/> by point index are listed, each with its values, whatever the number of jobs).</exception>
    public static (LoadedScenario?[] Points, IReadOnlyList<string> Warnings) Load(SweepGrid grid, ScenarioNode baseNode, string name,
        string baseDirectory, ulong? seed, bool strict, int jobs, Func<int, bool> keep, long? maxMemoryBytes = null)
    {
        var loaded = new LoadedScenario?[grid.Count];
        var warnings = new IReadOnlyList<string>?[grid.Count];
        var problems = new ConcurrentBag<(int Point, string Message)>();
        Parallel.For(0, grid.Count, new ParallelOptions { MaxDegreeOfParallelism = jobs }, (p, state) =>
        {
            var node = baseNode.Clone();
            var values = grid.ValuesAt(p);
            try
            {
                for (int i = 0; i < grid.Parameters.Count; i++) node.SetPath(grid.Parameters[i].Path, values[i]);
                var point = ScenarioLoader.FromNode(node, name, baseDirectory, seed, strict, maxMemoryBytes);
                warnings[p] = point.Warnings;
                if (keep(p)) loaded[p] = point;
            }
            catch (ArgumentException ex)
            {
                // A path that cannot be set fails at every point alike: say it once.
                problems.Add((-1, $"--param {ex.Message}"));
                state.Stop();
            }
            catch (CliUsageException ex)
            {
                problems.Add((p, $"{grid.PointName(p)} ({grid.Describe(p)}): {ex.Message}"));
            }
        });
        if (!problems.IsEmpty)
        {
            var listed = problems.OrderBy(q => q.Point).ToList();
            var shown = listed[0].Point < 0 ? [listed[0]] : listed.Take(MaxProblems);
            throw new CliUsageException(string.Join(Environment.NewLine + "flowsim: ", shown.Select(q => q.Message)));
        }
        return (loaded, [.. warnings.SelectMany(w => w ?? []).Distinct()]);
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using FlowSim.Reports;
using FlowSim.Scenarios;

namespace FlowSim.Cli.Scenarios;

/// <summary>One swept field: its path and the values (as written on the command line).</summary>
public sealed record SweepParameter(string Path, IReadOnlyList<string> Values);

/// <summary>
/// The Cartesian grid of a sweep in a fixed order: point p has the mixed-radix digits of p, the first parameter varying
/// slowest. Shard I of N (0-based, I = 0 … N−1, as Slurm array ids and Kubernetes completion indices) takes the points
/// with p mod N = I, so any number of machines can split the grid without talking to each other.
/// </summary>
public sealed class SweepGrid
{
    /// <summary>Largest number of points in a grid.</summary>
    public const int MaxPoints = 1_000_000;

    /// <summary>Builds the grid.</summary>
    /// <exception cref="CliUsageException">More than <see cref="MaxPoints"/> points.</exception>
    public SweepGrid(string scenarioFile, IReadOnlyList<SweepParameter> parameters)
    {
        ScenarioFile = scenarioFile;
        Parameters = parameters;
        // Checked after every factor: count ≤ 10⁶ and a factor < 2³¹ keep the product far inside a long, so any number
        // of --param options gives a usage error, never an overflow.
        long count = 1;
        foreach (var p in parameters)
        {
            count *= p.Values.Count;
            if (count > MaxPoints)
                throw new CliUsageException($"--param: the grid has more than {MaxPoints} points ({string.Join(" × ", parameters.Select(q => q.Values.Count))}); sweep fewer values");
        }
        Count = (int)count;
    }

    /// <summary>Scenario file name.</summary>
    public string ScenarioFile { get; }
    /// <summary>Swept fields, in command-line order.</summary>
    public IReadOnlyList<SweepParameter> Parameters { get; }
    /// <summary>Number of points.</summary>
    public int Count { get; }

    /// <summary>The value of every parameter at point p.</summary>
    public string[] ValuesAt(int p)
    {
        var values = new string[Parameters.Count];
        for (int i = Parameters.Count - 1; i >= 0; i--)
        {
            int n = Parameters[i].Values.Count;
            values[i] = Parameters[i].Values[p % n];
            p /= n;
        }
        return values;
    }

    /// <summary>Sub-directory name of point p (zero-padded to at least four digits).</summary>
    public string PointName(int p) => "point-" + p.ToString(CultureInfo.InvariantCulture).PadLeft(Math.Max(4, (Count - 1).ToString(CultureInfo.InvariantCulture).Length), '0');

    /// <summary><c>path=value, …</c> of point p, for messages.</summary>
    public string Describe(int p) => string.Join(", ", Parameters.Select((q, i) => $"{q.Path}={ValuesAt(p)[i]}"));

    /// <summary>The points of shard <paramref name="index"/> of <paramref name="shards"/>.</summary>
    public IEnumerable<int> Shard(int index, int shards) => Enumerable.Range(0, Count).Where(p => p % shards == index);

    /// <summary>Parses <c>--param PATH=V1,V2,…</c> (a list value is written <c>[a;b;c]</c>).</summary>
    /// <exception cref="CliUsageException">Malformed text.</exception>
    public static SweepParameter ParseParameter(string text)
    {
        int eq = text.IndexOf('=');
        if (eq <= 0 || eq == text.Length - 1) throw new CliUsageException($"--param: expected PATH=V1,V2,… (got '{text}')");
        string path = text[..eq].Trim();
        var values = new List<string>();
        int depth = 0, start = eq + 1;
        for (int i = eq + 1; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] == '[') depth++;
            else if (i < text.Length && text[i] == ']') depth--;
            else if (i == text.Length || (text[i] == ',' && depth == 0))
            {
                string v = text[start..i].Trim();
                if (v.Length == 0) throw new CliUsageException($"--param {path}: empty value in '{text}'");
                values.Add(v);
                start = i + 1;
            }
        }
        try { ScenarioNode.ParsePath(path); }
        catch (ArgumentException ex) { throw new CliUsageException($"--param {UserMessages.Of(ex)}"); }
        return new SweepParameter(path, values);
    }

    /// <summary>Parses <c>I/N</c> with 0 ≤ I &lt; N.</summary>
    /// <exception cref="CliUsageException">Malformed or out of range.</exception>
    public static (int Index, int Count) ParseShard(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n))
            throw new CliUsageException($"--shard: expected I/N with 0 ≤ I < N, e.g. 0/4 (got '{text}')");
        if (n < 1 || i >= n) throw new CliUsageException($"--shard: I must satisfy 0 ≤ I < N (shards are numbered from 0; got {i}/{n})");
        return (i, n);
    }

    /// <summary>
    /// The manifest <c>sweep.json</c>: identical for every shard of one sweep (no timestamps). Besides the grid it holds
    /// what makes two shards the same sweep: the outputs kind, the <c>--seed</c> override and the scenario as read
    /// (so a scenario file edited between two shards' runs is caught, and a point's summary need not repeat it).
    /// </summary>
    public string ManifestJson(string outputs, ulong? seed, ScenarioNode scenario) =>
        FlowSimJson.Serialize(new SweepManifest(1, ScenarioFile, Count, [.. Parameters.Select(p => new SweepParameter(p.Path, p.Values))])
        {
            Outputs = outputs,
            Seed = seed,
            Scenario = FlowSimJson.ToJsonNode(scenario),
        });

    /// <summary>The first top-level key in which two manifests differ (null when they are equal).</summary>
    public static string? ManifestDifference(string existing, string proposed)
    {
        JsonObject? a, b;
        try
        {
            a = JsonNode.Parse(existing) as JsonObject;
            b = JsonNode.Parse(proposed) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return "the whole file (not readable JSON)";
        }
        if (a is null || b is null) return "the whole file";
        foreach (var key in b.Select(p => p.Key).Concat(a.Select(p => p.Key)).Distinct())
            if (!JsonNode.DeepEquals(a[key], b[key])) return key;
        return null;
    }

    /// <summary>Reads a manifest written by <see cref="ManifestJson"/>.</summary>
    /// <exception cref="RunFileException">Missing or malformed (the message names the file).</exception>
    public static SweepGrid ReadManifest(string path)
    {
        var m = FlowSimJson.Read<SweepManifest>(path);
        if (m.ScenarioFile is null || m.Parameters is null || m.Parameters.Any(p => p?.Path is null || p.Values is null))
            throw new RunFileException(path, $"{path}: not a readable sweep manifest (scenario_file or parameters missing)");
        return new SweepGrid(m.ScenarioFile, m.Parameters);
    }

    /// <summary>sweep.json: format, scenario file, number of points, the swept fields and their values, then the outputs
    /// kind, the seed override and the scenario as read.</summary>
    private sealed record SweepManifest(int Format, string ScenarioFile, int Points, IReadOnlyList<SweepParameter> Parameters)
    {
        public string? Outputs { get; init; }
        public ulong? Seed { get; init; }
        public JsonNode? Scenario { get; init; }
    }
}

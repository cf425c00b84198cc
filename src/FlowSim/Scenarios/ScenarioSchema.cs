using System.Text;

namespace FlowSim.Scenarios;

/// <summary>One documented field of the scenario schema.</summary>
/// <param name="Path">Field path (<c>dynamics[].eta</c> for a field of every list item).</param>
/// <param name="Type">Value type as a user reads it.</param>
/// <param name="Default">Default when omitted, or "required".</param>
/// <param name="Meaning">What it does.</param>
public sealed record ScenarioField(string Path, string Type, string Default, string Meaning);

/// <summary>
/// The documented scenario schema: every field, its type, default and meaning. The parser takes the valid keys of each
/// section from here, so the documentation cannot drift from what is accepted.
/// </summary>
public static class ScenarioSchema
{
    /// <summary>Every field, grouped by section, in documentation order.</summary>
    public static readonly IReadOnlyList<ScenarioField> Fields =
    [
        new("model", "mapping", "required", "The objective."),
        new("model.type", "string", "required", $"One of {string.Join(", ", ModelTypes.All)}."),
        new("model.rows", "integer 1..1000", "required (two-factor models)", "m, rows of the target UVᵀ ≈ Σ."),
        new("model.columns", "integer 1..1000", "required (two-factor models)", "n, columns of the target."),
        new("model.hidden", "integer 1..1000", "min(rows, columns)", "h, inner dimension of U (m×h) and V (n×h)."),
        new("model.measurements", "integer ≥ 1", "2·rows·columns", "M, number of Gaussian measurements (matrix-sensing)."),
        new("model.size", "integer 1..1000", "required (deep-factorization)", "d, every factor and the target are d×d."),
        new("model.depth", "integer 1..100", "3", "N, number of factors (deep-factorization, scalar)."),
        new("target", "mapping", "required", "The target matrix: exactly one of diagonal, spectrum, file."),
        new("target.diagonal", "list of numbers", "-", "Diagonal of the target; length min(rows, columns) (d for deep, 1 for scalar)."),
        new("target.spectrum", "list of numbers", "-", "Spectrum with random orthogonal factors from the seed: QΛQᵀ (deep, any sign) or UΣVᵀ (two-factor, descending, > 0)."),
        new("target.file", "string", "-", "CSV file (one matrix row per line, comma-separated), relative to the scenario file."),
        new("initialization", "mapping", "identical, alpha 0.1", "Initial parameters θ₀."),
        new("initialization.type", "string", "identical", "identical (every factor αI), perturbed-identical (one factor βI), gaussian (i.i.d. N(0, scale²)), spectral (aligned with the target's SVD)."),
        new("initialization.alpha", "number > 0", "0.1", "α of identical and perturbed-identical."),
        new("initialization.beta", "number, 0 < beta < alpha", "alpha/2", "β of perturbed-identical."),
        new("initialization.factor", "integer ≥ 0", "0", "Which factor (0-based, θ order) is βI in perturbed-identical."),
        new("initialization.scale", "number > 0", "0.01", "Scale of gaussian and spectral initialisation."),
        new("dynamics", "list of mappings", "required (≥ 1 item)", "The dynamics to run, in order."),
        new("dynamics[].type", "string", "required", $"One of {string.Join(", ", DynamicsTypes.All)} (perturbed-flow: matrix-sensing only). central-flow: gradient flow until S = λ_max(∇²L) " +
            "reaches 2/η, then the central flow of Cohen et al. (THEORY §6.2), integrated by CentralFlowSolver. A descent tracks S at every step until it " +
            "first reaches 2/η (eos_onset_k in summary.json) and records its second-order midpoints ¼(2θ_k + θ_k+1 + θ_k−1) at its recorded " +
            "iterates (rows '<name> (midpoints)' in trajectory.csv, compared with every flow) when the scenario records sharpness or " +
            "stability-ratio or runs a central-flow."),
        new("dynamics[].name", "string", "type, then type-2, …", "Label in the outputs (unique)."),
        new("dynamics[].method", "string", "auto (dop853 for central-flow)", "ODE method of flows (see OdeMethods.Names: dp5, dop853, vern9, rodas5, bdf, auto, …)."),
        new("dynamics[].rtol", "number ≥ 2.2e-14", "1e-8", "Relative tolerance of flows."),
        new("dynamics[].atol", "number > 0", "1e-10", "Absolute tolerance of flows."),
        new("dynamics[].eta", "number > 0", "required (descent, perturbed-flow, modified-flow, central-flow)", "Step size η (central-flow: of the descent it describes; its edge is 2/η)."),
        new("dynamics[].eigenvalues", "integer 1..16, at most the parameter count", "1 (central-flow only)",
            "Top Hessian eigenvalues the central flow tracks; each is held at 2/η from the event where it reaches it (track one more than you expect to hold)."),
        new("dynamics[].steps", "integer ≥ 1", "ceil(stop.t_end / eta), at most stop.max_steps", "Number of descent steps K (descent, perturbed-flow)."),
        new("record", "mapping", "points 51, metrics [loss]", "What to record: at most one of times, every, points."),
        new("record.times", "list of numbers in [0, t_end], increasing", "-", "Record times; descent records iterate round(t/η)."),
        new("record.every", "integer ≥ 1", "-", "Record every k-th descent iterate; flows record at the same times k·η of the first descent (at most 100000 records per dynamics)."),
        new("record.points", "integer 2..100000", "51", "Evenly spaced record times on [0, t_end]."),
        new("record.metrics", "list of strings", "[loss]", $"Metrics per record: {string.Join("; ", ScenarioMetrics.All.Select(m => $"{m.Name} ({m.Description.TrimEnd('.')})"))}."),
        new("stop", "mapping", "t_end 10", "When to stop."),
        new("stop.t_end", "number > 0", "10", "End time of flows; descent default steps ceil(t_end/η)."),
        new("stop.loss_below", "number ≥ 0", "0 (off)", "Stop a dynamics once its loss falls below this value."),
        new("stop.max_steps", "integer ≥ 1", "100000", "Budget of accepted steps (flows) or iterations (descent) per dynamics."),
        .. Checks.ScenarioChecks.SchemaFields,
        new("seed", "integer 0..9223372036854775807", "0", "Master seed: random targets, gaussian initialisation and sensing measurements each draw from their own stream SeedStreams.Derive(seed, \"scenario\", \"target\" | \"initialization\" | \"measurements\"); --seed overrides it."),
    ];

    /// <summary>The keys allowed directly under a section (<c>""</c> for the top level, <c>dynamics[]</c> for list items).</summary>
    public static string[] KeysOf(string section)
    {
        string prefix = section.Length == 0 ? "" : section + ".";
        return Fields.Where(f => f.Path.StartsWith(prefix, StringComparison.Ordinal) && f.Path.Length > prefix.Length
                                 && !f.Path[prefix.Length..].Contains('.') && !f.Path[prefix.Length..].Contains('['))
            .Select(f => f.Path[prefix.Length..]).ToArray();
    }

    /// <summary>The schema as a plain-text table for <c>flowsim scenario --schema</c>.</summary>
    public static string Describe()
    {
        var sb = new StringBuilder();
        sb.AppendLine("FlowSim scenario schema (YAML or JSON). Field path, type, default, meaning.");
        sb.AppendLine();
        int w = Fields.Max(f => f.Path.Length);
        foreach (var f in Fields)
        {
            sb.Append(f.Path.PadRight(w + 2)).Append(f.Type).Append("; default: ").AppendLine(f.Default);
            sb.Append(new string(' ', w + 2)).AppendLine(f.Meaning);
        }
        return sb.ToString();
    }

    /// <summary>The valid name nearest to <paramref name="name"/> by edit distance.</summary>
    public static string Nearest(string name, IEnumerable<string> valid) =>
        valid.OrderBy(v => Levenshtein(v, name.ToLowerInvariant())).ThenBy(v => v, StringComparer.Ordinal).First();

    /// <summary>Edit distance (insertions, deletions, substitutions).</summary>
    public static int Levenshtein(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}

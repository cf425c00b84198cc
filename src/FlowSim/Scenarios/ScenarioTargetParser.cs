using System.Globalization;
using FlowSim.Analysis;
using FlowSim.Models;
using FlowSim.Randomness;

namespace FlowSim.Scenarios;

/// <summary>
/// The <c>target</c> of a scenario: exactly one of a diagonal, a spectrum with random orthogonal factors (from the
/// scenario seed's <c>target</c> stream) or a CSV file, checked against the model's sizes and read into the matrix.
/// </summary>
internal static class ScenarioTargetParser
{
    public static TargetSpec? Parse(NodeFields top, List<ScenarioError> errors, ModelSpec model, string baseDirectory, ulong seed)
    {
        var node = top.Mapping("target", required: true);
        if (node is null) return null;
        var f = new NodeFields(node, "target", errors, "target");
        var present = new[] { "diagonal", "spectrum", "file" }.Where(f.Has).ToArray();
        if (present.Length != 1)
        {
            errors.Add(new ScenarioError("target", present.Length == 0
                ? "needs one of diagonal, spectrum or file"
                : $"give only one of diagonal, spectrum or file (got {string.Join(" and ", present)})", node.Line));
            return null;
        }
        int m = model.Rows, n = model.Columns, r = Math.Min(m, n);
        int count = errors.Count;
        switch (present[0])
        {
            case "diagonal":
            {
                var values = f.NumberList("diagonal");
                if (values is null) return null;
                if (values.Count != r) f.Error("diagonal", $"needs {r} values for a {m}×{n} target (got {values.Count})");
                CheckFinite(f, "diagonal", values);
                if (errors.Count > count) return null;
                var matrix = new double[m * n];
                for (int i = 0; i < r; i++) matrix[i * m + i] = values[i];
                return new TargetSpec("diagonal", values, null, matrix);
            }
            case "spectrum":
            {
                var values = f.NumberList("spectrum");
                if (values is null) return null;
                CheckFinite(f, "spectrum", values);
                if (model.IsTwoFactor)
                {
                    if (values.Count == 0 || values.Count > r) f.Error("spectrum", $"needs between 1 and {r} values for a {m}×{n} target (got {values.Count})");
                    for (int i = 0; i < values.Count; i++)
                    {
                        if (!(values[i] > 0)) f.Error($"spectrum[{i}]", $"singular values must be > 0 (got {ScenarioParser.Fmt(values[i])})");
                        else if (i > 0 && values[i] > values[i - 1]) f.Error($"spectrum[{i}]", $"singular values must be descending ({ScenarioParser.Fmt(values[i - 1])} then {ScenarioParser.Fmt(values[i])})");
                    }
                    if (errors.Count > count) return null;
                    return new TargetSpec("spectrum", values, null, MatrixSensing.RandomTarget(m, n, values.ToArray(), TargetSeed(seed)));
                }
                if (values.Count != m) f.Error("spectrum", $"needs {m} eigenvalues for a {m}×{m} target (got {values.Count})");
                if (errors.Count > count) return null;
                return new TargetSpec("spectrum", values, null, SymmetricTarget(values, TargetSeed(seed)));
            }
            default:
            {
                string? file = f.Text("file");
                if (file is null) return null;
                string full = Path.GetFullPath(Path.Combine(baseDirectory, file));
                var matrix = ReadCsvMatrix(f, full, m, n);
                return matrix is null ? null : new TargetSpec("file", null, full, matrix);
            }
        }
    }

    /// <summary>The seed of a random target (its own stream of the scenario seed).</summary>
    private static ulong TargetSeed(ulong seed) => ScenarioBuilder.PartSeed(seed, "target");

    /// <summary>QΛQᵀ with Q Haar-orthogonal from the seed (the deep model's eigen-decomposed target, THEORY §3.1).</summary>
    private static double[] SymmetricTarget(List<double> lambda, ulong seed) =>
        SpectralMatrices.Compose(RandomMatrices.Orthogonal(new Xoshiro256StarStar(seed), lambda.Count), lambda.ToArray());

    private static double[]? ReadCsvMatrix(NodeFields f, string path, int m, int n)
    {
        string[] lines;
        try
        {
            lines = InputFile.ReadAllText(path, InputFile.MaxDataBytes).Split('\n');
        }
        catch (InputFileException ex)
        {
            f.Error("file", $"'{path}' {ex.Reason}");
            return null;
        }
        var rows = lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        if (rows.Count != m)
        {
            f.Error("file", $"'{Path.GetFileName(path)}' has {rows.Count} rows, the model needs {m}×{n}");
            return null;
        }
        var a = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            var cells = rows[i].Split(',');
            if (cells.Length != n)
            {
                f.Error("file", $"'{Path.GetFileName(path)}' row {i + 1} has {cells.Length} values, the model needs {n}");
                return null;
            }
            for (int j = 0; j < n; j++)
            {
                if (!double.TryParse(cells[j].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
                {
                    f.Error("file", $"'{Path.GetFileName(path)}' row {i + 1}, column {j + 1}: not a number ('{cells[j].Trim()}')");
                    return null;
                }
                if (!double.IsFinite(v))
                {
                    f.Error("file", $"'{Path.GetFileName(path)}' row {i + 1}, column {j + 1}: must be finite (got {ScenarioParser.Fmt(v)})");
                    return null;
                }
                a[j * m + i] = v;
            }
        }
        return a;
    }

    private static void CheckFinite(NodeFields f, string key, List<double> values)
    {
        for (int i = 0; i < values.Count; i++)
            if (!double.IsFinite(values[i])) f.Error($"{key}[{i}]", $"must be finite (got {ScenarioParser.Fmt(values[i])})");
    }
}

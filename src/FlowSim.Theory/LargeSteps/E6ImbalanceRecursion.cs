namespace FlowSim.Theory;

/// <summary>
/// E6: one descent step on a scalar network changes the imbalance exactly by
/// x_i'² − x_j'² = (x_i² − x_j²)(1 − η²r²p²/(x_i²x_j²)) (THEORY §6.1, derived), checked at every step of descent runs.
/// </summary>
internal sealed class E6ImbalanceRecursion() : PaperClaim<E6ImbalanceRecursion.Parameters>(new("E6", Papers.LargeSteps,
    "THEORY.md §6.1 (one GD step on a scalar network: x_i'² − x_j'² = (x_i² − x_j²)(1 − η²r²p²/(x_i²x_j²)), derived)", ClaimKind.ExactIdentity,
    "Descent's imbalance recursion on scalar networks N = 2, 3", OwnSettingsNote: true),
    quick => new(quick ? 200 : 2000))
{
    internal sealed record Parameters([property: Parameter("K (steps)")] int Steps, [property: Parameter("relative tolerance")] double Tolerance = 1e-12)
    {
        [Parameter("runs (x0; η)")]
        public string[] Runs { get; init; } = [.. Cases.Select(c => $"({string.Join(", ", c.X0)}; {c.Eta})")];
    }

    private static readonly (double[] X0, double Eta)[] Cases =
        [([1.3, 0.7], 1.1), ([1.2, 0.2], 0.9), ([1.4, 0.5, 0.6], 0.6), ([1.4, 0.5, 0.6], 0.68)];

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        // Wrong input: the sign of the correction, 1 + η²r²p²/(x_i²x_j²).
        double sign = ctx.Perturb(-1.0, 1.0);
        var parts = new List<ClaimOutcome>();
        foreach (var (x0, eta) in Cases)
        {
            int n = x0.Length;
            string label = $"N = {n}, x0 = ({string.Join(", ", x0)}), η = {eta}";
            var run = GradientDescent.Run(new ScalarNetwork(n, 1.0), x0, eta, q.Steps);
            ctx.AddRhsEvaluations(run.GradientEvaluations);
            if (run.Status != GradientDescentStatus.Completed) throw new InvalidOperationException($"{label}: descent {run.Status} ({run.Message}).");
            double worst = 0;
            for (int k = 0; k + 1 < run.Values.Count; k++)
            {
                var x = run.Values[k];
                var next = run.Values[k + 1];
                double p = 1;
                foreach (double v in x) p *= v;
                double r = p - 1;
                for (int i = 0; i < n; i++)
                    for (int j = i + 1; j < n; j++)
                    {
                        // p²/(x_i²x_j²) = (∏_{l∉{i,j}} x_l)², which needs no division by a factor that may vanish.
                        double rest = 1;
                        for (int l = 0; l < n; l++) if (l != i && l != j) rest *= x[l];
                        double predicted = (x[i] * x[i] - x[j] * x[j]) * (1 + sign * eta * eta * r * r * rest * rest);
                        double actual = next[i] * next[i] - next[j] * next[j];
                        // Relative to x_i'² + x_j'², the size of the squares whose difference is taken (the imbalance itself may vanish).
                        worst = Math.Max(worst, Math.Abs(actual - predicted) / (next[i] * next[i] + next[j] * next[j]));
                    }
            }
            ctx.Report($"{label}: max relative error", worst);
            parts.Add(ClaimOutcome.UpperBound(worst, q.Tolerance, $"{label}: every pair (i, j), every step k < {q.Steps}"));
        }
        ctx.AddNote("The iterates are GradientDescent.Run's; the error of each step is relative to x_i'² + x_j'² (the imbalance itself tends to 0 on " +
                    "balanced cycles). Runs below and above the flip thresholds (η = 1 for N = 2, 2/3 for N = 3).");
        return ClaimOutcome.Combine(parts);
    }
}

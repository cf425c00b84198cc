namespace FlowSim.Theory;

/// <summary>
/// F2: on the convex part of the scalar flow (x &lt; x_*), gradient descent lags the flow, x_k ≤ x(kη)
/// (the content of Chou et al. Lemma 2.7), checked as a hard inequality against the closed/implicit solution.
/// </summary>
internal sealed class F2DescentLagsFlow() : PaperClaim<F2DescentLagsFlow.Parameters>(new("F2", Papers.FlowSim,
    $"{Papers.Chou.SeedFile} Lemma 2.7 (descent vs flow on the convex part); FlowSim's own parameters", ClaimKind.ExactIdentity,
    "Descent lags the flow on the convex part: x_k ≤ x(kη) for x < x_*"),
    _ => new(Cases.Select(c => $"({c.N}, {c.Lambda}, {c.Alpha}, {c.Eta})").ToArray()))
{
    internal sealed record Parameters([property: Parameter("cases (N, λ, α, η)")] string[] Cases);

    private static readonly (int N, double Lambda, double Alpha, double Eta)[] Cases = [(2, 1, 0.1, 0.1), (3, 1, 0.1, 0.01), (4, 2, 0.3, 0.05)];

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        int stepShift = ctx.Perturb(0, -1); // wrong input: x_k compared with the earlier flow time (k − 1)η
        ctx.AddNote("The three (N, λ, α, η) are FlowSim's own choice, each with η below the no-overshoot threshold 1/(Nλ^(2−2/N)). " +
                    "The inequality is checked for every k with kη ≤ t_* (so x(kη) ≤ x_*), against the explicit (N = 2) or implicit (N ≥ 3) flow; " +
                    "the allowance for rounding is 1e−15·x_*.");
        var parts = new List<ClaimOutcome>();
        foreach (var (n, lambda, alpha, eta) in Cases)
        {
            string label = $"N={n}, λ={lambda}, α={alpha}, η={eta}";
            double threshold = StepSizeRegimes.MonotoneThreshold(n, lambda);
            // A precondition of the lemma's setting, not part of the verdict: the cases are chosen to satisfy it.
            if (eta > threshold) throw new InvalidOperationException($"{label}: η is above the no-overshoot threshold {threshold}.");
            ctx.Report($"η / no-overshoot threshold ({label})", eta / threshold);
            double xStar = FlowTimes.Inflection(n, lambda);
            double tStar = FlowTimes.TimeToInflection(n, lambda, alpha) ?? throw new InvalidOperationException($"{label}: α is not below the inflection point.");
            int last = (int)Math.Floor(tStar / eta);
            var x = DeepScalarDescent.Run(n, lambda, alpha, eta, last);
            var flow = Enumerable.Range(0, last + 1).Select(k => DeepScalarFlow.X(n, lambda, alpha, Math.Max(0, k + stepShift) * eta)).ToArray();
            // The largest excess x_k − x(kη) over 1 ≤ k ≤ last (the first such k on ties).
            int worstK = Enumerable.Range(1, last).MaxBy(k => x[k] - flow[k]);
            ctx.Report($"t_* ({label})", tStar);
            ctx.Report($"steps checked ({label})", last);
            ctx.Report($"min relative lag (x(kη) − x_k)/x(kη) ({label})", Enumerable.Range(1, last).Min(k => -(x[k] - flow[k]) / flow[k]));
            parts.Add(ClaimOutcome.UpperBound(x[worstK] - flow[worstK], 1e-15 * xStar, $"{label}: max over 1 ≤ k ≤ {last} of x_k − x(kη) (worst k = {worstK})"));
        }
        return ClaimOutcome.Combine(parts);
    }
}

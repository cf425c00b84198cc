namespace FlowSim.Theory;

/// <summary>
/// C18, derived analog of Theorem 3.1 (N = 2 flow): at the entry time t_in(r) the effective rank of the flow is
/// within the derived bound (δ/(1−δ))·r_eff(Â_r) + (d − r)·π_{r+1}/((1−δ)λ₁) of r_eff(Â_r) (THEORY.md §3.9).
/// </summary>
internal sealed class C18EffectiveRankBound() : PaperClaim<C18EffectiveRankBound.Parameters>(new("C18", Papers.Chou,
    "Theorem 3.1, eqs. (59)–(61) (derived analog, THEORY.md §3.9)", ClaimKind.DerivedAnalog,
    "Derived analog of Theorem 3.1 (N = 2 flow): r_eff(W(t_in)) within the derived bound of r_eff(Â_r)"), _ => new([10, 6, 3, 1], [1, 2, 3]))
{
    internal sealed record Parameters(double[] λ, int[] r, int N = 2, double α = 0.01, double δ = 0.01);

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        var spectrum = q.λ;
        int d = spectrum.Length;
        double alpha = q.α, delta = q.δ, timeScale = ctx.Perturb(1.0, 0.8); // wrong input: evaluated at 0.8·t_in, before the entry
        ctx.AddNote("Derived analog of Theorem 3.1, not the theorem: the printed intervals (59), h (60) and bound (61) are unknown; the inequality and t_in are FlowSim's derivation (THEORY.md §3.9).");
        ctx.AddNote("For r = 1 the bound holds, but no plateau at height 1 is visible at N = 2 for this α; N = 3 shows it (C17).");

        var model = new DeepFactorization(q.N, d, Dense.Diagonal(spectrum));
        var theta0 = Initializations.Identical(model, alpha);
        var parts = new List<ClaimOutcome>();
        foreach (int r in q.r)
        {
            double lr = spectrum[r - 1];
            double tIn = timeScale * Math.Log((1 - delta) * (lr - alpha * alpha) / (delta * alpha * alpha)) / (2 * lr);
            var pi = spectrum.Select(l => DeepScalarFlow.DepthTwoSquared(l, alpha, tIn)).ToArray();
            double reff = pi.Sum() / pi.Max();
            double reffR = spectrum.Take(r).Sum() / spectrum[0];
            double diff = Math.Abs(reff - reffR);
            double bound = delta / (1 - delta) * reffR + (d - r) * pi[r] / ((1 - delta) * spectrum[0]);
            // π_r(t_in) = (1−δ)λ_r by construction (so compared to rounding); the larger eigenvalues must already be past it.
            double entryR = pi[r - 1] / ((1 - delta) * spectrum[r - 1]);
            ctx.Report($"r={r}: t_in", tIn);
            ctx.Report($"r={r}: r_eff(W(t_in))", reff);
            ctx.Report($"r={r}: r_eff(Â_r)", reffR);
            ctx.Report($"r={r}: |difference|", diff);
            ctx.Report($"r={r}: derived bound", bound);

            // Cross-check: integrate the full matrix flow to t_in with a tight 8th-order method.
            var sol = ctx.Solve(GradientFlow.CreateProblem(model, theta0, tIn), "dop853", new OdeOptions { RelTol = 1e-12, AbsTol = 1e-16, SaveEveryStep = false });
            double reffInt = Metrics.EffectiveRank(Metrics.ProductSingularValues(model, sol.FinalState));
            ctx.Report($"r={r}: r_eff integrated", reffInt);

            parts.Add(ClaimOutcome.Agreement(entryR, 1.0, 1e-12, $"r={r}: π_r(t_in)/((1−δ)λ_r) = 1 (definition of t_in)"));
            if (r > 1)
                parts.Add(ClaimOutcome.LowerBound(Enumerable.Range(0, r - 1).Min(i => pi[i] / ((1 - delta) * spectrum[i])), 1.0,
                    $"r={r}: min_i<r π_i(t_in)/((1−δ)λ_i) (larger eigenvalues entered earlier)"));
            parts.Add(ClaimOutcome.UpperBound(diff, bound, $"r={r}: |r_eff(W(t_in)) − r_eff(Â_r)| vs derived bound"));
            parts.Add(ClaimOutcome.Agreement(reff, reffInt, 1e-8, $"r={r}: closed-form r_eff vs integrated matrix flow"));
        }
        return ClaimOutcome.Combine(parts);
    }
}

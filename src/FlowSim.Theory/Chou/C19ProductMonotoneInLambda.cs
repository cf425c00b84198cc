namespace FlowSim.Theory;

/// <summary>
/// C19, Lemma 3.4: λ ↦ π_λ(t) is increasing, with α^N ≤ π_λ(t) ≤ λ; and π_λ(t)/λ is not monotone, so a ratio
/// version of the lemma is wrong.
/// </summary>
internal sealed class C19ProductMonotoneInLambda() : PaperClaim<C19ProductMonotoneInLambda.Parameters>(new("C19", Papers.Chou,
    "Lemma 3.4, eq. (62)", ClaimKind.Structural, "Lemma 3.4: π_λ(t) increases in λ; π_λ(t)/λ does not"),
    _ => new([2, 3, 4], [0.25, 0.5, 1, 2, 4, 8], [0.5, 2, 5, 10, 20, 50]))
{
    internal sealed record Parameters(int[] N, double[] λ, double[] t, double α = 0.1);

    // THEORY.md §3.8: π_λ(0.5)/λ at N = 2, α = 0.1 for λ = 0.25, 0.5, 1 (printed to three digits).
    private static readonly double[] RatioLambdas = [0.25, 0.5, 1.0], PrintedRatios = [0.0508, 0.0326, 0.0267];

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        // Wrong input: a ratio implementation π_λ(t)/λ in place of π_λ(t).
        var product = ctx.Perturb<Func<int, double, double, double, double>>(DeepScalarFlow.Product, (n, l, a, t) => DeepScalarFlow.Product(n, l, a, t) / l);
        double alpha = q.α;
        ctx.AddNote("Derived reading of Lemma 3.4 (THEORY.md §3.8); the values of π come from the closed/implicit solution and are cross-checked against the integrated product ODE (62).");
        var parts = new List<ClaimOutcome>();
        double minGap = double.PositiveInfinity, maxRel = 0, maxBoundViolation = double.NegativeInfinity;
        foreach (int n in q.N)
        {
            var pi = new double[q.λ.Length, q.t.Length];
            for (int a = 0; a < q.λ.Length; a++)
            {
                double lambda = q.λ[a];
                var sol = ctx.Solve(new OdeProblem(new ProductFlowRhs(n, lambda), 0, q.t[^1], [Math.Pow(alpha, n)], name: "product ODE (62)"),
                    "dop853", new OdeOptions { RelTol = 1e-12, AbsTol = 1e-18, OutputTimes = q.t });
                for (int b = 0; b < q.t.Length; b++)
                {
                    pi[a, b] = product(n, lambda, alpha, q.t[b]);
                    double integrated = sol.Values[b][0];
                    maxRel = Math.Max(maxRel, Math.Abs(pi[a, b] - integrated) / integrated);
                    // Lemma 3.4's bounds α^N ≤ π < λ (non-strict at the top: π reaches λ in double precision).
                    maxBoundViolation = Math.Max(maxBoundViolation, Math.Max(Math.Pow(alpha, n) - pi[a, b], pi[a, b] - lambda) / lambda);
                }
            }
            for (int b = 0; b < q.t.Length; b++)
                for (int a = 0; a + 1 < q.λ.Length; a++)
                    minGap = Math.Min(minGap, pi[a + 1, b] - pi[a, b]);
        }
        ctx.Report("min over (N, t, adjacent λ) of π_λ'(t) − π_λ(t)", minGap);
        ctx.Report("max relative |π − π_integrated|", maxRel);
        parts.Add(ClaimOutcome.LowerBound(minGap, double.Epsilon, "min over the grid of π_{λ_{a+1}}(t) − π_{λ_a}(t) (strictly increasing in λ)"));
        // π reaches λ in double precision for large t, so the bounds hold to rounding: a few ulps of λ.
        parts.Add(ClaimOutcome.UpperBound(maxBoundViolation, 1e-14, "max over the grid of max(α^N − π, π − λ)/λ (bounds α^N ≤ π ≤ λ, to rounding)"));
        parts.Add(ClaimOutcome.UpperBound(maxRel, 1e-8, "π under test vs integrated product ODE (62), relative"));

        // The ratio is not monotone: it decreases at N = 2, α = 0.1, t = 0.5 over λ = 0.25, 0.5, 1.
        var ratios = RatioLambdas.Select(l => product(2, l, alpha, 0.5) / l).ToArray();
        for (int i = 0; i < ratios.Length; i++)
        {
            ctx.Report($"π_λ(0.5)/λ at N=2, λ={RatioLambdas[i]}", ratios[i]);
            parts.Add(ClaimOutcome.Agreement(ratios[i], PrintedRatios[i], 5e-5, $"π_λ(0.5)/λ, N=2, λ={RatioLambdas[i]} vs THEORY §3.8"));
        }
        bool notMonotone = ratios[1] < ratios[0] && ratios[2] < ratios[1];
        parts.Add(ClaimOutcome.Condition(notMonotone, "π_λ(t)/λ is not increasing in λ (it decreases over λ = 0.25, 0.5, 1 at N = 2, α = 0.1, t = 0.5), so a ratio version of Lemma 3.4 is wrong", ratios[2] - ratios[0]));
        return ClaimOutcome.Combine(parts);
    }
}

namespace FlowSim.Theory;

/// <summary>C15: the exact recursions (42)–(44) for x − y and x² − y² hold at every step of every C14 run.</summary>
internal sealed class C15ExactRecursions() : PaperClaim<C15ExactRecursions.Parameters>(new("C15", Papers.Chou,
    "Lemma 2.9, eqs. (42)–(44); Fig. 5", ClaimKind.ExactIdentity, "Exact recursions for x − y and x² − y² under perturbed initialization"),
    quick => new(ChouScalar.PerturbedRunLabels, quick ? 100_000 : ChouScalar.PerturbedSteps))
{
    internal sealed record Parameters([property: Parameter("runs (N, λ, α, β, η)")] string[] Runs, [property: Parameter("steps")] int Steps);

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        double rSign = ctx.Perturb(1.0, -1.0); // wrong input: 1 + r_k in place of 1 − r_k
        var parts = new List<ClaimOutcome>();
        foreach (var c in ChouScalar.PerturbedRuns)
        {
            ctx.ThrowIfCancellationRequested();
            var (n, lambda, alpha, beta, eta) = c;
            var run = PerturbedScalarDescent.Run(n, lambda, alpha, beta, eta, q.Steps);
            double worstDiff = 0, worstSquares = 0;
            for (int k = 0; k < q.Steps; k++)
            {
                double x = run.X[k], y = run.Y[k], xn = run.X[k + 1], yn = run.Y[k + 1];
                // r_k = ηx_k^{N−2}(λ − x_k^{N−1}y_k), computed here from the iterates, independently of the library.
                double xn2 = ChouScalar.Pow(x, n - 2);
                double r = rSign * eta * xn2 * (lambda - xn2 * x * y);
                worstDiff = Math.Max(worstDiff, Math.Abs((xn - yn) - (1 - r) * (x - y)));
                worstSquares = Math.Max(worstSquares, Math.Abs((xn * xn - yn * yn) - (1 - r * r) * (x * x - y * y)));
            }
            string label = ChouScalar.Label(c);
            ctx.Report($"max residual x − y ({label})", worstDiff);
            ctx.Report($"max residual x² − y² ({label})", worstSquares);
            parts.Add(ClaimOutcome.UpperBound(worstDiff, 1e-12, $"{label}: max_k |(x−y)_(k+1) − (1 − r_k)(x−y)_k|"));
            parts.Add(ClaimOutcome.UpperBound(worstSquares, 1e-12, $"{label}: max_k |(x²−y²)_(k+1) − (1 − r_k²)(x²−y²)_k|"));
        }
        return ClaimOutcome.Combine(parts);
    }
}

namespace FlowSim.Theory;

/// <summary>C12: identical initialization cuts off negative eigenvalues: x_k decreases to 0, the product to 0, not λ.</summary>
internal sealed class C12NegativeEigenvalueCutOff() : PaperClaim<C12NegativeEigenvalueCutOff.Parameters>(new("C12", Papers.Chou,
    "Lemma 2.2 (λ ≤ 0), Theorem 1.1 (W(k) → VΛ₊Vᵀ); Fig. 1(a)", ClaimKind.Structural, "Negative eigenvalues are cut off under identical initialization"),
    _ => new([$"(2, 0.1, {Steps2})", $"(3, 0.05, {Steps3})"]))
{
    internal sealed record Parameters([property: Parameter("cases (N, η, steps)")] string[] Cases, double λ = -1, double α = 0.5);

    private const int Steps2 = 2_000, Steps3 = 200_000;

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        double lambda = ctx.Perturb(q.λ, 1.0); // wrong input: λ = +1 is fitted, not cut off
        var x2 = DeepScalarDescent.Run(2, lambda, q.α, 0.1, Steps2);
        var x3 = DeepScalarDescent.Run(3, lambda, q.α, 0.05, Steps3);
        ctx.Report("x_2000 (N=2)", x2[^1]);
        ctx.Report("x_200000 (N=3)", x3[^1]);
        ctx.Report("1/(|λ|ηk) (N=3, k=200000)", 1 / (Math.Abs(lambda) * 0.05 * Steps3));
        return ClaimOutcome.Combine(
            MonotoneToZero(x2, "N=2, η=0.1"),
            MonotoneToZero(x3, "N=3, η=0.05"),
            ClaimOutcome.UpperBound(Math.Abs(x2[^1] * x2[^1]), 1e-12, "N=2: |x_2000²| (product → 0, not λ = −1)"),
            ClaimOutcome.Agreement(x3[^1], 9.997e-5, 5e-8, "N=3: x_200000 vs printed 9.997e−05"),
            ClaimOutcome.RelativeAgreement(x3[^1], 1 / (Math.Abs(lambda) * 0.05 * Steps3), 0.01, "N=3: x_200000 vs 1/(|λ|ηk)"));
    }

    private static ClaimOutcome MonotoneToZero(double[] x, string label)
    {
        int bad = Enumerable.Range(0, x.Length - 1).FirstOrDefault(k => !(x[k + 1] >= 0 && x[k + 1] <= x[k]), -1);
        return ClaimOutcome.Condition(bad < 0, bad < 0
            ? $"{label}: 0 ≤ x_(k+1) ≤ x_k for all k < {x.Length - 1}"
            : $"{label}: 0 ≤ x_(k+1) ≤ x_k fails at k = {bad} (x_k = {x[bad]:G6}, x_(k+1) = {x[bad + 1]:G6})", bad);
    }
}

namespace FlowSim.Theory;

/// <summary>C7: N = 1 descent x_k − λ = (1 − η)^k(α − λ); divergence for η &gt; 2 (Lemma B.1.1).</summary>
internal sealed class C7DepthOneDescent() : PaperClaim<C7DepthOneDescent.Parameters>(new("C7", Papers.Chou,
    "eq. (18) with N = 1, Lemma B.1 (1)", ClaimKind.ClosedForm, "N = 1 descent is geometric; diverges for η > 2"), _ => new([0.3, 2.1]))
{
    internal sealed record Parameters(double[] η, int N = 1, double λ = 2, double α = 0.5);

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        double eta = q.η[0], etaLarge = q.η[1], lambda = q.λ, alpha = q.α;
        double etaReference = eta * ctx.Perturb(1.0, 1 + 1e-9); // wrong input: the geometric rate with η off by 1e−9
        var x = DeepScalarDescent.Run(q.N, lambda, alpha, eta, 10);
        double worst = 0;
        for (int k = 0; k <= 10; k++)
            worst = Math.Max(worst, Math.Abs((x[k] - lambda) - Math.Pow(1 - etaReference, k) * (alpha - lambda)));
        double x50 = DeepScalarDescent.Final(q.N, lambda, alpha, etaLarge, 50);
        double exact50 = Math.Pow(etaLarge - 1, 50) * Math.Abs(alpha - lambda);
        ctx.Report("max_k≤10 |(x_k − λ) − 0.7^k(α − λ)|", worst);
        ctx.Report("|x_50 − 2| at η = 2.1", Math.Abs(x50 - lambda));
        return ClaimOutcome.Combine(
            ClaimOutcome.UpperBound(worst, 3e-16, "η = 0.3: max_k≤10 |(x_k − λ) − (1 − η)^k(α − λ)|"),
            ClaimOutcome.Agreement(Math.Abs(x50 - lambda), 176.086, 5e-4, "η = 2.1: |x_50 − 2| vs printed 176.086"),
            ClaimOutcome.RelativeAgreement(Math.Abs(x50 - lambda), exact50, 1e-12, "η = 2.1: |x_50 − 2| vs 1.1^50·|α − λ|"));
    }
}

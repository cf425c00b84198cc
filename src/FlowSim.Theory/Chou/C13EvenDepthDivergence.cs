namespace FlowSim.Theory;

/// <summary>C13: divergence for even N and λ ≤ 0 when c = ηα^{N−2}(|λ| + α^N) &gt; 2 (Lemma B.1.3), and an odd-N counterexample.</summary>
internal sealed class C13EvenDepthDivergence() : PaperClaim<C13EvenDepthDivergence.Parameters>(new("C13", Papers.Chou,
    "Lemma B.1 (3)", ClaimKind.DerivedAnalog, "Derived analog: even-N divergence for c > 2; odd N does not diverge"),
    _ => new([EtaFor(1.8, 2, 0.5), EtaFor(2.2, 2, 0.5)], EtaFor(2.2, 4, 0.9), EtaFor(2.2, 3, 0.9)))
{
    internal sealed record Parameters([property: Parameter("η (N=2, α=0.5, c=1.8 / 2.2)")] double[] Eta2, [property: Parameter("η (N=4, α=0.9, c=2.2)")] double Eta4,
        [property: Parameter("η (N=3, α=0.9, c=2.2)")] double Eta3, double λ = Lambda, [property: Parameter("escape bound")] double EscapeBound = 1e8);

    private const double Lambda = -1;

    // c = ηα^{N−2}(|λ| + α^N) solved for η.
    private static double EtaFor(double c, int n, double alpha) => c / (Math.Pow(alpha, n - 2) * (Math.Abs(Lambda) + Math.Pow(alpha, n)));

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        double eta2Diverge = ctx.Perturb(q.Eta2[1], q.Eta2[0]); // wrong input: the converging step c = 1.8 where c = 2.2 is claimed to diverge
        var parts = new List<ClaimOutcome>
        {
            ClaimOutcome.Agreement(eta2Diverge, 1.76, 1e-15, "N=2, c=2.2: η vs printed 1.76"),
            ClaimOutcome.Agreement(q.Eta4, 1.640027, 5e-7, "N=4, c=2.2: η vs printed 1.640027"),
        };
        double x2 = DeepScalarDescent.Final(2, q.λ, 0.5, q.Eta2[0], 1_000);
        ctx.Report("x_1000 (N=2, c=1.8)", x2);
        parts.Add(ClaimOutcome.UpperBound(Math.Abs(x2), 1e-12, "N=2, α=0.5, c=1.8: |x_1000| (converges to 0)"));

        int? k2 = DeepScalarDescent.FirstEscape(2, q.λ, 0.5, eta2Diverge);
        int? k4 = DeepScalarDescent.FirstEscape(4, q.λ, 0.9, q.Eta4);
        ctx.Report("first k with |x_k| > 1e8 (N=2, c=2.2)", k2 ?? double.NaN);
        ctx.Report("first k with |x_k| > 1e8 (N=4, c=2.2)", k4 ?? double.NaN);
        parts.Add(ClaimOutcome.Agreement(k2 ?? double.NaN, 6, 0, "N=2, α=0.5, c=2.2: first k with |x_k| > 1e8 vs printed 6"));
        parts.Add(ClaimOutcome.Agreement(k4 ?? double.NaN, 4, 0, "N=4, α=0.9, c=2.2: first k with |x_k| > 1e8 vs printed 4"));

        int? k3 = DeepScalarDescent.FirstEscape(3, q.λ, 0.9, q.Eta3, q.EscapeBound, 100_000);
        double x200 = DeepScalarDescent.Final(3, q.λ, 0.9, q.Eta3, 200);
        ctx.Report("x_200 (N=3, c=2.2)", x200);
        parts.Add(ClaimOutcome.Condition(k3 is null, "N=3, α=0.9, c=2.2: |x_k| stays ≤ 1e8 for 100,000 steps (the even-N condition does not transfer)", k3 ?? double.NaN));
        parts.Add(ClaimOutcome.Agreement(x200, 3.5e-3, 5e-5, "N=3, c=2.2: x_200 vs printed 3.5e−3"));
        return ClaimOutcome.Combine(parts);
    }
}

namespace FlowSim.Theory;

/// <summary>Y1: the full-matrix integration of (5) from S(0) = s₀I matches the scalar solution s_i(t) (THEORY §2.3).</summary>
internal sealed class Y1SymmetricScalarSolution() : PaperClaim<Y1SymmetricScalarSolution.Parameters>(new("Y1", Papers.YeDu,
    "eq. (5) and the scalar solution used in Theorem 4", ClaimKind.ClosedForm,
    "Symmetric flow (5) from s₀I follows s(t) = σe^{2σt}/(e^{2σt} − 1 + σ/s₀)", OwnSettingsNote: true), _ => new())
{
    internal sealed record Parameters([property: Parameter("s₀")] double S0 = 1e-4, double t = 1.0,
        [property: Parameter("tolerance (relative)")] double Tolerance = 1e-9);

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        const int d = YeDuSetup.D;
        ctx.Record(YeDuSetup.Default);
        double rate = ctx.Perturb(1.0, 1 + 1e-6); // wrong input: the closed form with rates 2σ(1 + 1e−6)
        var flow = new SymmetricGramFlow(d, YeDuSetup.Sigma);
        var start = Dense.Diagonal(Enumerable.Repeat(q.S0, d).ToArray());
        var s = ctx.Solve(flow.CreateProblem(start, q.t), "dop853", new OdeOptions { RelTol = 1e-12, AbsTol = 1e-16, SaveEveryStep = false }).FinalState;
        var parts = new List<ClaimOutcome>();
        foreach (int i in new[] { 0, d - 1 })
        {
            double sigma = YeDuSetup.Spectrum[i];
            // The formula as printed (THEORY §2.3); the library's YeDuClosedForms uses an overflow-safe rewrite.
            double e = Math.Exp(2 * sigma * q.t * rate);
            double reference = sigma * e / (e - 1 + sigma / q.S0);
            ctx.Report($"s_{i + 1}({q.t}) integrated", s[i * d + i]);
            ctx.Report($"s_{i + 1}({q.t}) closed form", reference);
            parts.Add(ClaimOutcome.RelativeAgreement(s[i * d + i], reference, q.Tolerance, $"s_{i + 1}(1), σ = {sigma}"));
            parts.Add(ClaimOutcome.RelativeAgreement(YeDuClosedForms.SymmetricScalar(sigma, q.S0, q.t), reference, 1e-14, $"library closed form s_{i + 1}(1) vs printed formula"));
        }
        double off = 0;
        for (int j = 0; j < d; j++)
            for (int i = 0; i < d; i++)
                if (i != j) off = Math.Max(off, Math.Abs(s[j * d + i]));
        parts.Add(ClaimOutcome.UpperBound(off, 1e-15, "S(1) stays diagonal: max |off-diagonal|"));
        return ClaimOutcome.Combine(parts);
    }
}

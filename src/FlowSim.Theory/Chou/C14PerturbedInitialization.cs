namespace FlowSim.Theory;

/// <summary>C14: perturbed identical initialization recovers negative eigenvalues; K* = first k with y_k &lt; 0.</summary>
internal sealed class C14PerturbedInitialization() : PaperClaim<C14PerturbedInitialization.Parameters>(new("C14", Papers.Chou,
    "Theorem 1.3, eqs. (40)–(41), (46), Lemmas 2.11–2.12; Figs. 1(b), 5", ClaimKind.DerivedAnalog,
    "Derived analog: perturbed initialization recovers negative eigenvalues (sign change at K*)"), _ => new(ChouScalar.PerturbedRunLabels))
{
    internal sealed record Parameters([property: Parameter("runs (N, λ, α, β, η)")] string[] Runs, [property: Parameter("steps")] int Steps = ChouScalar.PerturbedSteps);

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        int steps = q.Steps, printedKStar = 24 + ctx.Perturb(0, 1); // wrong input: a printed K* off by one
        ctx.AddNote("Theorem 1.3's β-range, step bound and error bounds were not recovered; the check uses THEORY's parameters and " +
                    "compares K* with the first sign change of the continuous (x, y) flow, within 10% + 2 steps (FlowSim's tolerance).");
        var parts = new List<ClaimOutcome>();
        PerturbedTrajectory? headline = null, identical = null;
        int headlineKStar = -1;
        foreach (var c in ChouScalar.PerturbedRuns)
        {
            ctx.ThrowIfCancellationRequested();
            string label = ChouScalar.Label(c);
            var (n, lambda, alpha, beta, eta) = c;
            int? kStar = PerturbedScalarDescent.PhaseTransitionIndex(n, lambda, alpha, beta, eta, steps);
            var (x, y, p) = PerturbedScalarDescent.Final(n, lambda, alpha, beta, eta, steps);
            ctx.Report($"K* ({label})", kStar ?? double.PositiveInfinity);
            ctx.Report($"x_final ({label})", x);
            ctx.Report($"y_final ({label})", y);
            ctx.Report($"p_final ({label})", p);
            if (beta == alpha)
            {
                parts.Add(ClaimOutcome.Condition(kStar is null, $"{label}: identical init, y_k stays positive for {steps} steps", kStar ?? double.NaN));
                parts.Add(ClaimOutcome.UpperBound(Math.Abs(p), 1e-6, $"{label}: identical init, p → 0 (cut off): |p_{steps}|"));
                identical = PerturbedScalarDescent.Run(n, lambda, alpha, beta, eta, 400);
                continue;
            }
            parts.Add(lambda > 0
                ? ClaimOutcome.Condition(kStar is null, $"{label}: λ > 0, y never turns negative (K* = ∞)", kStar ?? double.NaN)
                : ClaimOutcome.Condition(kStar is not null, $"{label}: λ < 0, y turns negative (K* = {kStar?.ToString() ?? "∞"} < ∞, Lemma 2.11)", kStar ?? double.NaN));
            parts.Add(ClaimOutcome.UpperBound(Math.Abs(p - lambda), 1e-8, $"{label}: |p_{steps} − λ| (Lemma 2.12)"));
            if (kStar is int ks)
            {
                double tCross = ChouScalar.EventTime(ctx, new PerturbedScalarFlowRhs(n, lambda), [alpha, beta], 10 * ks * eta + 10, (_, s) => s[1], EventDirection.Falling);
                ctx.Report($"continuous sign change t/η ({label})", tCross / eta);
                parts.Add(ClaimOutcome.UpperBound(Math.Abs(ks - tCross / eta), 2 + 0.1 * ks, $"{label}: |K* − t_cross/η| = |{ks} − {tCross / eta:F2}| (continuous (x, y) system)"));
            }
            if (c == ChouScalar.PerturbedRuns[0])
            {
                parts.Add(ClaimOutcome.Agreement(kStar ?? double.NaN, printedKStar, 0, $"{label}: K* vs printed {printedKStar}"));
                parts.Add(ClaimOutcome.Agreement(x, 1.031195, 5e-7, $"{label}: x → printed 1.031195"));
                parts.Add(ClaimOutcome.Agreement(y, -0.940412, 5e-7, $"{label}: y → printed −0.940412"));
                headline = PerturbedScalarDescent.Run(n, lambda, alpha, beta, eta, 400);
                headlineKStar = kStar ?? -1;
            }
        }
        var h = ChouScalar.PerturbedRuns[0];
        if (headline is not null && headlineKStar >= 0)
            ctx.AddFigure(ChouScalarFigures.SignChange(headline, headlineKStar, h.N, h.Lambda, h.Alpha, h.Beta, h.Eta));
        if (headline is not null && identical is not null)
        {
            var pPerturbed = Enumerable.Range(0, headline.X.Length).Select(k => headline.Product(h.N, k)).ToArray();
            var pIdentical = Enumerable.Range(0, identical.X.Length).Select(k => identical.Product(h.N, k)).ToArray();
            ctx.AddFigure(ChouScalarFigures.NegativeEigenvalue(pIdentical, pPerturbed, h.N, h.Lambda, h.Alpha, h.Beta, h.Eta));
        }
        return ClaimOutcome.Combine(parts);
    }
}

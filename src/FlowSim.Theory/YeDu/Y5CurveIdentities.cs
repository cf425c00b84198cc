namespace FlowSim.Theory;

/// <summary>
/// Y5: at random (A, B) the paper's (3), (4), (20), (23) and d‖B‖_F²/dt = −2⟨B, PB⟩ − ‖Q‖_F² agree with derivatives
/// taken from (1)–(2); and ⟨B, QA⟩ = −½‖Q‖_F² ≤ 0.
/// </summary>
internal sealed class Y5CurveIdentities() : PaperClaim<Y5CurveIdentities.Parameters>(new("Y5", Papers.YeDu,
    "eqs. (3), (4), (10), (20), (23)", ClaimKind.ExactIdentity, "Identities (3), (4), (10), (20), (23) and ⟨B, QA⟩ = −½‖Q‖_F² ≤ 0", OwnSettingsNote: true),
    quick => quick ? new(10, 2_000, Scales: [0.1, 1.0, 3.0]) : new(50, 20_000, Scales: [0.1, 1.0, 3.0]))
{
    internal sealed record Parameters([property: Parameter("identity draws")] int Draws, [property: Parameter("⟨B, QA⟩ draws")] int SignDraws,
        [property: Parameter("tolerance (relative, Frobenius)")] double Tolerance = 1e-13, [property: Parameter("U, V scales")] double[]? Scales = null);

    private const int D = YeDuSetup.D, N = D * D;

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        ctx.Record(YeDuSetup.Default);
        var model = YeDuSetup.Model(YeDuSetup.Spectrum);
        var sigmaCurves = YeDuSetup.Sigma;
        sigmaCurves[0] += ctx.Perturb(0.0, 1e-6); // wrong input: curves built with Σ + 1e−6·e₁e₁ᵀ while the flow keeps Σ
        var rng = ctx.CreateRng("UV");
        double[] scales = q.Scales!;
        var grad = new double[2 * N];
        var parts = new List<ClaimOutcome>();
        for (int k = 0; k < q.Draws; k++)
        {
            double scale = scales[k % scales.Length];
            var u = RandomMatrices.Gaussian(rng, D, D, scale);
            var v = RandomMatrices.Gaussian(rng, D, D, scale);
            model.Gradient(YeDuSetup.Stack(u, v), grad); // U′ = −∇_U f = (Σ − UVᵀ)V, V′ = (Σ − UVᵀ)ᵀU
            var curves = new YeDuCurves(D, sigmaCurves, u, v);
            // Derivatives by the chain rule from (1)–(2), independent of the paper's right-hand sides.
            var dA = new double[N];
            var dB = new double[N];
            for (int i = 0; i < N; i++) { dA[i] = 0.5 * (-grad[i] - grad[N + i]); dB[i] = 0.5 * (-grad[i] + grad[N + i]); }
            var dS = Sym(YeDuSetup.MulT(dA, curves.A));
            var dBB = Sym(YeDuSetup.MulT(dB, curves.B));
            var dP = new double[N];
            for (int i = 0; i < N; i++) dP[i] = -dS[i] + dBB[i];
            double dNormB = 2 * LinearAlgebra.Dot(curves.B, dB);
            string draw = $"draw {k}";
            parts.Add(ClaimOutcome.UpperBound(Rel(curves.ADerivative(), dA), q.Tolerance, $"(3) A′ = PA − QB, {draw}: relative Frobenius difference"));
            parts.Add(ClaimOutcome.UpperBound(Rel(curves.BDerivative(), dB), q.Tolerance, $"(4) B′ = −PB + QA, {draw}"));
            parts.Add(ClaimOutcome.UpperBound(Rel(curves.GramDerivative(), dS), q.Tolerance, $"(20) (AAᵀ)′ = PS + SP − QBAᵀ + ABᵀQ, {draw}"));
            parts.Add(ClaimOutcome.UpperBound(Rel(curves.PDerivative(), dP), q.Tolerance, $"(23) P′ = −(AAᵀ + BBᵀ)P − P(AAᵀ + BBᵀ) − (ABᵀ + BAᵀ)Q + Q(ABᵀ + BAᵀ), {draw}"));
            parts.Add(ClaimOutcome.UpperBound(Math.Abs(curves.BNormSquaredDerivative() - dNormB) / Math.Max(Math.Abs(dNormB), double.Epsilon), q.Tolerance,
                $"(10) d‖B‖_F²/dt = −2⟨B, PB⟩ − ‖Q‖_F², {draw}"));
        }

        double maxInner = double.NegativeInfinity, worstHalf = 0;
        for (int k = 0; k < q.SignDraws; k++)
        {
            double scale = scales[k % scales.Length];
            var curves = new YeDuCurves(D, sigmaCurves, RandomMatrices.Gaussian(rng, D, D, scale), RandomMatrices.Gaussian(rng, D, D, scale));
            double inner = curves.InnerBQA();
            double q2 = LinearAlgebra.Dot(curves.Q, curves.Q);
            maxInner = Math.Max(maxInner, inner);
            worstHalf = Math.Max(worstHalf, Math.Abs(inner + 0.5 * q2) / q2);
            if (k % 1000 == 0) ctx.ThrowIfCancellationRequested();
        }
        ctx.Report("max ⟨B, QA⟩ over the draws", maxInner);
        parts.Add(ClaimOutcome.UpperBound(worstHalf, q.Tolerance, "⟨B, QA⟩ = −½‖Q‖_F²: max relative difference"));
        parts.Add(ClaimOutcome.UpperBound(maxInner, 0, $"max ⟨B, QA⟩ over {q.SignDraws} draws ≤ 0"));
        if (ctx.Quick) ctx.AddNote($"Quick mode: {q.SignDraws} draws for the sign of ⟨B, QA⟩ instead of 20,000.");
        return ClaimOutcome.Combine(parts);
    }

    private static double[] Sym(double[] x)
    {
        var r = new double[N];
        for (int j = 0; j < D; j++)
            for (int i = 0; i < D; i++) r[j * D + i] = x[j * D + i] + x[i * D + j];
        return r;
    }

    private static double Rel(double[] x, double[] reference) => Dense.Distance(x, reference) / LinearAlgebra.FrobeniusNorm(reference);
}

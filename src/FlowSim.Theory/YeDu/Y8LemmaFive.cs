namespace FlowSim.Theory;

/// <summary>
/// Y8: Lemma 5 with the actual extremes s_min = σ_min(A(0))², s_max = σ_max(A(0))²: σ_d(Ā(t))² and σ₁(Ā(t))² stay
/// between the scalar solutions started there (THEORY §2.6).
/// </summary>
internal sealed class Y8LemmaFive() : PaperClaim<Y8LemmaFive.Parameters>(new("Y8", Papers.YeDu,
    "Lemma 5, eq. (7), with the actual extremes of A(0)", ClaimKind.ClosedForm,
    "Lemma 5: σ_d(Ā)² and σ₁(Ā)² between the scalar curves from σ_min(A₀)², σ_max(A₀)²", OwnSettingsNote: true), _ => new())
{
    internal sealed record Parameters([property: Parameter("U₀, V₀ scale ε")] double Epsilon = 0.01, double T = 8,
        [property: Parameter("tolerance (violation)")] double Tolerance = 1e-12);

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        const int d = YeDuSetup.D;
        double sigma1 = YeDuSetup.Spectrum[0], sigmaD = YeDuSetup.Spectrum[^1];
        ctx.Record(YeDuSetup.Default);
        var u0 = YeDuSetup.Gaussian(ctx, Id, "U0", q.Epsilon);
        var v0 = YeDuSetup.Gaussian(ctx, Id, "V0", q.Epsilon);
        var a0 = new double[d * d];
        for (int i = 0; i < a0.Length; i++) a0[i] = 0.5 * (u0[i] + v0[i]);
        var sv = LinearAlgebra.SingularValues(d, d, a0);
        double start = ctx.Perturb(1.0, 0.5); // wrong input: both curves started from half the extremes
        double sMin = sv[^1] * sv[^1] * start, sMax = sv[0] * sv[0] * start;
        ctx.Report("s_min = σ_min(A(0))²", sv[^1] * sv[^1]);
        ctx.Report("s_max = σ_max(A(0))²", sv[0] * sv[0]);
        var parts = new List<ClaimOutcome> { ClaimOutcome.UpperBound(sv[0] * sv[0], sigmaD, "hypothesis A(0)A(0)ᵀ ⪯ σ_d I: σ_max(A(0))²") };
        int samples = ctx.Quick ? 40 : 160;
        var grid = Enumerable.Range(1, samples).Select(i => i * q.T / samples).ToArray();
        var model = YeDuSetup.Model(YeDuSetup.Spectrum);
        var sol = ctx.Solve(GradientFlow.CreateProblem(model, YeDuSetup.Stack(a0, a0), q.T), "dop853", new OdeOptions { RelTol = 1e-13, AbsTol = 1e-16, OutputTimes = grid });
        for (int g = 0; g < grid.Length; g++)
        {
            var s = LinearAlgebra.SingularValues(d, d, sol.Values[g].AsSpan(0, d * d));
            double lower = YeDuClosedForms.SymmetricScalar(sigmaD, sMin, grid[g]);
            double upper = YeDuClosedForms.SymmetricScalar(sigma1, sMax, grid[g]);
            parts.Add(ClaimOutcome.UpperBound(lower - s[^1] * s[^1], q.Tolerance, $"t = {grid[g]:G4}: violation of σ_d(Ā)² ≥ σ_d e^{{2σ_d t}}/(e^{{2σ_d t}} − 1 + σ_d/s_min)"));
            parts.Add(ClaimOutcome.UpperBound(s[0] * s[0] - upper, q.Tolerance, $"t = {grid[g]:G4}: violation of σ₁(Ā)² ≤ σ₁ e^{{2σ₁ t}}/(e^{{2σ₁ t}} − 1 + σ₁/s_max)"));
        }
        ctx.AddNote("Ā is the symmetric trajectory of (1)–(2) from (A(0), A(0)); ε = 0.01 and the grid are FlowSim's own.");
        return ClaimOutcome.Combine(parts);
    }
}

namespace FlowSim.Theory;

/// <summary>Y3: Lemma 3 (order): S₁(0) ⪯ S₂(0) ⇒ S₁(t) ⪯ S₂(t) under (5).</summary>
internal sealed class Y3OrderPreservation() : PaperClaim<Y3OrderPreservation.Parameters>(new("Y3", Papers.YeDu,
    "Lemma 3 (order preservation of (5))", ClaimKind.ExactIdentity, "Lemma 3: the symmetric flow (5) preserves the Loewner order", OwnSettingsNote: true),
    quick => new($"{Samples(quick)} equally spaced on (0, {Horizon}]", Shift: $"{Offset:G}·I"))
{
    internal sealed record Parameters([property: Parameter("output times")] string OutputTimes, [property: Parameter("S₁(0)")] string Start = "U₀U₀ᵀ with U₀ of Y2 (0.05·G)",
        [property: Parameter("S₂(0) − S₁(0)")] string? Shift = null, [property: Parameter("tolerance (λ_min ≥ −tol)")] double Tolerance = 1e-12);

    private const double Offset = 1e-3, Horizon = 8;

    private static int Samples(bool quick) => quick ? 32 : 160;

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        const int d = YeDuSetup.D;
        ctx.Record(YeDuSetup.Default);
        var u0 = YeDuSetup.SandwichStart(ctx);
        var s1 = YeDuSetup.MulT(u0, u0);
        var s2 = (double[])s1.Clone();
        for (int i = 0; i < d; i++) s2[i * d + i] += Offset;
        int samples = Samples(ctx.Quick);
        var grid = Enumerable.Range(1, samples).Select(i => i * Horizon / samples).ToArray();
        var options = new OdeOptions { RelTol = 1e-13, AbsTol = 1e-17, OutputTimes = grid };
        var flow = new SymmetricGramFlow(d, YeDuSetup.Sigma);
        var sol1 = ctx.Solve(flow.CreateProblem(s1, Horizon), "dop853", options);
        var sol2 = ctx.Solve(flow.CreateProblem(s2, Horizon), "dop853", options);
        bool reversed = ctx.Perturb(false, true); // wrong input: the reversed order S₂(t) ⪯ S₁(t), which is false
        double Gap(double[] upper, double[] lower) => reversed
            ? YeDuSetup.MinEigenvalueOfDifference(lower, upper)
            : YeDuSetup.MinEigenvalueOfDifference(upper, lower);
        var parts = new List<ClaimOutcome> { ClaimOutcome.LowerBound(Gap(s2, s1), -q.Tolerance, "t = 0: λ_min(S₂ − S₁)") };
        for (int g = 0; g < grid.Length; g++)
            parts.Add(ClaimOutcome.LowerBound(Gap(sol2.Values[g], sol1.Values[g]), -q.Tolerance, $"t = {grid[g]:G4}: λ_min(S₂ − S₁)"));
        return ClaimOutcome.Combine(parts);
    }
}

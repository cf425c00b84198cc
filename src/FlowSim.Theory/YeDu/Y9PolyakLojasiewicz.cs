namespace FlowSim.Theory;

/// <summary>Y9: the PL inequality ‖∇f‖_F² ≥ 2(σ_min(U)² + σ_min(V)²)f at random (U, V) of several scales (THEORY §2.10).</summary>
internal sealed class Y9PolyakLojasiewicz() : PaperClaim<Y9PolyakLojasiewicz.Parameters>(new("Y9", Papers.YeDu,
    "stage 3 (PL inequality, used for Theorem 1)", ClaimKind.ExactIdentity, "PL: ‖∇f‖_F² ≥ 2(σ_min(U)² + σ_min(V)²)f", OwnSettingsNote: true),
    quick => new(quick ? 50 : 500, [0.01, 0.1, 1, 3]))
{
    internal sealed record Parameters([property: Parameter("draws per scale")] int PerScale, [property: Parameter("U, V scales")] double[]? Scales = null,
        [property: Parameter("rounding allowance (relative)")] double Allowance = 1e-12);

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        const int d = YeDuSetup.D;
        ctx.Record(YeDuSetup.Default);
        var rng = ctx.CreateRng("UV");
        var model = YeDuSetup.Model(YeDuSetup.Spectrum);
        var grad = new double[2 * d * d];
        bool largest = ctx.Perturb(false, true); // wrong input: σ_max in place of σ_min, a false inequality
        var parts = new List<ClaimOutcome>();
        double minRatio = double.PositiveInfinity;
        foreach (double scale in q.Scales!)
        {
            var draws = Enumerable.Range(0, q.PerScale).Select(_ =>
            {
                var u = RandomMatrices.Gaussian(rng, d, d, scale);
                var v = RandomMatrices.Gaussian(rng, d, d, scale);
                double f = model.Gradient(YeDuSetup.Stack(u, v), grad);
                var su = LinearAlgebra.SingularValues(d, d, u);
                var sv = LinearAlgebra.SingularValues(d, d, v);
                double mu = largest ? su[0] : su[^1], mv = largest ? sv[0] : sv[^1];
                return (Lhs: LinearAlgebra.Dot(grad, grad), Rhs: 2 * (mu * mu + mv * mv) * f);
            }).ToList();
            var worst = draws.MinBy(x => x.Lhs / x.Rhs);
            minRatio = Math.Min(minRatio, worst.Lhs / worst.Rhs);
            parts.Add(ClaimOutcome.LowerBound(worst.Lhs, worst.Rhs * (1 - q.Allowance), $"scale {scale}: worst draw ‖∇f‖² vs 2(σ_min(U)² + σ_min(V)²)f"));
        }
        ctx.Report("min ratio ‖∇f‖² / (2(σ_min(U)² + σ_min(V)²)f)", minRatio);
        return ClaimOutcome.Combine(parts);
    }
}

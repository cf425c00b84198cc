namespace FlowSim.Theory;

/// <summary>W3: ‖(1/η)log(I + ηG) − G‖ ≤ η‖G‖² for symmetric G with η‖G‖ ≤ ½ (THEORY §1.7, first term).</summary>
internal sealed class W3LogBound() : PaperClaim<W3LogBound.Parameters>(new("W3", Papers.Wind,
    "§2.1, Theorem 2.3 (log term of the bound on P(t)); estimate derived", ClaimKind.ExactIdentity,
    "Log bound ‖(1/η)log(I + ηG) − G‖ ≤ η‖G‖² when η‖G‖ ≤ ½", OwnSettingsNote: true), quick => quick ? new(10, 50) : new(40, 500))
{
    internal sealed record Parameters([property: Parameter("K (S1 steps)")] int Steps, [property: Parameter("random dilations")] int Draws);

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        var s1 = WindSetup.S1(ctx);
        var parts = new List<ClaimOutcome>();
        int m = WindSetup.M, n = WindSetup.N, s = m + n;
        var p = new double[s * s];
        // Wrong input: 0.4·η‖G‖² lies below the left side ≈ η‖G‖²/2 for every non-trivial G.
        double boundFactor = ctx.Perturb(1.0, 0.4);

        // Along S1: the library's exact first term against η‖Γ̃_k‖², with ‖Γ̃_k‖ = ‖G_k‖ from an independent SVD.
        var descent = s1.Descent(ctx, q.Steps);
        var flow = new PerturbedGradientFlow(s1.Model, WindSetup.Eta);
        var g = new double[m * n];
        for (int k = 0; k < q.Steps; k++)
        {
            var b = flow.Perturbation(descent[k], descent[k], p);
            s1.Model.Generator(descent[k], g);
            double gNorm = LinearAlgebra.OperatorNorm(m, n, g);
            if (!(WindSetup.Eta * gNorm <= 0.5)) { parts.Add(ClaimOutcome.Condition(false, $"η‖Γ̃_{k}‖ ≤ ½ along S1", WindSetup.Eta * gNorm)); continue; }
            parts.Add(ClaimOutcome.UpperBound(b.LogTermExact, boundFactor * WindSetup.Eta * gNorm * gNorm, $"S1, k = {k}"));
            if (k == 0)
            {
                ctx.Report("η‖Γ̃_0‖", b.EtaGeneratorNorm);
                ctx.Report("‖(1/η)log(I + ηΓ̃_0) − Γ̃_0‖", b.LogTermExact);
                ctx.Report("η‖Γ̃_0‖²", WindSetup.Eta * gNorm * gNorm);
            }
        }

        // Random dilations G = dil(Z), η‖Z‖ spread over (0, ½] (½ itself included): the perturbed flow of an
        // identity-measurement model with target Z at θ = 0 has Γ̃_0 = dil(Z).
        var rng = ctx.CreateRng("Z");
        var zero = new double[(m + n) * WindSetup.H];
        for (int i = 0; i < q.Draws; i++)
        {
            var z = new double[m * n];
            rng.FillNormal(z);
            double zNorm = LinearAlgebra.OperatorNorm(m, n, z);
            double target = i == 0 ? 0.5 : 0.5 * (1 - rng.NextDouble()); // η‖Z‖ ∈ (0, ½]
            for (int j = 0; j < z.Length; j++) z[j] *= target / (WindSetup.Eta * zNorm);
            zNorm = LinearAlgebra.OperatorNorm(m, n, z);
            if (WindSetup.Eta * zNorm > 0.5) zNorm = 0.5 / WindSetup.Eta; // rounding of the rescale
            var b = new PerturbedGradientFlow(new MatrixSensing(new IdentityMeasurements(m, n), z, WindSetup.H), WindSetup.Eta).Perturbation(zero, zero, p);
            parts.Add(ClaimOutcome.UpperBound(b.LogTermExact, boundFactor * WindSetup.Eta * zNorm * zNorm, $"random dil(Z) #{i}, η‖Z‖ = {WindSetup.Eta * zNorm:G4}"));
        }
        ctx.Report("max ratio left side / bound", parts.Where(c => c.Bound is not null).Max(c => c.Measured / c.Bound!.Value));
        ctx.AddNote("The bound is |ln(1 + y) − y| ≤ y² for |y| ≤ ½ per eigenvalue (derived); Theorem 2.3's constants are unknown and not used.");
        ctx.AddNote("The random G are dilations dil(Z) of Gaussian Z rescaled to η‖Z‖ ∈ (0, ½] (one at exactly ½): the symmetric matrices the perturbed flow forms.");
        return ClaimOutcome.Combine(parts);
    }
}

namespace FlowSim.Theory;

/// <summary>
/// E3: after activation the central flow stays on the edge: every held eigenvalue equals 2/η to 1e-5 relative (measured
/// by the dense eigensolver on the explicit Hessian), σ² = tr Σ ≥ 0, and each covariance solve meets its
/// complementarity conditions.
/// </summary>
internal sealed class E3EdgeConstraint() : PaperClaim<E3EdgeConstraint.Parameters>(new("E3", Papers.LargeSteps,
    "THEORY.md §6.2 (central flow of Cohen et al., ICLR 2025: S = 2/η held while active, σ² ≥ 0)", ClaimKind.ExactIdentity,
    "The central flow holds its eigenvalues at 2/η with σ² ≥ 0 after activation", OwnSettingsNote: true),
    quick => new(Cases(quick)))
{
    internal sealed record Parameters([property: Parameter("cases (model, η, tracked eigenvalues, K)")] string[] Cases,
        [property: Parameter("bound on |λ − 2/η|/(2/η)")] double Bound = 1e-5, [property: Parameter("complementarity tolerance (relative)")] double Complementarity = 1e-10,
        string Integrator = "central flow by dop853, rtol 1e-10, atol 1e-12, every step recorded");

    private static readonly (string Model, double Eta, int Eigenvalues, int QuickSteps, int FullSteps)[] All =
        [("MF4", 1.02, 1, 120, 400), ("MF4", 1.1, 1, 120, 400), ("MF4", 2.2, 2, 5, 20), ("Scalar-2", 1.1, 1, 100, 300)];

    private static string[] Cases(bool quick) => [.. All.Select(c => $"({c.Model}, {c.Eta}, {c.Eigenvalues}, {(quick ? c.QuickSteps : c.FullSteps)})")];

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        var parts = new List<ClaimOutcome>();
        foreach (var c in All)
        {
            string label = $"{c.Model}, η = {c.Eta}, k = {c.Eigenvalues}";
            try
            {
                parts.AddRange(Case(ctx, q, c, label));
            }
            catch (InvalidOperationException ex)
            {
                // A central flow that cannot be run (no state on the edge found, a failed solve) fails the claim.
                parts.Add(ClaimOutcome.Condition(false, $"{label}: the central flow runs to τ = Kη ({ex.Message})", label: label));
            }
        }
        ctx.AddNote("The eigenvalues are measured independently of the flow's Lanczos solves: the dense symmetric eigensolver on the Hessian " +
                    "assembled from H·e_j at every recorded step. The complementarity residuals are those of the X solved at each point " +
                    "(λ_min(X), λ_min(𝔅[X] − α), ⟨X, 𝔅[X] − α⟩, relative to max |α|). S = 2/η is held without a Baumgarte term (ConstraintRate 0): " +
                    "it is a first integral of the active flow.");
        return ClaimOutcome.Combine(parts);
    }

    private static List<ClaimOutcome> Case(ClaimContext ctx, Parameters q, (string Model, double Eta, int Eigenvalues, int QuickSteps, int FullSteps) c, string label)
    {
        var parts = new List<ClaimOutcome>();
        IHessianVectorProduct model;
        double[] theta0;
        if (c.Model == "MF4") (model, theta0) = LargeStepsSetup.Mf4(ctx);
        else (model, theta0) = (LargeStepsSetup.Scalar2(), [1.3, 0.7]);
        int steps = ctx.Quick ? c.QuickSteps : c.FullSteps;
        var options = new CentralFlowOptions { StepSize = c.Eta, Eigenvalues = c.Eigenvalues };
        // Wrong input: the sign of ∇S flipped, so that α changes sign, X stays 0 and S runs past the edge.
        ICurvatureGradient curvature = ctx.Perturb(CurvatureGradients.For(model), new NegatedCurvature(CurvatureGradients.For(model)));
        var cf = CentralFlowRuns.Solve(ctx, model, theta0, steps * c.Eta, options, curvature);
        if (cf.ActivationTime is not double activation) throw new InvalidOperationException($"{label}: the central flow never reached 2/η.");
        double edge = 2 / c.Eta, worst = 0, minSigma2 = double.PositiveInfinity, worstComplementarity = 0;
        int points = 0;
        foreach (var s in CentralFlowRuns.Samples(cf, model, options, curvature))
        {
            if (s.Time < activation) continue;
            // Until activation the flow is gradient flow (E5); after it, while nothing is held, no eigenvalue may exceed the edge.
            var lambda = DenseCurvature.Eigenvalues(model.ParameterCount, DenseCurvature.Hessian(model, s.State));
            for (int a = 0; a < Math.Max(s.Held, 1); a++)
                worst = Math.Max(worst, s.Held > 0 ? Math.Abs(lambda[a] - edge) / edge : Math.Max(0, lambda[a] - edge) / edge);
            if (s.Held == 0) continue;
            points++;
            minSigma2 = Math.Min(minSigma2, s.Point.Sigma2);
            var r = s.Point.Covariance;
            worstComplementarity = Math.Max(worstComplementarity,
                Math.Max(Math.Max(-r.PrimalMinEigenvalue, -r.DualMinEigenvalue), Math.Abs(r.Complementarity) / Math.Max(1, Math.Abs(r.Trace))) / Math.Max(r.Scale, double.Epsilon));
        }
        ctx.Report($"{label}: activation τ", activation);
        ctx.Report($"{label}: points after activation", points);
        ctx.Report($"{label}: max |λ − 2/η|/(2/η)", worst);
        ctx.Report($"{label}: min σ²", minSigma2);
        ctx.Report($"{label}: max complementarity residual", worstComplementarity);
        ctx.Report($"{label}: largest number held", cf.Transitions.Max(t => t.CriticalCount));
        if (points < 5) throw new InvalidOperationException($"{label}: only {points} recorded points after activation.");
        parts.Add(ClaimOutcome.UpperBound(worst, q.Bound, $"{label}: max |λ_held − 2/η|/(2/η) after activation ({points} points)"));
        parts.Add(ClaimOutcome.LowerBound(minSigma2, 0, $"{label}: min σ² = tr Σ while active"));
        parts.Add(ClaimOutcome.UpperBound(worstComplementarity, q.Complementarity, $"{label}: complementarity X ⪰ 0, 𝔅[X] − α ⪰ 0, ⟨X, 𝔅[X] − α⟩ = 0"));
        if (c.Eigenvalues > 1)
            parts.Add(ClaimOutcome.Condition(cf.Transitions.Any(t => t.CriticalCount == c.Eigenvalues),
                $"{label}: {c.Eigenvalues} eigenvalues held at once", cf.Transitions.Max(t => t.CriticalCount), label));
        return parts;
    }
}

/// <summary>−D³L[v, v, ·]: the wrong input of the central-flow claims (a sign flipped in ∇S).</summary>
internal sealed class NegatedCurvature(ICurvatureGradient inner) : ICurvatureGradient
{
    public int ParameterCount => inner.ParameterCount;

    public void CurvatureGradient(ReadOnlySpan<double> theta, ReadOnlySpan<double> v, Span<double> result)
    {
        inner.CurvatureGradient(theta, v, result);
        for (int i = 0; i < result.Length; i++) result[i] = -result[i];
    }
}

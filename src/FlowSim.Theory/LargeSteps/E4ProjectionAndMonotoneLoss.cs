namespace FlowSim.Theory;

/// <summary>
/// E4: where the constraint is active the central flow's velocity is the projection of −∇L onto the tangent cone of the
/// stable set, so ⟨∇L, ẇ⟩ + ‖ẇ‖² = 0 (THEORY §6.2, derived), and its loss never rises beyond the integration's accuracy.
/// </summary>
internal sealed class E4ProjectionAndMonotoneLoss() : PaperClaim<E4ProjectionAndMonotoneLoss.Parameters>(new("E4", Papers.LargeSteps,
    "THEORY.md §6.2 (projection view of the central flow, derived: dL/dτ = −‖dw/dτ‖² ≤ 0)", ClaimKind.ExactIdentity,
    "Projection identity ⟨∇L, ẇ⟩ + ‖ẇ‖² = 0 at active points; the central flow's loss never rises", OwnSettingsNote: true),
    quick => new([.. All.Select(c => $"({c.Model}, {c.Eta}, {c.Eigenvalues}, {(quick ? c.QuickSteps : c.FullSteps)})")]))
{
    internal sealed record Parameters([property: Parameter("cases (model, η, tracked eigenvalues, K)")] string[] Cases,
        [property: Parameter("relative tolerance of the identity")] double Tolerance = 1e-10);

    private static readonly (string Model, double Eta, int Eigenvalues, int QuickSteps, int FullSteps)[] All =
        [("MF4", 1.02, 1, 120, 400), ("MF4", 2.2, 2, 5, 20), ("Scalar-3", 0.6, 1, 100, 300)];

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        // Wrong input: a wrong σ², twice the solved one (the term −½σ²∇S of ẇ doubled).
        double sigmaFactor = ctx.Perturb(1.0, 2.0);
        var parts = new List<ClaimOutcome>();
        foreach (var c in All)
        {
            string label = $"{c.Model}, η = {c.Eta}, k = {c.Eigenvalues}";
            IHessianVectorProduct model;
            double[] theta0;
            if (c.Model == "MF4") (model, theta0) = LargeStepsSetup.Mf4(ctx);
            else (model, theta0) = (new ScalarNetwork(3, 1.0), [1.4, 0.5, 0.6]);
            var options = new CentralFlowOptions { StepSize = c.Eta, Eigenvalues = c.Eigenvalues };
            var cf = CentralFlowRuns.Solve(ctx, model, theta0, (ctx.Quick ? c.QuickSteps : c.FullSteps) * c.Eta, options);
            var rhs = new CentralFlowRhs(model, options);
            int n = model.ParameterCount, active = 0;
            var gradient = new double[n];
            var velocity = new double[n];
            double worstIdentity = 0, worstRise = double.NegativeInfinity, worstRiseRatio = double.NegativeInfinity, previous = double.NaN;
            for (int i = 0; i < cf.Times.Count; i++)
            {
                var theta = cf.States[i];
                double loss = model.Gradient(theta, gradient);
                if (i > 0)
                {
                    // A rise can only come from the integration error of the state: allow RelTol·‖∇L‖·max(1, ‖θ‖).
                    double rise = loss - previous;
                    double allowed = options.RelTol * LinearAlgebra.FrobeniusNorm(gradient) * Math.Max(1, LinearAlgebra.FrobeniusNorm(theta));
                    worstRise = Math.Max(worstRise, rise);
                    worstRiseRatio = Math.Max(worstRiseRatio, rise / allowed);
                }
                previous = loss;
                rhs.CriticalCount = cf.HeldAt(cf.Times[i]);
                if (rhs.CriticalCount == 0 || !(rhs.Diagnose(theta).Sigma2 > 0)) continue;
                active++;
                rhs.Evaluate(cf.Times[i], theta, velocity);
                for (int j = 0; j < n; j++) velocity[j] = -gradient[j] + sigmaFactor * (velocity[j] + gradient[j]);
                double identity = Math.Abs(LinearAlgebra.Dot(gradient, velocity) + LinearAlgebra.Dot(velocity, velocity)) / LinearAlgebra.Dot(gradient, gradient);
                worstIdentity = Math.Max(worstIdentity, identity);
            }
            if (active < 5) throw new InvalidOperationException($"{label}: only {active} active points recorded.");
            ctx.Report($"{label}: active points", active);
            ctx.Report($"{label}: max |⟨∇L, ẇ⟩ + ‖ẇ‖²|/‖∇L‖²", worstIdentity);
            ctx.Report($"{label}: largest loss rise between recorded steps", worstRise);
            // The identity is relative to ‖∇L‖², the size of both terms: ‖ẇ‖ vanishes at a stationary point of the flow, ∇L does not.
            parts.Add(ClaimOutcome.UpperBound(worstIdentity, q.Tolerance, $"{label}: ⟨∇L, ẇ⟩ + ‖ẇ‖² = 0 at {active} active points (relative to ‖∇L‖²)"));
            parts.Add(ClaimOutcome.UpperBound(worstRiseRatio, 1.0, $"{label}: loss rise / (RelTol·‖∇L‖·max(1, ‖θ‖)) over {cf.Times.Count} recorded steps"));
        }
        ctx.AddNote("ẇ is the flow's own right-hand side at every recorded step where σ² > 0; the loss is compared between consecutive " +
                    "recorded steps (every accepted step of dop853 at rtol 1e-10), where a rise beyond RelTol·‖∇L‖·max(1, ‖θ‖) — what the " +
                    "integration error of the state can cause — would contradict dL/dτ = −‖ẇ‖².");
        return ClaimOutcome.Combine(parts);
    }
}

namespace FlowSim.Theory;

/// <summary>
/// E5: before S reaches 2/η the central flow is gradient flow: its states agree with a vern9 reference at rtol 1e-13
/// to 1e-8, and its activation time with the reference flow's first crossing of S = 2/η.
/// </summary>
internal sealed class E5GradientFlowBeforeActivation() : PaperClaim<E5GradientFlowBeforeActivation.Parameters>(new("E5", Papers.LargeSteps,
    "THEORY.md §6.2 (σ² = 0, plain gradient flow, while S < 2/η)", ClaimKind.ExactIdentity,
    "Before activation the central flow is gradient flow (distance ≤ 1e-8)", OwnSettingsNote: true),
    quick => new(quick ? [1.02] : [1.02, 1.1]))
{
    internal sealed record Parameters([property: Parameter("η (MF4)")] double[] Eta, [property: Parameter("K (steps)")] int Steps = 40,
        [property: Parameter("bound on the distance")] double Bound = 1e-8, [property: Parameter("tolerance of the activation time")] double TimeTolerance = 1e-8);

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        var (model, theta0) = LargeStepsSetup.Mf4(ctx);
        var parts = new List<ClaimOutcome>();
        // Wrong input: the comparison runs 10 steps past the activation, where the flows part.
        int beyond = ctx.Perturb(0, 10);
        foreach (double eta in q.Eta)
        {
            string label = $"MF4, η = {eta}";
            double t1 = q.Steps * eta;
            var cf = CentralFlowRuns.Solve(ctx, model, theta0, t1, new CentralFlowOptions { StepSize = eta, OutputTimes = LargeStepsSetup.Grid(eta, q.Steps) });
            if (cf.ActivationTime is not double activation) throw new InvalidOperationException($"{label}: S never reached 2/η by τ = {t1}.");
            var reference = ctx.Solve(GradientFlow.CreateProblem(model, theta0, t1), "vern9",
                new OdeOptions { RelTol = 1e-13, AbsTol = 1e-15, Dense = true, SaveEveryStep = false });
            double worst = 0, until = activation + beyond * eta;
            int compared = 0;
            for (int i = 0; i < cf.Times.Count && cf.Times[i] < until; i++, compared++)
                worst = Math.Max(worst, LargeStepsSetup.Distance(cf.States[i], reference.Evaluate(cf.Times[i])));
            if (compared < 5) throw new InvalidOperationException($"{label}: only {compared} recorded points before the activation at τ = {activation}.");
            // The reference's crossing of S = 2/η: bisection on its dense output with S from the dense eigensolver.
            double lo = 0, hi = t1, edge = 2 / eta;
            for (int i = 0; i < cf.Times.Count; i++)
            {
                if (cf.Times[i] < activation) lo = cf.Times[i];
                else { hi = cf.Times[i]; break; }
            }
            if (DenseCurvature.Sharpness(model, reference.Evaluate(lo)) >= edge || DenseCurvature.Sharpness(model, reference.Evaluate(hi)) < edge)
                throw new InvalidOperationException($"{label}: the reference flow does not cross S = 2/η between τ = {lo} and {hi}.");
            for (int it = 0; it < 60; it++)
            {
                double mid = 0.5 * (lo + hi);
                if (DenseCurvature.Sharpness(model, reference.Evaluate(mid)) < edge) lo = mid; else hi = mid;
            }
            ctx.Report($"{label}: activation τ", activation);
            ctx.Report($"{label}: reference crossing of S = 2/η", 0.5 * (lo + hi));
            ctx.Report($"{label}: max distance before activation", worst);
            parts.Add(ClaimOutcome.UpperBound(worst, q.Bound, $"{label}: max ‖θ_CF − θ_GF‖ over the {compared} recorded steps kη before activation"));
            parts.Add(ClaimOutcome.Agreement(activation, 0.5 * (lo + hi), q.TimeTolerance, $"{label}: activation time against the reference flow's crossing of S = 2/η"));
        }
        ctx.AddNote("Central flow: dop853 at rtol 1e-10 with the activation located by a terminal event; reference: gradient flow by vern9 at " +
                    "rtol 1e-13, atol 1e-15 (a different method, much tighter), its crossing of S = 2/η by bisection on its dense output with S " +
                    "from the dense eigensolver.");
        return ClaimOutcome.Combine(parts);
    }
}

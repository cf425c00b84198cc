namespace FlowSim.Theory;

/// <summary>
/// W4: P(t) is symmetric along S1, and a state with η‖Γ̃_k‖ ≥ 1 makes the perturbed flow refuse with
/// <see cref="PerturbedFlowDomainException"/> naming k, η and ‖Γ̃_k‖ (THEORY §1.4).
/// </summary>
internal sealed class W4SymmetryAndDomain() : PaperClaim<W4SymmetryAndDomain.Parameters>(new("W4", Papers.Wind,
    "§2.1, eq. (1): P(t) = (1/η)log(I + ηΓ̃_k) − Γ(t) symmetric; domain η‖Γ̃_k‖ < 1", ClaimKind.ExactIdentity,
    "P(t) is symmetric; η‖Γ̃_k‖ ≥ 1 raises the documented domain error", OwnSettingsNote: true), quick => new(quick ? 6 : 30, [0.0, 0.25, 0.5, 0.75]))
{
    internal sealed record Parameters([property: Parameter("K (S1 steps)")] int Steps, [property: Parameter("s grid")] double[] Fractions,
        [property: Parameter("domain check: η")] double DomainEta = 0.7, [property: Parameter("domain check: K")] int DomainSteps = 30);

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        var s1 = WindSetup.S1(ctx);
        int s = WindSetup.M + WindSetup.N;
        var descent = s1.Descent(ctx, q.Steps);
        var flow = new PerturbedGradientFlow(s1.Model, WindSetup.Eta);
        var theta = new double[s1.Model.ParameterCount];
        var p = new double[s * s];
        var parts = new List<ClaimOutcome>();
        for (int k = 0; k < q.Steps; k++)
            foreach (double frac in q.Fractions)
            {
                flow.ClosedForm(descent[k], frac, theta);
                var b = flow.Perturbation(descent[k], theta, p);
                var skew = new double[s * s];
                for (int j = 0; j < s; j++)
                    for (int i = 0; i < s; i++) skew[j * s + i] = p[j * s + i] - p[i * s + j];
                double defect = Math.Max(LinearAlgebra.OperatorNorm(s, s, skew), b.SymmetryDefect);
                parts.Add(ClaimOutcome.UpperBound(defect, 1e-12 * Math.Max(1, b.Norm), $"k = {k}, s = {frac}: ‖P − Pᵀ‖ vs 1e−12·max(1, ‖P‖)"));
            }
        parts.Add(DomainCheck(ctx, ctx.Perturb(q.DomainEta, 0.1), q.DomainSteps)); // wrong input: a step that never leaves the domain
        return ClaimOutcome.Combine(parts);
    }

    /// <summary>
    /// Identity measurements, X = diag(2, 1), W₀ near the balanced minimiser (u₁ = v₁ = √2 + 0.01) and η = 0.7 > 1/(2σ₁):
    /// GD oscillates with growing amplitude, so η‖G_k‖ first reaches 1 at some k ≥ 1, found here from the GD iterates with
    /// an SVD (independent of the flow's eigendecomposition). The flow must stop there with the documented error.
    /// </summary>
    private static ClaimOutcome DomainCheck(ClaimContext ctx, double eta, int steps)
    {
        var model = WindSetup.PureFlowModel();
        var theta0 = new double[model.ParameterCount];
        double a = Math.Sqrt(2) + 0.01;
        (theta0[0], theta0[5], theta0[10]) = (a, 1, 0.01);   // U = diag(a, 1, 0.01) in 4×3
        (theta0[12], theta0[16], theta0[20]) = (a, 1, 0.01); // V = diag(a, 1, 0.01) in 3×3
        var run = GradientDescent.Run(model, theta0, new GradientDescentOptions { StepSize = eta, Steps = steps, DivergenceFactor = double.PositiveInfinity });
        ctx.AddRhsEvaluations(run.GradientEvaluations);
        var g = new double[WindSetup.M * WindSetup.N];
        int firstBad = -1;
        for (int k = 0; k < run.Values.Count && firstBad < 0; k++)
        {
            model.Generator(run.Values[k], g);
            if (eta * LinearAlgebra.OperatorNorm(WindSetup.M, WindSetup.N, g) >= 1) firstBad = k;
        }
        ctx.Report("domain check: first k with η‖Γ̃_k‖ ≥ 1 (from GD)", firstBad);
        var flow = new PerturbedGradientFlow(model, eta);
        try
        {
            ctx.Solve(flow.CreateProblem(theta0, steps), "dop853", flow.CreateOptions(steps, new OdeOptions { RelTol = 1e-10, AbsTol = 1e-12, SaveEveryStep = false }));
            return ClaimOutcome.Condition(false, $"η‖Γ̃_k‖ ≥ 1 raises PerturbedFlowDomainException (none raised; first bad k from GD = {firstBad})", label: "domain");
        }
        catch (PerturbedFlowDomainException ex)
        {
            ctx.Report("domain check: η‖Γ̃_k‖ at the refusal", ex.Eta * ex.GeneratorNorm);
            ctx.AddNote($"Domain sub-check message: {ex.Message}");
            bool ok = firstBad >= 1 && ex.Step == firstBad && ex.Eta == eta && ex.Eta * ex.GeneratorNorm >= 1 && ex.Message.Contains($"k = {firstBad}");
            return ClaimOutcome.Condition(ok, $"the flow refuses at k = {ex.Step} (GD first reaches η‖Γ̃_k‖ ≥ 1 at k = {firstBad}) with η‖Γ̃_k‖ = {ex.Eta * ex.GeneratorNorm:G6} named in the message",
                ex.Step, "domain");
        }
    }
}

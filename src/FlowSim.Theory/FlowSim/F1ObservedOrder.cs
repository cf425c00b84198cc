namespace FlowSim.Theory;

/// <summary>
/// F1: gradient descent is Euler's method for the gradient flow (distance at a fixed time T of order η) and a
/// second-order method for the modified flow θ' = −∇L − (η/4)∇‖∇L‖² (order η²), on a deep factorisation.
/// </summary>
internal sealed class F1ObservedOrder() : PaperClaim<F1ObservedOrder.Parameters>(new("F1", Papers.FlowSim,
    "FlowSim's own (THEORY.md §4 F1): GD as Euler's method for the flow; modified flow by backward error analysis", ClaimKind.Structural,
    "Observed order of descent against the flow (slope 1) and the modified flow (slope 2)"), quick => new([3.0, 2.0, 1.0, 0.5], quick ? 3 : 5))
{
    internal sealed record Parameters([property: Parameter("spectrum of Â")] double[] Spectrum, [property: Parameter("halvings")] int Halvings,
        int N = 3, int d = 4, double α = 0.5, double T = 2.0, [property: Parameter("η0")] double InitialStepSize = 0.02);

    private static readonly double[] Householder = [1.0, -2.0, 0.5, 1.5];

    /// <summary>Â = Q diag(3, 2, 1, 0.5) Qᵀ with the Householder reflection Q = I − 2uuᵀ/‖u‖², u = (1, −2, 0.5, 1.5).</summary>
    private static double[] Target(int d, double[] spectrum)
    {
        double uu = Householder.Sum(x => x * x);
        var q = new double[d * d];
        for (int c = 0; c < d; c++)
            for (int r = 0; r < d; r++) q[c * d + r] = (r == c ? 1 : 0) - 2 * Householder[r] * Householder[c] / uu;
        return SpectralMatrices.Compose(q, spectrum);
    }

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        var model = new DeepFactorization(q.N, q.d, Target(q.d, q.Spectrum));
        var theta0 = Initializations.Identical(model, q.α);
        var options = new OdeOptions { RelTol = ObservedOrder.ReferenceRelTol, AbsTol = ObservedOrder.ReferenceAbsTol, SaveEveryStep = false };
        string method = ObservedOrder.ReferenceMethod;
        ctx.RecordIntegrator(method, options);
        ctx.AddNote("FlowSim's own check, beyond the papers. Every setting (Â = Q diag(3, 2, 1, 0.5) Qᵀ with a Householder Q, identical initialisation α = 0.5, T = 2, η0 = 0.02) is FlowSim's own choice.");
        if (ctx.Quick) ctx.AddNote("Quick mode halves η three times instead of five.");
        double correction = ctx.Perturb(1.0, 0.5); // wrong input: half the modified flow's correction −(η/2)H∇L, which drops its order to 1

        var steps = ObservedOrder.Halvings(q.InitialStepSize, q.Halvings);
        var plainRhs = new CountingRhs(new GradientFlow(model));
        var plain = ObservedOrder.Measure(model, theta0, q.T, steps, _ => plainRhs, "gradient flow", method, options, ctx.CancellationToken);
        var modifiedRhs = new List<CountingRhs>();
        var modified = ObservedOrder.Measure(model, theta0, q.T, steps, eta =>
        {
            var rhs = new CountingRhs(new ModifiedGradientFlow(model, correction * eta));
            modifiedRhs.Add(rhs);
            return rhs;
        }, "modified gradient flow", method, options, ctx.CancellationToken);
        long gdSteps = plain.Points.Sum(p => (long)p.Steps) + modified.Points.Sum(p => (long)p.Steps);
        ctx.AddRhsEvaluations(gdSteps + plainRhs.Count + modifiedRhs.Sum(r => r.Count));

        for (int i = 0; i < plain.Points.Count; i++)
        {
            ctx.Report($"η={plain.Points[i].StepSize:G4}: |θ_K − θ_flow(T)|", plain.Points[i].Distance);
            ctx.Report($"η={plain.Points[i].StepSize:G4}: |θ_K − θ_modified(T)|", modified.Points[i].Distance);
        }
        ctx.Report("slope vs gradient flow", plain.Slope);
        ctx.Report("fit residual vs gradient flow", plain.Residual);
        ctx.Report("slope vs modified flow", modified.Slope);
        ctx.Report("fit residual vs modified flow", modified.Residual);
        ctx.AddFigure(DescentToFlowDistance(plain, modified, q));

        return ClaimOutcome.Combine(
            ClaimOutcome.Agreement(plain.Slope, 1.0, 0.1, $"log-log slope of |θ_K − θ(T)| vs η against the gradient flow (fit residual {ClaimOutcome.FormatNumber(plain.Residual)})"),
            ClaimOutcome.Agreement(modified.Slope, 2.0, 0.2, $"log-log slope against the modified flow (fit residual {ClaimOutcome.FormatNumber(modified.Residual)})"));
    }

    /// <summary>The engine figure: descent-to-flow distance at T over η, log-log, with slopes 1 and 2.</summary>
    private static FigureSpec DescentToFlowDistance(ObservedOrderResult plain, ObservedOrderResult modified, Parameters q)
    {
        var eta = plain.Points.Select(p => p.StepSize).ToArray();
        var fig = new FigureSpec("descent-to-flow-distance", "Distance of GD from the flows at fixed T over η")
        {
            XLabel = "step size η",
            YLabel = "‖θ_K − θ(T)‖₂, K = T/η",
            LogX = true,
            LogY = true,
            Caption = $"FlowSim's own (claim F1): deep factorisation N = {q.N}, d = {q.d}, Â = Q diag(3, 2, 1, 0.5) Qᵀ (Householder Q), W_j(0) = {q.α}·I, T = {plain.Time}. " +
                      $"Against the gradient flow the fitted slope is {plain.Slope:F3} (order 1, GD is Euler's method); against the modified flow " +
                      $"θ' = −∇L − (η/4)∇‖∇L‖² it is {modified.Slope:F3} (order 2). Flows by {plain.Method} at rtol {plain.FlowOptions.RelTol:G2}. Dashed: slopes 1 and 2 through the first point.",
        };
        fig.AddSeries("vs gradient flow", eta, plain.Points.Select(p => p.Distance).ToArray(), SeriesStyle.LineAndMarkers);
        fig.AddSeries("vs modified flow", eta, modified.Points.Select(p => p.Distance).ToArray(), SeriesStyle.LineAndMarkers);
        double p0 = plain.Points[0].Distance, m0 = modified.Points[0].Distance;
        fig.AddSeries("slope 1", eta, eta.Select(e => p0 * e / eta[0]).ToArray(), SeriesStyle.DashedLine);
        fig.AddSeries("slope 2", eta, eta.Select(e => m0 * (e / eta[0]) * (e / eta[0])).ToArray(), SeriesStyle.DashedLine);
        return fig;
    }

    /// <summary>Counts right-hand-side evaluations of a wrapped flow for the report.</summary>
    private sealed class CountingRhs(IOdeRhs inner) : IOdeRhs
    {
        public long Count { get; private set; }

        public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
        {
            Count++;
            inner.Evaluate(t, y, dydt);
        }
    }
}

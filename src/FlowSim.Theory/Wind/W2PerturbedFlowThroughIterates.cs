namespace FlowSim.Theory;

/// <summary>
/// W2: Lemma A.1 [derived form]: the perturbed flow dW/dt = (Γ + P)W, restarted at every kη with P built from the
/// current state, passes through every GD iterate. Also draws the P1 figure "GD iterates on the perturbed-flow path".
/// </summary>
internal sealed class W2PerturbedFlowThroughIterates() : PaperClaim<W2PerturbedFlowThroughIterates.Parameters>(new("W2", Papers.Wind,
    "§2.1, eq. (1) and Lemma A.1", ClaimKind.ExactIdentity,
    "Lemma A.1 (derived form): the perturbed flow passes through every GD iterate", OwnSettingsNote: true), _ => new())
{
    internal sealed record Parameters([property: Parameter("K (checked steps)")] int Steps = 6, [property: Parameter("bound (max abs entry)")] double Bound = 1e-12);

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        var s1 = WindSetup.S1(ctx);
        var descent = s1.Descent(ctx, q.Steps);
        var flow = new PerturbedGradientFlow(s1.Model, WindSetup.Eta);
        var times = Enumerable.Range(1, q.Steps).Select(k => k * WindSetup.Eta).ToArray();
        var options = flow.CreateOptions(q.Steps, new OdeOptions { RelTol = 1e-12, AbsTol = 1e-14, OutputTimes = times });
        var sol = ctx.Solve(flow.CreateProblem(s1.Theta0, q.Steps), "dop853", options);

        var parts = new List<ClaimOutcome>();
        for (int k = 1; k <= q.Steps; k++)
        {
            var reference = (double[])descent[k].Clone();
            reference[0] += ctx.Perturb(0.0, 1e-10); // wrong input: a shifted descent reference
            double d = WindSetup.MaxAbsDifference(sol.Values[k - 1], reference);
            parts.Add(ClaimOutcome.UpperBound(d, q.Bound, $"k = {k}: max |W(kη) − W_k|"));
        }
        if (sol.Times.Count != q.Steps || sol.Times.Where((t, i) => t != times[i]).Any())
            parts.Add(ClaimOutcome.Condition(false, "the flow's outputs land exactly on t = kη"));
        AddFigure(ctx, s1);
        ctx.AddNote("THEORY §4 reference run: 6.3e−13 at rtol 1e−12 (seed-dependent).");
        return ClaimOutcome.Combine(parts);
    }

    private static void AddFigure(ClaimContext ctx, WindSetup s1)
    {
        var model = s1.Model;
        int steps = ctx.Quick ? 20 : 40;
        var descent = s1.Descent(ctx, steps);
        var flow = new PerturbedGradientFlow(model, WindSetup.Eta);
        var dense = new OdeOptions { RelTol = 1e-10, AbsTol = 1e-12, Dense = true, SaveEveryStep = false };
        var sol = ctx.Solve(flow.CreateProblem(s1.Theta0, steps), "dop853", flow.CreateOptions(steps, dense));
        var plain = ctx.Solve(GradientFlow.CreateProblem(model, s1.Theta0, steps * WindSetup.Eta), "dop853", dense);

        int samples = 8 * steps;
        var t = Enumerable.Range(0, samples + 1).Select(i => i * steps * WindSetup.Eta / samples).ToArray();
        var tk = Enumerable.Range(0, steps + 1).Select(k => k * WindSetup.Eta).ToArray();
        // Entries u₁₁ (row 1 of U, column 1) and u₂₂ carry the two signal directions of X = diag(2, 1).
        (string name, int index)[] entries = [("u₁₁", 0), ("u₂₂", WindSetup.M + 1)];
        var fig = new FigureSpec("gd-on-perturbed-flow", "P1 analog: GD iterates lie on the perturbed gradient flow") { XLabel = "t", YLabel = "entry of U" };
        double worst = 0;
        foreach (var (name, index) in entries)
        {
            fig.AddSeries($"{name}(t), perturbed flow", t, t.Select(x => sol.Evaluate(x)[index]).ToArray());
            fig.AddSeries($"{name}, GD iterate at t = kη", tk, descent.Select(w => w[index]).ToArray(), SeriesStyle.Markers);
            fig.AddSeries($"{name}(t), plain gradient flow", t, t.Select(x => plain.Evaluate(x)[index]).ToArray(), SeriesStyle.DashedLine);
            for (int k = 0; k <= steps; k++) worst = Math.Max(worst, Math.Abs(sol.Evaluate(tk[k])[index] - descent[k][index]));
        }
        ctx.Report($"figure run: max |W(kη) − W_k| over k ≤ {steps} at rtol 1e−10", worst);
        ctx.AddFigure(fig, $"Setup S1 (FlowSim's own: m = 4, n = 3, h = 3, X = diag(2, 1), M = 40 Gaussian measurements, η = 0.05, " +
            $"W₀ = 0.05·Gaussian; P1 v1 has no experiments). Two entries of U along the perturbed flow (1) integrated by dop853 at rtol 1e−10 " +
            $"with a restart at every kη, the GD iterates (markers) and the plain gradient flow (dashed) over {steps} steps: GD sits on the perturbed flow (W2), not on the plain flow.");
    }
}

namespace FlowSim.Theory;

/// <summary>E12's figures of MF4 at the edge of stability: sharpness, loss, and the distances of descent's midpoints to the flows.</summary>
internal static class EdgeOfStabilityFigures
{
    public static IEnumerable<FigureSpec> All(Mf4EdgeRun run)
    {
        double[] k = [.. Enumerable.Range(0, run.Steps + 1).Select(i => (double)i)];
        yield return Sharpness(run, k);
        yield return Loss(run, k);
        yield return Distances(run, k);
    }

    // Every figure is drawn against the iteration k (time kη for the flows) and its caption opens with the setting.
    private static FigureSpec Figure(Mf4EdgeRun run, string fileStem, string title, string yLabel, string caption,
        bool logY = false, double? yMin = null, double? xMax = null) =>
        new(fileStem, title)
        {
            XLabel = "iteration k (time kη for the flows)",
            YLabel = yLabel,
            LogY = logY,
            YMin = yMin,
            XMax = xMax,
            Caption = "FlowSim's own (claim E12): MF4 (target Q₁ diag(1, 0.5, 0.2, 0.1) Q₂ᵀ, U, V 4×4 from 1e-3·N(0, 1)), " +
                      FormattableString.Invariant($"η = {run.Eta} (ηs₁ > 1), {run.Steps} steps; flows by dop853 at rtol 1e-10, compared at kη. {caption}"),
        };

    private static FigureSpec Sharpness(Mf4EdgeRun run, double[] k) =>
        Figure(run, "sharpness-along-descent-and-flows", "Sharpness along descent, gradient flow and the central flow", "S = λ_max(∇²L)",
                FormattableString.Invariant($"Descent sharpens until S reaches 2/η = {run.Edge:G6} (step {run.Descent.OnsetStep}); then its raw S oscillates around ") +
                FormattableString.Invariant($"the edge while S at the second-order midpoints settles at (9/η − 1)/4 = {(9 / run.Eta - 1) / 4:G6}. Gradient flow sharpens on ") +
                "to 2s₁ = 2; the central flow holds S = 2/η from its activation on. First 150 steps shown.",
                xMax: Math.Min(run.Steps, 150))
            .AddSeries("descent, raw S(w_k)", k, run.Descent.Sharpness)
            .AddSeries("descent, S at the midpoints w*_k", k, run.Descent.MidpointSharpness)
            .AddSeries("gradient flow", k, run.FlowSharpness)
            .AddSeries("central flow", k, run.CentralSharpness, SeriesStyle.DashedLine)
            .AddHorizontalLine(run.Edge, "2/η");

    private static FigureSpec Loss(Mf4EdgeRun run, double[] k) =>
        Figure(run, "loss-descent-and-flows", "Loss of descent, gradient flow and the central flow's prediction", "loss",
                "Past the onset descent's loss falls non-monotonically and levels off on its 2-cycle, far above gradient flow's; " +
                "the central flow's prediction L + tr Σ/η of the time-averaged loss follows it and settles at 8/9 of descent's cycle mean " +
                "(the fourth-order bias of E9/E10, a measured discrepancy). Gradient flow's loss falls below the axis, to rounding level.",
                logY: true, yMin: 1e-8)
            .AddSeries("descent L(w_k)", k, run.Descent.Losses)
            .AddSeries("gradient flow L(θ(kη))", k, run.FlowLoss)
            .AddSeries("central flow prediction L + tr Σ/η", k, run.CentralLossPrediction)
            .AddSeries("central flow L(θ(kη))", k, run.CentralLoss, SeriesStyle.DashedLine);

    private static FigureSpec Distances(Mf4EdgeRun run, double[] k)
    {
        var fig = Figure(run, "midpoint-distance-to-flows", "Distance of descent's midpoints to the central flow and to gradient flow", "‖·‖₂",
                "Until the onset descent, its midpoints and both flows agree to O(η) (descent is Euler's method); after it " +
                "descent and its midpoints leave gradient flow, while the midpoints w*_k = ¼(2w_k + w_{k+1} + w_{k−1}) stay close to the " +
                "central flow, up to the fourth-order bias of the top mode's stationary point.",
                logY: true)
            .AddSeries("‖w*_k − θ_CF(kη)‖", k, run.MidpointToCentral)
            .AddSeries("‖w*_k − θ_GF(kη)‖", k, run.MidpointToFlow)
            .AddSeries("‖w_k − θ_GF(kη)‖", k, run.DescentToFlow, SeriesStyle.DashedLine);
        if (run.Descent.OnsetStep is int onset) fig.AddVerticalLine(onset, "onset S ≥ 2/η");
        return fig;
    }
}

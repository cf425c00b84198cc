namespace FlowSim.Theory;

/// <summary>E12's figures of MF4 at the edge of stability: sharpness, loss, and the distances of descent's midpoints to the flows.</summary>
internal static class EdgeOfStabilityFigures
{
    public static IEnumerable<FigureSpec> All(Mf4EdgeRun run)
    {
        yield return Sharpness(run);
        yield return Loss(run);
        yield return Distances(run);
    }

    private static string Setting(Mf4EdgeRun run) =>
        $"FlowSim's own (claim E12): MF4 (target Q₁ diag(1, 0.5, 0.2, 0.1) Q₂ᵀ, U, V 4×4 from 1e-3·N(0, 1)), η = {run.Eta} (ηs₁ > 1), {run.Steps} steps; " +
        "flows by dop853 at rtol 1e-10, compared at kη.";

    private static double[] K(int n) => [.. Enumerable.Range(0, n).Select(k => (double)k)];

    private static FigureSpec Sharpness(Mf4EdgeRun run)
    {
        var k = K(run.Steps + 1);
        var fig = new FigureSpec("sharpness-along-descent-and-flows", "Sharpness along descent, gradient flow and the central flow")
        {
            XLabel = "iteration k (time kη for the flows)",
            YLabel = "S = λ_max(∇²L)",
            XMax = Math.Min(run.Steps, 150),
            Caption = Setting(run) + $" Descent sharpens until S reaches 2/η = {run.Edge:G6} (step {run.OnsetStep}); then its raw S oscillates around " +
                      $"the edge while S at the second-order midpoints settles at (9/η − 1)/4 = {(9 / run.Eta - 1) / 4:G6}. Gradient flow sharpens on " +
                      "to 2s₁ = 2; the central flow holds S = 2/η from its activation on. First 150 steps shown.",
        };
        fig.AddSeries("descent, raw S(w_k)", k, run.Sharpness);
        fig.AddSeries("descent, S at the midpoints w*_k", k, run.MidpointSharpness);
        fig.AddSeries("gradient flow", k, run.FlowSharpness);
        fig.AddSeries("central flow", k, run.CentralSharpness, SeriesStyle.DashedLine);
        fig.AddHorizontalLine(run.Edge, "2/η");
        return fig;
    }

    private static FigureSpec Loss(Mf4EdgeRun run)
    {
        var k = K(run.Steps + 1);
        var fig = new FigureSpec("loss-descent-and-flows", "Loss of descent, gradient flow and the central flow's prediction")
        {
            XLabel = "iteration k (time kη for the flows)",
            YLabel = "loss",
            LogY = true,
            YMin = 1e-8,
            Caption = Setting(run) + " Past the onset descent's loss falls non-monotonically and levels off on its 2-cycle, far above gradient flow's; " +
                      "the central flow's prediction L + tr Σ/η of the time-averaged loss follows it and settles at 8/9 of descent's cycle mean " +
                      "(the fourth-order bias of E9/E10, a measured discrepancy). Gradient flow's loss falls below the axis, to rounding level.",
        };
        fig.AddSeries("descent L(w_k)", k, run.Loss);
        fig.AddSeries("gradient flow L(θ(kη))", k, run.FlowLoss);
        fig.AddSeries("central flow prediction L + tr Σ/η", k, run.CentralLossPrediction);
        fig.AddSeries("central flow L(θ(kη))", k, run.CentralLoss, SeriesStyle.DashedLine);
        return fig;
    }

    private static FigureSpec Distances(Mf4EdgeRun run)
    {
        var k = K(run.Steps + 1);
        var fig = new FigureSpec("midpoint-distance-to-flows", "Distance of descent's midpoints to the central flow and to gradient flow")
        {
            XLabel = "iteration k (time kη for the flows)",
            YLabel = "‖·‖₂",
            LogY = true,
            Caption = Setting(run) + " Until the onset descent, its midpoints and both flows agree to O(η) (descent is Euler's method); after it " +
                      "descent and its midpoints leave gradient flow, while the midpoints w*_k = ¼(2w_k + w_{k+1} + w_{k−1}) stay close to the " +
                      "central flow, up to the fourth-order bias of the top mode's stationary point.",
        };
        fig.AddSeries("‖w*_k − θ_CF(kη)‖", k, run.MidpointToCentral);
        fig.AddSeries("‖w*_k − θ_GF(kη)‖", k, run.MidpointToFlow);
        fig.AddSeries("‖w_k − θ_GF(kη)‖", k, run.DescentToFlow, SeriesStyle.DashedLine);
        if (run.OnsetStep is int onset) fig.AddVerticalLine(onset, "onset S ≥ 2/η");
        return fig;
    }
}

namespace FlowSim.Theory;

/// <summary>E8's bifurcation diagram of descent on Scalar-2 over η ∈ [0.8, 1.4], with the closed-form 2-cycle and its centre.</summary>
internal static class BifurcationFigures
{
    /// <summary>Iterates kept per η after the transient.</summary>
    private const int Kept = 32;
    private const int Transient = 4000;

    /// <summary>x of the last <see cref="Kept"/> of <see cref="Transient"/> + <see cref="Kept"/> iterates for each η on the grid, and the closed forms.</summary>
    public static FigureSpec Diagram(ClaimContext ctx, ScalarNetwork net, double[] start, int points)
    {
        var etaX = new List<double>();
        var xs = new List<double>();
        for (int i = 0; i < points; i++)
        {
            double eta = 0.8 + 0.6 * i / (points - 1);
            var run = GradientDescent.Run(net, start, eta, Transient + Kept);
            ctx.AddRhsEvaluations(run.GradientEvaluations);
            if (run.Status != GradientDescentStatus.Completed) continue;
            for (int k = Transient + 1; k < run.Values.Count; k++)
            {
                etaX.Add(eta);
                xs.Add(Math.Abs(run.Values[k][0]));
            }
        }
        double flip = LargeStepsSetup.PeriodDoubling;
        var cycleEta = Enumerable.Range(0, 101).Select(i => 1 + (flip - 1) * i / 100).ToArray();
        var fig = new FigureSpec("scalar2-bifurcation", "Descent on Scalar-2: fixed points, the 2-cycle and its centre against η")
        {
            XLabel = "step size η",
            YLabel = "|x| of descent's iterates",
            Caption = $"FlowSim's own (claim E8): descent on ½(xy − 1)² from (1.3, 0.7), |x| of iterates {Transient + 1}–{Transient + Kept} for {points} values of η " +
                      "in [0.8, 1.4] (markers). Below η = 1 descent converges to a minimum (not the balanced one: the imbalance shrinks but survives); " +
                      "for 1 < η < √5 − 1 it ends on the balanced 2-cycle a, b = (√(1 + 3/η) ± √(1 − 1/η))/2 (lines, derived), whose centre (a + b)/2 " +
                      "= √(1 + 3/η)/2 lies above the central flow's stationary point s = √((1 + 2/η)/3) (dashed; the fourth-order bias of E9); past " +
                      "√5 − 1 the period doubles (4 at η = 1.24) and descent turns chaotic (near η = 1.4 its orbit also visits the mirrored minima x, y < 0, " +
                      "hence |x|).",
        };
        fig.AddSeries("descent iterates |x_k|", etaX, xs, SeriesStyle.Markers);
        fig.AddSeries("2-cycle a, b (closed form)", [.. cycleEta, .. cycleEta.Reverse()],
            [.. cycleEta.Select(e => LargeStepsSetup.TwoCycle(e).A), .. cycleEta.Reverse().Select(e => LargeStepsSetup.TwoCycle(e).B)]);
        fig.AddSeries("centre (a + b)/2", cycleEta, [.. cycleEta.Select(e => Math.Sqrt(1 + 3 / e) / 2)]);
        fig.AddSeries("central flow's stationary s", cycleEta, [.. cycleEta.Select(e => Math.Sqrt((1 + 2 / e) / 3))], SeriesStyle.DashedLine);
        fig.AddVerticalLine(1, "η = 1 (flip)");
        fig.AddVerticalLine(flip, "η = √5 − 1");
        return fig;
    }
}

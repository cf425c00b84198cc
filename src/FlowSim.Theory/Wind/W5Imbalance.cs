namespace FlowSim.Theory;

/// <summary>
/// W5: (a) one GD step of S1 changes UᵀU − VᵀV by exactly η²(VᵀGᵀGV − UᵀGGᵀU); (b) the pure flow (𝒜*𝒜 = I, P ≡ 0)
/// conserves it (THEORY §1.8). Draws the P1 figure "imbalance per step".
/// </summary>
internal sealed class W5Imbalance() : PaperClaim<W5Imbalance.Parameters>(new("W5", Papers.Wind,
    "§3 and §4.3 (the imbalance UᵀU − VᵀV); identities derived", ClaimKind.ExactIdentity,
    "Imbalance: exact per-step change of GD, conservation under the pure flow", OwnSettingsNote: true), quick => quick ? new(10, 6) : new(60, 12))
{
    internal sealed record Parameters([property: Parameter("K (steps)")] int Steps, [property: Parameter("(b) horizon T")] double Horizon,
        [property: Parameter("tolerance (a), per max(1, ‖W_k‖_F²)")] double ToleranceA = 1e-15, [property: Parameter("tolerance (b)")] double ToleranceB = 1e-10);

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        var s1 = WindSetup.S1(ctx);
        var model = s1.Model;
        int m = WindSetup.M, n = WindSetup.N, h = WindSetup.H;
        double eta = WindSetup.Eta, sign = ctx.Perturb(1.0, -1.0); // wrong input: the change with its sign flipped
        var descent = s1.Descent(ctx, q.Steps);
        var g = new double[m * n];
        var before = new double[h * h];
        var after = new double[h * h];
        var imb0 = new double[h * h];
        model.Imbalance(descent[0], imb0);
        var predicted = WindSetup.Mat(h, h, imb0);
        double worst = 0;
        var kAxis = new double[q.Steps + 1];
        var actualNorm = new double[q.Steps + 1];
        var predictedNorm = new double[q.Steps + 1];
        actualNorm[0] = predictedNorm[0] = predicted.FrobeniusNorm();
        for (int k = 0; k < q.Steps; k++)
        {
            model.Generator(descent[k], g);
            model.Imbalance(descent[k], before);
            model.Imbalance(descent[k + 1], after);
            var gm = WindSetup.Mat(m, n, g);
            var u = WindSetup.Mat(m, h, model.U(descent[k]));
            var v = WindSetup.Mat(n, h, model.V(descent[k]));
            var change = sign * eta * eta * (v.Transpose() * gm.Transpose() * gm * v - u.Transpose() * gm * gm.Transpose() * u);
            // Rounding of UᵀU grows with ‖W_k‖_F²: the spec's 1e−15 is absolute while ‖W_k‖_F ≤ 1 (S1's early steps) and
            // scales with ‖W_k‖_F² after that.
            double scale = Math.Max(1, LinearAlgebra.Dot(descent[k], descent[k]));
            for (int j = 0; j < h; j++)
                for (int i = 0; i < h; i++) worst = Math.Max(worst, Math.Abs(after[j * h + i] - before[j * h + i] - change[i, j]) / scale);
            predicted += change;
            kAxis[k + 1] = k + 1;
            actualNorm[k + 1] = WindSetup.Mat(h, h, after).FrobeniusNorm();
            predictedNorm[k + 1] = predicted.FrobeniusNorm();
        }
        var partA = ClaimOutcome.UpperBound(worst, q.ToleranceA, "(a) GD: max |Δ(UᵀU − VᵀV) − η²(VᵀGᵀGV − UᵀGGᵀU)| / max(1, ‖W_k‖_F²)");

        // (b) Pure flow: identity measurements, same X and W₀, [0, T].
        var pure = WindSetup.PureFlowModel();
        var sol = ctx.Solve(GradientFlow.CreateProblem(pure, s1.Theta0, q.Horizon), "dop853", new OdeOptions { RelTol = 1e-12, AbsTol = 1e-14 });
        var i0 = new double[h * h];
        var it = new double[h * h];
        pure.Imbalance(s1.Theta0, i0);
        double drift = 0;
        foreach (var y in sol.Values)
        {
            pure.Imbalance(y, it);
            drift = Math.Max(drift, WindSetup.MaxAbsDifference(i0, it));
        }
        ctx.Report("(b) loss ratio f(0)/f(T) (the flow moves)", pure.Loss(s1.Theta0) / pure.Loss(sol.FinalState));
        var partB = ClaimOutcome.UpperBound(drift, q.ToleranceB, $"(b) pure flow on [0, {q.Horizon}]: max drift of UᵀU − VᵀV");

        var fig = new FigureSpec("imbalance-per-step", "P1 analog: imbalance ‖UᵀU − VᵀV‖_F of GD per step") { XLabel = "GD step k", YLabel = "‖UᵀU − VᵀV‖_F" };
        fig.AddSeries("GD iterates", kAxis, actualNorm, SeriesStyle.Markers);
        fig.AddSeries("Imb₀ + Σ η²(VᵀGᵀGV − UᵀGGᵀU)", kAxis, predictedNorm, SeriesStyle.DashedLine);
        fig.AddSeries("pure flow (conserved)", kAxis, Enumerable.Repeat(actualNorm[0], q.Steps + 1).ToArray(), SeriesStyle.Line);
        ctx.AddFigure(fig, "Setup S1 (FlowSim's own; P1 v1 has no experiments). The imbalance of the GD iterates (markers) follows the exact " +
            "per-step change η²(VᵀGᵀGV − UᵀGGᵀU) summed from Imb₀ (dashed, W5a); the pure flow with 𝒜*𝒜 = I keeps it constant (W5b).");
        return ClaimOutcome.Combine(partA, partB);
    }
}

namespace FlowSim.Theory;

/// <summary>
/// W7: derived analog of the warm-up: under the pure flow from a tiny start, (u_i ± v_i)/√2 follow e^{±σ_i t} times
/// their initial values (i ≤ r) and rows beyond r stay put (THEORY §1.9, the closed form of the linearisation).
/// Draws the P1 figure "warm-up growth/decay (signal vs nuisance)".
/// </summary>
internal sealed class W7LinearisedWarmUp() : PaperClaim<W7LinearisedWarmUp.Parameters>(new("W7", Papers.Wind,
    "§4.3 warm-up phase (σ_r(Ψ) grows exponentially); linearisation derived", ClaimKind.DerivedAnalog,
    "Derived analog of the warm-up: (u_i ± v_i)/√2 ∝ e^{±σ_i t}, rows beyond r fixed"), _ => new(SigmaX: WindSetup.Spectrum))
{
    private const int M = WindSetup.M, N = WindSetup.N, H = WindSetup.H;

    internal sealed record Parameters(int m = M, int n = N, int h = H, [property: Parameter("σ(X)")] double[]? SigmaX = null,
        [property: Parameter("𝒜*𝒜")] string Measurements = "identity", [property: Parameter("W₀ scale")] double InitialScale = 1e-6,
        double T = 3.0, [property: Parameter("tolerance (relative)")] double Tolerance = 1e-6);

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        double[] sigma = q.SigmaX!;
        int seed = ClaimContext.DeriveSeed(ctx.Settings.Seed, Id, "W0");
        ctx.SetParameter("seed[W0]", seed);
        double rate = ctx.Perturb(1.0, 1.001); // wrong input: growth rates σ_i·1.001
        var model = WindSetup.PureFlowModel();
        var theta0 = Initializations.Gaussian(model, q.InitialScale, (ulong)seed);
        int samples = ctx.Quick ? 30 : 60;
        var times = Enumerable.Range(1, samples).Select(i => i * q.T / samples).ToArray();
        var sol = ctx.Solve(GradientFlow.CreateProblem(model, theta0, q.T), "dop853", new OdeOptions { RelTol = 1e-12, AbsTol = 1e-22, OutputTimes = times });
        var y3 = sol.FinalState;

        // Relative error of each mode as a row vector (length h): entrywise ratios would blow up where u₀ ≈ ∓v₀.
        var parts = new List<ClaimOutcome>();
        for (int i = 0; i < sigma.Length; i++)
            foreach (int sign in new[] { 1, -1 })
            {
                double err = 0, norm = 0;
                for (int j = 0; j < H; j++)
                {
                    double mode = Mode(y3, i, j, sign);
                    double reference = Math.Exp(sign * q.T * sigma[i] * rate) * Mode(theta0, i, j, sign);
                    err += (mode - reference) * (mode - reference);
                    norm += reference * reference;
                }
                parts.Add(ClaimOutcome.UpperBound(Math.Sqrt(err / norm), q.Tolerance, $"row {i + 1}, (u {(sign > 0 ? "+" : "−")} v)/√2 at T = {q.T}: relative error"));
            }
        double rest = 0;
        for (int j = 0; j < H; j++)
        {
            for (int i = sigma.Length; i < M; i++) rest = Math.Max(rest, Math.Abs(y3[j * M + i] / theta0[j * M + i] - 1));
            for (int i = sigma.Length; i < N; i++) rest = Math.Max(rest, Math.Abs(y3[M * H + j * N + i] / theta0[M * H + j * N + i] - 1));
        }
        parts.Add(ClaimOutcome.UpperBound(rest, q.Tolerance, "rows beyond r: max relative change"));
        ctx.Report("‖W(T)‖_max", LinearAlgebra.MaxAbs(y3));
        ctx.Report("σ_r(Ψ(T))", SignalNuisanceSplit.Compute(model, y3, WindSetup.Rank).SigmaMinPsi);

        var fig = new FigureSpec("warm-up-modes", "P1 analog: linearised warm-up, signal grows and nuisance decays")
        {
            XLabel = "t",
            YLabel = "‖mode‖ (row vector of length h)",
            LogY = true,
        };
        var tAll = new[] { 0.0 }.Concat(times).ToArray();
        var states = new[] { theta0 }.Concat(sol.Values).ToArray();
        for (int i = 0; i < sigma.Length; i++)
            foreach (int sign in new[] { 1, -1 })
            {
                fig.AddSeries($"(u{i + 1} {(sign > 0 ? "+" : "−")} v{i + 1})/√2", tAll, states.Select(y => RowNorm(y, i, sign)).ToArray(), SeriesStyle.Markers);
                double start = RowNorm(theta0, i, sign);
                fig.AddSeries($"e^({(sign > 0 ? "" : "−")}{sigma[i]}t)·initial", tAll, tAll.Select(t => start * Math.Exp(sign * sigma[i] * t)).ToArray(), SeriesStyle.DashedLine);
            }
        fig.AddSeries("‖nuisance W(I − Π)‖", tAll, states.Select(y => SignalNuisanceSplit.Compute(model, y, WindSetup.Rank).NuisanceNorm).ToArray());
        ctx.AddFigure(fig, "FlowSim's own setting (P1 v1 has no experiments): pure flow 𝒜*𝒜 = I, X = diag(2, 1) padded to 4×3, h = 3, W₀ = 1e−6·Gaussian. " +
            "The signal modes (u_i + v_i)/√2 grow like e^{σ_i t} and (u_i − v_i)/√2 decay like e^{−σ_i t} (dashed: the linearisation's closed form, W7); " +
            "the nuisance part W(I − Π) of the signal/nuisance split stays at its start size. A derived analog, not the paper's Theorem 2.6.");
        ctx.AddNote("Derived analog: compares with the closed form of the linearised flow dW/dt = dil(X)W, not with a theorem of the paper.");
        ctx.AddNote("All settings are FlowSim's own; P1 v1 has no experiments.");
        return ClaimOutcome.Combine(parts);
    }

    private static double Mode(double[] y, int i, int j, int sign) => (y[j * M + i] + sign * y[M * H + j * N + i]) / Math.Sqrt(2);

    private static double RowNorm(double[] y, int i, int sign)
    {
        double s = 0;
        for (int j = 0; j < H; j++) s += Mode(y, i, j, sign) * Mode(y, i, j, sign);
        return Math.Sqrt(s);
    }
}

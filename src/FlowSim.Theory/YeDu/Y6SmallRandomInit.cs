namespace FlowSim.Theory;

/// <summary>
/// Y6: from a small random start, ‖B‖_F is non-increasing on the output grid, f(12) &lt; 1e−6 and ‖B(12)‖_F &lt; ‖B(0)‖_F
/// (structural). Draws the P2 figure "‖B‖_F and f on a log scale, t₁ marked".
/// </summary>
internal sealed class Y6SmallRandomInit() : PaperClaim<Y6SmallRandomInit.Parameters>(new("Y6", Papers.YeDu,
    "§ small random initialization; eqs. (10), (11)", ClaimKind.Structural, "Small random init: ‖B‖_F non-increasing, f(12) < 1e−6", OwnSettingsNote: true),
    quick => new(quick ? 0.1 : 0.05))
{
    internal sealed record Parameters([property: Parameter("output step")] double Step, [property: Parameter("U₀, V₀ scale ε")] double Epsilon = 0.01, double T = 12);

    // Stage-1 time (9) with FlowSim's own c and α (the paper's constants are unknown): only a marker of the scale.
    private const double StageAlpha = 0.5, StageC = 1;

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        const int d = YeDuSetup.D;
        const double fBound = 1e-6;
        double horizon = ctx.Perturb(q.T, 2.0); // wrong input: a horizon too short to reach f < 1e−6
        ctx.Record(YeDuSetup.Default);
        var model = YeDuSetup.Model(YeDuSetup.Spectrum);
        var theta0 = YeDuSetup.Stack(YeDuSetup.Gaussian(ctx, Id, "U0", q.Epsilon), YeDuSetup.Gaussian(ctx, Id, "V0", q.Epsilon));
        int samples = (int)Math.Round(horizon / q.Step);
        var grid = Enumerable.Range(1, samples).Select(i => i * horizon / samples).ToArray();
        var sol = ctx.Solve(GradientFlow.CreateProblem(model, theta0, horizon), "dop853", new OdeOptions { RelTol = 1e-10, AbsTol = 1e-14, OutputTimes = grid });
        var t = new[] { 0.0 }.Concat(grid).ToArray();
        var states = new[] { theta0 }.Concat(sol.Values).ToArray();
        var bNorm = states.Select(y => YeDuSetup.BNorm(y)).ToArray();
        var f = states.Select(y => model.Loss(y)).ToArray();
        double maxRise = double.NegativeInfinity;
        for (int i = 1; i < bNorm.Length; i++) maxRise = Math.Max(maxRise, bNorm[i] - bNorm[i - 1]);
        ctx.Report("‖B(0)‖_F", bNorm[0]);
        ctx.Report("‖B(T)‖_F", bNorm[^1]);
        ctx.Report("f(0)", f[0]);
        ctx.Report("f(T)", f[^1]);
        double t1 = YeDuClosedForms.StageOneTime(YeDuSetup.Spectrum[0], YeDuSetup.Spectrum[^1], d, StageC, q.Epsilon, StageAlpha);
        ctx.Report("t₁ by (9) with c = 1, α = ½ (FlowSim's own c, α)", t1);
        var parts = new List<ClaimOutcome>
        {
            ClaimOutcome.UpperBound(maxRise, 1e-12 * bNorm[0], "max rise of ‖B‖_F between output times (rounding allowance 1e−12·‖B(0)‖_F)"),
            ClaimOutcome.UpperBound(f[^1], fBound, $"f({horizon})"),
            ClaimOutcome.Condition(bNorm[^1] < bNorm[0], $"‖B(T)‖_F = {bNorm[^1]:G4} < ‖B(0)‖_F = {bNorm[0]:G4}", bNorm[^1]),
        };
        var fig = new FigureSpec("b-norm-and-loss", "P2 analog: ‖B‖_F and f from a small random start") { XLabel = "t", YLabel = "value (log scale)", LogY = true };
        fig.AddSeries("‖B(t)‖_F", t, bNorm);
        fig.AddSeries("f(t) = ½‖Σ − UVᵀ‖_F²", t, f);
        if (t1 > 0 && t1 < horizon) fig.AddVerticalLine(t1, "t₁ (9), c = 1, α = ½");
        ctx.AddFigure(fig, "FlowSim's own setting (P2 has no figures): d = 5, Σ = diag(5, 4, 3, 2, 1), U₀, V₀ = 0.01·Gaussian, flow (1)–(2) by dop853 at rtol 1e−10. " +
            "‖B‖_F = ‖U − V‖_F/2 decays monotonically while f falls below 1e−6 (Y6). The vertical line is the stage-1 time (9) with FlowSim's own c = 1 and α = ½ " +
            "(the paper's constants are unknown), only a marker of the scale.");
        return ClaimOutcome.Combine(parts);
    }
}

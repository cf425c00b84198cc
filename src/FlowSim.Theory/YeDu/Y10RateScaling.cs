using System.Globalization;

namespace FlowSim.Theory;

/// <summary>
/// Y10: soft rate check: the time T to reach f ≤ 1e−6‖Σ‖_F² from a small Gaussian start, over κ, against the bracket
/// (κ/σ_d)ln(κd) + ln(1e6)/σ_d of Theorem 1's form. Structural only; Theorem 1's constants are unknown. Draws the P2
/// figure "time vs κ".
/// </summary>
internal sealed class Y10RateScaling() : PaperClaim<Y10RateScaling.Parameters>(new("Y10", Papers.YeDu,
    "Theorem 1 (form of the rate only; constants unknown)", ClaimKind.Structural,
    "Soft rate scaling: T(κ) against (κ/σ_d)ln(κd) + ln(1e6)/σ_d (not a test of Theorem 1)"), quick => new(quick ? [2, 4, 8] : [2, 4, 8, 16]))
{
    internal sealed record Parameters(double[] κ, int d = YeDuSetup.D, [property: Parameter("σ_d")] double SigmaD = 1,
        [property: Parameter("Σ")] string Spectrum = "diag(κ^((d−i)/(d−1))·σ_d), i = 1…d (geometric)",
        [property: Parameter("U₀, V₀ scale")] double Scale = 0.01, [property: Parameter("threshold f ≤ 1e−6·‖Σ‖_F²")] double Target = 1e-6);

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        int d = q.d;
        double horizonFactor = ctx.Perturb(3.0, 0.05); // wrong input: a horizon far too short to reach the threshold
        var theta0 = YeDuSetup.Stack(YeDuSetup.Gaussian(ctx, Id, "U0", q.Scale), YeDuSetup.Gaussian(ctx, Id, "V0", q.Scale));
        var times = new double[q.κ.Length];
        var brackets = new double[q.κ.Length];
        var parts = new List<ClaimOutcome>();
        for (int j = 0; j < q.κ.Length; j++)
        {
            double kappa = q.κ[j];
            var spectrum = Enumerable.Range(1, d).Select(i => q.SigmaD * Math.Pow(kappa, (double)(d - i) / (d - 1))).ToArray();
            var model = YeDuSetup.Model(spectrum);
            double threshold = q.Target * spectrum.Sum(s => s * s);
            brackets[j] = kappa / q.SigmaD * Math.Log(kappa * d) + Math.Log(1e6) / q.SigmaD;
            var evt = new OdeEvent((t, y) => model.Loss(y) - threshold, EventDirection.Falling, Terminal: true, Name: "f reaches threshold");
            var sol = ctx.Solve(GradientFlow.CreateProblem(model, theta0, horizonFactor * brackets[j]), "dop853",
                new OdeOptions { RelTol = ctx.Quick ? 1e-8 : 1e-10, AbsTol = 1e-14, SaveEveryStep = false, Events = [evt] });
            times[j] = sol.Events.Count > 0 ? sol.Events[0].T : double.NaN;
            ctx.Report($"T(κ = {kappa})", times[j]);
            ctx.Report($"T/bracket (κ = {kappa})", times[j] / brackets[j]);
            parts.Add(ClaimOutcome.Condition(sol.Events.Count > 0, $"κ = {kappa}: f reaches 1e−6‖Σ‖_F² within {horizonFactor}·bracket", times[j], $"κ = {kappa}"));
        }
        var ratios = times.Zip(brackets, (t, b) => t / b).ToArray();
        double c = ratios.Max();
        ctx.Report("fitted C = max T/bracket", c);
        bool rising = ratios.Length > 1 && ratios.Zip(ratios.Skip(1), (a, b) => b > a).All(x => x);
        parts.Add(ClaimOutcome.Condition(!rising && double.IsFinite(c),
            $"T/bracket does not rise steadily with κ (ratios {string.Join(", ", ratios.Select(r => r.ToString("G3", CultureInfo.InvariantCulture)))}); C = {c:G4}", c, "trend"));

        if (double.IsFinite(c)) AddFigure(ctx, q.κ, times, brackets, c);
        else ctx.AddNote("No κ reached the threshold, so the time-vs-κ figure is omitted.");
        ctx.AddNote("Structural check only: C is fitted from the data, never a constant of Theorem 1.");
        ctx.AddNote("d, σ_d, the spectrum shape, the initial scale and the κ grid are FlowSim's own; P2 has no experiments.");
        if (ctx.Quick) ctx.AddNote("Quick mode: κ ∈ {2, 4, 8} at rtol 1e−8 instead of {2, 4, 8, 16} at 1e−10.");
        return ClaimOutcome.Combine(parts);
    }

    private static void AddFigure(ClaimContext ctx, double[] kappas, double[] times, double[] brackets, double c)
    {
        var fig = new FigureSpec("time-vs-kappa", "P2 analog: time to f ≤ 1e−6‖Σ‖_F² against κ") { XLabel = "κ = σ₁/σ_d", YLabel = "t", LogX = true };
        fig.AddSeries("T(κ), gradient flow", kappas, times, SeriesStyle.LineAndMarkers);
        fig.AddSeries($"C·[(κ/σ_d)ln(κd) + ln(1e6)/σ_d], fitted C = {c:G3}", kappas, brackets.Select(b => c * b).ToArray(), SeriesStyle.DashedLine);
        ctx.AddFigure(fig, "FlowSim's own setting (P2 has no figures): d = 5, σ_d = 1, Σ geometric from κ down to 1, U₀, V₀ = 0.01·Gaussian (one draw for every κ). " +
            "The measured time to f ≤ 1e−6‖Σ‖_F² against the form of Theorem 1's bound with a fitted C (Y10). A soft scaling check, not Theorem 1: its constants are unknown.");
    }
}

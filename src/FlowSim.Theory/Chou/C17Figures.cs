using System.Globalization;

namespace FlowSim.Theory;

/// <summary>The figures attached to C17 (P3 Figs. 3, 6, 7 and 13 as FlowSim reproduces them); every parameter is FlowSim's own.</summary>
internal static class C17Figures
{
    /// <summary>Every C17 figure, from the analysed trace and the derived windows, plus the ones that run their own descent.</summary>
    public static void AddAll(ClaimContext context, double[] reff, double[] frobError, double[] heights, List<(double From, double To, int R)> windows)
    {
        const int depth = C17EffectiveRankPlateaus.Depth;
        const double alpha = C17EffectiveRankPlateaus.Alpha, eta = C17EffectiveRankPlateaus.Eta;
        int every = context.Quick ? 50 : 10;
        var k = new List<double>();
        var r = new List<double>();
        var f = new List<double>();
        for (int i = 0; i < reff.Length; i += every)
        {
            k.Add(i);
            r.Add(reff[i]);
            f.Add(frobError[i]);
        }
        context.AddFigure(EffectiveRankPlateaus(k, r, heights, windows, depth, alpha, eta, context.Quick));
        context.AddFigure(Waterfall(k, f, depth, alpha, eta));
        foreach (var fig in NoisyTarget(context, depth, alpha, eta)) context.AddFigure(fig);
        context.AddFigure(FlowVersusDescentReff(context.Quick, C17EffectiveRankPlateaus.Spectrum, depth, alpha));
        foreach (var fig in DenoisingFigures.Create(context)) context.AddFigure(fig);
        context.AddFigure(GaussianInitArrival(context, C17EffectiveRankPlateaus.Spectrum, depth, eta));
    }

    /// <summary>P3 Fig. 3 / 6(b) analog: r_eff over k with the plateau heights and the derived windows.</summary>
    private static FigureSpec EffectiveRankPlateaus(IReadOnlyList<double> k, IReadOnlyList<double> reff, double[] heights,
        IEnumerable<(double From, double To, int R)> windows, int depth, double alpha, double eta, bool quick)
    {
        var fig = new FigureSpec("fig3-6b-reff-plateaus", "Effective rank plateaus under GD (P3 Fig. 3 / 6(b) analog)")
        {
            XLabel = "iteration k",
            YLabel = "r_eff(W(k)) = ‖W‖_*/‖W‖",
            Caption = $"Analog of P3 Figs. 3 and 6(b) (claim C17): Â = diag(10, 6, 3, 1), N = {depth}, W_j(0) = αI with α = {alpha}, η = {eta}. " +
                      $"After the drop to 1 the effective rank climbs through plateaus at r_eff(Â_r) = {string.Join(", ", heights.Select(F))} (dashed). " +
                      "Shaded: derived windows [t_ε(λ_r, 0.01λ_r), t_*(λ_(r+1))]/η from the scalar flow times (THEORY.md §3.10 tools), not the paper's Theorem 3.5 windows, whose constants are unknown. " +
                      (quick ? "Quick mode: trace from the scalar recursion (18), cross-checked against full-matrix GD. " : "Trace from full-matrix GD (6). ") +
                      "All parameters are FlowSim's own.",
        };
        fig.AddSeries("GD", k, reff);
        foreach (double h in heights) fig.AddHorizontalLine(h, $"r_eff(Â_r) = {F(h)}");
        foreach (var w in windows) fig.AddBand(w.From, w.To, $"window r = {w.R}");
        return fig;
    }

    /// <summary>P3 Fig. 6(a) analog: ‖W(k) − Â‖_F, the waterfall.</summary>
    private static FigureSpec Waterfall(IReadOnlyList<double> k, IReadOnlyList<double> error, int depth, double alpha, double eta)
    {
        var fig = new FigureSpec("fig6a-waterfall", "Frobenius error ‖W(k) − Â‖_F (P3 Fig. 6(a) analog)")
        {
            XLabel = "iteration k",
            YLabel = "‖W(k) − Â‖_F",
            LogY = true,
            Caption = $"Analog of P3 Fig. 6(a) (claim C17's run): Â = diag(10, 6, 3, 1), N = {depth}, α = {alpha}, η = {eta}. Each eigenvalue's arrival " +
                      "produces one step of the waterfall. All parameters are FlowSim's own.",
        };
        fig.AddSeries("GD", k, error);
        return fig;
    }


    /// <summary>
    /// P3 Fig. 6(c, d) analog: rank-4 truth diag(10, 6, 3, 1, 0, 0, 0, 0) plus bounded symmetric noise; errors to the
    /// clean and to the noisy matrix, and r_eff.
    /// </summary>
    private static IEnumerable<FigureSpec> NoisyTarget(ClaimContext context, int depth, double alpha, double eta)
    {
        // Quick mode: d = 6 and twice the step size over the same time span (stated in the caption).
        int d = context.Quick ? 6 : 8;
        const double noiseLevel = 0.5;
        if (context.Quick) eta *= 2;
        int steps = (int)Math.Round(125 / eta), every = context.Quick ? 50 : 25;
        var rng = context.CreateRandom("fig6cd-noise");
        var clean = new double[d * d];
        double[] spec = [10, 6, 3, 1];
        for (int i = 0; i < spec.Length; i++) clean[i * d + i] = spec[i];
        var noisy = (double[])clean.Clone();
        for (int c = 0; c < d; c++)
            for (int r = 0; r <= c; r++)
            {
                double e = noiseLevel * (2 * rng.NextDouble() - 1);
                noisy[c * d + r] += e;
                if (r != c) noisy[r * d + c] += e;
            }
        var model = new DeepFactorization(depth, d, noisy);
        var gd = new GradientDescent(model, Initializations.Identical(model, alpha), eta);
        var k = new List<double>();
        var toClean = new List<double>();
        var toNoisy = new List<double>();
        var reff = new List<double>();
        var product = new double[d * d];
        for (int it = 0; it <= steps; it++)
        {
            if (it % every == 0)
            {
                model.Product(gd.Theta, product);
                double a = 0, b = 0;
                for (int i = 0; i < product.Length; i++)
                {
                    a += (product[i] - clean[i]) * (product[i] - clean[i]);
                    b += (product[i] - noisy[i]) * (product[i] - noisy[i]);
                }
                k.Add(it);
                toClean.Add(Math.Sqrt(a));
                toNoisy.Add(Math.Sqrt(b));
                reff.Add(Metrics.EffectiveRank(Metrics.ProductSingularValues(model, gd.Theta)));
            }
            if (it < steps) gd.Step();
        }
        context.AddRhsEvaluations(gd.Evaluations);
        double noiseNorm = LinearAlgebra.SingularValues(d, d, Subtract(noisy, clean))[0];
        context.Report("Fig. 6(c): ‖E‖ (operator norm of the noise)", noiseNorm);
        context.Report("Fig. 6(c): min_k ‖W(k) − Â_clean‖_F", toClean.Min());
        context.Report("Fig. 6(c): ‖W(K) − Â_clean‖_F at the end", toClean[^1]);
        string setting = $"rank-4 truth Â = diag(10, 6, 3, 1{string.Concat(Enumerable.Repeat(", 0", d - 4))}) (d = {d}{(context.Quick ? ", quick mode; d = 8 and η = 0.005 in the full run" : "")}) plus symmetric noise with entries uniform in [−{noiseLevel}, {noiseLevel}] " +
                         $"(‖E‖ = {F(noiseNorm)}, seeded), N = {depth}, α = {alpha}, η = {eta}, {steps} steps. All parameters are FlowSim's own (the paper's are unknown).";
        var c6 = new FigureSpec("fig6c-noisy-errors", "Noisy target: error to the clean and to the noisy matrix (P3 Fig. 6(c) analog)")
        {
            XLabel = "iteration k",
            YLabel = "Frobenius error",
            LogY = true,
            Caption = $"Analog of P3 Fig. 6(c) (attached to C17 as its noisy variant): {setting} GD fits the noisy matrix's large eigenvalues first; the error to the clean truth reaches a floor of the size of the noise on the fitted part.",
        };
        c6.AddSeries("‖W(k) − Â_clean‖_F", k, toClean);
        c6.AddSeries("‖W(k) − (Â + E)‖_F", k, toNoisy);
        yield return c6;
        var d6 = new FigureSpec("fig6d-noisy-reff", "Noisy target: effective rank (P3 Fig. 6(d) analog)")
        {
            XLabel = "iteration k",
            YLabel = "r_eff(W(k))",
            Caption = $"Analog of P3 Fig. 6(d) (attached to C17): {setting} The plateaus of the clean case (dashed) persist under bounded noise.",
        };
        d6.AddSeries("GD on Â + E", k, reff);
        foreach (double h in new[] { 1.0, 1.6, 1.9, 2.0 }) d6.AddHorizontalLine(h, $"clean r_eff(Â_r) = {F(h)}");
        yield return d6;
    }

    /// <summary>P3 Fig. 7 analog: r_eff of the flow (closed form) and of GD for three step sizes, over time t = kη.</summary>
    private static FigureSpec FlowVersusDescentReff(bool quick, double[] spectrum, int depth, double alpha)
    {
        double tEnd = 125;
        int points = quick ? 150 : 500;
        var fig = new FigureSpec("fig7-gf-vs-gd-reff", "Effective rank: gradient flow vs descent (P3 Fig. 7 analog)")
        {
            XLabel = "time t = kη",
            YLabel = "r_eff",
            Caption = $"Analog of P3 Fig. 7 (attached to C17, same setting): Â = diag({string.Join(", ", spectrum)}), N = {depth}, α = {alpha}. " +
                      "Gradient flow from the closed/implicit solution of (28); GD for η ∈ {0.001, 0.005, 0.01} from the scalar recursion (18), which C16/C17 tie to the full-matrix iteration. " +
                      "Smaller η tracks the flow more closely (the GD curves lag slightly). All parameters are FlowSim's own.",
        };
        var t = Enumerable.Range(0, points + 1).Select(i => tEnd * i / points).ToArray();
        fig.AddSeries("gradient flow", t, t.Select(ti =>
        {
            var p = spectrum.Select(l => DeepScalarFlow.Product(depth, l, alpha, ti)).ToArray();
            return p.Sum() / p.Max();
        }).ToArray(), SeriesStyle.DashedLine);
        foreach (double eta in new[] { 0.001, 0.005, 0.01 })
        {
            int steps = (int)Math.Round(tEnd / eta);
            var x = spectrum.Select(l => DeepScalarDescent.Run(depth, l, alpha, eta, steps)).ToArray();
            int stride = Math.Max(1, steps / points);
            var tk = new List<double>();
            var rk = new List<double>();
            for (int k = 0; k <= steps; k += stride)
            {
                double sum = 0, max = 0;
                foreach (var xi in x)
                {
                    double p = Math.Pow(xi[k], depth);
                    sum += p;
                    max = Math.Max(max, p);
                }
                tk.Add(k * eta);
                rk.Add(sum / max);
            }
            fig.AddSeries($"GD η = {eta}", tk, rk);
        }
        return fig;
    }


    /// <summary>
    /// P3 Fig. 13 analog: Gaussian initialisation with small and large variance; the diagonal of W(k) (Â is diagonal)
    /// divided by λ_i, so the order in which the eigenvalues arrive is visible.
    /// </summary>
    private static FigureSpec GaussianInitArrival(ClaimContext context, double[] spectrum, int depth, double eta)
    {
        int d = spectrum.Length, steps = 25_000, every = context.Quick ? 100 : 25;
        double[] scales = [0.01, 0.5];
        var fig = new FigureSpec("fig13-gaussian-init-arrival", "Gaussian initialisation: order of eigenvalue arrival (P3 Fig. 13 analog)")
        {
            XLabel = "iteration k",
            YLabel = "W(k)_ii / λ_i",
            LogX = true,
            YMin = -0.5,
            YMax = 1.5,
        };
        var target = new double[d * d];
        for (int i = 0; i < d; i++) target[i * d + i] = spectrum[i];
        var model = new DeepFactorization(depth, d, target);
        var orders = new List<string>();
        foreach (double sigma in scales)
        {
            ulong seed = (ulong)ClaimContext.DeriveSeed(context.Settings.Seed, context.ClaimId, $"fig13-sigma-{sigma}");
            context.SetParameter($"seed[fig13 σ={sigma}]", (double)seed);
            var gd = new GradientDescent(model, Initializations.Gaussian(model, sigma, seed), eta);
            var k = new List<double>();
            var ratio = Enumerable.Range(0, d).Select(_ => new List<double>()).ToArray();
            var arrival = Enumerable.Repeat(-1, d).ToArray();
            var product = new double[d * d];
            for (int it = 0; it <= steps; it++)
            {
                bool rec = it % every == 0 && it > 0;
                bool needArrival = arrival.Any(a => a < 0);
                if (rec || needArrival)
                {
                    model.Product(gd.Theta, product);
                    for (int i = 0; i < d; i++)
                    {
                        double r = product[i * d + i] / spectrum[i];
                        if (arrival[i] < 0 && r >= 0.9) arrival[i] = it;
                        if (rec) ratio[i].Add(r);
                    }
                    if (rec) k.Add(it);
                }
                if (it < steps) gd.Step();
            }
            context.AddRhsEvaluations(gd.Evaluations);
            for (int i = 0; i < d; i++)
            {
                fig.AddSeries($"σ = {sigma}, λ = {spectrum[i]}", k, ratio[i], sigma == scales[0] ? SeriesStyle.Line : SeriesStyle.DashedLine);
                context.Report($"Fig. 13: σ={sigma}, first k with W_ii ≥ 0.9λ_i, λ={spectrum[i]}", arrival[i]);
            }
            var order = Enumerable.Range(0, d).Where(i => arrival[i] >= 0).OrderBy(i => arrival[i]).Select(i => F(spectrum[i]));
            orders.Add($"σ = {sigma}: arrival order λ = {string.Join(", ", order)}");
        }
        fig.Caption = $"Analog of P3 Fig. 13 (attached to C17 as an illustration, no verdict): Â = diag({string.Join(", ", spectrum)}), N = {depth}, η = {eta}, " +
                      $"factor entries i.i.d. N(0, σ²) (seeded Xoshiro256**) with σ ∈ {{{string.Join(", ", scales)}}}. Curves: W(k)_ii/λ_i (solid small σ, dashed large σ); " +
                      $"an eigenvalue has arrived at 0.9. {string.Join("; ", orders)}. All parameters are FlowSim's own.";
        return fig;
    }

    private static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

    private static double[] Subtract(double[] a, double[] b) => a.Zip(b, (x, y) => x - y).ToArray();
}

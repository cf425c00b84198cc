using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace FlowSim.Theory;

/// <summary>P3 Figs. 8–12 as FlowSim reproduces them, attached to C17 on synthetic data; every parameter is FlowSim's own.</summary>
internal static class DenoisingFigures
{
    /// <summary>
    /// P3 Figs. 8–12 analog on a SYNTHETIC stand-in for MNIST digit-one denoising (MNIST is not available offline):
    /// n "images" of s×s pixels, each a mix of a vertical and a slanted stroke (rank 2), plus uniform noise; GD on deep
    /// factorisations of depth N = 1…4 from a Gaussian initialisation with an N-independent expected product norm,
    /// stopped below a loss threshold.
    /// </summary>
    public static IEnumerable<FigureSpec> Create(ClaimContext context)
    {
        bool quick = context.Quick;
        int n = quick ? 20 : 100, side = quick ? 10 : 28, width = quick ? 10 : 32, maxIterations = quick ? 250 : 400, every = 25;
        int p = side * side;
        const double noiseLevel = 0.25, eta = 0.2, productNorm = 1e-2, thresholdFactor = 1.02;
        var rng = context.CreateRandom("fig8-12-synthetic-digits");
        // Two stroke prototypes ("1" upright and slanted), rows are mixtures: clean data of rank 2 with entries in [0, 1].
        var upright = new double[p];
        var slanted = new double[p];
        for (int row = side / 7; row < side - side / 7; row++)
        {
            int c0 = side / 2, c1 = side / 2 + (side / 2 - row) / 4;
            for (int w = -side / 14; w <= side / 14; w++)
            {
                upright[row * side + Math.Clamp(c0 + w, 0, side - 1)] = 1;
                slanted[row * side + Math.Clamp(c1 + w, 0, side - 1)] = 1;
            }
        }
        var clean = new double[n * p];   // n×p column-major
        var noisy = new double[n * p];
        for (int i = 0; i < n; i++)
        {
            double a = 0.5 + 0.5 * rng.NextDouble(), b = 0.5 * rng.NextDouble();
            for (int j = 0; j < p; j++) clean[j * n + i] = Math.Min(1, a * upright[j] + b * slanted[j]);
        }
        double scaleY;
        {
            for (int q = 0; q < noisy.Length; q++) noisy[q] = clean[q] + noiseLevel * (2 * rng.NextDouble() - 1);
            scaleY = LinearAlgebra.SingularValues(n, p, noisy)[0];
            for (int q = 0; q < noisy.Length; q++) { noisy[q] /= scaleY; clean[q] /= scaleY; }
        }
        var sy = LinearAlgebra.SingularValues(n, p, noisy);
        double rank1Loss = 0.5 * sy.Skip(1).Sum(v => v * v), threshold = thresholdFactor * rank1Loss;
        double cleanNorm = Math.Sqrt(clean.Sum(v => v * v));
        var best1 = BestRankError(n, p, noisy, clean, 1) / cleanNorm;
        var best2 = BestRankError(n, p, noisy, clean, 2) / cleanNorm;

        string data = $"SYNTHETIC stand-in for MNIST (not available offline): {n} rows of {side}×{side} = {p} pixels, each a mix of an upright and a slanted stroke " +
                      $"(clean rank 2) plus noise uniform in [−{noiseLevel}, {noiseLevel}], seeded; Y scaled so σ₁(Y) = 1" + (quick ? " (quick mode: reduced from 100×784)" : "") + ". " +
                      $"Depths N = 1…4, inner width {Math.Min(width, n)}, Gaussian initialisation with expected ‖W_N⋯W_1‖_F = {productNorm} for every N, η = {eta}, " +
                      $"stopped when the loss falls below {thresholdFactor}× the loss of the best rank-1 approximation ({F(threshold)}) or after {maxIterations} iterations. Attached to C17 (effective rank); " +
                      "all parameters are FlowSim's own.";
        var figSv = new FigureSpec("fig8-denoise-singular-values", "Synthetic denoising: singular values of the product at the stop (P3 Fig. 8 analog)")
        { XLabel = "index i", YLabel = "σ_i(W_N⋯W_1)", LogY = true, Caption = "Analog of P3 Fig. 8. " + data };
        var figLoss = new FigureSpec("fig9-denoise-training-loss", "Synthetic denoising: training loss (P3 Fig. 9 analog)")
        { XLabel = "iteration k", YLabel = "½‖W − Y‖_F²", LogY = true, Caption = "Analog of P3 Fig. 9. " + data };
        var figClean = new FigureSpec("fig10-denoise-error-to-clean", "Synthetic denoising: error to the clean data (P3 Fig. 10 analog)")
        { XLabel = "iteration k", YLabel = "‖W − L‖_F/‖L‖_F", LogY = true, Caption = "Analog of P3 Fig. 10; dashed lines: best rank-1 and rank-2 approximations of Y. " + data };
        var figReff = new FigureSpec("fig11-denoise-reff-deep", "Synthetic denoising: effective rank, N = 2…4 (P3 Fig. 11 analog)")
        { XLabel = "iteration k", YLabel = "r_eff(W_N⋯W_1)", Caption = "Analog of P3 Fig. 11 (N = 1 on its own axis in the next figure). " + data };
        var figReff1 = new FigureSpec("fig11b-denoise-reff-depth1", "Synthetic denoising: effective rank, N = 1 (P3 Fig. 11 analog)")
        { XLabel = "iteration k", YLabel = "r_eff(W_1)", Caption = "Analog of P3 Fig. 11, N = 1 on its own axis. " + data };
        var figRow = new FigureSpec("fig12-denoise-reconstructed-row", "Synthetic denoising: one reconstructed row, column profile (P3 Fig. 12 analog)")
        { XLabel = "pixel column", YLabel = "sum over pixel rows", Caption = "Analog of P3 Fig. 12: row 1 as a column profile (the image summed over its pixel rows) — clean, noisy and the product of each depth at the stop, rescaled to the data's units. " + data };
        figClean.AddHorizontalLine(best1, "best rank-1 of Y");
        figClean.AddHorizontalLine(best2, "best rank-2 of Y");
        figRow.AddSeries("clean", Enumerable.Range(0, side).Select(c => (double)c).ToArray(), Profile(clean, n, side, 0, scaleY), SeriesStyle.DashedLine);
        figRow.AddSeries("noisy", Enumerable.Range(0, side).Select(c => (double)c).ToArray(), Profile(noisy, n, side, 0, scaleY), SeriesStyle.Markers);

        for (int depth = 1; depth <= 4; depth++)
        {
            context.ThrowIfCancellationRequested();
            int inner = Math.Min(width, n);
            var dims = new int[depth + 1];
            dims[0] = p;
            for (int j = 1; j < depth; j++) dims[j] = inner;
            dims[depth] = n;
            var model = new DeepFactorization(dims, noisy);
            double prodDims = dims.Aggregate(1.0, (acc, v) => acc * v);
            double sigma = Math.Pow(productNorm * productNorm / prodDims, 1.0 / (2 * depth));
            ulong seed = (ulong)ClaimContext.DeriveSeed(context.Settings.Seed, context.ClaimId, $"fig8-12-init-N{depth}");
            var gd = new GradientDescent(model, Initializations.Gaussian(model, sigma, seed), eta);
            var k = new List<double>();
            var loss = new List<double>();
            var err = new List<double>();
            var reff = new List<double>();
            var product = new double[n * p];
            int it = 0;
            while (true)
            {
                double l = gd.CurrentLoss();
                bool stop = l <= threshold || it >= maxIterations || !double.IsFinite(l);
                // Denser records early, where the shallow models already stop.
                if (it % every == 0 || (it < 2 * every && it % 5 == 0) || stop)
                {
                    model.Product(gd.Theta, product);
                    double e = 0;
                    for (int q = 0; q < product.Length; q++) e += (product[q] - clean[q]) * (product[q] - clean[q]);
                    k.Add(it);
                    loss.Add(l);
                    err.Add(Math.Sqrt(e) / cleanNorm);
                    reff.Add(Metrics.EffectiveRank(SingularValuesViaGram(n, p, product)));
                }
                if (stop) break;
                gd.Step();
                it++;
            }
            context.AddRhsEvaluations(gd.Evaluations);
            model.Product(gd.Theta, product);
            var sv = SingularValuesViaGram(n, p, product);
            context.Report($"Figs. 8–12: N={depth} stop iteration", it);
            context.Report($"Figs. 8–12: N={depth} relative error to clean at stop", err[^1]);
            context.Report($"Figs. 8–12: N={depth} r_eff at stop", reff[^1]);
            figSv.AddSeries($"N = {depth}", Enumerable.Range(1, Math.Min(10, sv.Length)).Select(i => (double)i).ToArray(), sv.Take(10).ToArray(), SeriesStyle.LineAndMarkers);
            figLoss.AddSeries($"N = {depth}", k, loss);
            figClean.AddSeries($"N = {depth}", k, err);
            (depth == 1 ? figReff1 : figReff).AddSeries($"N = {depth}", k, reff);
            figRow.AddSeries($"N = {depth}", Enumerable.Range(0, side).Select(c => (double)c).ToArray(), Profile(product, n, side, 0, scaleY));
        }
        figLoss.AddHorizontalLine(threshold, "stop threshold");
        context.Report("Figs. 8–12: best rank-1 relative error to clean", best1);
        context.Report("Figs. 8–12: best rank-2 relative error to clean", best2);
        return [figSv, figLoss, figClean, figReff, figReff1, figRow];
    }

    /// <summary>‖Y_r − L‖_F for the best rank-r approximation Y_r of Y (n×p, column-major).</summary>
    private static double BestRankError(int n, int p, double[] y, double[] clean, int r)
    {
        var svd = Matrix<double>.Build.Dense(n, p, y).Svd(true);
        var yr = Matrix<double>.Build.Dense(n, p);
        for (int i = 0; i < r; i++) yr += svd.S[i] * svd.U.Column(i).OuterProduct(svd.VT.Row(i));
        double e = 0;
        for (int j = 0; j < p; j++)
            for (int i = 0; i < n; i++) e += (yr[i, j] - clean[j * n + i]) * (yr[i, j] - clean[j * n + i]);
        return Math.Sqrt(e);
    }

    /// <summary>Row <paramref name="row"/> of an n×(side²) matrix as an image, summed over its pixel rows, in data units.</summary>
    private static double[] Profile(double[] m, int n, int side, int row, double scale)
    {
        var prof = new double[side];
        for (int r = 0; r < side; r++)
            for (int c = 0; c < side; c++) prof[c] += scale * m[(r * side + c) * n + row];
        return prof;
    }

    /// <summary>
    /// Singular values of a wide n×p matrix from the eigenvalues of its n×n Gram matrix AAᵀ: far cheaper than the SVD
    /// of the wide matrix, and accurate to about √ε·σ₁, which is plenty for the figures' r_eff and spectra.
    /// </summary>
    private static double[] SingularValuesViaGram(int n, int p, double[] a)
    {
        var gram = new double[n * n];
        LinearAlgebra.Gemm(Transpose.No, Transpose.Yes, n, n, p, 1.0, a, n, a, n, 0.0, gram, n);
        return LinearAlgebra.SingularValues(n, n, gram).Select(v => Math.Sqrt(Math.Max(v, 0))).ToArray();
    }

    private static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}

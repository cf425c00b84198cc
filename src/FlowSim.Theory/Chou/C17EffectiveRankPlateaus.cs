namespace FlowSim.Theory;

/// <summary>
/// C17: the effective rank of GD on Â = diag(10, 6, 3, 1) (N = 3, α = 0.01, η = 0.005) drops to 1 and then climbs
/// through long plateaus at r_eff(Â_1), …, r_eff(Â_4) = 1, 1.6, 1.9, 2 in order, non-decreasing after its minimum.
/// </summary>
internal sealed class C17EffectiveRankPlateaus() : PaperClaim<C17EffectiveRankPlateaus.Parameters>(new("C17", Papers.Chou,
    "Section 3, Figures 3, 6(b), Theorem 3.5 (effective rank, plateaus r_eff(Â_r))", ClaimKind.Structural,
    "Effective-rank plateaus 1, 1.6, 1.9, 2 in order under GD (N = 3), non-decreasing after the minimum"),
    quick => new(quick ? $"scalar-decoupled (18), cross-checked against full-matrix GD on k ≤ {QuickMatrixPrefix}"
        : "full-matrix GD (6), cross-checked against the scalar-decoupled (18) at every k", PlateauHeights))
{
    internal sealed record Parameters([property: Parameter("analysed trace")] string Trace, [property: Parameter("plateau heights h")] double[] Heights,
        [property: Parameter("Â")] string Target = "diag(10, 6, 3, 1)", int N = Depth, double α = Alpha, double η = Eta, [property: Parameter("steps")] int Steps = 25_000,
        [property: Parameter("plateau band |r_eff − h| <")] double Band = 0.01, [property: Parameter("minimum plateau length (iterations)")] int MinPlateauLength = 500);

    internal const int Depth = 3, QuickMatrixPrefix = 3000;
    internal const double Alpha = 0.01, Eta = 0.005, PrintedMinimum = 1.000002, Delta = 0.01;
    internal static readonly double[] Spectrum = [10, 6, 3, 1];
    // r_eff(Â_r) = (λ_1 + … + λ_r)/λ_1.
    private static readonly double[] PlateauHeights = Enumerable.Range(1, Spectrum.Length).Select(r => Spectrum.Take(r).Sum() / Spectrum[0]).ToArray();
    // Plateau edges compared with the flow: the exit of h = 1 and the entries and exits of 1.6, 1.9 and the entry of 2.
    private static readonly double[] CrossingLevels = [1.01, 1.59, 1.61, 1.89, 1.91, 1.99];

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        int d = Spectrum.Length, steps = q.Steps;
        var heights = ctx.Perturb(q.Heights, [1.0, 1.6, 1.8, 2.0]); // wrong input: a plateau height 1.8 where r_eff(Â_3) = 1.9
        ctx.AddNote($"A plateau is a contiguous run of at least {q.MinPlateauLength} iterations (t = {q.MinPlateauLength * Eta}) with |r_eff − h| < {q.Band}; the length threshold is FlowSim's own. " +
                    "Level 1 is the run around the minimum; the other levels are searched after the minimum, as THEORY.md §3.8 prescribes.");

        // The scalar-decoupled trace: (18) per eigenvalue, π_i = x_i^N; exact for a diagonal Â by Lemma 2.1 (C16).
        var x = Spectrum.Select(l => DeepScalarDescent.Run(Depth, l, Alpha, Eta, steps)).ToArray();
        var scalarReff = new double[steps + 1];
        var scalarFrob = new double[steps + 1];
        for (int k = 0; k <= steps; k++)
        {
            double sum = 0, max = 0, frob = 0;
            for (int i = 0; i < d; i++)
            {
                double p = Math.Pow(x[i][k], Depth);
                sum += Math.Abs(p);
                max = Math.Max(max, Math.Abs(p));
                frob += (p - Spectrum[i]) * (p - Spectrum[i]);
            }
            scalarReff[k] = sum / max;
            scalarFrob[k] = Math.Sqrt(frob);
        }

        // Full-matrix descent (6): all steps in full mode; a prefix in quick mode, as the cross-check of the scalar trace.
        int matrixSteps = ctx.Quick ? QuickMatrixPrefix : steps;
        var target = Dense.Diagonal(Spectrum);
        var model = new DeepFactorization(Depth, d, target);
        var gd = new GradientDescent(model, Initializations.Identical(model, Alpha), Eta);
        var matrixReff = new double[matrixSteps + 1];
        var matrixFrob = new double[matrixSteps + 1];
        var product = new double[d * d];
        double maxTraceDiff = 0;
        for (int k = 0; k <= matrixSteps; k++)
        {
            matrixReff[k] = Metrics.EffectiveRank(Metrics.ProductSingularValues(model, gd.Theta));
            model.Product(gd.Theta, product);
            matrixFrob[k] = Dense.Distance(product, target);
            maxTraceDiff = Math.Max(maxTraceDiff, Math.Abs(matrixReff[k] - scalarReff[k]));
            if (k < matrixSteps) gd.Step();
            if (k % 2000 == 0) ctx.ThrowIfCancellationRequested();
        }
        ctx.AddRhsEvaluations(gd.Evaluations);
        var reff = ctx.Quick ? scalarReff : matrixReff;
        var frobError = ctx.Quick ? scalarFrob : matrixFrob;
        if (ctx.Quick)
            ctx.AddNote($"Quick mode analyses the scalar-decoupled trace (18) for all {steps} steps and runs full-matrix GD (6) only on k ≤ {matrixSteps} to cross-check it.");

        var analysis = PlateauDetector.Detect(reff, heights, q.Band);
        var parts = new List<ClaimOutcome>
        {
            ClaimOutcome.UpperBound(maxTraceDiff, 1e-10, $"max |r_eff(matrix GD) − r_eff(scalar (18))| over k ≤ {matrixSteps}"),
            ClaimOutcome.Agreement(reff[0], d, 1e-12, "r_eff(W(0)) = d"),
            ClaimOutcome.Agreement(analysis.Minimum, PrintedMinimum, 1e-6, $"minimum of r_eff (at k = {analysis.MinimumIndex}) vs THEORY §4's 1.000002"),
            ClaimOutcome.UpperBound(analysis.MaxDropAfterMinimum, 1e-12, "max drop r_eff(k) − r_eff(k+1) after the minimum (non-decreasing)"),
        };
        ctx.Report("k of minimum", analysis.MinimumIndex);
        ctx.Report("minimum r_eff", analysis.Minimum);
        for (int i = 0; i < heights.Length; i++)
        {
            var run = analysis.Runs[i];
            ctx.Report($"plateau h={heights[i]:G4}: first k", run?.Start ?? double.NaN);
            ctx.Report($"plateau h={heights[i]:G4}: last k", run?.End ?? double.NaN);
            parts.Add(ClaimOutcome.LowerBound(run?.Length ?? 0, q.MinPlateauLength, $"plateau h = {heights[i]:G4}: longest run of |r_eff − h| < {q.Band} (iterations)"));
        }
        bool inOrder = analysis.Runs.All(r => r is not null) && analysis.Runs.Zip(analysis.Runs.Skip(1)).All(p => p.First!.End < p.Second!.Start);
        parts.Add(ClaimOutcome.Condition(inOrder, $"the plateaus {string.Join(", ", heights.Select(h => h.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)))} follow one another in this order"));
        bool lastToEnd = analysis.Runs[^1] is { } last && last.End == reff.Length - 1;
        parts.Add(ClaimOutcome.Condition(lastToEnd, $"the last plateau lasts to the end (k = {reff.Length - 1})"));

        // Cross-check with the scalar flow (28) in closed form: plateau edges of GD at k ≈ t/η.
        double tStart = analysis.MinimumIndex * Eta, tEnd = steps * Eta;
        foreach (double c in CrossingLevels)
        {
            int kGd = Array.FindIndex(reff, analysis.MinimumIndex, r => r >= c);
            double tFlow = FlowCrossing(c, tStart, tEnd);
            ctx.Report($"r_eff crosses {c}: GD k·η", kGd * Eta);
            ctx.Report($"r_eff crosses {c}: flow t", tFlow);
            parts.Add(kGd < 0 || double.IsNaN(tFlow)
                ? ClaimOutcome.Condition(false, $"GD and flow both cross r_eff = {c} after the minimum (GD k = {kGd}, flow t = {tFlow})")
                : ClaimOutcome.RelativeAgreement(kGd * Eta, tFlow, 0.02, $"first crossing of r_eff = {c}: GD kη vs scalar flow t"));
        }
        ctx.AddNote("Flow reference: r_eff of the closed-form flow π_i(t) = x_i(t)^N (implicit solution, ClosedForm.DeepScalarFlow); crossing times by bisection; tolerance 2% relative (GD lags the flow by O(η), FlowSim's own tolerance).");

        // Derived windows (THEORY.md §3.10 tools at N = 3): from the flow's δ-arrival of λ_r to the flow's inflection time of λ_{r+1}.
        var windows = new List<(double From, double To, int R)>();
        for (int r = 1; r <= d; r++)
        {
            double? tin = FlowTimes.TimeToEpsilon(Depth, Spectrum[r - 1], Alpha, Delta * Spectrum[r - 1]);
            double? tout = r < d ? FlowTimes.TimeToInflection(Depth, Spectrum[r], Alpha) : tEnd;
            if (tin is { } a && tout is { } b)
            {
                ctx.Report($"derived window r={r}: k_in", a / Eta);
                ctx.Report($"derived window r={r}: k_out", b / Eta);
                if (b > a) windows.Add((a / Eta, Math.Min(b, tEnd) / Eta, r));
            }
        }
        ctx.AddNote($"Derived windows (not the paper's Theorem 3.5, whose constants are unknown): k_in = t_ε(λ_r, ε = {Delta}λ_r)/η and k_out = t_*(λ_(r+1))/η from the scalar flow times (THEORY.md §3.5, §3.10).");

        C17Figures.AddAll(ctx, reff, frobError, heights, windows);
        return ClaimOutcome.Combine(parts);
    }

    /// <summary>First t in [a, b] where the closed-form flow's r_eff reaches <paramref name="level"/> (it increases there), or NaN.</summary>
    private static double FlowCrossing(double level, double a, double b)
    {
        double fa = FlowReff(a) - level, fb = FlowReff(b) - level;
        if (fa >= 0 || fb < 0) return double.NaN;
        for (int i = 0; i < 60 && b - a > 1e-9; i++)
        {
            double m = 0.5 * (a + b);
            if (FlowReff(m) >= level) b = m; else a = m;
        }
        return b;
    }

    /// <summary>r_eff of the flow at time t from the closed-form eigenvalues.</summary>
    private static double FlowReff(double t)
    {
        double sum = 0, max = 0;
        foreach (double l in Spectrum)
        {
            double p = DeepScalarFlow.Product(Depth, l, Alpha, t);
            sum += p;
            max = Math.Max(max, p);
        }
        return sum / max;
    }
}

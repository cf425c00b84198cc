using FlowSim.Analysis;
using FlowSim.ClosedForm;
using FlowSim.Dynamics;
using FlowSim.Dynamics.Scalar;
using FlowSim.Models;
using FlowSim.Ode;
using FlowSim.Randomness;
using FlowSim.Theory.Figures;

namespace FlowSim.Theory;

/// <summary>The executable checks of P3 (Chou et al.), THEORY.md §4 C1–C19.</summary>
public static partial class ChouClaims
{
    /// <summary>The seed file of P3, named in every <see cref="Claim.Source"/>.</summary>
    internal const string MatrixSeedFile = "seeds/002_3803d596d04caf0a.txt";

    /// <summary>
    /// C16, Lemma 2.1 (decoupling): under identical initialisation every factor of the full-matrix descent (6) stays
    /// V·diag(x_k)·Vᵀ with x_k the scalar recursion (18) of each eigenvalue.
    /// </summary>
    public sealed class C16MatrixDecoupling : Claim
    {
        internal const int Depth = 3, Dim = 5, Steps = 2000, FigureSteps = 8000;
        internal const double Alpha = 0.1, Eta = 0.01, Tolerance = 1e-11;
        internal static readonly double[] Spectrum = [3, 1.5, 0.5, -0.5, -2];

        private readonly double _referenceShift;
        private readonly double _initialPerturbation;

        /// <summary>The check as THEORY.md §4 states it.</summary>
        public C16MatrixDecoupling() : this(0, 0) { }

        /// <summary>
        /// Injects faults for tests: <paramref name="referenceShift"/> is added to λ₁ in the scalar reference only;
        /// <paramref name="initialPerturbation"/> adds that multiple of a Gaussian to θ₀, which breaks the common eigenbasis.
        /// </summary>
        internal C16MatrixDecoupling(double referenceShift, double initialPerturbation)
        {
            _referenceShift = referenceShift;
            _initialPerturbation = initialPerturbation;
        }

        /// <inheritdoc/>
        public override string Id => "C16";
        /// <inheritdoc/>
        public override string Paper => Papers.Chou.Label;
        /// <inheritdoc/>
        public override string Source => $"{MatrixSeedFile} Lemma 2.1, eqs. (6), (17), (18)";
        /// <inheritdoc/>
        public override ClaimKind Kind => ClaimKind.ExactIdentity;
        /// <inheritdoc/>
        public override string Title => "Matrix decoupling: every factor is V diag(x_k) Vᵀ with x_k the scalar recursion (18)";

        /// <inheritdoc/>
        public override ClaimOutcome Run(ClaimContext context)
        {
            context.SetParameter("N", Depth);
            context.SetParameter("d", Dim);
            context.SetParameter("α", Alpha);
            context.SetParameter("η", Eta);
            context.SetParameter("λ", Spectrum);
            context.SetParameter("steps", Steps);
            context.SetParameter("tolerance", Tolerance);

            var rng = context.CreateRng("V");
            var v = RandomMatrices.Orthogonal(rng, Dim);
            var target = MatrixClaimMath.Conjugate(v, Spectrum);
            var model = new DeepFactorization(Depth, Dim, target);
            var theta0 = Initializations.Identical(model, Alpha);
            if (_initialPerturbation != 0)
            {
                var noise = new double[theta0.Length];
                rng.FillNormal(noise, _initialPerturbation);
                for (int i = 0; i < theta0.Length; i++) theta0[i] += noise[i];
            }

            // Independent reference: the scalar recursion (18) per eigenvalue, never touching a matrix.
            var reference = new double[Dim][];
            for (int i = 0; i < Dim; i++)
                reference[i] = DeepScalarDescent.Run(Depth, Spectrum[i] + (i == 0 ? _referenceShift : 0), Alpha, Eta, FigureSteps);

            var gd = new GradientDescent(model, theta0, Eta);
            double maxDiag = 0, maxOff = 0;
            int kDiag = 0, kOff = 0, jOff = 0;
            var rotated = new double[Dim * Dim];
            int record = context.Quick ? 40 : 10;
            var figK = new List<double>();
            var figEig = Enumerable.Range(0, Dim).Select(_ => new List<double>()).ToArray();
            var product = new double[Dim * Dim];
            for (int k = 0; k <= FigureSteps; k++)
            {
                if (k <= Steps)
                {
                    for (int j = 1; j <= Depth; j++)
                    {
                        MatrixClaimMath.RotateInto(v, model.Factor(gd.Theta, j), rotated);
                        for (int b = 0; b < Dim; b++)
                            for (int a = 0; a < Dim; a++)
                            {
                                double m = rotated[b * Dim + a];
                                if (a == b)
                                {
                                    double e = Math.Abs(m - reference[a][k]);
                                    if (!(e <= maxDiag)) { maxDiag = e; kDiag = k; }
                                }
                                else if (!(Math.Abs(m) <= maxOff)) { maxOff = Math.Abs(m); kOff = k; jOff = j; }
                            }
                    }
                    if (k % record == 0)
                    {
                        model.Product(gd.Theta, product);
                        MatrixClaimMath.RotateInto(v, product, rotated);
                        figK.Add(k);
                        for (int i = 0; i < Dim; i++) figEig[i].Add(rotated[i * Dim + i]);
                    }
                }
                else if (k % record == 0)
                {
                    // Beyond the checked range the figure shows (18), which the check just tied to the matrix iterates.
                    figK.Add(k);
                    for (int i = 0; i < Dim; i++) figEig[i].Add(Math.Pow(reference[i][k], Depth));
                }
                if (k == Steps / 2) context.Report($"max |off-diagonal of VᵀW_jV| over k ≤ {Steps / 2}", maxOff);
                if (k < FigureSteps) gd.Step();
                if (k % 1000 == 0) context.ThrowIfCancellationRequested();
            }
            context.AddRhsEvaluations(gd.Evaluations);
            context.Report("max |diag(VᵀW_jV) − x_k|", maxDiag);
            context.Report("k of max diagonal error", kDiag);
            context.Report($"max |off-diagonal of VᵀW_jV| over k ≤ {Steps}", maxOff);
            context.Report("k of max off-diagonal", kOff);
            model.Product(gd.Theta, product);
            MatrixClaimMath.RotateInto(v, product, rotated);
            for (int i = 0; i < Dim; i++)
            {
                context.Report($"matrix GD k={FigureSteps}: (VᵀWV)_ii for λ={Spectrum[i]}", rotated[i * Dim + i]);
                context.Report($"scalar (18) k={FigureSteps}: x^N for λ={Spectrum[i]}", Math.Pow(reference[i][FigureSteps], Depth));
            }
            context.AddNote("V is a Haar orthogonal matrix from Xoshiro256** with the recorded seed[V] (derived from the run seed); the scalar reference runs (18) for each λ without any matrix.");
            context.AddNote($"The decoupling is checked on k ≤ {Steps} as THEORY.md states. The matrix descent is continued to k = {FigureSteps} and its final diagonal is reported: " +
                            "in double precision the rounding-level off-diagonal part keeps growing (compare the reported maxima over k ≤ 1000 and k ≤ 2000), and over long runs the iterate can leave the identical-initialisation manifold " +
                            "(compare the reported matrix and scalar values for λ < 0; a rounding perturbation acts like the perturbed initialisation of Theorem 1.3). " +
                            "The figure therefore shows matrix iterates for k ≤ 2000 and the scalar recursion (18) after that.");
            context.AddFigure(ChouMatrixFigures.SpectrumRecovery(figK, figEig, Spectrum, Depth, Alpha, Eta, Steps));

            double worst = Math.Max(maxDiag, maxOff);
            var outcome = ClaimOutcome.UpperBound(worst, Tolerance, "max over j ≤ N, k ≤ 2000 of |VᵀW_j(k)V − diag(x_k)|");
            if (maxOff > Tolerance)
                return outcome.WithMessage($"the factors lost their common eigenbasis: off-diagonal |(VᵀW_jV)_ab| = {ClaimOutcome.Fmt(maxOff)} > {ClaimOutcome.Fmt(Tolerance)} (factor j = {jOff}, k = {kOff}); Lemma 2.1 needs identical initialisation.");
            if (maxDiag > Tolerance)
                return outcome.WithMessage($"the factors share V's eigenbasis (off-diagonal ≤ {ClaimOutcome.Fmt(maxOff)}) but their diagonal differs from the scalar recursion (18) by {ClaimOutcome.Fmt(maxDiag)} > {ClaimOutcome.Fmt(Tolerance)} at k = {kDiag}.");
            return outcome;
        }
    }

    /// <summary>
    /// C17: the effective rank of GD on Â = diag(10, 6, 3, 1) (N = 3, α = 0.01, η = 0.005) drops to 1 and then climbs
    /// through long plateaus at r_eff(Â_1), …, r_eff(Â_4) = 1, 1.6, 1.9, 2 in order, non-decreasing after its minimum.
    /// </summary>
    public sealed class C17EffectiveRankPlateaus : Claim
    {
        internal const int Depth = 3, Steps = 25_000, QuickMatrixPrefix = 3000, MinPlateauLength = 500;
        internal const double Alpha = 0.01, Eta = 0.005, Band = 0.01, PrintedMinimum = 1.000002, Delta = 0.01;
        internal static readonly double[] Spectrum = [10, 6, 3, 1];
        // Plateau edges compared with the flow: the exit of h = 1 and the entries and exits of 1.6, 1.9 and the entry of 2.
        internal static readonly double[] CrossingLevels = [1.01, 1.59, 1.61, 1.89, 1.91, 1.99];

        private readonly double[] _heights;

        /// <summary>The check as THEORY.md §4 states it.</summary>
        public C17EffectiveRankPlateaus() : this(null) { }

        /// <summary>Injects wrong plateau heights for tests (null: r_eff(Â_1), …, r_eff(Â_4)).</summary>
        internal C17EffectiveRankPlateaus(double[]? heights) =>
            _heights = heights ?? Enumerable.Range(1, Spectrum.Length).Select(r => Spectrum.Take(r).Sum() / Spectrum[0]).ToArray();

        /// <inheritdoc/>
        public override string Id => "C17";
        /// <inheritdoc/>
        public override string Paper => Papers.Chou.Label;
        /// <inheritdoc/>
        public override string Source => $"{MatrixSeedFile} Section 3, Figures 3, 6(b), Theorem 3.5 (effective rank, plateaus r_eff(Â_r))";
        /// <inheritdoc/>
        public override ClaimKind Kind => ClaimKind.Structural;
        /// <inheritdoc/>
        public override string Title => "Effective-rank plateaus 1, 1.6, 1.9, 2 in order under GD (N = 3), non-decreasing after the minimum";

        /// <inheritdoc/>
        public override ClaimOutcome Run(ClaimContext context)
        {
            int d = Spectrum.Length;
            context.SetParameter("Â", "diag(10, 6, 3, 1)");
            context.SetParameter("N", Depth);
            context.SetParameter("α", Alpha);
            context.SetParameter("η", Eta);
            context.SetParameter("steps", Steps);
            context.SetParameter("plateau band |r_eff − h| <", Band);
            context.SetParameter("minimum plateau length (iterations)", MinPlateauLength);
            context.SetParameter("plateau heights h", _heights);
            context.AddNote($"A plateau is a contiguous run of at least {MinPlateauLength} iterations (t = {MinPlateauLength * Eta}) with |r_eff − h| < {Band}; the length threshold is FlowSim's own. " +
                            "Level 1 is the run around the minimum; the other levels are searched after the minimum, as THEORY.md §3.8 prescribes.");

            // The scalar-decoupled trace: (18) per eigenvalue, π_i = x_i^N; exact for a diagonal Â by Lemma 2.1 (C16).
            var x = Spectrum.Select(l => DeepScalarDescent.Run(Depth, l, Alpha, Eta, Steps)).ToArray();
            var scalarReff = new double[Steps + 1];
            var scalarFrob = new double[Steps + 1];
            for (int k = 0; k <= Steps; k++)
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
            int matrixSteps = context.Quick ? QuickMatrixPrefix : Steps;
            var model = new DeepFactorization(Depth, d, MatrixClaimMath.Diagonal(Spectrum));
            var gd = new GradientDescent(model, Initializations.Identical(model, Alpha), Eta);
            var matrixReff = new double[matrixSteps + 1];
            var matrixFrob = new double[matrixSteps + 1];
            var product = new double[d * d];
            double maxTraceDiff = 0;
            for (int k = 0; k <= matrixSteps; k++)
            {
                matrixReff[k] = Metrics.EffectiveRank(Metrics.ProductSingularValues(model, gd.Theta));
                model.Product(gd.Theta, product);
                double f = 0;
                for (int c = 0; c < d; c++)
                    for (int r = 0; r < d; r++)
                    {
                        double e = product[c * d + r] - (r == c ? Spectrum[r] : 0);
                        f += e * e;
                    }
                matrixFrob[k] = Math.Sqrt(f);
                maxTraceDiff = Math.Max(maxTraceDiff, Math.Abs(matrixReff[k] - scalarReff[k]));
                if (k < matrixSteps) gd.Step();
                if (k % 2000 == 0) context.ThrowIfCancellationRequested();
            }
            context.AddRhsEvaluations(gd.Evaluations);
            var reff = context.Quick ? scalarReff : matrixReff;
            var frobError = context.Quick ? scalarFrob : matrixFrob;
            context.SetParameter("analysed trace", context.Quick
                ? $"scalar-decoupled (18), cross-checked against full-matrix GD on k ≤ {matrixSteps}"
                : "full-matrix GD (6), cross-checked against the scalar-decoupled (18) at every k");
            if (context.Quick)
                context.AddNote($"Quick mode analyses the scalar-decoupled trace (18) for all {Steps} steps and runs full-matrix GD (6) only on k ≤ {matrixSteps} to cross-check it.");

            var analysis = PlateauDetector.Detect(reff, _heights, Band);
            var parts = new List<ClaimOutcome>
            {
                ClaimOutcome.UpperBound(maxTraceDiff, 1e-10, $"max |r_eff(matrix GD) − r_eff(scalar (18))| over k ≤ {matrixSteps}"),
                ClaimOutcome.Agreement(reff[0], d, 1e-12, "r_eff(W(0)) = d"),
                ClaimOutcome.Agreement(analysis.Minimum, PrintedMinimum, 1e-6, $"minimum of r_eff (at k = {analysis.MinimumIndex}) vs THEORY §4's 1.000002"),
                ClaimOutcome.UpperBound(analysis.MaxDropAfterMinimum, 1e-12, "max drop r_eff(k) − r_eff(k+1) after the minimum (non-decreasing)"),
            };
            context.Report("k of minimum", analysis.MinimumIndex);
            context.Report("minimum r_eff", analysis.Minimum);
            for (int i = 0; i < _heights.Length; i++)
            {
                var run = analysis.Runs[i];
                context.Report($"plateau h={_heights[i]:G4}: first k", run?.Start ?? double.NaN);
                context.Report($"plateau h={_heights[i]:G4}: last k", run?.End ?? double.NaN);
                parts.Add(ClaimOutcome.LowerBound(run?.Length ?? 0, MinPlateauLength, $"plateau h = {_heights[i]:G4}: longest run of |r_eff − h| < {Band} (iterations)"));
            }
            bool inOrder = analysis.Runs.All(r => r is not null)
                           && analysis.Runs.Zip(analysis.Runs.Skip(1)).All(p => p.First!.End < p.Second!.Start);
            parts.Add(ClaimOutcome.Condition(inOrder, $"the plateaus {string.Join(", ", _heights.Select(h => h.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)))} follow one another in this order"));
            bool lastToEnd = analysis.Runs[^1] is { } last && last.End == reff.Length - 1;
            parts.Add(ClaimOutcome.Condition(lastToEnd, $"the last plateau lasts to the end (k = {reff.Length - 1})"));

            // Cross-check with the scalar flow (28) in closed form: plateau edges of GD at k ≈ t/η.
            double tStart = analysis.MinimumIndex * Eta, tEnd = Steps * Eta;
            foreach (double c in CrossingLevels)
            {
                int kGd = -1;
                for (int k = analysis.MinimumIndex; k < reff.Length; k++) if (reff[k] >= c) { kGd = k; break; }
                double tFlow = FlowCrossing(c, tStart, tEnd);
                context.Report($"r_eff crosses {c}: GD k·η", kGd * Eta);
                context.Report($"r_eff crosses {c}: flow t", tFlow);
                parts.Add(kGd < 0 || double.IsNaN(tFlow)
                    ? ClaimOutcome.Condition(false, $"GD and flow both cross r_eff = {c} after the minimum (GD k = {kGd}, flow t = {tFlow})")
                    : ClaimOutcome.RelativeAgreement(kGd * Eta, tFlow, 0.02, $"first crossing of r_eff = {c}: GD kη vs scalar flow t"));
            }
            context.AddNote("Flow reference: r_eff of the closed-form flow π_i(t) = x_i(t)^N (implicit solution, ClosedForm.DeepScalarFlow); crossing times by bisection; tolerance 2% relative (GD lags the flow by O(η), FlowSim's own tolerance).");

            // Derived windows (THEORY.md §3.10 tools at N = 3): from the flow's δ-arrival of λ_r to the flow's inflection time of λ_{r+1}.
            var windows = new List<(double From, double To, int R)>();
            for (int r = 1; r <= d; r++)
            {
                double? tin = FlowTimes.TimeToEpsilon(Depth, Spectrum[r - 1], Alpha, Delta * Spectrum[r - 1]);
                double? tout = r < d ? FlowTimes.TimeToInflection(Depth, Spectrum[r], Alpha) : tEnd;
                if (tin is { } a && tout is { } b)
                {
                    context.Report($"derived window r={r}: k_in", a / Eta);
                    context.Report($"derived window r={r}: k_out", b / Eta);
                    if (b > a) windows.Add((a / Eta, Math.Min(b, tEnd) / Eta, r));
                }
            }
            context.AddNote($"Derived windows (not the paper's Theorem 3.5, whose constants are unknown): k_in = t_ε(λ_r, ε = {Delta}λ_r)/η and k_out = t_*(λ_(r+1))/η from the scalar flow times (THEORY.md §3.5, §3.10).");

            AddFigures(context, reff, frobError, windows);
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
        internal static double FlowReff(double t)
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

        private void AddFigures(ClaimContext context, double[] reff, double[] frobError, List<(double From, double To, int R)> windows)
        {
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
            context.AddFigure(ChouMatrixFigures.EffectiveRankPlateaus(k, r, _heights, windows, Depth, Alpha, Eta, context.Quick));
            context.AddFigure(ChouMatrixFigures.Waterfall(k, f, Depth, Alpha, Eta));
            foreach (var fig in ChouMatrixFigures.NoisyTarget(context, Depth, Alpha, Eta)) context.AddFigure(fig);
            context.AddFigure(ChouMatrixFigures.FlowVersusDescentReff(context.Quick, Spectrum, Depth, Alpha));
            foreach (var fig in ChouMatrixFigures.Denoising(context)) context.AddFigure(fig);
            context.AddFigure(ChouMatrixFigures.GaussianInitArrival(context, Spectrum, Depth, Eta));
        }
    }

    /// <summary>A contiguous run of iterations [Start, End] on a plateau.</summary>
    internal sealed record PlateauRun(int Start, int End)
    {
        public int Length => End - Start + 1;
    }

    /// <summary>The minimum of an r_eff trace, its monotonicity after the minimum, and the longest run near each plateau height.</summary>
    internal sealed record PlateauAnalysis(int MinimumIndex, double Minimum, double MaxDropAfterMinimum, PlateauRun?[] Runs);

    /// <summary>Plateau detection as THEORY.md §3.8 describes it.</summary>
    internal static class PlateauDetector
    {
        /// <summary>
        /// Level heights[0] is the run through the minimum; every other level is the longest run after the minimum
        /// with |r − h| &lt; band; the caller judges the lengths.
        /// </summary>
        public static PlateauAnalysis Detect(IReadOnlyList<double> reff, IReadOnlyList<double> heights, double band)
        {
            if (reff.Count == 0) throw new ArgumentException("reff: the trace is empty.", nameof(reff));
            int kMin = 0;
            for (int k = 1; k < reff.Count; k++) if (reff[k] < reff[kMin]) kMin = k;
            double drop = double.NegativeInfinity;
            for (int k = kMin; k + 1 < reff.Count; k++) drop = Math.Max(drop, reff[k] - reff[k + 1]);
            var runs = new PlateauRun?[heights.Count];
            for (int i = 0; i < heights.Count; i++)
            {
                double h = heights[i];
                bool In(int k) => Math.Abs(reff[k] - h) < band;
                if (i == 0)
                {
                    if (!In(kMin)) continue;
                    int a = kMin, b = kMin;
                    while (a > 0 && In(a - 1)) a--;
                    while (b + 1 < reff.Count && In(b + 1)) b++;
                    runs[0] = new PlateauRun(a, b);
                    continue;
                }
                for (int k = kMin; k < reff.Count; k++)
                {
                    if (!In(k)) continue;
                    int s = k;
                    while (k + 1 < reff.Count && In(k + 1)) k++;
                    if (runs[i] is null || k - s + 1 > runs[i]!.Length) runs[i] = new PlateauRun(s, k);
                }
            }
            return new PlateauAnalysis(kMin, reff[kMin], drop, runs);
        }
    }

    /// <summary>
    /// C18, derived analog of Theorem 3.1 (N = 2 flow): at the entry time t_in(r) the effective rank of the flow is
    /// within the derived bound (δ/(1−δ))·r_eff(Â_r) + (d − r)·π_{r+1}/((1−δ)λ₁) of r_eff(Â_r) (THEORY.md §3.9).
    /// </summary>
    public sealed class C18EffectiveRankBound : Claim
    {
        internal const double Alpha = 0.01, Delta = 0.01;
        internal static readonly double[] Spectrum = [10, 6, 3, 1];
        private readonly double _entryTimeScale;

        /// <summary>The check as THEORY.md §4 states it.</summary>
        public C18EffectiveRankBound() : this(1.0) { }

        /// <summary>Injects a fault for tests: evaluates at <paramref name="entryTimeScale"/>·t_in instead of t_in.</summary>
        internal C18EffectiveRankBound(double entryTimeScale) => _entryTimeScale = entryTimeScale;

        /// <inheritdoc/>
        public override string Id => "C18";
        /// <inheritdoc/>
        public override string Paper => Papers.Chou.Label;
        /// <inheritdoc/>
        public override string Source => $"{MatrixSeedFile} Theorem 3.1, eqs. (59)–(61) (derived analog, THEORY.md §3.9)";
        /// <inheritdoc/>
        public override ClaimKind Kind => ClaimKind.DerivedAnalog;
        /// <inheritdoc/>
        public override string Title => "Derived analog of Theorem 3.1 (N = 2 flow): r_eff(W(t_in)) within the derived bound of r_eff(Â_r)";

        /// <inheritdoc/>
        public override ClaimOutcome Run(ClaimContext context)
        {
            int d = Spectrum.Length;
            context.SetParameter("N", 2);
            context.SetParameter("λ", Spectrum);
            context.SetParameter("α", Alpha);
            context.SetParameter("δ", Delta);
            context.SetParameter("r", new[] { 1, 2, 3 });
            context.SetParameter("reference", "full-matrix gradient flow, dop853 rtol 1e-12 atol 1e-16");
            context.AddNote("Derived analog of Theorem 3.1, not the theorem: the printed intervals (59), h (60) and bound (61) are unknown; the inequality and t_in are FlowSim's derivation (THEORY.md §3.9).");
            context.AddNote("For r = 1 the bound holds, but no plateau at height 1 is visible at N = 2 for this α; N = 3 shows it (C17).");

            var model = new DeepFactorization(2, d, MatrixClaimMath.Diagonal(Spectrum));
            var theta0 = Initializations.Identical(model, Alpha);
            var parts = new List<ClaimOutcome>();
            for (int r = 1; r <= 3; r++)
            {
                double lr = Spectrum[r - 1];
                double tIn = _entryTimeScale * Math.Log((1 - Delta) * (lr - Alpha * Alpha) / (Delta * Alpha * Alpha)) / (2 * lr);
                var pi = Spectrum.Select(l => DeepScalarFlow.DepthTwoSquared(l, Alpha, tIn)).ToArray();
                double reff = pi.Sum() / pi.Max();
                double reffR = Spectrum.Take(r).Sum() / Spectrum[0];
                double diff = Math.Abs(reff - reffR);
                double bound = Delta / (1 - Delta) * reffR + (d - r) * pi[r] / ((1 - Delta) * Spectrum[0]);
                // π_r(t_in) = (1−δ)λ_r by construction (so compared to rounding); the larger eigenvalues must already be past it.
                double entryR = pi[r - 1] / ((1 - Delta) * Spectrum[r - 1]);
                double worstLarger = r > 1 ? Enumerable.Range(0, r - 1).Min(i => pi[i] / ((1 - Delta) * Spectrum[i])) : double.NaN;
                context.Report($"r={r}: t_in", tIn);
                context.Report($"r={r}: r_eff(W(t_in))", reff);
                context.Report($"r={r}: r_eff(Â_r)", reffR);
                context.Report($"r={r}: |difference|", diff);
                context.Report($"r={r}: derived bound", bound);

                // Cross-check: integrate the full matrix flow to t_in with a tight 8th-order method.
                var sol = GradientFlow.Solve(model, theta0, tIn, "dop853", new OdeOptions { RelTol = 1e-12, AbsTol = 1e-16, SaveEveryStep = false });
                if (!sol.Succeeded) throw new InvalidOperationException($"C18: the flow to t_in = {tIn} failed: {sol.Status} {sol.Message}");
                context.AddRhsEvaluations(sol.Statistics.RhsEvaluations);
                double reffInt = Metrics.EffectiveRank(Metrics.ProductSingularValues(model, sol.FinalState));
                context.Report($"r={r}: r_eff integrated", reffInt);

                parts.Add(ClaimOutcome.Agreement(entryR, 1.0, 1e-12, $"r={r}: π_r(t_in)/((1−δ)λ_r) = 1 (definition of t_in)"));
                if (r > 1) parts.Add(ClaimOutcome.LowerBound(worstLarger, 1.0, $"r={r}: min_i<r π_i(t_in)/((1−δ)λ_i) (larger eigenvalues entered earlier)"));
                parts.Add(ClaimOutcome.UpperBound(diff, bound, $"r={r}: |r_eff(W(t_in)) − r_eff(Â_r)| vs derived bound"));
                parts.Add(ClaimOutcome.Agreement(reff, reffInt, 1e-8, $"r={r}: closed-form r_eff vs integrated matrix flow"));
            }
            return ClaimOutcome.Combine(parts);
        }
    }

    /// <summary>
    /// C19, Lemma 3.4: λ ↦ π_λ(t) is increasing, with α^N ≤ π_λ(t) ≤ λ; and π_λ(t)/λ is not monotone, so a ratio
    /// version of the lemma is wrong.
    /// </summary>
    public sealed class C19ProductMonotoneInLambda : Claim
    {
        internal const double Alpha = 0.1;
        internal static readonly int[] Depths = [2, 3, 4];
        internal static readonly double[] Lambdas = [0.25, 0.5, 1, 2, 4, 8];
        internal static readonly double[] Times = [0.5, 2, 5, 10, 20, 50];
        // THEORY.md §3.8: π_λ(0.5)/λ at N = 2, α = 0.1 for λ = 0.25, 0.5, 1 (printed to three digits).
        internal static readonly double[] PrintedRatios = [0.0508, 0.0326, 0.0267];

        private readonly Func<int, double, double, double, double> _product;

        /// <summary>The check as THEORY.md §4 states it, on the closed-form π_λ(t).</summary>
        public C19ProductMonotoneInLambda() : this(DeepScalarFlow.Product) { }

        /// <summary>Injects the function under test (N, λ, α, t) ↦ π, e.g. a ratio version, for tests.</summary>
        internal C19ProductMonotoneInLambda(Func<int, double, double, double, double> product) => _product = product;

        /// <inheritdoc/>
        public override string Id => "C19";
        /// <inheritdoc/>
        public override string Paper => Papers.Chou.Label;
        /// <inheritdoc/>
        public override string Source => $"{MatrixSeedFile} Lemma 3.4, eq. (62)";
        /// <inheritdoc/>
        public override ClaimKind Kind => ClaimKind.Structural;
        /// <inheritdoc/>
        public override string Title => "Lemma 3.4: π_λ(t) increases in λ; π_λ(t)/λ does not";

        /// <inheritdoc/>
        public override ClaimOutcome Run(ClaimContext context)
        {
            context.SetParameter("N", Depths);
            context.SetParameter("α", Alpha);
            context.SetParameter("λ", Lambdas);
            context.SetParameter("t", Times);
            context.SetParameter("reference", "product ODE (62) integrated by dop853, rtol 1e-12");
            context.AddNote("Derived reading of Lemma 3.4 (THEORY.md §3.8); the values of π come from the closed/implicit solution and are cross-checked against the integrated product ODE (62).");
            var parts = new List<ClaimOutcome>();
            double minGap = double.PositiveInfinity, maxRel = 0, maxBoundViolation = double.NegativeInfinity;
            foreach (int n in Depths)
            {
                var pi = new double[Lambdas.Length, Times.Length];
                for (int a = 0; a < Lambdas.Length; a++)
                {
                    double lambda = Lambdas[a];
                    var sol = OdeSolve.Solve(new OdeProblem(new ProductFlowRhs(n, lambda), 0, Times[^1], [Math.Pow(Alpha, n)], name: "product ODE (62)"),
                        "dop853", new OdeOptions { RelTol = 1e-12, AbsTol = 1e-18, OutputTimes = Times });
                    if (!sol.Succeeded) throw new InvalidOperationException($"C19: product ODE N={n}, λ={lambda} failed: {sol.Status} {sol.Message}");
                    context.AddRhsEvaluations(sol.Statistics.RhsEvaluations);
                    for (int b = 0; b < Times.Length; b++)
                    {
                        pi[a, b] = _product(n, lambda, Alpha, Times[b]);
                        double integrated = sol.Values[b][0];
                        maxRel = Math.Max(maxRel, Math.Abs(pi[a, b] - integrated) / integrated);
                        // Lemma 3.4's bounds α^N ≤ π < λ (non-strict at the top: π reaches λ in double precision).
                        maxBoundViolation = Math.Max(maxBoundViolation, Math.Max(Math.Pow(Alpha, n) - pi[a, b], pi[a, b] - lambda) / lambda);
                    }
                }
                for (int b = 0; b < Times.Length; b++)
                    for (int a = 0; a + 1 < Lambdas.Length; a++)
                        minGap = Math.Min(minGap, pi[a + 1, b] - pi[a, b]);
            }
            context.Report("min over (N, t, adjacent λ) of π_λ'(t) − π_λ(t)", minGap);
            context.Report("max relative |π − π_integrated|", maxRel);
            parts.Add(ClaimOutcome.LowerBound(minGap, double.Epsilon, "min over the grid of π_{λ_{a+1}}(t) − π_{λ_a}(t) (strictly increasing in λ)"));
            // π reaches λ in double precision for large t, so the bounds hold to rounding: a few ulps of λ.
            parts.Add(ClaimOutcome.UpperBound(maxBoundViolation, 1e-14, "max over the grid of max(α^N − π, π − λ)/λ (bounds α^N ≤ π ≤ λ, to rounding)"));
            parts.Add(ClaimOutcome.UpperBound(maxRel, 1e-8, "π under test vs integrated product ODE (62), relative"));

            // The ratio is not monotone: it decreases at N = 2, α = 0.1, t = 0.5 over λ = 0.25, 0.5, 1.
            var ratios = new[] { 0.25, 0.5, 1.0 }.Select(l => _product(2, l, Alpha, 0.5) / l).ToArray();
            for (int i = 0; i < ratios.Length; i++)
            {
                context.Report($"π_λ(0.5)/λ at N=2, λ={new[] { 0.25, 0.5, 1.0 }[i]}", ratios[i]);
                parts.Add(ClaimOutcome.Agreement(ratios[i], PrintedRatios[i], 5e-5, $"π_λ(0.5)/λ, N=2, λ={new[] { 0.25, 0.5, 1.0 }[i]} vs THEORY §3.8"));
            }
            bool notMonotone = ratios[1] < ratios[0] && ratios[2] < ratios[1];
            parts.Add(ClaimOutcome.Condition(notMonotone, "π_λ(t)/λ is not increasing in λ (it decreases over λ = 0.25, 0.5, 1 at N = 2, α = 0.1, t = 0.5), so a ratio version of Lemma 3.4 is wrong", ratios[2] - ratios[0]));
            return ClaimOutcome.Combine(parts);
        }
    }
}

public static partial class ChouClaims
{
    /// <summary>Small dense helpers shared by the matrix claims (column-major d×d).</summary>
    internal static class MatrixClaimMath
    {
        /// <summary>V·diag(λ)·Vᵀ.</summary>
        public static double[] Conjugate(ReadOnlySpan<double> v, ReadOnlySpan<double> spectrum)
        {
            int d = spectrum.Length;
            var a = new double[d * d];
            for (int c = 0; c < d; c++)
                for (int r = 0; r < d; r++)
                {
                    double s = 0;
                    for (int m = 0; m < d; m++) s += v[m * d + r] * spectrum[m] * v[m * d + c];
                    a[c * d + r] = s;
                }
            return a;
        }

        /// <summary>diag(λ).</summary>
        public static double[] Diagonal(ReadOnlySpan<double> spectrum)
        {
            int d = spectrum.Length;
            var a = new double[d * d];
            for (int i = 0; i < d; i++) a[i * d + i] = spectrum[i];
            return a;
        }

        /// <summary>destination = Vᵀ·M·V.</summary>
        public static void RotateInto(ReadOnlySpan<double> v, ReadOnlySpan<double> m, Span<double> destination)
        {
            int d = (int)Math.Round(Math.Sqrt(v.Length));
            Span<double> mv = stackalloc double[d * d];
            for (int c = 0; c < d; c++)
                for (int r = 0; r < d; r++)
                {
                    double s = 0;
                    for (int k = 0; k < d; k++) s += m[k * d + r] * v[c * d + k];
                    mv[c * d + r] = s;
                }
            for (int c = 0; c < d; c++)
                for (int r = 0; r < d; r++)
                {
                    double s = 0;
                    for (int k = 0; k < d; k++) s += v[r * d + k] * mv[c * d + k];
                    destination[c * d + r] = s;
                }
        }
    }
}

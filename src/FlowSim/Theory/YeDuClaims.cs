using FlowSim.Dynamics;
using FlowSim.Linalg;
using FlowSim.Models;
using FlowSim.Ode;
using FlowSim.Randomness;

namespace FlowSim.Theory;

// Claims Y1–Y10 of THEORY.md §4 (P2, a short note attributed to Ye & Du). P2 has no figures and no printed
// experiment parameters: d = 5, Σ = diag(5, 4, 3, 2, 1), the initial scales, horizons and grids are FlowSim's own.

/// <summary>Shared setting of the Y claims: d = 5, Σ = diag(5, 4, 3, 2, 1) (THEORY §4, P2 default).</summary>
internal static class YeDuSetup
{
    public const int D = 5;
    public static readonly double[] Spectrum = [5, 4, 3, 2, 1];
    public static double[] Sigma => Diagonal(Spectrum);
    public static string Source(string where) => $"seeds/001_7edd35be9dcf12ca.txt (attributed to Ye & Du) {where}";

    public const string OwnSettingsNote = "P2 has no figures or experiments: d = 5, Σ = diag(5, 4, 3, 2, 1), the initial scales, horizons and output grids are FlowSim's own.";

    public static double[] Diagonal(IReadOnlyList<double> values)
    {
        int d = values.Count;
        var m = new double[d * d];
        for (int i = 0; i < d; i++) m[i * d + i] = values[i];
        return m;
    }

    public static AsymmetricFactorization Model(IReadOnlyList<double> spectrum) =>
        new(spectrum.Count, spectrum.Count, spectrum.Count, Diagonal(spectrum));

    public static void Record(ClaimContext ctx, IReadOnlyList<double>? spectrum = null)
    {
        spectrum ??= Spectrum;
        ctx.SetParameter("d", spectrum.Count);
        ctx.SetParameter("σ(Σ)", spectrum.ToArray());
    }

    /// <summary>A d×d Gaussian matrix times <paramref name="scale"/>, from a seed derived from (master seed, <paramref name="owner"/>, stream); the seed is recorded.</summary>
    public static double[] Gaussian(ClaimContext ctx, string owner, string stream, double scale, int d = D)
    {
        int seed = ClaimContext.DeriveSeed(ctx.Settings.Seed, owner, stream);
        ctx.SetParameter($"seed[{owner}/{stream}]", seed);
        return RandomMatrices.Gaussian(new Xoshiro256StarStar((ulong)seed), d, d, scale);
    }

    public static double[] Stack(double[] u, double[] v) => [.. u, .. v];

    public static double[] MulT(int d, double[] a, double[] b)
    {
        var r = new double[d * d];
        LinearAlgebra.Gemm(Transpose.No, Transpose.Yes, d, d, d, 1.0, a, d, b, d, 0.0, r, d);
        return r;
    }

    /// <summary>Ascending eigenvalues of a symmetric d×d matrix.</summary>
    public static double[] Eigenvalues(int d, double[] a)
    {
        var w = new SymmetricEigenWorkspace(d);
        w.Decompose(a);
        return (double[])w.Values.Clone();
    }

    public static double MinEigenvalueOfDifference(int d, double[] a, double[] b)
    {
        var diff = new double[d * d];
        for (int i = 0; i < diff.Length; i++) diff[i] = a[i] - b[i];
        return Eigenvalues(d, diff)[0];
    }

    public static double FrobeniusDistance(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.Sqrt(s);
    }

    /// <summary>‖Σ − UVᵀ‖ pieces: B = (U − V)/2 norm and f = ½‖Σ − UVᵀ‖_F² at θ.</summary>
    public static double BNorm(int d, ReadOnlySpan<double> theta)
    {
        double s = 0;
        for (int i = 0; i < d * d; i++)
        {
            double b = 0.5 * (theta[i] - theta[d * d + i]);
            s += b * b;
        }
        return Math.Sqrt(s);
    }

    public static OdeSolution Flow(ClaimContext ctx, AsymmetricFactorization model, double[] theta0, double t1, OdeOptions options, string method = "dop853")
    {
        var sol = GradientFlow.Solve(model, theta0, t1, method, options, ctx.CancellationToken).EnsureSuccess();
        ctx.AddRhsEvaluations(sol.Statistics.RhsEvaluations);
        return sol;
    }
}

/// <summary>Y1: the full-matrix integration of (5) from S(0) = s₀I matches the scalar solution s_i(t) (THEORY §2.3).</summary>
public sealed class Y1SymmetricScalarSolutionClaim : Claim
{
    private readonly double _rateFactor;

    /// <summary>The claim as THEORY §4 states it.</summary>
    public Y1SymmetricScalarSolutionClaim() : this(1.0) { }

    /// <summary>Test hook: the closed-form reference uses rates 2σ·<paramref name="rateFactor"/> (≠ 1 must fail).</summary>
    internal Y1SymmetricScalarSolutionClaim(double rateFactor) => _rateFactor = rateFactor;

    /// <inheritdoc/>
    public override string Id => "Y1";
    /// <inheritdoc/>
    public override string Paper => Papers.YeDu.Label;
    /// <inheritdoc/>
    public override string Source => YeDuSetup.Source("eq. (5) and the scalar solution used in Theorem 4");
    /// <inheritdoc/>
    public override ClaimKind Kind => ClaimKind.ClosedForm;
    /// <inheritdoc/>
    public override string Title => "Symmetric flow (5) from s₀I follows s(t) = σe^{2σt}/(e^{2σt} − 1 + σ/s₀)";

    /// <inheritdoc/>
    public override ClaimOutcome Run(ClaimContext ctx)
    {
        const int d = YeDuSetup.D;
        const double s0 = 1e-4, t1 = 1.0, tol = 1e-9;
        YeDuSetup.Record(ctx);
        ctx.SetParameter("s₀", s0);
        ctx.SetParameter("t", t1);
        ctx.SetParameter("method", "dop853, rtol 1e−12, atol 1e−16");
        ctx.SetParameter("tolerance (relative)", tol);
        var flow = new SymmetricGramFlow(d, YeDuSetup.Sigma);
        var start = YeDuSetup.Diagonal(Enumerable.Repeat(s0, d).ToArray());
        var sol = OdeSolve.Solve(flow.CreateProblem(start, t1), "dop853", new OdeOptions { RelTol = 1e-12, AbsTol = 1e-16, SaveEveryStep = false }, ctx.CancellationToken).EnsureSuccess();
        ctx.AddRhsEvaluations(sol.Statistics.RhsEvaluations);
        var s = sol.FinalState;
        var parts = new List<ClaimOutcome>();
        foreach (int i in new[] { 0, d - 1 })
        {
            double sigma = YeDuSetup.Spectrum[i];
            // The formula as printed (THEORY §2.3); the library's YeDuClosedForms uses an overflow-safe rewrite.
            double e = Math.Exp(2 * sigma * t1 * _rateFactor);
            double reference = sigma * e / (e - 1 + sigma / s0);
            ctx.Report($"s_{i + 1}({t1}) integrated", s[i * d + i]);
            ctx.Report($"s_{i + 1}({t1}) closed form", reference);
            parts.Add(ClaimOutcome.RelativeAgreement(s[i * d + i], reference, tol, $"s_{i + 1}(1), σ = {sigma}"));
            parts.Add(ClaimOutcome.RelativeAgreement(YeDuClosedForms.SymmetricScalar(sigma, s0, t1), reference, 1e-14, $"library closed form s_{i + 1}(1) vs printed formula"));
        }
        double off = 0;
        for (int j = 0; j < d; j++)
            for (int i = 0; i < d; i++)
                if (i != j) off = Math.Max(off, Math.Abs(s[j * d + i]));
        parts.Add(ClaimOutcome.UpperBound(off, 1e-15, "S(1) stays diagonal: max |off-diagonal|"));
        ctx.AddNote(YeDuSetup.OwnSettingsNote);
        return ClaimOutcome.Combine(parts);
    }
}

/// <summary>
/// Y2: Theorem 4's Loewner sandwich (6) for U₀ = V₀ = 0.05·G, at t ∈ {0.1, 0.5, 1, 2, 4, 8}. Draws the P2 figure
/// "UUᵀ inside the Theorem 4 sandwich".
/// </summary>
public sealed class Y2LoewnerSandwichClaim : Claim
{
    private readonly double _lowerStartFactor;

    /// <summary>The claim as THEORY §4 states it.</summary>
    public Y2LoewnerSandwichClaim() : this(1.0) { }

    /// <summary>Test hook: the lower curve starts from (<paramref name="lowerStartFactor"/>·a)² (&gt; 1 raises it above UUᵀ and must fail).</summary>
    internal Y2LoewnerSandwichClaim(double lowerStartFactor) => _lowerStartFactor = lowerStartFactor;

    /// <inheritdoc/>
    public override string Id => "Y2";
    /// <inheritdoc/>
    public override string Paper => Papers.YeDu.Label;
    /// <inheritdoc/>
    public override string Source => YeDuSetup.Source("Theorem 4, eq. (6)");
    /// <inheritdoc/>
    public override ClaimKind Kind => ClaimKind.ClosedForm;
    /// <inheritdoc/>
    public override string Title => "Theorem 4: Lower(t) ⪯ U(t)U(t)ᵀ ⪯ Upper(t) from U₀ = V₀";

    internal const double InitScale = 0.05;

    /// <summary>U₀ = 0.05·G, shared with Y3 through the seed name "Y2/U0".</summary>
    internal static double[] U0(ClaimContext ctx) => YeDuSetup.Gaussian(ctx, "Y2", "U0", InitScale);

    /// <inheritdoc/>
    public override ClaimOutcome Run(ClaimContext ctx)
    {
        const int d = YeDuSetup.D;
        const double tol = 1e-10, horizon = 8;
        double[] checkTimes = [0.1, 0.5, 1, 2, 4, 8];
        YeDuSetup.Record(ctx);
        ctx.SetParameter("U₀ = V₀ scale", InitScale);
        ctx.SetParameter("t (checked)", checkTimes);
        ctx.SetParameter("tolerance (λ_min ≥ −tol)", tol);
        ctx.SetParameter("method", "dop853, rtol 1e−12, atol 1e−14");
        var u0 = U0(ctx);
        var sv = LinearAlgebra.SingularValues(d, d, u0);
        double a = sv[^1] * _lowerStartFactor, b = sv[0];
        ctx.Report("a = σ_min(U₀)", sv[^1]);
        ctx.Report("b = σ_max(U₀)", b);
        int samples = ctx.Quick ? 40 : 160;
        var grid = Enumerable.Range(1, samples).Select(i => i * horizon / samples).Concat(checkTimes).Distinct().Order().ToArray();
        var model = YeDuSetup.Model(YeDuSetup.Spectrum);
        var sol = YeDuSetup.Flow(ctx, model, YeDuSetup.Stack(u0, u0), horizon, new OdeOptions { RelTol = 1e-12, AbsTol = 1e-14, OutputTimes = grid });

        var parts = new List<ClaimOutcome>();
        int series = d;
        var eig = new double[series][];
        var lowerSeries = new double[series][];
        var upperSeries = new double[series][];
        for (int i = 0; i < series; i++) { eig[i] = new double[grid.Length]; lowerSeries[i] = new double[grid.Length]; upperSeries[i] = new double[grid.Length]; }
        double[]? final = null;
        for (int g = 0; g < grid.Length; g++)
        {
            double t = sol.Times[g];
            var u = sol.Values[g].AsSpan(0, d * d).ToArray();
            var uut = YeDuSetup.MulT(d, u, u);
            var lower = YeDuClosedForms.Sandwich(YeDuSetup.Spectrum, a * a, t);
            var upper = YeDuClosedForms.Sandwich(YeDuSetup.Spectrum, b * b, t);
            var ev = YeDuSetup.Eigenvalues(d, uut);
            for (int i = 0; i < d; i++)
            {
                eig[i][g] = ev[d - 1 - i];
                lowerSeries[i][g] = lower[i];
                upperSeries[i][g] = upper[i];
            }
            if (checkTimes.Contains(t))
            {
                parts.Add(ClaimOutcome.LowerBound(YeDuSetup.MinEigenvalueOfDifference(d, uut, YeDuSetup.Diagonal(lower)), -tol, $"t = {t}: λ_min(UUᵀ − Lower)"));
                parts.Add(ClaimOutcome.LowerBound(YeDuSetup.MinEigenvalueOfDifference(d, YeDuSetup.Diagonal(upper), uut), -tol, $"t = {t}: λ_min(Upper − UUᵀ)"));
            }
            if (t == horizon) final = uut;
        }
        if (final is not null)
        {
            var diff = new double[d * d];
            var sigma = YeDuSetup.Sigma;
            for (int i = 0; i < diff.Length; i++) diff[i] = sigma[i] - final[i];
            ctx.Report("‖Σ − U(8)U(8)ᵀ‖ (draw-dependent)", LinearAlgebra.OperatorNorm(d, d, diff));
        }

        var fig = new FigureSpec("loewner-sandwich", "P2 analog: eigenvalues of UUᵀ inside the Theorem 4 sandwich")
        {
            XLabel = "t",
            YLabel = "eigenvalue",
            LogY = true,
        };
        // The largest and the smallest eigenvalue with their curves; the check itself covers the whole matrix order.
        foreach (int i in new[] { 0, d - 1 })
        {
            fig.AddSeries($"λ_{i + 1}(UUᵀ)", grid, eig[i]);
            fig.AddSeries($"lower_{i + 1}, s₀ = σ_min(U₀)²", grid, lowerSeries[i], SeriesStyle.DashedLine);
            fig.AddSeries($"upper_{i + 1}, s₀ = σ_max(U₀)²", grid, upperSeries[i], SeriesStyle.DashedLine);
        }
        for (int i = 1; i < d - 1; i++) fig.AddSeries($"λ_{i + 1}(UUᵀ)", grid, eig[i], SeriesStyle.Markers);
        ctx.AddFigure(fig, "FlowSim's own setting (P2 has no figures): d = 5, Σ = diag(5, 4, 3, 2, 1), U₀ = V₀ = 0.05·G with G a 5×5 Gaussian. " +
            "The largest and smallest eigenvalues of U(t)U(t)ᵀ (dop853, rtol 1e−12) lie between the matching diagonal entries of the lower and upper curves " +
            "of Theorem 4 (6) (the Loewner order implies the order of sorted eigenvalues); the middle eigenvalues are shown as markers. Y2 checks the full Loewner order.");
        ctx.AddNote(YeDuSetup.OwnSettingsNote);
        return ClaimOutcome.Combine(parts);
    }
}

/// <summary>Y3: Lemma 3 (order): S₁(0) ⪯ S₂(0) ⇒ S₁(t) ⪯ S₂(t) under (5).</summary>
public sealed class Y3OrderPreservationClaim : Claim
{
    private const double Offset = 1e-3;
    private readonly bool _reversed;

    /// <summary>The claim as THEORY §4 states it.</summary>
    public Y3OrderPreservationClaim() : this(false) { }

    /// <summary>Test hook: test the reversed order S₂(t) ⪯ S₁(t), which is false and must fail.</summary>
    internal Y3OrderPreservationClaim(bool reversed) => _reversed = reversed;

    /// <inheritdoc/>
    public override string Id => "Y3";
    /// <inheritdoc/>
    public override string Paper => Papers.YeDu.Label;
    /// <inheritdoc/>
    public override string Source => YeDuSetup.Source("Lemma 3 (order preservation of (5))");
    /// <inheritdoc/>
    public override ClaimKind Kind => ClaimKind.ExactIdentity;
    /// <inheritdoc/>
    public override string Title => "Lemma 3: the symmetric flow (5) preserves the Loewner order";

    /// <inheritdoc/>
    public override ClaimOutcome Run(ClaimContext ctx)
    {
        const int d = YeDuSetup.D;
        const double tol = 1e-12, horizon = 8;
        YeDuSetup.Record(ctx);
        ctx.SetParameter("S₁(0)", "U₀U₀ᵀ with U₀ of Y2 (0.05·G)");
        ctx.SetParameter("S₂(0) − S₁(0)", $"{Offset:G}·I");
        ctx.SetParameter("tolerance (λ_min ≥ −tol)", tol);
        ctx.SetParameter("method", "dop853, rtol 1e−13, atol 1e−17");
        var u0 = Y2LoewnerSandwichClaim.U0(ctx);
        var s1 = YeDuSetup.MulT(d, u0, u0);
        var s2 = (double[])s1.Clone();
        for (int i = 0; i < d; i++) s2[i * d + i] += Offset;
        int samples = ctx.Quick ? 32 : 160;
        var grid = Enumerable.Range(1, samples).Select(i => i * horizon / samples).ToArray();
        ctx.SetParameter("output times", $"{samples} equally spaced on (0, {horizon}]");
        var options = new OdeOptions { RelTol = 1e-13, AbsTol = 1e-17, OutputTimes = grid };
        var sol1 = Solve(ctx, s1, horizon, options);
        var sol2 = Solve(ctx, s2, horizon, options);
        double Gap(double[] upper, double[] lower) => _reversed
            ? YeDuSetup.MinEigenvalueOfDifference(d, lower, upper)
            : YeDuSetup.MinEigenvalueOfDifference(d, upper, lower);
        var parts = new List<ClaimOutcome> { ClaimOutcome.LowerBound(Gap(s2, s1), -tol, "t = 0: λ_min(S₂ − S₁)") };
        for (int g = 0; g < grid.Length; g++)
            parts.Add(ClaimOutcome.LowerBound(Gap(sol2.Values[g], sol1.Values[g]), -tol, $"t = {grid[g]:G4}: λ_min(S₂ − S₁)"));
        ctx.AddNote(YeDuSetup.OwnSettingsNote);
        return ClaimOutcome.Combine(parts);
    }

    private static OdeSolution Solve(ClaimContext ctx, double[] s0, double horizon, OdeOptions options)
    {
        var flow = new SymmetricGramFlow(YeDuSetup.D, YeDuSetup.Sigma);
        var sol = OdeSolve.Solve(flow.CreateProblem(s0, horizon), "dop853", options, ctx.CancellationToken).EnsureSuccess();
        ctx.AddRhsEvaluations(sol.Statistics.RhsEvaluations);
        return sol;
    }
}

/// <summary>Y4: UᵀU − VᵀV is conserved by (1)–(2) from a random start (THEORY §2.1, derived).</summary>
public sealed class Y4ImbalanceConservationClaim : Claim
{
    /// <inheritdoc/>
    public override string Id => "Y4";
    /// <inheritdoc/>
    public override string Paper => Papers.YeDu.Label;
    /// <inheritdoc/>
    public override string Source => YeDuSetup.Source("flow (1)–(2); conservation of UᵀU − VᵀV (derived)");
    /// <inheritdoc/>
    public override ClaimKind Kind => ClaimKind.ExactIdentity;
    /// <inheritdoc/>
    public override string Title => "UᵀU − VᵀV is conserved by the flow (1)–(2)";

    /// <inheritdoc/>
    public override ClaimOutcome Run(ClaimContext ctx)
    {
        const int d = YeDuSetup.D;
        const double scale = 0.3, horizon = 12, tol = 1e-10;
        YeDuSetup.Record(ctx);
        ctx.SetParameter("U₀, V₀ scale", scale);
        ctx.SetParameter("T", horizon);
        ctx.SetParameter("tolerance (max abs entry)", tol);
        ctx.SetParameter("method", "dop853, rtol 1e−12, atol 1e−14");
        var model = YeDuSetup.Model(YeDuSetup.Spectrum);
        var theta0 = YeDuSetup.Stack(YeDuSetup.Gaussian(ctx, Id, "U0", scale), YeDuSetup.Gaussian(ctx, Id, "V0", scale));
        var sol = YeDuSetup.Flow(ctx, model, theta0, horizon, new OdeOptions { RelTol = 1e-12, AbsTol = 1e-14 });
        var i0 = new double[d * d];
        var it = new double[d * d];
        model.Imbalance(theta0, i0);
        double drift = 0;
        foreach (var y in sol.Values)
        {
            model.Imbalance(y, it);
            for (int i = 0; i < i0.Length; i++) drift = Math.Max(drift, Math.Abs(it[i] - i0[i]));
        }
        ctx.Report("f(0)/f(T) (the flow moves)", model.Loss(theta0) / model.Loss(sol.FinalState));
        ctx.Report("output steps", sol.Times.Count);
        ctx.AddNote(YeDuSetup.OwnSettingsNote);
        return ClaimOutcome.UpperBound(drift, tol, $"max drift of UᵀU − VᵀV over [0, {horizon}]");
    }
}

/// <summary>
/// Y5: at random (A, B) the paper's (3), (4), (20), (23) and d‖B‖_F²/dt = −2⟨B, PB⟩ − ‖Q‖_F² agree with derivatives
/// taken from (1)–(2); and ⟨B, QA⟩ = −½‖Q‖_F² ≤ 0.
/// </summary>
public sealed class Y5CurveIdentitiesClaim : Claim
{
    private readonly double _sigmaPerturbation;

    /// <summary>The claim as THEORY §4 states it.</summary>
    public Y5CurveIdentitiesClaim() : this(0.0) { }

    /// <summary>Test hook: the curves are built with Σ + <paramref name="sigmaPerturbation"/>·e₁e₁ᵀ while the flow keeps Σ (≠ 0 must fail).</summary>
    internal Y5CurveIdentitiesClaim(double sigmaPerturbation) => _sigmaPerturbation = sigmaPerturbation;

    /// <inheritdoc/>
    public override string Id => "Y5";
    /// <inheritdoc/>
    public override string Paper => Papers.YeDu.Label;
    /// <inheritdoc/>
    public override string Source => YeDuSetup.Source("eqs. (3), (4), (10), (20), (23)");
    /// <inheritdoc/>
    public override ClaimKind Kind => ClaimKind.ExactIdentity;
    /// <inheritdoc/>
    public override string Title => "Identities (3), (4), (10), (20), (23) and ⟨B, QA⟩ = −½‖Q‖_F² ≤ 0";

    /// <inheritdoc/>
    public override ClaimOutcome Run(ClaimContext ctx)
    {
        const int d = YeDuSetup.D, n = d * d;
        const double tol = 1e-13;
        int draws = ctx.Quick ? 10 : 50;
        int signDraws = ctx.Quick ? 2_000 : 20_000;
        YeDuSetup.Record(ctx);
        ctx.SetParameter("identity draws", draws);
        ctx.SetParameter("⟨B, QA⟩ draws", signDraws);
        ctx.SetParameter("tolerance (relative, Frobenius)", tol);
        ctx.SetParameter("U, V scales", new[] { 0.1, 1.0, 3.0 });
        var model = YeDuSetup.Model(YeDuSetup.Spectrum);
        var sigmaCurves = YeDuSetup.Sigma;
        sigmaCurves[0] += _sigmaPerturbation;
        int seed = ClaimContext.DeriveSeed(ctx.Settings.Seed, Id, "UV");
        ctx.SetParameter("seed[UV]", seed);
        var rng = new Xoshiro256StarStar((ulong)seed);
        double[] scales = [0.1, 1.0, 3.0];
        double worst3 = 0, worst4 = 0, worst10 = 0, worst20 = 0, worst23 = 0;
        var grad = new double[2 * n];
        for (int k = 0; k < draws; k++)
        {
            double scale = scales[k % scales.Length];
            var u = RandomMatrices.Gaussian(rng, d, d, scale);
            var v = RandomMatrices.Gaussian(rng, d, d, scale);
            var theta = YeDuSetup.Stack(u, v);
            model.Gradient(theta, grad); // U′ = −∇_U f = (Σ − UVᵀ)V, V′ = (Σ − UVᵀ)ᵀU
            var du = new double[n];
            var dv = new double[n];
            for (int i = 0; i < n; i++) { du[i] = -grad[i]; dv[i] = -grad[n + i]; }
            var curves = new YeDuCurves(d, sigmaCurves, u, v);
            // Derivatives by the chain rule from (1)–(2), independent of the paper's right-hand sides.
            var dA = new double[n];
            var dB = new double[n];
            for (int i = 0; i < n; i++) { dA[i] = 0.5 * (du[i] + dv[i]); dB[i] = 0.5 * (du[i] - dv[i]); }
            var dS = Sym(YeDuSetup.MulT(d, dA, curves.A));
            var dBB = Sym(YeDuSetup.MulT(d, dB, curves.B));
            var dP = new double[n];
            for (int i = 0; i < n; i++) dP[i] = -dS[i] + dBB[i];
            double dNormB = 2 * LinearAlgebra.Dot(curves.B, dB);
            worst3 = Math.Max(worst3, Rel(curves.ADerivative(), dA));
            worst4 = Math.Max(worst4, Rel(curves.BDerivative(), dB));
            worst20 = Math.Max(worst20, Rel(curves.GramDerivative(), dS));
            worst23 = Math.Max(worst23, Rel(curves.PDerivative(), dP));
            worst10 = Math.Max(worst10, Math.Abs(curves.BNormSquaredDerivative() - dNormB) / Math.Max(Math.Abs(dNormB), double.Epsilon));
        }
        var parts = new List<ClaimOutcome>
        {
            ClaimOutcome.UpperBound(worst3, tol, "(3) A′ = PA − QB: max relative Frobenius difference"),
            ClaimOutcome.UpperBound(worst4, tol, "(4) B′ = −PB + QA"),
            ClaimOutcome.UpperBound(worst20, tol, "(20) (AAᵀ)′ = PS + SP − QBAᵀ + ABᵀQ"),
            ClaimOutcome.UpperBound(worst23, tol, "(23) P′ = −(AAᵀ + BBᵀ)P − P(AAᵀ + BBᵀ) − (ABᵀ + BAᵀ)Q + Q(ABᵀ + BAᵀ)"),
            ClaimOutcome.UpperBound(worst10, tol, "(10) d‖B‖_F²/dt = −2⟨B, PB⟩ − ‖Q‖_F²"),
        };

        double maxInner = double.NegativeInfinity, worstHalf = 0;
        for (int k = 0; k < signDraws; k++)
        {
            double scale = scales[k % scales.Length];
            var u = RandomMatrices.Gaussian(rng, d, d, scale);
            var v = RandomMatrices.Gaussian(rng, d, d, scale);
            var curves = new YeDuCurves(d, sigmaCurves, u, v);
            double inner = curves.InnerBQA();
            double q2 = LinearAlgebra.Dot(curves.Q, curves.Q);
            maxInner = Math.Max(maxInner, inner);
            worstHalf = Math.Max(worstHalf, Math.Abs(inner + 0.5 * q2) / q2);
            if (k % 1000 == 0) ctx.ThrowIfCancellationRequested();
        }
        ctx.Report("max ⟨B, QA⟩ over the draws", maxInner);
        parts.Add(ClaimOutcome.UpperBound(worstHalf, tol, "⟨B, QA⟩ = −½‖Q‖_F²: max relative difference"));
        parts.Add(ClaimOutcome.UpperBound(maxInner, 0, $"max ⟨B, QA⟩ over {signDraws} draws ≤ 0"));
        if (ctx.Quick) ctx.AddNote($"Quick mode: {signDraws} draws for the sign of ⟨B, QA⟩ instead of 20,000.");
        ctx.AddNote(YeDuSetup.OwnSettingsNote);
        return ClaimOutcome.Combine(parts);

        static double[] Sym(double[] x)
        {
            var r = new double[n];
            for (int j = 0; j < d; j++)
                for (int i = 0; i < d; i++) r[j * d + i] = x[j * d + i] + x[i * d + j];
            return r;
        }

        static double Rel(double[] x, double[] reference) => YeDuSetup.FrobeniusDistance(x, reference) / LinearAlgebra.FrobeniusNorm(reference);
    }
}

/// <summary>
/// Y6: from a small random start, ‖B‖_F is non-increasing on the output grid, f(12) &lt; 1e−6 and ‖B(12)‖_F &lt; ‖B(0)‖_F
/// (structural). Draws the P2 figure "‖B‖_F and f on a log scale, t₁ marked".
/// </summary>
public sealed class Y6SmallRandomInitClaim : Claim
{
    private readonly double _horizon;

    /// <summary>The claim as THEORY §4 states it (horizon 12).</summary>
    public Y6SmallRandomInitClaim() : this(12) { }

    /// <summary>Test hook: a different horizon (a short one cannot reach f &lt; 1e−6 and must fail).</summary>
    internal Y6SmallRandomInitClaim(double horizon) => _horizon = horizon;

    /// <inheritdoc/>
    public override string Id => "Y6";
    /// <inheritdoc/>
    public override string Paper => Papers.YeDu.Label;
    /// <inheritdoc/>
    public override string Source => YeDuSetup.Source("§ small random initialization; eqs. (10), (11)");
    /// <inheritdoc/>
    public override ClaimKind Kind => ClaimKind.Structural;
    /// <inheritdoc/>
    public override string Title => "Small random init: ‖B‖_F non-increasing, f(12) < 1e−6";

    internal const double Epsilon = 0.01, StageAlpha = 0.5, StageC = 1;

    /// <inheritdoc/>
    public override ClaimOutcome Run(ClaimContext ctx)
    {
        const int d = YeDuSetup.D;
        const double fBound = 1e-6;
        double step = ctx.Quick ? 0.1 : 0.05;
        YeDuSetup.Record(ctx);
        ctx.SetParameter("U₀, V₀ scale ε", Epsilon);
        ctx.SetParameter("T", _horizon);
        ctx.SetParameter("output step", step);
        ctx.SetParameter("method", "dop853, rtol 1e−10, atol 1e−14");
        var model = YeDuSetup.Model(YeDuSetup.Spectrum);
        var theta0 = YeDuSetup.Stack(YeDuSetup.Gaussian(ctx, Id, "U0", Epsilon), YeDuSetup.Gaussian(ctx, Id, "V0", Epsilon));
        int samples = (int)Math.Round(_horizon / step);
        var grid = Enumerable.Range(1, samples).Select(i => i * _horizon / samples).ToArray();
        var sol = YeDuSetup.Flow(ctx, model, theta0, _horizon, new OdeOptions { RelTol = 1e-10, AbsTol = 1e-14, OutputTimes = grid });
        var t = new[] { 0.0 }.Concat(grid).ToArray();
        var states = new[] { theta0 }.Concat(sol.Values).ToArray();
        var bNorm = states.Select(y => YeDuSetup.BNorm(d, y)).ToArray();
        var f = states.Select(y => model.Loss(y)).ToArray();
        double maxRise = double.NegativeInfinity;
        for (int i = 1; i < bNorm.Length; i++) maxRise = Math.Max(maxRise, bNorm[i] - bNorm[i - 1]);
        ctx.Report("‖B(0)‖_F", bNorm[0]);
        ctx.Report("‖B(T)‖_F", bNorm[^1]);
        ctx.Report("f(0)", f[0]);
        ctx.Report("f(T)", f[^1]);
        double t1 = YeDuClosedForms.StageOneTime(YeDuSetup.Spectrum[0], YeDuSetup.Spectrum[^1], d, StageC, Epsilon, StageAlpha);
        ctx.Report("t₁ by (9) with c = 1, α = ½ (FlowSim's own c, α)", t1);
        var parts = new List<ClaimOutcome>
        {
            ClaimOutcome.UpperBound(maxRise, 1e-12 * bNorm[0], "max rise of ‖B‖_F between output times (rounding allowance 1e−12·‖B(0)‖_F)"),
            ClaimOutcome.UpperBound(f[^1], fBound, $"f({_horizon})"),
            ClaimOutcome.Condition(bNorm[^1] < bNorm[0], $"‖B(T)‖_F = {bNorm[^1]:G4} < ‖B(0)‖_F = {bNorm[0]:G4}", bNorm[^1]),
        };
        var fig = new FigureSpec("b-norm-and-loss", "P2 analog: ‖B‖_F and f from a small random start")
        {
            XLabel = "t",
            YLabel = "value (log scale)",
            LogY = true,
        };
        fig.AddSeries("‖B(t)‖_F", t, bNorm);
        fig.AddSeries("f(t) = ½‖Σ − UVᵀ‖_F²", t, f);
        if (t1 > 0 && t1 < _horizon) fig.AddVerticalLine(t1, "t₁ (9), c = 1, α = ½");
        ctx.AddFigure(fig, "FlowSim's own setting (P2 has no figures): d = 5, Σ = diag(5, 4, 3, 2, 1), U₀, V₀ = 0.01·Gaussian, flow (1)–(2) by dop853 at rtol 1e−10. " +
            "‖B‖_F = ‖U − V‖_F/2 decays monotonically while f falls below 1e−6 (Y6). The vertical line is the stage-1 time (9) with FlowSim's own c = 1 and α = ½ " +
            "(the paper's constants are unknown), only a marker of the scale.");
        ctx.AddNote(YeDuSetup.OwnSettingsNote);
        return ClaimOutcome.Combine(parts);
    }
}

/// <summary>Y7: the stage-1 time (9) puts the upper curve exactly at ασ_d: a₁²(t₁) = 0.5, cross-checked by root finding.</summary>
public sealed class Y7StageOneTimeClaim : Claim
{
    private readonly double _referenceValue;

    /// <summary>The claim as THEORY §4 states it.</summary>
    public Y7StageOneTimeClaim() : this(0.5) { }

    /// <summary>Test hook: the reference value of a₁²(t₁) (anything but ασ_d = 0.5 must fail).</summary>
    internal Y7StageOneTimeClaim(double referenceValue) => _referenceValue = referenceValue;

    /// <inheritdoc/>
    public override string Id => "Y7";
    /// <inheritdoc/>
    public override string Paper => Papers.YeDu.Label;
    /// <inheritdoc/>
    public override string Source => YeDuSetup.Source("eqs. (8), (9) (stage-1 time)");
    /// <inheritdoc/>
    public override ClaimKind Kind => ClaimKind.ClosedForm;
    /// <inheritdoc/>
    public override string Title => "Stage-1 time (9): a₁²(t₁) = ασ_d exactly";

    /// <inheritdoc/>
    public override ClaimOutcome Run(ClaimContext ctx)
    {
        const double sigma1 = 5, sigmaD = 1, c = 1, eps = 0.01, alpha = 0.5;
        const int d = 5;
        ctx.SetParameter("σ₁", sigma1);
        ctx.SetParameter("σ_d", sigmaD);
        ctx.SetParameter("d", d);
        ctx.SetParameter("c", c);
        ctx.SetParameter("ε", eps);
        ctx.SetParameter("α", alpha);
        double t1 = YeDuClosedForms.StageOneTime(sigma1, sigmaD, d, c, eps, alpha);
        double value = YeDuClosedForms.UpperCurveSquared(sigma1, d, c, eps, t1);
        ctx.Report("t₁", t1);
        ctx.Report("a₁²(t₁)", value);

        // Independent cross-check: bisection on the curve as printed, a₁²(t) = σ₁e^{2σ₁t}/(e^{2σ₁t} + σ₁/(c²dε²) − 1).
        double Printed(double t)
        {
            double e = Math.Exp(2 * sigma1 * t);
            return sigma1 * e / (e + sigma1 / (c * c * d * eps * eps) - 1);
        }
        double lo = 0, hi = 10;
        for (int i = 0; i < 200 && hi - lo > 0; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (mid == lo || mid == hi) break;
            if (Printed(mid) < alpha * sigmaD) lo = mid; else hi = mid;
        }
        double root = 0.5 * (lo + hi);
        ctx.Report("t₁ by bisection on the printed curve", root);
        ctx.AddNote("c = 1, ε = 0.01 and α = ½ are FlowSim's own choices (THEORY §4 Y7); the paper's c is an unknown constant.");
        return ClaimOutcome.Combine(
            ClaimOutcome.RelativeAgreement(value, _referenceValue, 1e-14, "a₁²(t₁) vs ασ_d"),
            ClaimOutcome.RelativeAgreement(t1, root, 1e-12, "t₁ by (9) vs bisection"));
    }
}

/// <summary>
/// Y8: Lemma 5 with the actual extremes s_min = σ_min(A(0))², s_max = σ_max(A(0))²: σ_d(Ā(t))² and σ₁(Ā(t))² stay
/// between the scalar solutions started there (THEORY §2.6).
/// </summary>
public sealed class Y8LemmaFiveClaim : Claim
{
    private readonly double _startFactor;

    /// <summary>The claim as THEORY §4 states it.</summary>
    public Y8LemmaFiveClaim() : this(1.0) { }

    /// <summary>Test hook: both curves start from <paramref name="startFactor"/>·s (≠ 1 breaks one side and must fail).</summary>
    internal Y8LemmaFiveClaim(double startFactor) => _startFactor = startFactor;

    /// <inheritdoc/>
    public override string Id => "Y8";
    /// <inheritdoc/>
    public override string Paper => Papers.YeDu.Label;
    /// <inheritdoc/>
    public override string Source => YeDuSetup.Source("Lemma 5, eq. (7), with the actual extremes of A(0)");
    /// <inheritdoc/>
    public override ClaimKind Kind => ClaimKind.ClosedForm;
    /// <inheritdoc/>
    public override string Title => "Lemma 5: σ_d(Ā)² and σ₁(Ā)² between the scalar curves from σ_min(A₀)², σ_max(A₀)²";

    /// <inheritdoc/>
    public override ClaimOutcome Run(ClaimContext ctx)
    {
        const int d = YeDuSetup.D;
        const double eps = 0.01, horizon = 8, tol = 1e-12;
        double sigma1 = YeDuSetup.Spectrum[0], sigmaD = YeDuSetup.Spectrum[^1];
        YeDuSetup.Record(ctx);
        ctx.SetParameter("U₀, V₀ scale ε", eps);
        ctx.SetParameter("T", horizon);
        ctx.SetParameter("tolerance (violation)", tol);
        ctx.SetParameter("method", "dop853, rtol 1e−13, atol 1e−16");
        var u0 = YeDuSetup.Gaussian(ctx, Id, "U0", eps);
        var v0 = YeDuSetup.Gaussian(ctx, Id, "V0", eps);
        var a0 = new double[d * d];
        for (int i = 0; i < a0.Length; i++) a0[i] = 0.5 * (u0[i] + v0[i]);
        var sv = LinearAlgebra.SingularValues(d, d, a0);
        double sMin = sv[^1] * sv[^1] * _startFactor, sMax = sv[0] * sv[0] * _startFactor;
        ctx.Report("s_min = σ_min(A(0))²", sv[^1] * sv[^1]);
        ctx.Report("s_max = σ_max(A(0))²", sv[0] * sv[0]);
        var parts = new List<ClaimOutcome> { ClaimOutcome.UpperBound(sv[0] * sv[0], sigmaD, "hypothesis A(0)A(0)ᵀ ⪯ σ_d I: σ_max(A(0))²") };
        int samples = ctx.Quick ? 40 : 160;
        var grid = Enumerable.Range(1, samples).Select(i => i * horizon / samples).ToArray();
        var model = YeDuSetup.Model(YeDuSetup.Spectrum);
        var sol = YeDuSetup.Flow(ctx, model, YeDuSetup.Stack(a0, a0), horizon, new OdeOptions { RelTol = 1e-13, AbsTol = 1e-16, OutputTimes = grid });
        double worstLow = double.NegativeInfinity, worstHigh = double.NegativeInfinity;
        for (int g = 0; g < grid.Length; g++)
        {
            var abar = sol.Values[g].AsSpan(0, d * d);
            var s = LinearAlgebra.SingularValues(d, d, abar);
            double lower = YeDuClosedForms.SymmetricScalar(sigmaD, sMin, grid[g]);
            double upper = YeDuClosedForms.SymmetricScalar(sigma1, sMax, grid[g]);
            worstLow = Math.Max(worstLow, lower - s[^1] * s[^1]);
            worstHigh = Math.Max(worstHigh, s[0] * s[0] - upper);
        }
        parts.Add(ClaimOutcome.UpperBound(worstLow, tol, "max violation of σ_d(Ā)² ≥ σ_d e^{2σ_d t}/(e^{2σ_d t} − 1 + σ_d/s_min)"));
        parts.Add(ClaimOutcome.UpperBound(worstHigh, tol, "max violation of σ₁(Ā)² ≤ σ₁ e^{2σ₁ t}/(e^{2σ₁ t} − 1 + σ₁/s_max)"));
        ctx.AddNote("Ā is the symmetric trajectory of (1)–(2) from (A(0), A(0)); ε = 0.01 and the grid are FlowSim's own.");
        ctx.AddNote(YeDuSetup.OwnSettingsNote);
        return ClaimOutcome.Combine(parts);
    }
}

/// <summary>Y9: the PL inequality ‖∇f‖_F² ≥ 2(σ_min(U)² + σ_min(V)²)f at random (U, V) of several scales (THEORY §2.10).</summary>
public sealed class Y9PolyakLojasiewiczClaim : Claim
{
    private readonly bool _useLargestSingularValue;

    /// <summary>The claim as THEORY §4 states it.</summary>
    public Y9PolyakLojasiewiczClaim() : this(false) { }

    /// <summary>Test hook: use σ_max instead of σ_min (a false inequality that must fail).</summary>
    internal Y9PolyakLojasiewiczClaim(bool useLargestSingularValue) => _useLargestSingularValue = useLargestSingularValue;

    /// <inheritdoc/>
    public override string Id => "Y9";
    /// <inheritdoc/>
    public override string Paper => Papers.YeDu.Label;
    /// <inheritdoc/>
    public override string Source => YeDuSetup.Source("stage 3 (PL inequality, used for Theorem 1)");
    /// <inheritdoc/>
    public override ClaimKind Kind => ClaimKind.ExactIdentity;
    /// <inheritdoc/>
    public override string Title => "PL: ‖∇f‖_F² ≥ 2(σ_min(U)² + σ_min(V)²)f";

    /// <inheritdoc/>
    public override ClaimOutcome Run(ClaimContext ctx)
    {
        const int d = YeDuSetup.D;
        double[] scales = [0.01, 0.1, 1, 3];
        int perScale = ctx.Quick ? 50 : 500;
        YeDuSetup.Record(ctx);
        ctx.SetParameter("U, V scales", scales);
        ctx.SetParameter("draws per scale", perScale);
        ctx.SetParameter("rounding allowance (relative)", 1e-12);
        int seed = ClaimContext.DeriveSeed(ctx.Settings.Seed, Id, "UV");
        ctx.SetParameter("seed[UV]", seed);
        var rng = new Xoshiro256StarStar((ulong)seed);
        var model = YeDuSetup.Model(YeDuSetup.Spectrum);
        var grad = new double[2 * d * d];
        var parts = new List<ClaimOutcome>();
        double minRatio = double.PositiveInfinity;
        foreach (double scale in scales)
        {
            ClaimOutcome? worst = null;
            double worstRatio = double.PositiveInfinity;
            for (int k = 0; k < perScale; k++)
            {
                var u = RandomMatrices.Gaussian(rng, d, d, scale);
                var v = RandomMatrices.Gaussian(rng, d, d, scale);
                var theta = YeDuSetup.Stack(u, v);
                double f = model.Gradient(theta, grad);
                double lhs = LinearAlgebra.Dot(grad, grad);
                var su = LinearAlgebra.SingularValues(d, d, u);
                var sv = LinearAlgebra.SingularValues(d, d, v);
                double mu = _useLargestSingularValue ? su[0] : su[^1];
                double mv = _useLargestSingularValue ? sv[0] : sv[^1];
                double rhs = 2 * (mu * mu + mv * mv) * f;
                double ratio = lhs / rhs;
                if (ratio < worstRatio)
                {
                    worstRatio = ratio;
                    worst = ClaimOutcome.LowerBound(lhs, rhs * (1 - 1e-12), $"scale {scale}: worst draw ‖∇f‖² vs 2(σ_min(U)² + σ_min(V)²)f");
                }
            }
            minRatio = Math.Min(minRatio, worstRatio);
            parts.Add(worst!);
        }
        ctx.Report("min ratio ‖∇f‖² / (2(σ_min(U)² + σ_min(V)²)f)", minRatio);
        ctx.AddNote(YeDuSetup.OwnSettingsNote);
        return ClaimOutcome.Combine(parts);
    }
}

/// <summary>
/// Y10: soft rate check: the time T to reach f ≤ 1e−6‖Σ‖_F² from a small Gaussian start, over κ, against the bracket
/// (κ/σ_d)ln(κd) + ln(1e6)/σ_d of Theorem 1's form. Structural only; Theorem 1's constants are unknown. Draws the P2
/// figure "time vs κ".
/// </summary>
public sealed class Y10RateScalingClaim : Claim
{
    private readonly double _horizonFactor;

    /// <summary>The claim as THEORY §4 states it.</summary>
    public Y10RateScalingClaim() : this(3.0) { }

    /// <summary>Test hook: integrate to <paramref name="horizonFactor"/>·bracket (a tiny factor cannot reach the threshold and must fail).</summary>
    internal Y10RateScalingClaim(double horizonFactor) => _horizonFactor = horizonFactor;

    /// <inheritdoc/>
    public override string Id => "Y10";
    /// <inheritdoc/>
    public override string Paper => Papers.YeDu.Label;
    /// <inheritdoc/>
    public override string Source => YeDuSetup.Source("Theorem 1 (form of the rate only; constants unknown)");
    /// <inheritdoc/>
    public override ClaimKind Kind => ClaimKind.Structural;
    /// <inheritdoc/>
    public override string Title => "Soft rate scaling: T(κ) against (κ/σ_d)ln(κd) + ln(1e6)/σ_d (not a test of Theorem 1)";

    /// <inheritdoc/>
    public override ClaimOutcome Run(ClaimContext ctx)
    {
        const int d = YeDuSetup.D;
        const double sigmaD = 1, scale = 0.01, target = 1e-6;
        double[] kappas = ctx.Quick ? [2, 4, 8] : [2, 4, 8, 16];
        double rtol = ctx.Quick ? 1e-8 : 1e-10;
        ctx.SetParameter("d", d);
        ctx.SetParameter("σ_d", sigmaD);
        ctx.SetParameter("κ", kappas);
        ctx.SetParameter("Σ", "diag(κ^((d−i)/(d−1))·σ_d), i = 1…d (geometric)");
        ctx.SetParameter("U₀, V₀ scale", scale);
        ctx.SetParameter("threshold f ≤ 1e−6·‖Σ‖_F²", target);
        ctx.SetParameter("method", $"dop853, rtol {rtol:G}, atol 1e−14, terminal event");
        var u0 = YeDuSetup.Gaussian(ctx, Id, "U0", scale);
        var v0 = YeDuSetup.Gaussian(ctx, Id, "V0", scale);
        var theta0 = YeDuSetup.Stack(u0, v0);
        var times = new double[kappas.Length];
        var brackets = new double[kappas.Length];
        var parts = new List<ClaimOutcome>();
        for (int j = 0; j < kappas.Length; j++)
        {
            double kappa = kappas[j];
            var spectrum = Enumerable.Range(1, d).Select(i => sigmaD * Math.Pow(kappa, (double)(d - i) / (d - 1))).ToArray();
            var model = YeDuSetup.Model(spectrum);
            double threshold = target * spectrum.Sum(s => s * s);
            brackets[j] = kappa / sigmaD * Math.Log(kappa * d) + Math.Log(1e6) / sigmaD;
            var evt = new OdeEvent((t, y) => model.Loss(y) - threshold, EventDirection.Falling, Terminal: true, Name: "f reaches threshold");
            var sol = YeDuSetup.Flow(ctx, model, theta0, _horizonFactor * brackets[j],
                new OdeOptions { RelTol = rtol, AbsTol = 1e-14, SaveEveryStep = false, Events = [evt] });
            times[j] = sol.Events.Count > 0 ? sol.Events[0].T : double.NaN;
            ctx.Report($"T(κ = {kappa})", times[j]);
            ctx.Report($"T/bracket (κ = {kappa})", times[j] / brackets[j]);
            parts.Add(ClaimOutcome.Condition(sol.Events.Count > 0, $"κ = {kappa}: f reaches 1e−6‖Σ‖_F² within {_horizonFactor}·bracket", times[j], $"κ = {kappa}"));
        }
        var ratios = times.Zip(brackets, (t, b) => t / b).ToArray();
        double c = ratios.Max();
        ctx.Report("fitted C = max T/bracket", c);
        bool rising = ratios.Length > 1 && ratios.Zip(ratios.Skip(1), (a, b) => b > a).All(x => x);
        parts.Add(ClaimOutcome.Condition(!rising && double.IsFinite(c),
            $"T/bracket does not rise steadily with κ (ratios {string.Join(", ", ratios.Select(r => r.ToString("G3", System.Globalization.CultureInfo.InvariantCulture)))}); C = {c:G4}", c, "trend"));

        if (double.IsFinite(c)) AddFigure(ctx, kappas, times, brackets, c);
        else ctx.AddNote("No κ reached the threshold, so the time-vs-κ figure is omitted.");
        ctx.AddNote("Structural check only: C is fitted from the data, never a constant of Theorem 1.");
        ctx.AddNote("d, σ_d, the spectrum shape, the initial scale and the κ grid are FlowSim's own; P2 has no experiments.");
        if (ctx.Quick) ctx.AddNote("Quick mode: κ ∈ {2, 4, 8} at rtol 1e−8 instead of {2, 4, 8, 16} at 1e−10.");
        return ClaimOutcome.Combine(parts);
    }

    private static void AddFigure(ClaimContext ctx, double[] kappas, double[] times, double[] brackets, double c)
    {
        var fig = new FigureSpec("time-vs-kappa", "P2 analog: time to f ≤ 1e−6‖Σ‖_F² against κ")
        {
            XLabel = "κ = σ₁/σ_d",
            YLabel = "t",
            LogX = true,
        };
        fig.AddSeries("T(κ), gradient flow", kappas, times, SeriesStyle.LineAndMarkers);
        fig.AddSeries($"C·[(κ/σ_d)ln(κd) + ln(1e6)/σ_d], fitted C = {c:G3}", kappas, brackets.Select(b => c * b).ToArray(), SeriesStyle.DashedLine);
        ctx.AddFigure(fig, "FlowSim's own setting (P2 has no figures): d = 5, σ_d = 1, Σ geometric from κ down to 1, U₀, V₀ = 0.01·Gaussian (one draw for every κ). " +
            "The measured time to f ≤ 1e−6‖Σ‖_F² against the form of Theorem 1's bound with a fitted C (Y10). A soft scaling check, not Theorem 1: its constants are unknown.");
    }
}

namespace FlowSim.Theory;

/// <summary>
/// Y2: Theorem 4's Loewner sandwich (6) for U₀ = V₀ = 0.05·G, at t ∈ {0.1, 0.5, 1, 2, 4, 8}. Draws the P2 figure
/// "UUᵀ inside the Theorem 4 sandwich".
/// </summary>
internal sealed class Y2LoewnerSandwich() : PaperClaim<Y2LoewnerSandwich.Parameters>(new("Y2", Papers.YeDu,
    "Theorem 4, eq. (6)", ClaimKind.ClosedForm, "Theorem 4: Lower(t) ⪯ U(t)U(t)ᵀ ⪯ Upper(t) from U₀ = V₀", OwnSettingsNote: true),
    _ => new([0.1, 0.5, 1, 2, 4, 8]))
{
    internal sealed record Parameters([property: Parameter("t (checked)")] double[] CheckTimes, [property: Parameter("U₀ = V₀ scale")] double Scale = YeDuSetup.SandwichScale,
        [property: Parameter("tolerance (λ_min ≥ −tol)")] double Tolerance = 1e-10);

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        const int d = YeDuSetup.D;
        const double horizon = 8;
        ctx.Record(YeDuSetup.Default);
        var u0 = YeDuSetup.SandwichStart(ctx);
        var sv = LinearAlgebra.SingularValues(d, d, u0);
        double a = sv[^1] * ctx.Perturb(1.0, 1.5), b = sv[0]; // wrong input: the lower curve started above σ_min(U₀)²
        ctx.Report("a = σ_min(U₀)", sv[^1]);
        ctx.Report("b = σ_max(U₀)", b);
        int samples = ctx.Quick ? 40 : 160;
        var grid = Enumerable.Range(1, samples).Select(i => i * horizon / samples).Concat(q.CheckTimes).Distinct().Order().ToArray();
        var model = YeDuSetup.Model(YeDuSetup.Spectrum);
        var sol = ctx.Solve(GradientFlow.CreateProblem(model, YeDuSetup.Stack(u0, u0), horizon), "dop853", new OdeOptions { RelTol = 1e-12, AbsTol = 1e-14, OutputTimes = grid });

        var parts = new List<ClaimOutcome>();
        var eig = new double[d][];
        var lowerSeries = new double[d][];
        var upperSeries = new double[d][];
        for (int i = 0; i < d; i++) { eig[i] = new double[grid.Length]; lowerSeries[i] = new double[grid.Length]; upperSeries[i] = new double[grid.Length]; }
        for (int g = 0; g < grid.Length; g++)
        {
            double t = sol.Times[g];
            var u = sol.Values[g].AsSpan(0, d * d).ToArray();
            var uut = YeDuSetup.MulT(u, u);
            var lower = YeDuClosedForms.Sandwich(YeDuSetup.Spectrum, a * a, t);
            var upper = YeDuClosedForms.Sandwich(YeDuSetup.Spectrum, b * b, t);
            var ev = Dense.SymmetricEigenvalues(d, uut);
            for (int i = 0; i < d; i++)
            {
                eig[i][g] = ev[d - 1 - i];
                lowerSeries[i][g] = lower[i];
                upperSeries[i][g] = upper[i];
            }
            if (q.CheckTimes.Contains(t))
            {
                parts.Add(ClaimOutcome.LowerBound(YeDuSetup.MinEigenvalueOfDifference(uut, Dense.Diagonal(lower)), -q.Tolerance, $"t = {t}: λ_min(UUᵀ − Lower)"));
                parts.Add(ClaimOutcome.LowerBound(YeDuSetup.MinEigenvalueOfDifference(Dense.Diagonal(upper), uut), -q.Tolerance, $"t = {t}: λ_min(Upper − UUᵀ)"));
            }
            if (t == horizon)
                ctx.Report("‖Σ − U(8)U(8)ᵀ‖ (draw-dependent)", LinearAlgebra.OperatorNorm(d, d, YeDuSetup.Sigma.Zip(uut, (x, y) => x - y).ToArray()));
        }

        var fig = new FigureSpec("loewner-sandwich", "P2 analog: eigenvalues of UUᵀ inside the Theorem 4 sandwich") { XLabel = "t", YLabel = "eigenvalue", LogY = true };
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
        return ClaimOutcome.Combine(parts);
    }
}

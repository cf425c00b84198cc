namespace FlowSim.Theory;

/// <summary>
/// E1: ∇S = D³L[u, u, ·] by the closed forms of THEORY §6.1 and by the two-HVP route, against central differences of
/// S computed by the dense eigensolver on explicit Hessians (a route sharing no code with Lanczos or the closed forms).
/// </summary>
internal sealed class E1SharpnessGradient() : PaperClaim<E1SharpnessGradient.Parameters>(new("E1", Papers.LargeSteps,
    "THEORY.md §6.1 (∇S = D³L[u, u, ·]; closed forms for factorisation, sensing, scalar networks; the two-HVP route)", ClaimKind.ExactIdentity,
    "∇S by the closed forms and the two-HVP route against differences of the dense sharpness", OwnSettingsNote: true),
    quick => new(quick ? 1 : 2))
{
    internal sealed record Parameters([property: Parameter("points per model")] int Points,
        [property: Parameter("difference step h (Richardson h, h/2)")] double Step = 1e-3, [property: Parameter("relative tolerance")] double Tolerance = 1e-7)
    {
        [Parameter("models")]
        public string[] Models { get; init; } = ["MF 4×3 rank 2", "MF 3×3", "sensing 3×3 (M = 20)", "scalar N = 2", "scalar N = 3", "scalar N = 4"];
    }

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        // Wrong input: the sign of ∇S flipped on the second half of θ (the V block, or the last factors), as a slip in ∇_V would do.
        double flip = ctx.Perturb(1.0, -1.0);
        var rng = ctx.CreateRng("models and points");
        var parts = new List<ClaimOutcome>();
        foreach (string name in q.Models)
        {
            var (model, lambda) = Build(name, rng);
            for (int point = 0; point < q.Points; point++)
            {
                var theta = Point(model, rng);
                Func<double[], double> dense = lambda is double l
                    ? x => DenseCurvature.ScalarNetworkSharpness(l, x)
                    : x => DenseCurvature.Sharpness(model, x);
                var values = lambda is double l2
                    ? DenseCurvature.Eigenvalues(theta.Length, DenseCurvature.ScalarNetworkHessian(l2, theta))
                    : DenseCurvature.Eigenvalues(theta.Length, DenseCurvature.Hessian(model, theta));
                double gap = (values[0] - values[1]) / Math.Abs(values[0]);
                ctx.Report($"{name}, point {point + 1}: relative gap (λ₁ − λ₂)/|λ₁|", gap);
                if (!(gap > 1e-3)) throw new InvalidOperationException($"{name}: the top eigenvalue is not simple at the drawn point (gap {gap:G3}); ∇S does not exist there.");
                var reference = DenseCurvature.SharpnessGradient(dense, theta, q.Step);
                var lanczos = new LanczosEigensolver(theta.Length, new LanczosOptions { Tolerance = 1e-14 });
                lanczos.Solve(model, theta);
                var u = lanczos.Eigenvector(0).ToArray();
                string label = $"{name}, point {point + 1}";
                parts.Add(Compare(ctx, CurvatureGradients.For(model), theta, u, reference, flip, q.Tolerance, $"{label}: closed form"));
                // The two-HVP route is exact up to rounding when the HVP is quadratic in θ; for scalar networks it is O(h²),
                // so it runs with its Richardson option there.
                parts.Add(Compare(ctx, new HessianVectorCurvature(model, richardson: model is ScalarNetwork), theta, u, reference, flip, q.Tolerance,
                    $"{label}: two-HVP route"));
            }
        }
        ctx.AddNote("Reference: ∇S by central differences (steps h and h/2, Richardson) of λ_max of the explicit Hessian, decomposed by the dense " +
                    "symmetric eigensolver; the scalar networks' Hessian is written out as ggᵀ + rG, the two-factor models' is assembled from H·e_j. " +
                    "The measured ∇S uses the unit top eigenvector from Lanczos (tolerance 1e-14). Points: U, V entries N(0, 0.8²); scalar factors 0.6 + N(0, 1).");
        return ClaimOutcome.Combine(parts);
    }

    private static ClaimOutcome Compare(ClaimContext ctx, ICurvatureGradient curvature, double[] theta, double[] u, double[] reference,
        double flip, double tolerance, string label)
    {
        var g = new double[theta.Length];
        curvature.CurvatureGradient(theta, u, g);
        for (int i = theta.Length / 2; i < theta.Length; i++) g[i] *= flip;
        double err = LargeStepsSetup.Distance(g, reference) / Math.Sqrt(reference.Sum(x => x * x));
        ctx.Report($"{label}: ‖∇S − ∇S_ref‖/‖∇S_ref‖", err);
        return ClaimOutcome.UpperBound(err, tolerance, label);
    }

    private static (IHessianVectorProduct Model, double? Lambda) Build(string name, Xoshiro256StarStar rng) => name switch
    {
        "MF 4×3 rank 2" => (new AsymmetricFactorization(4, 3, 2, RandomMatrices.Gaussian(rng, 4, 3)), null),
        "MF 3×3" => (new AsymmetricFactorization(3, 3, 3, RandomMatrices.Gaussian(rng, 3, 3)), null),
        "sensing 3×3 (M = 20)" => (new MatrixSensing(new GaussianMeasurements(20, 3, 3, rng.NextUInt64()), RandomMatrices.Gaussian(rng, 3, 3), 3), null),
        "scalar N = 2" => (new ScalarNetwork(2, 1.0), 1.0),
        "scalar N = 3" => (new ScalarNetwork(3, 1.0), 1.0),
        "scalar N = 4" => (new ScalarNetwork(4, 1.0), 1.0),
        _ => throw new ArgumentException($"E1: unknown model '{name}'."),
    };

    private static double[] Point(IHessianVectorProduct model, Xoshiro256StarStar rng)
    {
        var theta = new double[model.ParameterCount];
        if (model is ScalarNetwork)
        {
            rng.FillNormal(theta);
            for (int i = 0; i < theta.Length; i++) theta[i] += 0.6;
        }
        else rng.FillNormal(theta, 0.8);
        return theta;
    }
}

namespace FlowSim.Theory;

/// <summary>
/// The shared setting of the Y claims (THEORY §4, P2 default): d = 5, Σ = diag(5, 4, 3, 2, 1), and the draws that
/// more than one claim uses. P2 has no experiments, so all of it is FlowSim's own.
/// </summary>
internal static class YeDuSetup
{
    public const int D = 5;
    public static readonly double[] Spectrum = [5, 4, 3, 2, 1];

    /// <summary>The setting as the report lists it.</summary>
    public static readonly Setting Default = new(D, Spectrum);

    /// <summary>d and the spectrum of Σ.</summary>
    public sealed record Setting(int d, [property: Parameter("σ(Σ)")] double[] SigmaSpectrum);

    public static double[] Sigma => Dense.Diagonal(Spectrum);

    public static AsymmetricFactorization Model(IReadOnlyList<double> spectrum) =>
        new(spectrum.Count, spectrum.Count, spectrum.Count, Dense.Diagonal([.. spectrum]));

    /// <summary>A d×d Gaussian matrix times <paramref name="scale"/>, from a seed derived from (master seed, <paramref name="owner"/>, stream); the seed is recorded.</summary>
    public static double[] Gaussian(ClaimContext ctx, string owner, string stream, double scale, int d = D)
    {
        int seed = ClaimContext.DeriveSeed(ctx.Settings.Seed, owner, stream);
        ctx.SetParameter($"seed[{owner}/{stream}]", seed);
        return RandomMatrices.Gaussian(new Xoshiro256StarStar((ulong)seed), d, d, scale);
    }

    /// <summary>U₀ = V₀ = 0.05·G of Theorem 4's sandwich (Y2), whose U₀U₀ᵀ is also Lemma 3's S₁(0) (Y3); the seed keeps its owner "Y2".</summary>
    public static double[] SandwichStart(ClaimContext ctx) => Gaussian(ctx, "Y2", "U0", SandwichScale);

    public const double SandwichScale = 0.05;

    /// <summary>a·bᵀ for d×d matrices.</summary>
    public static double[] MulT(double[] a, double[] b) => Dense.Multiply(a, D, D, b, D, D, transposeB: true);

    public static double MinEigenvalueOfDifference(double[] a, double[] b) =>
        Dense.SymmetricEigenvalues(D, a.Zip(b, (x, y) => x - y).ToArray())[0];

    public static double[] Stack(double[] u, double[] v) => [.. u, .. v];

    /// <summary>‖B‖_F with B = (U − V)/2, at θ = (U, V).</summary>
    public static double BNorm(ReadOnlySpan<double> theta)
    {
        double s = 0;
        for (int i = 0; i < D * D; i++)
        {
            double b = 0.5 * (theta[i] - theta[D * D + i]);
            s += b * b;
        }
        return Math.Sqrt(s);
    }
}

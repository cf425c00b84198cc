namespace FlowSim.Theory;

/// <summary>
/// The settings the E claims share (THEORY.md §6.3, all FlowSim's own): MF4, Scalar-2, the scalar networks, and the closed
/// forms derived for them — the balanced 2-cycle of Scalar-2 and the flip ratio 1 − ℓ''ℓ''''/(3ℓ'''²) of a balanced network.
/// </summary>
internal static class LargeStepsSetup
{
    /// <summary>MF4's target spectrum: Q₁ diag(1, 0.5, 0.2, 0.1) Q₂ᵀ.</summary>
    public static readonly double[] Mf4Spectrum = [1.0, 0.5, 0.2, 0.1];
    /// <summary>Scale of MF4's initial entries: 1e-3·N(0, 1).</summary>
    public const double Mf4InitScale = 1e-3;
    /// <summary>The owner of MF4's seed stream: every E claim draws the same MF4 for one master seed.</summary>
    private const string Mf4SeedOwner = "MF4";

    /// <summary>
    /// MF4: U, V 4×4, target Q₁ diag(1, 0.5, 0.2, 0.1) Q₂ᵀ with Haar-random Q₁, Q₂, θ0 = 1e-3·N(0, 1). Drawn from the
    /// stream (master seed, "MF4") rather than the claim's own, so that E2, E3, E10 and E12 describe one and the same run;
    /// the derived seed is recorded as the parameter "seed[MF4]".
    /// </summary>
    public static (AsymmetricFactorization Model, double[] Theta0) Mf4(ClaimContext ctx)
    {
        int seed = ClaimContext.DeriveSeed(ctx.Settings.Seed, Mf4SeedOwner, "target and θ0");
        ctx.SetParameter("seed[MF4]", seed);
        var rng = new Xoshiro256StarStar((ulong)seed);
        var q1 = RandomMatrices.Orthogonal(rng, 4);
        var q2 = RandomMatrices.Orthogonal(rng, 4);
        var scaled = new double[16];
        for (int j = 0; j < 4; j++)
            for (int i = 0; i < 4; i++) scaled[j * 4 + i] = q1[j * 4 + i] * Mf4Spectrum[j];
        var target = Dense.Multiply(scaled, 4, 4, q2, 4, 4, transposeB: true);
        var model = new AsymmetricFactorization(4, 4, 4, target);
        var theta0 = new double[model.ParameterCount];
        rng.FillNormal(theta0, Mf4InitScale);
        return (model, theta0);
    }

    /// <summary>Scalar-2: ½(xy − 1)².</summary>
    public static ScalarNetwork Scalar2() => new(2, 1.0);

    /// <summary>
    /// [derived] Scalar-2's balanced 2-cycle for 1 &lt; η &lt; √5 − 1: on x = y = s descent is s ↦ s − ηs(s² − 1), whose
    /// 2-cycle {a, b} has a + b = √(1 + 3/η) and ab = 1/η, so a, b = (√(1 + 3/η) ± √(1 − 1/η))/2.
    /// </summary>
    public static (double A, double B) TwoCycle(double eta) =>
        ((Math.Sqrt(1 + 3 / eta) + Math.Sqrt(1 - 1 / eta)) / 2, (Math.Sqrt(1 + 3 / eta) - Math.Sqrt(1 - 1 / eta)) / 2);

    /// <summary>√5 − 1, where Scalar-2's 2-cycle loses stability: its multiplier is 9 − 2(1 + η)² [derived].</summary>
    public static readonly double PeriodDoubling = Math.Sqrt(5) - 1;

    /// <summary>
    /// [derived] 1 − ℓ''ℓ''''/(3ℓ'''²) for the balanced scalar network ½(x₁⋯x_N − 1)² at its balanced minimum w* = (1, …, 1),
    /// ℓ(t) = L(w* + tu), u = (1, …, 1)/√N. With c = 1/√N, (1 + ct)^N − 1 = a₁t + a₂t² + a₃t³ + … (a_j = C(N, j)c^j), so
    /// ℓ = ½a₁²t² + a₁a₂t³ + (½a₂² + a₁a₃)t⁴ + …: ℓ'' = a₁², ℓ''' = 6a₁a₂, ℓ'''' = 24(½a₂² + a₁a₃).
    /// N = 2: 8/9; N = 3: 22/27; N = 4: 64/81.
    /// </summary>
    public static double FlipRatio(int depth)
    {
        double c = 1 / Math.Sqrt(depth);
        double a1 = depth * c, a2 = depth * (depth - 1) / 2.0 * c * c, a3 = depth * (depth - 1) * (depth - 2) / 6.0 * c * c * c;
        double l2 = a1 * a1, l3 = 6 * a1 * a2, l4 = 24 * (0.5 * a2 * a2 + a1 * a3);
        return 1 - l2 * l4 / (3 * l3 * l3);
    }

    /// <summary>The value at 0 of the polynomial through (x_i, y_i) (Neville's scheme): Richardson extrapolation in x.</summary>
    public static double ExtrapolateToZero(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var p = y.ToArray();
        int n = p.Length;
        for (int m = 1; m < n; m++)
            for (int i = 0; i < n - m; i++)
                p[i] = (x[i + m] * p[i] - x[i] * p[i + 1]) / (x[i + m] - x[i]);
        return p[0];
    }

    /// <summary>Euclidean distance.</summary>
    public static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => Dense.Distance(a, b);

    /// <summary>The grid kη, k = 0 … K.</summary>
    public static double[] Grid(double eta, int steps) => [.. Enumerable.Range(0, steps + 1).Select(k => k * eta)];
}

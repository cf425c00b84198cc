namespace FlowSim.Ode;

public sealed partial class RadauIIA5
{
    private static readonly double Sqrt6 = Math.Sqrt(6.0);

    /// <summary>Nodes c₁ = (4 − √6)/10, c₂ = (4 + √6)/10, c₃ = 1.</summary>
    internal static readonly double[] C = [(4 - Sqrt6) / 10, (4 + Sqrt6) / 10, 1.0];

    /// <summary>The coefficient matrix A of the 3-stage Radau IIA method (rows are stages), Hairer–Wanner II, Table IV.5.6.</summary>
    internal static readonly double[][] A =
    [
        [(88 - 7 * Sqrt6) / 360, (296 - 169 * Sqrt6) / 1800, (-2 + 3 * Sqrt6) / 225],
        [(296 + 169 * Sqrt6) / 1800, (88 + 7 * Sqrt6) / 360, (-2 - 3 * Sqrt6) / 225],
        [(16 - Sqrt6) / 36, (16 + Sqrt6) / 36, 1.0 / 9],
    ];

    /// <summary>The real eigenvalue γ of A⁻¹ (Hairer's U1 = 30/(6 + 81^(1/3) − 9^(1/3))).</summary>
    internal static readonly double Gamma = 30.0 / (6 + Math.Cbrt(81) - Math.Cbrt(9));

    /// <summary>Real part α of the complex eigenvalue pair α ± iβ of A⁻¹ (the inverse of A's pair α̃ ∓ iβ̃,
    /// α̃ = (12 − 81^(1/3) + 9^(1/3))/60, β̃ = (81^(1/3) + 9^(1/3))·√3/60).</summary>
    internal static readonly double Alpha = AlphaTilde / (AlphaTilde * AlphaTilde + BetaTilde * BetaTilde);

    /// <summary>Imaginary part β of the complex eigenvalue pair of A⁻¹.</summary>
    internal static readonly double Beta = BetaTilde / (AlphaTilde * AlphaTilde + BetaTilde * BetaTilde);

    private static double AlphaTilde => (12 - Math.Cbrt(81) + Math.Cbrt(9)) / 60;
    private static double BetaTilde => (Math.Cbrt(81) + Math.Cbrt(9)) * Math.Sqrt(3) / 60;

    /// <summary>T with A⁻¹ = T·Λ·T⁻¹, Λ = [[γ, 0, 0], [0, α, −β], [0, β, α]] (Hairer's RADAU5, T11…T31; T32 = 1, T33 = 0).</summary>
    internal static readonly double[,] T =
    {
        { 9.1232394870892942792e-02, -0.14125529502095420843, -3.0029194105147424492e-02 },
        { 0.24171793270710701896, 0.20412935229379993199, 0.38294211275726193779 },
        { 0.96604818261509293619, 1.0, 0.0 },
    };

    /// <summary>T⁻¹ (Hairer's RADAU5, TI11…TI33).</summary>
    internal static readonly double[,] TInverse =
    {
        { 4.3255798900631553510, 0.33919925181580986954, 0.54177053993587487119 },
        { -4.1787185915519047273, -0.32768282076106238708, 0.47662355450055045196 },
        { -0.50287263494578687595, 2.5719269498556054292, -0.59603920482822492497 },
    };

    /// <summary>Weights of Hairer's embedded error estimate: err = (γ/h·I − J)⁻¹ (f(t, y) + Σ_i E_i Z_i / h),
    /// E = (−(13 + 7√6)/3, (−13 + 7√6)/3, −1/3) (RADAU5's DD1…DD3).</summary>
    internal static readonly double[] E = [-(13 + 7 * Sqrt6) / 3, (-13 + 7 * Sqrt6) / 3, -1.0 / 3];

    /// <summary>P with the collocation polynomial u(t_old + θh) = y_old + Σ_k Q_k θ^k, Q_k = Σ_i P[i, k−1]·Z_i: the
    /// cubic through (0, 0), (c₁, Z₁), (c₂, Z₂), (1, Z₃), from the inverse of the Vandermonde matrix V[i, k] = c_i^(k+1).</summary>
    internal static readonly double[,] DenseP = InverseTransposedVandermonde();

    private static double[,] InverseTransposedVandermonde()
    {
        var v = new double[3, 3];
        for (int i = 0; i < 3; i++)
            for (int k = 0; k < 3; k++) v[i, k] = Math.Pow(C[i], k + 1);
        // Cofactor inverse of the 3×3 matrix; P = (V⁻¹)ᵀ so that Q_k = Σ_i P[i, k] Z_i.
        double det = v[0, 0] * (v[1, 1] * v[2, 2] - v[1, 2] * v[2, 1]) - v[0, 1] * (v[1, 0] * v[2, 2] - v[1, 2] * v[2, 0])
                   + v[0, 2] * (v[1, 0] * v[2, 1] - v[1, 1] * v[2, 0]);
        var p = new double[3, 3];
        for (int i = 0; i < 3; i++)
            for (int k = 0; k < 3; k++)
            {
                int r0 = (i + 1) % 3, r1 = (i + 2) % 3, c0 = (k + 1) % 3, c1 = (k + 2) % 3;
                // Cofactor of V[i, k] = (V⁻¹)[k, i]·det.
                p[i, k] = (v[r0, c0] * v[r1, c1] - v[r0, c1] * v[r1, c0]) / det;
            }
        return p;
    }
}

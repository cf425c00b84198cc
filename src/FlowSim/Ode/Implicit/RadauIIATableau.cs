namespace FlowSim.Ode;

/// <summary>
/// The constants a Radau IIA step of s stages (s odd: order 2s − 1) needs in Hairer's transformed form: the nodes, the
/// eigenvalues of A⁻¹ (one real γ and (s − 1)/2 complex pairs α_k ± iβ_k), the real transformation T with
/// T⁻¹A⁻¹T = diag(γ, [[α₁, −β₁], [β₁, α₁]], …), the weights E of the embedded error estimate and the matrix of the
/// collocation polynomial (dense output).
/// </summary>
/// <remarks>
/// Three stages take RADAU5's published constants (<see cref="RadauIIA5"/>). Other stage counts are computed once, in
/// double precision, from the definition (Hairer–Wanner II, §IV.5 and §IV.8): the nodes are the zeros of
/// P_s(2x − 1) − P_{s−1}(2x − 1), A solves the collocation conditions Σ_j a_ij c_j^(k−1) = c_i^k/k, T comes from the
/// eigenvectors of A⁻¹, and the embedded method ŷ = y₀ + h(γ₀f(y₀) + Σ b̂_i f(Y_i)), γ₀ = 1/γ, has the quadrature order s
/// (Σ b̂_i c_i^(k−1) + γ₀[k = 1] = 1/k, k = 1 … s), so ŷ − y = γ₀h f(y₀) + Σ_j d_j Z_j with d = A⁻ᵀ(b̂ − b) and E = γ·d.
/// The same construction reproduces RADAU5's E and T (a test checks it).
/// </remarks>
internal sealed class RadauIIATableau
{
    private RadauIIATableau(double[] c, double gamma, double[] alpha, double[] beta, double[,] t, double[,] tInverse, double[] e,
        double[,] denseP)
    {
        C = c;
        Gamma = gamma;
        Alpha = alpha;
        Beta = beta;
        T = t;
        TInverse = tInverse;
        E = e;
        DenseP = denseP;
    }

    /// <summary>RADAU5's 3-stage method (order 5, estimate of order 3), with Hairer's published constants.</summary>
    public static RadauIIATableau Three { get; } = new(RadauIIA5.C, RadauIIA5.Gamma, [RadauIIA5.Alpha], [RadauIIA5.Beta],
        RadauIIA5.T, RadauIIA5.TInverse, RadauIIA5.E, RadauIIA5.DenseP);

    /// <summary>The 5-stage method (order 9, estimate of order 5), computed from its definition.</summary>
    public static RadauIIATableau Five { get; } = Compute(5);

    /// <summary>Stages s.</summary>
    public int Stages => C.Length;

    /// <summary>Classical order 2s − 1.</summary>
    public int Order => 2 * Stages - 1;

    /// <summary>Order of the embedded solution the error estimate compares with: s.</summary>
    public int ErrorOrder => Stages;

    /// <summary>Nodes c₁ &lt; … &lt; c_s = 1.</summary>
    public double[] C { get; }

    /// <summary>The real eigenvalue γ of A⁻¹.</summary>
    public double Gamma { get; }

    /// <summary>Real parts α_k of the complex eigenvalue pairs of A⁻¹.</summary>
    public double[] Alpha { get; }

    /// <summary>Imaginary parts β_k &gt; 0 of the complex eigenvalue pairs of A⁻¹.</summary>
    public double[] Beta { get; }

    /// <summary>T with T⁻¹A⁻¹T = diag(γ, [[α₁, −β₁], [β₁, α₁]], …); column 0 is the real eigenvector, then each pair.</summary>
    public double[,] T { get; }

    /// <summary>T⁻¹.</summary>
    public double[,] TInverse { get; }

    /// <summary>Weights of the error estimate err = (γ/h·I − J)⁻¹ (f(t, y) + Σ_i E_i Z_i/h).</summary>
    public double[] E { get; }

    /// <summary>P with the collocation polynomial u(t_old + θh) = y_old + Σ_k Q_k θ^k, Q_k = Σ_i P[i, k−1]·Z_i.</summary>
    public double[,] DenseP { get; }

    /// <summary>Computes the tableau of s stages (s odd, ≥ 3) from its definition, in 28-digit decimal arithmetic
    /// (double precision would leave the quadrature weights 1e-13 off, and with them a floor under the error at tight
    /// tolerances).</summary>
    public static RadauIIATableau Compute(int s)
    {
        var x = RadauIIAConstruction.Compute(s);
        return new RadauIIATableau(x.C, x.Gamma, x.Alpha, x.Beta, x.T, x.TInverse, x.E, x.DenseP);
    }

}

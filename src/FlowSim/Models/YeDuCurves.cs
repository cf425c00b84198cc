using FlowSim.Linalg;

namespace FlowSim.Models;

/// <summary>
/// The auxiliary curves of full-rank asymmetric factorization at one point (U, V) (THEORY §2.2, Ye–Du eqs (3), (4)):
/// A = (U + V)/2, B = (U − V)/2, P = Σ − AAᵀ + BBᵀ (symmetric), Q = ABᵀ − BAᵀ (antisymmetric), so Σ − UVᵀ = P + Q,
/// and the right-hand sides the paper writes for their time derivatives along the flow (1)–(2):
/// (3) A′ = PA − QB, (4) B′ = −PB + QA, (20) (AAᵀ)′ = PS + SP − QBAᵀ + ABᵀQ,
/// (23) P′ = −(AAᵀ + BBᵀ)P − P(AAᵀ + BBᵀ) − (ABᵀ + BAᵀ)Q + Q(ABᵀ + BAᵀ), and (10) d‖B‖_F²/dt = −2⟨B, PB⟩ − ‖Q‖_F².
/// </summary>
/// <remarks>
/// Attributed to Ye &amp; Du (THEORY §0.1). All matrices are d×d column-major; Σ must be symmetric (the identities
/// (3), (4) use Σᵀ = Σ). These are the paper's formulas, evaluated as written; checking them against derivatives
/// taken from (1)–(2) is the job of claim Y5. Allocates (a metric, not a hot loop).
/// </remarks>
public sealed class YeDuCurves
{
    /// <summary>Computes A, B, P, Q at (U, V) for the target Σ.</summary>
    /// <exception cref="ArgumentException">d is not positive or a matrix has not d·d entries.</exception>
    public YeDuCurves(int d, ReadOnlySpan<double> sigma, ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        if (d < 1) throw new ArgumentException($"d: must be ≥ 1 (got {d}).", nameof(d));
        Check(sigma, d, nameof(sigma));
        Check(u, d, nameof(u));
        Check(v, d, nameof(v));
        D = d;
        int n = d * d;
        A = new double[n];
        B = new double[n];
        for (int i = 0; i < n; i++)
        {
            A[i] = 0.5 * (u[i] + v[i]);
            B[i] = 0.5 * (u[i] - v[i]);
        }
        Gram = Mul(A, A, transB: true);
        BBt = Mul(B, B, transB: true);
        P = new double[n];
        for (int i = 0; i < n; i++) P[i] = sigma[i] - Gram[i] + BBt[i];
        var abt = Mul(A, B, transB: true);
        Q = new double[n];
        AbtPlusBat = new double[n];
        for (int j = 0; j < d; j++)
            for (int i = 0; i < d; i++)
            {
                Q[j * d + i] = abt[j * d + i] - abt[i * d + j];          // ABᵀ − BAᵀ, BAᵀ = (ABᵀ)ᵀ
                AbtPlusBat[j * d + i] = abt[j * d + i] + abt[i * d + j];
            }
    }

    /// <summary>Matrix size d.</summary>
    public int D { get; }
    /// <summary>A = (U + V)/2.</summary>
    public double[] A { get; }
    /// <summary>B = (U − V)/2.</summary>
    public double[] B { get; }
    /// <summary>S = AAᵀ.</summary>
    public double[] Gram { get; }
    /// <summary>P = Σ − AAᵀ + BBᵀ.</summary>
    public double[] P { get; }
    /// <summary>Q = ABᵀ − BAᵀ.</summary>
    public double[] Q { get; }

    private double[] BBt { get; }
    private double[] AbtPlusBat { get; }

    /// <summary>Eq. (3): PA − QB.</summary>
    public double[] ADerivative() => Combine(Mul(P, A), Mul(Q, B), -1);

    /// <summary>Eq. (4): −PB + QA.</summary>
    public double[] BDerivative() => Combine(Mul(Q, A), Mul(P, B), -1);

    /// <summary>Eq. (20): (AAᵀ)′ = PS + SP − QBAᵀ + ABᵀQ with S = AAᵀ.</summary>
    public double[] GramDerivative()
    {
        var ps = Mul(P, Gram);
        var qba = Mul(Mul(Q, B), A, transB: true);
        var abq = Mul(Mul(A, B, transB: true), Q);
        var r = new double[ps.Length];
        int d = D;
        for (int j = 0; j < d; j++)
            for (int i = 0; i < d; i++)
                r[j * d + i] = ps[j * d + i] + ps[i * d + j] - qba[j * d + i] + abq[j * d + i]; // SP = (PS)ᵀ
        return r;
    }

    /// <summary>Eq. (23): P′ = −(AAᵀ + BBᵀ)P − P(AAᵀ + BBᵀ) − (ABᵀ + BAᵀ)Q + Q(ABᵀ + BAᵀ).</summary>
    public double[] PDerivative()
    {
        var sum = new double[Gram.Length];
        for (int i = 0; i < sum.Length; i++) sum[i] = Gram[i] + BBt[i];
        var sp = Mul(sum, P);
        var ps = Mul(P, sum);
        var cq = Mul(AbtPlusBat, Q);
        var qc = Mul(Q, AbtPlusBat);
        var r = new double[sum.Length];
        for (int i = 0; i < r.Length; i++) r[i] = -sp[i] - ps[i] - cq[i] + qc[i];
        return r;
    }

    /// <summary>Eq. (10) as an identity [derived]: d‖B‖_F²/dt = −2⟨B, PB⟩ − ‖ABᵀ − BAᵀ‖_F².</summary>
    public double BNormSquaredDerivative() => -2 * LinearAlgebra.Dot(B, Mul(P, B)) - LinearAlgebra.Dot(Q, Q);

    /// <summary>⟨B, QA⟩, which equals −½‖Q‖_F² ≤ 0 [derived exact identity, THEORY §2.7].</summary>
    public double InnerBQA() => LinearAlgebra.Dot(B, Mul(Q, A));

    private double[] Mul(double[] x, double[] y, bool transB = false) => Dense.Multiply(x, D, D, y, D, D, transposeB: transB);

    private static double[] Combine(double[] x, double[] y, double sign)
    {
        var r = new double[x.Length];
        for (int i = 0; i < r.Length; i++) r[i] = x[i] + sign * y[i];
        return r;
    }

    private static void Check(ReadOnlySpan<double> m, int d, string name)
    {
        if (m.Length != d * d) throw new ArgumentException($"{name}: expected {d * d} entries (d×d), got {m.Length}.", name);
    }
}

using MathNet.Numerics.LinearAlgebra;

namespace FlowSim.Ode;

/// <summary>
/// The constants of an s-stage Radau IIA method computed from their definition in <see cref="decimal"/> arithmetic (28
/// digits), then rounded to double: nodes by bisection on P_s(2x − 1) − P_{s−1}(2x − 1), A from the collocation
/// conditions, the eigenpairs of A⁻¹ refined from double-precision starts, T normalised as in Hairer's
/// codes (last row 1, 1, 0, 1, 0, …), the embedded error weights and the dense-output matrix.
/// </summary>
internal static class RadauIIAConstruction
{
    internal readonly record struct Constants(double[] C, double Gamma, double[] Alpha, double[] Beta, double[,] T,
        double[,] TInverse, double[] E, double[,] DenseP);

    public static Constants Compute(int s)
    {
        if (s < 3 || s % 2 == 0) throw new ArgumentOutOfRangeException(nameof(s), s, "Radau IIA: s must be odd and ≥ 3.");
        var c = Nodes(s);
        var m = PowerMatrix(c);
        var a = Collocation(c, m);
        var aInv = Inverse(a);
        // Eigenvalues of A⁻¹ in double (one real, (s − 1)/2 pairs), refined with their eigenvectors in decimal.
        var evd = Matrix<double>.Build.Dense(s, s, (i, j) => (double)aInv[i, j].Re).Evd();
        var guesses = evd.EigenValues.Where(v => v.Imaginary >= -1e-12 * v.Magnitude).OrderBy(v => v.Imaginary).ToArray();
        if (guesses.Length != (s + 1) / 2 || Math.Abs(guesses[0].Imaginary) > 1e-9 * guesses[0].Magnitude)
            throw new InvalidOperationException($"Radau IIA: unexpected spectrum of A⁻¹ for s = {s}.");
        var t = new Cd[s, s];
        var (gamma, realVector) = Eigenpair(aInv, new Cd((decimal)guesses[0].Real, 0));
        for (int i = 0; i < s; i++) t[i, 0] = new Cd(realVector[i].Re, 0);
        int pairs = (s - 1) / 2;
        var alpha = new double[pairs];
        var beta = new double[pairs];
        for (int p = 0; p < pairs; p++)
        {
            // The eigenvector of α − iβ, v = u + iw with v_s = 1, gives A⁻¹u = αu + βw and A⁻¹w = −βu + αw: in the basis
            // (u, w) the block [[α, −β], [β, α]] the transformed Newton iteration solves as (α + iβ)/h − J.
            var g = guesses[1 + p];
            var (mu, v) = Eigenpair(aInv, new Cd((decimal)g.Real, -(decimal)Math.Abs(g.Imaginary)));
            alpha[p] = (double)mu.Re;
            beta[p] = -(double)mu.Im;
            for (int i = 0; i < s; i++)
            {
                t[i, 1 + 2 * p] = new Cd(v[i].Re, 0);
                t[i, 2 + 2 * p] = new Cd(v[i].Im, 0);
            }
        }
        var tInverse = Inverse(t);
        // Embedded weights b̂: γ₀[k = 1] + Σ_i b̂_i c_i^(k−1) = 1/k; E = γ·A⁻ᵀ(b̂ − b).
        var gamma0 = 1m / gamma.Re;
        var bRhs = new Cd[s];
        for (int k = 0; k < s; k++) bRhs[k] = new Cd(1m / (k + 1) - (k == 0 ? gamma0 : 0m), 0);
        var bHat = Solve(m, bRhs);
        var e = new double[s];
        for (int j = 0; j < s; j++)
        {
            Cd d = default;
            for (int i = 0; i < s; i++) d += aInv[i, j] * (bHat[i] - a[s - 1, i]);
            e[j] = (double)(gamma.Re * d.Re);
        }
        // Dense output: V[i, k] = c_i^(k+1), P = (V⁻¹)ᵀ.
        var vand = new Cd[s, s];
        for (int i = 0; i < s; i++)
            for (int k = 0; k < s; k++) vand[i, k] = Pow(c[i], k + 1);
        var vInv = Inverse(vand);
        return new Constants(c.Select(x => (double)x.Re).ToArray(), (double)gamma.Re, alpha, beta, ToDouble(t), ToDouble(tInverse), e,
            ToDouble(vInv, transpose: true));
    }

    /// <summary>The coefficient matrix A in double, for tests.</summary>
    public static double[,] CoefficientMatrix(int s)
    {
        var c = Nodes(s);
        var a = Collocation(c, PowerMatrix(c));
        var r = new double[s, s];
        for (int i = 0; i < s; i++)
            for (int j = 0; j < s; j++) r[i, j] = (double)a[i, j].Re;
        return r;
    }

    // M_kj = c_j^(k−1), the matrix of the collocation and quadrature conditions.
    private static Cd[,] PowerMatrix(Cd[] c)
    {
        int s = c.Length;
        var m = new Cd[s, s];
        for (int k = 0; k < s; k++)
            for (int j = 0; j < s; j++) m[k, j] = Pow(c[j], k);
        return m;
    }

    // A: Σ_j a_ij c_j^(k−1) = c_i^k/k, k = 1 … s, one system per row.
    private static Cd[,] Collocation(Cd[] c, Cd[,] m)
    {
        int s = c.Length;
        var a = new Cd[s, s];
        for (int i = 0; i < s; i++)
        {
            var rhs = new Cd[s];
            for (int k = 0; k < s; k++) rhs[k] = Pow(c[i], k + 1) / (k + 1);
            var row = Solve(m, rhs);
            for (int j = 0; j < s; j++) a[i, j] = row[j];
        }
        return a;
    }

    // The zeros of P_s(2x − 1) − P_{s−1}(2x − 1) in (0, 1): bracketed on a grid of 2,000 cells, bisected, both in decimal;
    // c_s = 1.
    private static Cd[] Nodes(int s)
    {
        decimal P(decimal x) => Legendre(s, 2 * x - 1) - Legendre(s - 1, 2 * x - 1);
        var nodes = new List<Cd>(s);
        const int grid = 2000;
        for (int g = 0; g < grid - 1; g++)
        {
            decimal lo = (decimal)g / grid, hi = (decimal)(g + 1) / grid;
            int slo = Math.Sign(P(lo));
            if (slo == 0) { nodes.Add(new Cd(lo, 0)); continue; }
            if (slo == Math.Sign(P(hi))) continue;
            for (int it = 0; it < 100; it++)
            {
                decimal mid = (lo + hi) / 2;
                if (mid == lo || mid == hi) break;
                if (Math.Sign(P(mid)) == slo) lo = mid; else hi = mid;
            }
            nodes.Add(new Cd((lo + hi) / 2, 0));
        }
        nodes.Add(new Cd(1, 0));
        if (nodes.Count != s) throw new InvalidOperationException($"Radau IIA: found {nodes.Count} nodes for s = {s}.");
        return [.. nodes];
    }

    private static decimal Legendre(int n, decimal x)
    {
        if (n == 0) return 1;
        decimal p0 = 1, p1 = x;
        for (int k = 2; k <= n; k++) (p0, p1) = (p1, ((2 * k - 1) * x * p1 - (k - 1) * p0) / k);
        return p1;
    }

    // The eigenvector with v_r = 1 solves the other rows of (A⁻¹ − μI)v = 0; the residual of row r, g(μ), vanishes at the
    // eigenvalue, found by the secant method from the double start. r is the largest component of the eigenvector, so
    // that the system left is well conditioned; the vector is then scaled to v_s = 1.
    private static (Cd Mu, Cd[] V) Eigenpair(Cd[,] aInv, Cd mu0)
    {
        int s = aInv.GetLength(0);
        Cd[] Vector(Cd mu, int r)
        {
            var m = new Cd[s - 1, s - 1];
            var rhs = new Cd[s - 1];
            for (int i = 0, ii = 0; i < s; i++)
            {
                if (i == r) continue;
                for (int j = 0, jj = 0; j < s; j++)
                {
                    if (j == r) continue;
                    m[ii, jj++] = i == j ? aInv[i, j] - mu : aInv[i, j];
                }
                rhs[ii++] = new Cd(0, 0) - aInv[i, r];
            }
            var rest = Solve(m, rhs);
            var v = new Cd[s];
            for (int j = 0, jj = 0; j < s; j++) v[j] = j == r ? new Cd(1, 0) : rest[jj++];
            return v;
        }
        Cd Residual(Cd mu, int r)
        {
            var v = Vector(mu, r);
            Cd g = default;
            for (int j = 0; j < s; j++) g += aInv[r, j] * v[j];
            return g - mu;
        }
        var start = Vector(mu0, s - 1);
        int pivot = 0;
        for (int j = 1; j < s; j++) if (start[j].Magnitude > start[pivot].Magnitude) pivot = j;
        Cd m0 = mu0, m1 = mu0 * new Cd(1 + 1e-9m, 0);
        Cd g0 = Residual(m0, pivot), g1 = Residual(m1, pivot);
        for (int it = 0; it < 30 && g1.Magnitude != 0; it++)
        {
            var dg = g1 - g0;
            if (dg.Magnitude == 0) break;
            var m2 = m1 - g1 * ((m1 - m0) / dg);
            (m0, g0) = (m1, g1);
            m1 = m2;
            g1 = Residual(m1, pivot);
            if ((m1 - m0).Magnitude <= 1e-26m * m1.Magnitude) break;
        }
        var v = Vector(m1, pivot);
        var last = v[s - 1];
        for (int j = 0; j < s; j++) v[j] /= last;
        return (m1, v);
    }

    private static Cd Pow(Cd x, int k)
    {
        var r = new Cd(1, 0);
        for (int i = 0; i < k; i++) r *= x;
        return r;
    }

    private static Cd[,] Inverse(Cd[,] m)
    {
        int n = m.GetLength(0);
        var inv = new Cd[n, n];
        for (int j = 0; j < n; j++)
        {
            var e = new Cd[n];
            e[j] = new Cd(1, 0);
            var col = Solve(m, e);
            for (int i = 0; i < n; i++) inv[i, j] = col[i];
        }
        return inv;
    }

    // Gaussian elimination with partial pivoting on a copy.
    private static Cd[] Solve(Cd[,] matrix, Cd[] rhs)
    {
        int n = rhs.Length;
        var a = (Cd[,])matrix.Clone();
        var b = (Cd[])rhs.Clone();
        for (int k = 0; k < n; k++)
        {
            int p = k;
            for (int i = k + 1; i < n; i++) if (a[i, k].Magnitude > a[p, k].Magnitude) p = i;
            if (p != k)
            {
                for (int j = 0; j < n; j++) (a[k, j], a[p, j]) = (a[p, j], a[k, j]);
                (b[k], b[p]) = (b[p], b[k]);
            }
            for (int i = k + 1; i < n; i++)
            {
                var f = a[i, k] / a[k, k];
                for (int j = k; j < n; j++) a[i, j] -= f * a[k, j];
                b[i] -= f * b[k];
            }
        }
        var x = new Cd[n];
        for (int i = n - 1; i >= 0; i--)
        {
            var acc = b[i];
            for (int j = i + 1; j < n; j++) acc -= a[i, j] * x[j];
            x[i] = acc / a[i, i];
        }
        return x;
    }

    private static double[,] ToDouble(Cd[,] m, bool transpose = false)
    {
        int n = m.GetLength(0);
        var r = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) r[i, j] = (double)(transpose ? m[j, i] : m[i, j]).Re;
        return r;
    }

    /// <summary>A complex number with decimal parts (28 significant digits).</summary>
    private readonly record struct Cd(decimal Re, decimal Im)
    {
        public decimal Magnitude => Math.Abs(Re) + Math.Abs(Im);
        public static Cd operator +(Cd x, Cd y) => new(x.Re + y.Re, x.Im + y.Im);
        public static Cd operator -(Cd x, Cd y) => new(x.Re - y.Re, x.Im - y.Im);
        public static Cd operator *(Cd x, Cd y) => new(x.Re * y.Re - x.Im * y.Im, x.Re * y.Im + x.Im * y.Re);
        public static Cd operator /(Cd x, int k) => new(x.Re / k, x.Im / k);
        public static Cd operator /(Cd x, Cd y)
        {
            // Scaled first: decimal has a fixed floor of 1e-28, below which |y|² of a small y would vanish.
            decimal k = Math.Max(Math.Abs(y.Re), Math.Abs(y.Im)), yr = y.Re / k, yi = y.Im / k, d = yr * yr + yi * yi;
            return new((x.Re * yr + x.Im * yi) / d / k, (x.Im * yr - x.Re * yi) / d / k);
        }
    }
}

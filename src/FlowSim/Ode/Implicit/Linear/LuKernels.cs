using System.Numerics;
using System.Runtime.CompilerServices;

namespace FlowSim.Ode;

/// <summary>
/// LU factorisation with partial pivoting and the matching solves, for dense column-major matrices and for band
/// matrices in LAPACK's storage, over real or complex entries (the JIT compiles one copy per entry type). The band
/// routines follow LAPACK's unblocked dgbtf2/dgbtrs: row interchanges widen U's upper bandwidth to lower + upper, so
/// the storage has lower extra rows on top and A(i, j) lives at (lower + upper + i − j) + j·(2·lower + upper + 1).
/// A factorisation costs O(n·lower·(lower + upper)) and a solve O(n·(2·lower + upper)): O(n) for a fixed band.
/// </summary>
internal static class LuKernels<T> where T : struct, INumberBase<T>
{
    /// <summary>LAPACK's pivot magnitude: |x| for reals, |re| + |im| for complex numbers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Magnitude(T x)
    {
        if (typeof(T) == typeof(double)) return Math.Abs(Unsafe.As<T, double>(ref x));
        var c = Unsafe.As<T, Complex>(ref x);
        return Math.Abs(c.Real) + Math.Abs(c.Imaginary);
    }

    /// <summary>Whether x is finite (both parts for a complex number).</summary>
    public static bool IsFinite(T x) => T.IsFinite(x);

    /// <summary>Factors the n×n column-major matrix in place; false on an exactly zero pivot column.</summary>
    public static bool FactorDense(Span<T> a, int n, Span<int> pivots)
    {
        for (int k = 0; k < n; k++)
        {
            int p = k;
            double best = Magnitude(a[k * n + k]);
            for (int i = k + 1; i < n; i++)
            {
                double v = Magnitude(a[k * n + i]);
                if (v > best) { best = v; p = i; }
            }
            pivots[k] = p;
            if (best == 0) return false;
            if (p != k)
                for (int j = 0; j < n; j++) (a[j * n + k], a[j * n + p]) = (a[j * n + p], a[j * n + k]);
            T inverse = T.One / a[k * n + k];
            for (int i = k + 1; i < n; i++) a[k * n + i] *= inverse;
            for (int j = k + 1; j < n; j++)
            {
                T akj = a[j * n + k];
                if (akj == T.Zero) continue;
                for (int i = k + 1; i < n; i++) a[j * n + i] -= a[k * n + i] * akj;
            }
        }
        return true;
    }

    /// <summary>Solves (LU)x = Pb in place with the factors of <see cref="FactorDense"/>.</summary>
    public static void SolveDense(ReadOnlySpan<T> lu, int n, ReadOnlySpan<int> pivots, Span<T> b)
    {
        for (int k = 0; k < n; k++)
            if (pivots[k] != k) (b[k], b[pivots[k]]) = (b[pivots[k]], b[k]);
        for (int k = 0; k < n; k++)
        {
            T bk = b[k];
            if (bk == T.Zero) continue;
            for (int i = k + 1; i < n; i++) b[i] -= lu[k * n + i] * bk;
        }
        for (int k = n - 1; k >= 0; k--)
        {
            b[k] /= lu[k * n + k];
            T bk = b[k];
            if (bk == T.Zero) continue;
            for (int i = 0; i < k; i++) b[i] -= lu[k * n + i] * bk;
        }
    }

    /// <summary>Factors the band matrix in place (see the class remarks for the storage); false on a zero pivot.</summary>
    public static bool FactorBand(Span<T> ab, int n, int kl, int ku, Span<int> pivots)
    {
        int ld = 2 * kl + ku + 1, kv = kl + ku;
        // The top kl rows hold fill-in from row interchanges: start from zero.
        for (int j = 0; j < n; j++)
            for (int i = 0; i < kl; i++) ab[i + j * ld] = T.Zero;
        int ju = 0;
        for (int j = 0; j < n; j++)
        {
            int km = Math.Min(kl, n - 1 - j);
            int jp = 0;
            double best = Magnitude(ab[kv + j * ld]);
            for (int p = 1; p <= km; p++)
            {
                double v = Magnitude(ab[kv + p + j * ld]);
                if (v > best) { best = v; jp = p; }
            }
            pivots[j] = j + jp;
            if (best == 0) return false;
            ju = Math.Max(ju, Math.Min(j + ku + jp, n - 1));
            if (jp != 0)
                for (int c = 0; c <= ju - j; c++)
                {
                    int col = (j + c) * ld;
                    (ab[kv + jp - c + col], ab[kv - c + col]) = (ab[kv - c + col], ab[kv + jp - c + col]);
                }
            if (km == 0) continue;
            T inverse = T.One / ab[kv + j * ld];
            for (int r = 1; r <= km; r++) ab[kv + r + j * ld] *= inverse;
            for (int c = 1; c <= ju - j; c++)
            {
                int col = (j + c) * ld;
                T ajc = ab[kv - c + col];
                if (ajc == T.Zero) continue;
                for (int r = 1; r <= km; r++) ab[kv - c + r + col] -= ab[kv + r + j * ld] * ajc;
            }
        }
        return true;
    }

    /// <summary>Solves (LU)x = Pb in place with the factors of <see cref="FactorBand"/>.</summary>
    public static void SolveBand(ReadOnlySpan<T> ab, int n, int kl, int ku, ReadOnlySpan<int> pivots, Span<T> b)
    {
        int ld = 2 * kl + ku + 1, kv = kl + ku;
        if (kl > 0)
            for (int j = 0; j < n - 1; j++)
            {
                int lm = Math.Min(kl, n - 1 - j);
                int l = pivots[j];
                if (l != j) (b[l], b[j]) = (b[j], b[l]);
                T bj = b[j];
                if (bj == T.Zero) continue;
                for (int r = 1; r <= lm; r++) b[j + r] -= ab[kv + r + j * ld] * bj;
            }
        for (int j = n - 1; j >= 0; j--)
        {
            if (b[j] == T.Zero) continue;
            b[j] /= ab[kv + j * ld];
            T bj = b[j];
            for (int i = Math.Max(0, j - kv); i < j; i++) b[i] -= ab[kv + i - j + j * ld] * bj;
        }
    }
}

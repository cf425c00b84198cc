using FlowSim.Linalg.Native;
using Xunit;

namespace FlowSim.Tests.Linalg.Native;

/// <summary>The native binding against naive loops; skipped in effect (returns early) when no library is installed.</summary>
public class OpenBlasNativeTests
{
    [Fact]
    public void Dgemm_MatchesNaiveProduct_AllTransposes()
    {
        if (!OpenBlasNative.IsAvailable) return;
        var rng = new System.Random(7);
        int m = 7, n = 5, k = 9;
        foreach (bool ta in new[] { false, true })
        foreach (bool tb in new[] { false, true })
        {
            var a = Enumerable.Range(0, m * k).Select(_ => rng.NextDouble() - 0.5).ToArray();
            var b = Enumerable.Range(0, k * n).Select(_ => rng.NextDouble() - 0.5).ToArray();
            var c = Enumerable.Range(0, m * n).Select(_ => rng.NextDouble()).ToArray();
            var expected = (double[])c.Clone();
            int lda = ta ? k : m, ldb = tb ? n : k;
            for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++)
                    s += (ta ? a[i * lda + p] : a[p * lda + i]) * (tb ? b[p * ldb + j] : b[j * ldb + p]);
                expected[j * m + i] = 1.5 * s + 0.5 * expected[j * m + i];
            }
            OpenBlasNative.Dgemm(ta, tb, m, n, k, 1.5, a, lda, b, ldb, 0.5, c, m);
            for (int i = 0; i < c.Length; i++) Assert.Equal(expected[i], c[i], 1e-13);
        }
    }

    [Fact]
    public void Dsyevd_ReconstructsSymmetricMatrix()
    {
        if (!OpenBlasNative.HasSymmetricEigen) return;
        int n = 6;
        var rng = new System.Random(3);
        var s = new double[n * n];
        for (int i = 0; i < n; i++)
        for (int j = 0; j <= i; j++)
            s[i * n + j] = s[j * n + i] = rng.NextDouble() - 0.5;
        var q = (double[])s.Clone();
        var w = new double[n];
        var (lw, liw) = OpenBlasNative.SymmetricEigenWorkspace(n);
        Assert.Equal(0, OpenBlasNative.Dsyevd(n, q, n, w, new double[lw], new int[liw]));
        for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
        {
            double r = 0;
            for (int p = 0; p < n; p++) r += q[p * n + i] * w[p] * q[p * n + j];
            Assert.Equal(s[j * n + i], r, 1e-13);
        }
        for (int p = 1; p < n; p++) Assert.True(w[p - 1] <= w[p]);
    }
}

using FlowSim.Dynamics;
using FlowSim.Linalg;
using FlowSim.Linalg.Native;
using FlowSim.Models;
using FlowSim.Randomness;
using Xunit;
using Xunit.Abstractions;

namespace FlowSim.Tests.Linalg;

/// <summary>
/// The native backend computes what the managed one does: GEMM against a naive triple loop, gradients and HVPs of the
/// asymmetric MF objective to 1e-12 (relative) between backends, the eigendecomposition by its residual. Without a
/// native library the native half cannot run; the managed half still checks against the naive reference.
/// </summary>
[Collection(PerfCollection.Name)]
public class BackendEquivalenceTests(ITestOutputHelper output)
{
    private static IEnumerable<ILinearAlgebraBackend> Backends()
    {
        yield return ManagedBackend.Instance;
        if (OpenBlasBackend.IsAvailable) yield return OpenBlasBackend.Instance;
    }

    private static double NaiveOp(double[] a, int ld, bool trans, int i, int p) => trans ? a[i * ld + p] : a[p * ld + i];

    [Theory]
    [InlineData(3, 2, 4, false, false)]     // below every size threshold: managed path of the native backend
    [InlineData(37, 29, 41, false, true)]   // above: the native call
    [InlineData(64, 64, 64, true, false)]
    [InlineData(130, 70, 90, true, true)]
    public void Gemm_MatchesTheNaiveProduct(int m, int n, int k, bool ta, bool tb)
    {
        var rng = new Xoshiro256StarStar(11);
        int lda = (ta ? k : m) + 3, ldb = (tb ? n : k) + 1, ldc = m + 2;
        var a = RandomMatrices.Gaussian(rng, lda, ta ? m : k);
        var b = RandomMatrices.Gaussian(rng, ldb, tb ? k : n);
        var c0 = RandomMatrices.Gaussian(rng, ldc, n);
        double alpha = 0.7, beta = -1.3;
        var expected = (double[])c0.Clone();
        for (int j = 0; j < n; j++)
            for (int i = 0; i < m; i++)
            {
                double s = 0;
                for (int p = 0; p < k; p++) s += NaiveOp(a, lda, ta, i, p) * NaiveOp(b, ldb, tb, p, j);
                expected[j * ldc + i] = alpha * s + beta * c0[j * ldc + i];
            }
        foreach (var backend in Backends())
        {
            var c = (double[])c0.Clone();
            backend.Gemm(ta ? Transpose.Yes : Transpose.No, tb ? Transpose.Yes : Transpose.No, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
            double err = 0;
            for (int j = 0; j < n; j++)
                for (int i = 0; i < m; i++) err = Math.Max(err, Math.Abs(c[j * ldc + i] - expected[j * ldc + i]));
            for (int j = 0; j < n; j++) // padding rows between columns are untouched
                for (int i = m; i < ldc && j * ldc + i < c.Length; i++) Assert.Equal(c0[j * ldc + i], c[j * ldc + i]);
            output.WriteLine($"{backend.Name}: max |C − naive| = {err:E2}");
            Assert.True(err < 1e-12 * k, $"{backend.Name}: {err}");
        }
    }

    [Theory]
    [InlineData(false, 40, 30)]
    [InlineData(true, 40, 30)]
    public void Gemv_MatchesTheNaiveProduct(bool trans, int m, int n)
    {
        var rng = new Xoshiro256StarStar(5);
        var a = RandomMatrices.Gaussian(rng, m, n);
        var x = RandomMatrices.Gaussian(rng, trans ? m : n, 1);
        var y0 = RandomMatrices.Gaussian(rng, trans ? n : m, 1);
        var expected = new double[y0.Length];
        for (int i = 0; i < y0.Length; i++)
        {
            double s = 0;
            for (int p = 0; p < x.Length; p++) s += (trans ? a[i * m + p] : a[p * m + i]) * x[p];
            expected[i] = 2.0 * s + 0.5 * y0[i];
        }
        foreach (var backend in Backends())
        {
            var y = (double[])y0.Clone();
            backend.Gemv(trans ? Transpose.Yes : Transpose.No, m, n, 2.0, a, m, x, 0.5, y);
            for (int i = 0; i < y.Length; i++) Assert.Equal(expected[i], y[i], 1e-12);
        }
    }

    [Theory]
    [InlineData(16)]
    [InlineData(48)]
    public void AsymmetricMfGradientAndHvp_AgreeBetweenBackends(int d)
    {
        if (!OpenBlasBackend.IsAvailable)
        {
            output.WriteLine("no native BLAS: nothing to compare the managed gradient with here");
            Assert.Equal("managed", BackendSelection.Resolve(null).Name);
            return;
        }
        var rng = new Xoshiro256StarStar(3);
        var sigma = RandomMatrices.Gaussian(rng, d, d);
        var theta = RandomMatrices.Gaussian(rng, 2 * d * d, 1, 0.3);
        var v = RandomMatrices.Gaussian(rng, 2 * d * d, 1);
        var model = new AsymmetricFactorization(d, d, d, sigma);
        (double Loss, double[] Grad, double[] Hvp, double[] Rhs) Eval(ILinearAlgebraBackend backend)
        {
            using var scope = new BackendScope(backend);
            var g = new double[theta.Length];
            var h = new double[theta.Length];
            var f = new double[theta.Length];
            double loss = model.Gradient(theta, g);
            model.HessianVectorProduct(theta, v, h);
            new GradientFlow(model).Evaluate(0, theta, f);
            return (loss, g, h, f);
        }
        var managed = Eval(ManagedBackend.Instance);
        var native = Eval(OpenBlasBackend.Instance);
        Assert.Equal(managed.Loss, native.Loss, 1e-12 * Math.Abs(managed.Loss));
        foreach (var (x, y, what) in new[] { (managed.Grad, native.Grad, "gradient"), (managed.Hvp, native.Hvp, "HVP"), (managed.Rhs, native.Rhs, "flow RHS") })
        {
            double diff = 0, norm = 0;
            for (int i = 0; i < x.Length; i++) { diff = Math.Max(diff, Math.Abs(x[i] - y[i])); norm = Math.Max(norm, Math.Abs(x[i])); }
            output.WriteLine($"d = {d} {what}: max |managed − native| = {diff:E2}, max |entry| = {norm:E2}");
            Assert.True(diff <= 1e-12 * norm, $"{what}: {diff:E3} vs scale {norm:E3}");
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(40)]
    public void SymmetricEigen_SatisfiesAvEqualsVLambda(int n)
    {
        var rng = new Xoshiro256StarStar(9);
        var g = RandomMatrices.Gaussian(rng, n, n);
        var a = new double[n * n];
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++) a[j * n + i] = g[j * n + i] + g[i * n + j];
        var values = new List<double[]>();
        foreach (var backend in Backends())
        {
            var w = new double[n];
            var vecs = new double[n * n];
            var work = new double[backend.SymmetricEigenWorkLength(n)]; // exactly the advertised length
            backend.SymmetricEigen(n, a, w, vecs, work);
            double res = 0;
            for (int k = 0; k < n; k++)
                for (int i = 0; i < n; i++)
                {
                    double s = 0;
                    for (int p = 0; p < n; p++) s += a[p * n + i] * vecs[k * n + p];
                    res = Math.Max(res, Math.Abs(s - w[k] * vecs[k * n + i]));
                }
            for (int k = 1; k < n; k++) Assert.True(w[k] >= w[k - 1], "eigenvalues ascending");
            output.WriteLine($"{backend.Name}: max |Av − λv| = {res:E2}");
            Assert.True(res < 1e-12 * n, $"{backend.Name}: residual {res}");
            values.Add(w);
        }
        for (int b = 1; b < values.Count; b++)
            for (int k = 0; k < n; k++) Assert.Equal(values[0][k], values[b][k], 1e-11);
    }
}

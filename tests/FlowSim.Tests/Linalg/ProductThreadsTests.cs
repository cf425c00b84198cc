using FlowSim.Linalg;
using FlowSim.Linalg.Native;
using FlowSim.Randomness;
using Xunit;

namespace FlowSim.Tests.Linalg;

/// <summary>
/// FlowSim's product threads change speed, not numbers: a product split by columns across threads, and two products
/// run side by side, equal the single calls bit for bit on the managed backend and to rounding (1e-13) on OpenBLAS,
/// which may take its small-matrix kernel for a narrower piece; bad pairs are refused with the name of
/// the cause; a failing piece on a worker surfaces in the caller.
/// </summary>
[Collection(PerfCollection.Name)]
public class ProductThreadsTests
{
    private static IEnumerable<ILinearAlgebraBackend> Backends()
    {
        yield return ManagedBackend.Instance;
        if (OpenBlasBackend.IsAvailable) yield return OpenBlasBackend.Instance;
    }

    public static TheoryData<int, int, int, bool, bool, int> Cases => new()
    {
        { 64, 64, 64, false, false, 2 },
        { 64, 64, 64, true, false, 2 },
        { 97, 61, 83, false, true, 2 },
        { 97, 61, 83, true, true, 3 },   // three threads: pieces of unequal width
        { 200, 150, 120, false, false, 5 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gemm_SplitAcrossThreads_EqualsTheSingleCallBitForBit(int m, int n, int k, bool ta, bool tb, int threads)
    {
        var pool = new ProductThreads(FlowSim.Threading.WorkerPool.ForThreads(threads)!);
        foreach (var backend in Backends())
        {
            var (a, lda, b, ldb, c, ldc) = Operands(m, n, k, ta, tb, seed: 3);
            var expected = (double[])c.Clone();
            backend.Gemm(T(ta), T(tb), m, n, k, 0.7, a, lda, b, ldb, -1.3, expected, ldc);
            pool.Gemm(backend, new GemmArguments(T(ta), T(tb), m, n, k, 0.7, a, lda, b, ldb, -1.3, c, ldc));
            AssertSame(backend, expected, c);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GemmPair_EqualsTwoCallsBitForBit(int m, int n, int k, bool ta, bool tb, int threads)
    {
        var pool = new ProductThreads(FlowSim.Threading.WorkerPool.ForThreads(threads)!);
        foreach (var backend in Backends())
        {
            var (a1, lda1, b1, ldb1, c1, ldc1) = Operands(m, n, k, ta, tb, seed: 5);
            var (a2, lda2, b2, ldb2, c2, ldc2) = Operands(n, m, k, !ta, tb, seed: 6);
            var e1 = (double[])c1.Clone();
            var e2 = (double[])c2.Clone();
            backend.Gemm(T(ta), T(tb), m, n, k, 1.0, a1, lda1, b1, ldb1, 0.0, e1, ldc1);
            backend.Gemm(T(!ta), T(tb), n, m, k, -2.0, a2, lda2, b2, ldb2, 1.0, e2, ldc2);
            pool.GemmPair(backend,
                new GemmArguments(T(ta), T(tb), m, n, k, 1.0, a1, lda1, b1, ldb1, 0.0, c1, ldc1),
                new GemmArguments(T(!ta), T(tb), n, m, k, -2.0, a2, lda2, b2, ldb2, 1.0, c2, ldc2));
            AssertSame(backend, e1, c1);
            AssertSame(backend, e2, c2);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void InitialC_IsCopiedInFirst_ByEachPiece(int m, int n, int k, bool ta, bool tb, int threads)
    {
        var pool = new ProductThreads(FlowSim.Threading.WorkerPool.ForThreads(threads)!);
        foreach (var backend in Backends())
        {
            var (a, lda, b, ldb, c0, ldc) = Operands(m, n, k, ta, tb, seed: 13);
            // Rows m … ldc−1 are padding, not part of C: they stay as they were (zero here).
            var expected = new double[c0.Length];
            for (int j = 0; j < n; j++) Array.Copy(c0, j * ldc, expected, j * ldc, m);
            backend.Gemm(T(ta), T(tb), m, n, k, 0.5, a, lda, b, ldb, 1.0, expected, ldc);
            var c = new double[c0.Length];
            pool.Gemm(backend, new GemmArguments(T(ta), T(tb), m, n, k, 0.5, a, lda, b, ldb, 1.0, c, ldc, c0));
            AssertSame(backend, expected, c);
            // Through the seam, on whatever threads are configured.
            var viaSeam = new double[c0.Length];
            using (new BackendScope(backend))
                LinearAlgebra.Gemm(new GemmArguments(T(ta), T(tb), m, n, k, 0.5, a, lda, b, ldb, 1.0, viaSeam, ldc, c0));
            AssertSame(backend, expected, viaSeam);
        }
    }

    [Fact]
    public void InitialC_OverlappingC_IsRefused()
    {
        var x = new double[64 * 64];
        var c = new double[64 * 64];
        var ex = Assert.Throws<ArgumentException>(() => LinearAlgebra.Gemm(
            new GemmArguments(Transpose.No, Transpose.No, 64, 64, 64, 1.0, x, 64, x, 64, 1.0, c, 64, c)));
        Assert.Contains("initialC", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => LinearAlgebra.Gemm(
            new GemmArguments(Transpose.No, Transpose.No, 64, 64, 64, 1.0, x, 64, x, 64, 1.0, c, 64, new double[100])));
        Assert.Contains("initialC", ex.Message);
    }

    [Fact]
    public void Gemm_ManyCallersAtOnce_EachGetsItsOwnProduct()
    {
        // One caller holds the workers; the others run on their own threads. All must be right.
        const int m = 96, n = 96, k = 96;
        var (a, lda, b, ldb, c0, ldc) = Operands(m, n, k, false, false, seed: 9);
        var expected = (double[])c0.Clone();
        ManagedBackend.Instance.Gemm(Transpose.No, Transpose.No, m, n, k, 1.0, a, lda, b, ldb, 0.0, expected, ldc);
        var results = new double[8][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var c = new double[c0.Length];
            for (int r = 0; r < 20; r++)
                LinearAlgebra.Gemm(Transpose.No, Transpose.No, m, n, k, 1.0, a, lda, b, ldb, 0.0, c, ldc);
            results[i] = c;
        });
        using var scope = new BackendScope(ManagedBackend.Instance);
        foreach (var c in results)
            for (int j = 0; j < n; j++)
                for (int i = 0; i < m; i++)
                    Assert.Equal(expected[j * ldc + i], c[j * ldc + i], 1e-12);
    }

    [Fact]
    public void GemmPair_OverlappingOutputs_AreRefusedNamingTheProduct()
    {
        var x = new double[64 * 64];
        var y = new double[64 * 64];
        var c = new double[64 * 64 + 10];
        var ex = Assert.Throws<ArgumentException>(() => LinearAlgebra.GemmPair(
            new GemmArguments(Transpose.No, Transpose.No, 64, 64, 64, 1.0, x, 64, y, 64, 0.0, c.AsSpan(0, 64 * 64), 64),
            new GemmArguments(Transpose.No, Transpose.No, 64, 1, 64, 1.0, x, 64, y, 64, 0.0, c.AsSpan(10), 64)));
        Assert.Equal("first", ex.ParamName);
        // The second product reading what the first writes is refused too.
        ex = Assert.Throws<ArgumentException>(() => LinearAlgebra.GemmPair(
            new GemmArguments(Transpose.No, Transpose.No, 64, 64, 64, 1.0, x, 64, y, 64, 0.0, c.AsSpan(0, 64 * 64), 64),
            new GemmArguments(Transpose.No, Transpose.No, 64, 64, 64, 1.0, c, 64, y, 64, 0.0, x, 64)));
        Assert.Equal("first", ex.ParamName);
        ex = Assert.Throws<ArgumentException>(() => LinearAlgebra.GemmPair(
            new GemmArguments(Transpose.No, Transpose.No, 64, 64, 64, 1.0, x, 64, y, 64, 0.0, c.AsSpan(0, 64 * 64), 64),
            new GemmArguments(Transpose.No, Transpose.No, 64, 64, 64, 1.0, x, 40, y, 64, 0.0, new double[64 * 64], 64)));
        Assert.Contains("second.lda", ex.Message);
    }

    [Fact]
    public void PieceFailure_IsThrownInTheCaller()
    {
        var pool = new ProductThreads(FlowSim.Threading.WorkerPool.ForThreads(2)!);
        var (a, lda, b, ldb, c, ldc) = Operands(128, 128, 128, false, false, seed: 1);
        var ex = Assert.Throws<InvalidOperationException>(() =>
            pool.Gemm(new FailingBackend(), new GemmArguments(Transpose.No, Transpose.No, 128, 128, 128, 1.0, a, lda, b, ldb, 0.0, c, ldc)));
        Assert.Contains("split across FlowSim's threads", ex.Message);
        Assert.IsType<InvalidDataException>(ex.InnerException);
    }

    private static void AssertSame(ILinearAlgebraBackend backend, double[] expected, double[] actual)
    {
        if (backend is ManagedBackend)
        {
            Assert.Equal(expected, actual);
            return;
        }
        double scale = expected.Max(Math.Abs);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-13 * scale, $"entry {i}: {actual[i]:R} vs {expected[i]:R}");
    }

    private static Transpose T(bool t) => t ? Transpose.Yes : Transpose.No;

    private static (double[] A, int Lda, double[] B, int Ldb, double[] C, int Ldc) Operands(int m, int n, int k, bool ta, bool tb, ulong seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        int lda = (ta ? k : m) + 3, ldb = (tb ? n : k) + 1, ldc = m + 2;
        return (RandomMatrices.Gaussian(rng, lda, ta ? m : k), lda, RandomMatrices.Gaussian(rng, ldb, tb ? k : n), ldb,
            RandomMatrices.Gaussian(rng, ldc, n), ldc);
    }

    /// <summary>Fails on every piece, wherever it runs.</summary>
    private sealed class FailingBackend : ILinearAlgebraBackend
    {
        public string Name => "failing";

        public void Gemm(Transpose transA, Transpose transB, int m, int n, int k, double alpha,
            ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc)
        {
            throw new InvalidDataException("piece failed");
        }

        public void Gemv(Transpose transA, int m, int n, double alpha, ReadOnlySpan<double> a, int lda,
            ReadOnlySpan<double> x, double beta, Span<double> y) => throw new NotSupportedException();

        public void SymmetricEigen(int n, ReadOnlySpan<double> a, Span<double> eigenvalues, Span<double> eigenvectors, Span<double> work) =>
            throw new NotSupportedException();

        public int SymmetricEigenWorkLength(int n) => 1;
    }
}

using MathNet.Numerics.LinearAlgebra;

namespace FlowSim.Linalg;

/// <summary>
/// The one linear-algebra seam of FlowSim: every model, flow and metric calls these methods, which validate the
/// arguments and forward to <see cref="Backend"/>. Matrices are column-major spans with leading dimensions.
/// </summary>
public static class LinearAlgebra
{
    private static readonly Dictionary<int, ProductThreads> s_pools = [];
    private static ILinearAlgebraBackend s_backend = Native.BackendSelection.FromEnvironment();
    private static ProductThreads? s_threads = ProductsFor(Threading.WorkerPool.Current);

    static LinearAlgebra() => s_backend.LimitInternalThreads(s_threads is not null);

    /// <summary>The backend in use: chosen from FLOWSIM_BLAS by <see cref="Native.BackendSelection"/> (native when found, else
    /// <see cref="ManagedBackend"/>). The only place the choice is made.</summary>
    public static ILinearAlgebraBackend Backend
    {
        get => s_backend;
        set
        {
            s_backend = value ?? throw new ArgumentNullException(nameof(value));
            s_backend.LimitInternalThreads(s_threads is not null);
        }
    }

    /// <summary>
    /// Threads FlowSim splits large products over (1: every product runs on the caller's thread, and a native BLAS
    /// keeps its own threading). Chosen from FLOWSIM_THREADS (default: the processor count, at most 8). With more than
    /// one, a native BLAS is limited to one thread per call and FlowSim's workers take over (see ProductThreads).
    /// Results agree to rounding whatever the count (bit for bit with the managed backend; OpenBLAS may choose another
    /// kernel for a narrower piece, which moves the last bits).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 1 or above 64.</exception>
    public static int Threads
    {
        get => Threading.WorkerPool.CurrentThreads;
        set
        {
            Threading.WorkerPool.UseThreads(value);
            s_threads = ProductsFor(Threading.WorkerPool.Current);
            s_backend.LimitInternalThreads(s_threads is not null);
        }
    }

    /// <summary>Backend and thread count, for provenance: "openblas (libopenblas.so.0), 2 threads".</summary>
    public static string Description => $"{s_backend.Name}, {Threads} thread{(Threads == 1 ? "" : "s")}";

    /// <summary>The product splitter over the pool that <see cref="Threading.WorkerPool"/> has in use (null for one thread).</summary>
    private static ProductThreads? ProductsFor(Threading.WorkerPool? pool)
    {
        if (pool is null) return null;
        lock (s_pools)
        {
            if (!s_pools.TryGetValue(pool.Threads, out var products)) s_pools[pool.Threads] = products = new ProductThreads(pool);
            return products;
        }
    }

    /// <summary>Name of the backend in use, for provenance.</summary>
    public static string BackendName => s_backend.Name;

    /// <summary>C ← alpha·op(A)·op(B) + beta·C; op(A) m×k, op(B) k×n, C m×n, all column-major (reference BLAS dgemm).</summary>
    /// <exception cref="ArgumentException">A size is negative, a leading dimension is too small, or a span is too short (the message names it).</exception>
    public static void Gemm(Transpose transA, Transpose transB, int m, int n, int k, double alpha,
        ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc)
    {
        if (m < 0) throw new ArgumentException($"m: must be ≥ 0 (got {m}).", nameof(m));
        if (n < 0) throw new ArgumentException($"n: must be ≥ 0 (got {n}).", nameof(n));
        if (k < 0) throw new ArgumentException($"k: must be ≥ 0 (got {k}).", nameof(k));
        if (transA == Transpose.No) CheckMatrix(a.Length, m, k, lda, nameof(a), nameof(lda));
        else CheckMatrix(a.Length, k, m, lda, nameof(a), nameof(lda));
        if (transB == Transpose.No) CheckMatrix(b.Length, k, n, ldb, nameof(b), nameof(ldb));
        else CheckMatrix(b.Length, n, k, ldb, nameof(b), nameof(ldb));
        CheckMatrix(c.Length, m, n, ldc, nameof(c), nameof(ldc));
        Run(new GemmArguments(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc));
    }

    /// <summary>One product given as <see cref="GemmArguments"/>, with its optional initial C: C ← initialC, then
    /// C ← alpha·op(A)·op(B) + beta·C; split across FlowSim's threads when large (each copies the columns it computes).</summary>
    /// <exception cref="ArgumentException">The arguments are inconsistent, or initialC is too short or overlaps C (the message names it).</exception>
    public static void Gemm(scoped in GemmArguments g)
    {
        Check(g, "g");
        Run(g);
    }

    private static void Run(in GemmArguments g)
    {
        if (s_threads is { } threads) threads.Gemm(s_backend, g);
        else g.RunOn(s_backend);
    }

    /// <summary>
    /// Two independent products, run side by side on FlowSim's threads when they are large enough (see
    /// <see cref="Threads"/>): the U and V gradients of a two-factor model share the residual and nothing else.
    /// Same results as two <see cref="Gemm(Transpose, Transpose, int, int, int, double, ReadOnlySpan{double}, int, ReadOnlySpan{double}, int, double, Span{double}, int)"/> calls.
    /// </summary>
    /// <exception cref="ArgumentException">Either product's arguments are inconsistent (as for Gemm), or one product's C
    /// overlaps what the other reads or writes.</exception>
    public static void GemmPair(scoped in GemmArguments first, scoped in GemmArguments second)
    {
        Check(first, nameof(first));
        Check(second, nameof(second));
        if (first.C.Overlaps(second.C) || first.C.Overlaps(second.A) || first.C.Overlaps(second.B) || first.C.Overlaps(second.InitialC))
            throw new ArgumentException("first: its C overlaps an operand of the second product; the two must be independent.", nameof(first));
        if (second.C.Overlaps(first.A) || second.C.Overlaps(first.B) || second.C.Overlaps(first.InitialC))
            throw new ArgumentException("second: its C overlaps an operand of the first product; the two must be independent.", nameof(second));
        if (s_threads is { } threads) threads.GemmPair(s_backend, first, second);
        else
        {
            first.RunOn(s_backend);
            second.RunOn(s_backend);
        }
    }

    private static void Check(in GemmArguments g, string name)
    {
        if (g.M < 0 || g.N < 0 || g.K < 0) throw new ArgumentException($"{name}: sizes must be ≥ 0 (got m = {g.M}, n = {g.N}, k = {g.K}).", name);
        // The names are built only on failure: a per-call string would make every gradient allocate.
        if (g.TransA == Transpose.No) CheckMatrix(g.A.Length, g.M, g.K, g.Lda, "a", "lda", name);
        else CheckMatrix(g.A.Length, g.K, g.M, g.Lda, "a", "lda", name);
        if (g.TransB == Transpose.No) CheckMatrix(g.B.Length, g.K, g.N, g.Ldb, "b", "ldb", name);
        else CheckMatrix(g.B.Length, g.N, g.K, g.Ldb, "b", "ldb", name);
        CheckMatrix(g.C.Length, g.M, g.N, g.Ldc, "c", "ldc", name);
        if (!g.InitialC.IsEmpty)
        {
            CheckMatrix(g.InitialC.Length, g.M, g.N, g.Ldc, "initialC", "ldc", name);
            if (g.InitialC.Overlaps(g.C)) throw new ArgumentException($"{name}.initialC: overlaps C.", $"{name}.initialC");
        }
    }

    /// <summary>C ← op(A)·op(B) with tight leading dimensions (lda = rows of the stored A, and so on).</summary>
    public static void Gemm(Transpose transA, Transpose transB, int m, int n, int k,
        ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, double alpha = 1.0, double beta = 0.0) =>
        Gemm(transA, transB, m, n, k, alpha, a, transA == Transpose.No ? Math.Max(1, m) : Math.Max(1, k),
            b, transB == Transpose.No ? Math.Max(1, k) : Math.Max(1, n), beta, c, Math.Max(1, m));

    /// <summary>y ← alpha·op(A)·x + beta·y, A m×n column-major (reference BLAS dgemv with unit increments).</summary>
    /// <exception cref="ArgumentException">A size or span length is inconsistent (the message names it).</exception>
    public static void Gemv(Transpose transA, int m, int n, double alpha, ReadOnlySpan<double> a, int lda,
        ReadOnlySpan<double> x, double beta, Span<double> y)
    {
        if (m < 0) throw new ArgumentException($"m: must be ≥ 0 (got {m}).", nameof(m));
        if (n < 0) throw new ArgumentException($"n: must be ≥ 0 (got {n}).", nameof(n));
        CheckMatrix(a.Length, m, n, lda, nameof(a), nameof(lda));
        int xlen = transA == Transpose.No ? n : m, ylen = transA == Transpose.No ? m : n;
        if (x.Length < xlen) throw new ArgumentException($"x: needs {xlen} entries (got {x.Length}).", nameof(x));
        if (y.Length < ylen) throw new ArgumentException($"y: needs {ylen} entries (got {y.Length}).", nameof(y));
        s_backend.Gemv(transA, m, n, alpha, a, lda, x, beta, y);
    }

    /// <summary>Symmetric eigendecomposition into caller buffers: eigenvalues ascending, eigenvectors as columns.
    /// <paramref name="work"/> must hold <see cref="ILinearAlgebraBackend.SymmetricEigenWorkLength"/>(n) entries
    /// (or use <see cref="SymmetricEigenWorkspace"/>).</summary>
    public static void SymmetricEigen(int n, ReadOnlySpan<double> a, Span<double> eigenvalues, Span<double> eigenvectors, Span<double> work)
    {
        if (n <= 0) throw new ArgumentException($"n: must be positive (got {n}).", nameof(n));
        if (a.Length < n * n) throw new ArgumentException($"a: needs {n * n} entries (got {a.Length}).", nameof(a));
        if (eigenvalues.Length < n) throw new ArgumentException($"eigenvalues: needs {n} entries (got {eigenvalues.Length}).", nameof(eigenvalues));
        if (eigenvectors.Length < n * n) throw new ArgumentException($"eigenvectors: needs {n * n} entries (got {eigenvectors.Length}).", nameof(eigenvectors));
        int wl = s_backend.SymmetricEigenWorkLength(n);
        if (work.Length < wl) throw new ArgumentException($"work: needs {wl} entries (got {work.Length}).", nameof(work));
        for (int i = 0; i < n * n; i++)
            if (!double.IsFinite(a[i])) throw new ArgumentException($"a[{i}]: must be finite (got {a[i]}).", nameof(a));
        s_backend.SymmetricEigen(n, a, eigenvalues, eigenvectors, work);
    }

    /// <summary>y ← y + alpha·x.</summary>
    public static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        if (y.Length != x.Length) throw new ArgumentException($"y: length {y.Length} differs from x's {x.Length}.", nameof(y));
        Kernels.VectorKernels.Axpy(alpha, x, y);
    }

    /// <summary>x ← alpha·x (vectorised).</summary>
    public static void Scale(double alpha, Span<double> x) => Kernels.VectorKernels.Scale(alpha, x);

    /// <summary>xᵀy.</summary>
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (y.Length != x.Length) throw new ArgumentException($"y: length {y.Length} differs from x's {x.Length}.", nameof(y));
        return Kernels.VectorKernels.Dot(x, y);
    }

    /// <summary>Frobenius (Euclidean) norm of the entries.</summary>
    public static double FrobeniusNorm(ReadOnlySpan<double> x) => Math.Sqrt(Kernels.VectorKernels.Dot(x, x));

    /// <summary>Largest absolute entry.</summary>
    public static double MaxAbs(ReadOnlySpan<double> x)
    {
        double m = 0;
        foreach (double v in x) m = Math.Max(m, Math.Abs(v));
        return m;
    }

    /// <summary>Singular values, descending, of the m×n column-major matrix (MathNet SVD; allocates: for metrics, not hot loops).</summary>
    public static double[] SingularValues(int m, int n, ReadOnlySpan<double> a)
    {
        CheckMatrix(a.Length, m, n, m, nameof(a), "m");
        var mat = Matrix<double>.Build.Dense(m, n, a[..(m * n)].ToArray());
        return mat.Svd(computeVectors: false).S.ToArray();
    }

    /// <summary>Operator (spectral) norm σ₁ of the m×n column-major matrix (allocates).</summary>
    public static double OperatorNorm(int m, int n, ReadOnlySpan<double> a) => SingularValues(m, n, a)[0];

    /// <summary>Nuclear norm Σσᵢ of the m×n column-major matrix (allocates).</summary>
    public static double NuclearNorm(int m, int n, ReadOnlySpan<double> a) => SingularValues(m, n, a).Sum();

    private static void CheckMatrix(int length, int rows, int cols, int ld, string name, string ldName, string? owner = null)
    {
        if (ld < Math.Max(1, rows))
        {
            string p = owner is null ? ldName : $"{owner}.{ldName}";
            throw new ArgumentException($"{p}: leading dimension {ld} is below the row count {rows}.", p);
        }
        if (rows == 0 || cols == 0) return;
        long need = (long)ld * (cols - 1) + rows;
        if (length < need)
        {
            string p = owner is null ? name : $"{owner}.{name}";
            throw new ArgumentException($"{p}: needs at least {need} entries for a {rows}×{cols} matrix with leading dimension {ld} (got {length}).", p);
        }
    }
}

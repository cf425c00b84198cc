using System.Runtime.InteropServices;

namespace FlowSim.Linalg.Native;

/// <summary>
/// The native backend of the seam: OpenBLAS dgemm/dgemv and LAPACK dsyevd through <see cref="OpenBlasNative"/>.
/// Products whose work m·n·k is at most <see cref="ManagedUpTo"/> go to the managed kernel, which beats the
/// native call's fixed cost there (see benchmarks/README.md); without dsyevd the eigenproblem goes to the managed
/// backend too.
/// </summary>
/// <remarks>Allocates nothing per call: dsyevd's integer workspace lives in the tail of the caller's double
/// workspace (<see cref="SymmetricEigenWorkLength"/> counts it).</remarks>
public sealed class OpenBlasBackend : ILinearAlgebraBackend
{
    /// <summary>
    /// Products with m·n·k at or below this run managed when OpenBLAS has a kernel for the processor. Measured on the
    /// benchmark machine (OpenBLAS 0.3.21, SkylakeX kernel, benchmarks/README.md): the native call wins from n = 8
    /// (13 against 11 GFLOP/s) and loses only below (n = 4: 3.6 against 5.5).
    /// </summary>
    public const long SmallProductFlops = 7L * 7 * 7;

    /// <summary>
    /// The threshold when OpenBLAS fell back to its SSE3 "Prescott" kernels (a processor it does not recognise): the
    /// managed AVX kernel is then as fast or faster up to n ≈ 32 (measured 11–20 against 8–13 GFLOP/s).
    /// </summary>
    public const long SmallProductFlopsGenericKernel = 32L * 32 * 32;

    private readonly long _managedUpTo;

    private static OpenBlasBackend? s_instance;

    private OpenBlasBackend()
    {
        Name = $"openblas ({OpenBlasNative.LibraryName})";
        CoreName = OpenBlasNative.CoreName;
        _managedUpTo = CoreName is "Prescott" or "Core2" or "Atom" or "Nehalem" ? SmallProductFlopsGenericKernel : SmallProductFlops;
    }

    /// <summary>Whether a native BLAS was found (then <see cref="Instance"/> is usable).</summary>
    public static bool IsAvailable => OpenBlasNative.IsAvailable;

    /// <summary>The shared instance.</summary>
    /// <exception cref="InvalidOperationException">No native BLAS library was found.</exception>
    public static OpenBlasBackend Instance => s_instance ??= IsAvailable
        ? new OpenBlasBackend()
        : throw new InvalidOperationException(
            "No native BLAS library was found (tried libopenblas.so.0, libopenblas.so, libblas.so.3); install libopenblas0-pthread or use FLOWSIM_BLAS=managed.");

    /// <inheritdoc />
    /// <remarks>"openblas (libopenblas.so.0)": the library file that was loaded, for provenance.</remarks>
    public string Name { get; }

    /// <summary>OpenBLAS's kernel family for this processor (see <see cref="OpenBlasNative.CoreName"/>), or null.</summary>
    public string? CoreName { get; }

    /// <summary>Products with m·n·k at or below this go to the managed kernel.</summary>
    public long ManagedUpTo => _managedUpTo;

    /// <inheritdoc />
    public void Gemm(Transpose transA, Transpose transB, int m, int n, int k, double alpha,
        ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc)
    {
        if ((long)m * n * k <= _managedUpTo || m == 0 || n == 0 || k == 0)
        {
            ManagedBackend.Instance.Gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
            return;
        }
        OpenBlasNative.Dgemm(transA == Transpose.Yes, transB == Transpose.Yes, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /// <inheritdoc />
    public void Gemv(Transpose transA, int m, int n, double alpha, ReadOnlySpan<double> a, int lda,
        ReadOnlySpan<double> x, double beta, Span<double> y)
    {
        if ((long)m * n <= 64 || m == 0 || n == 0)
        {
            ManagedBackend.Instance.Gemv(transA, m, n, alpha, a, lda, x, beta, y);
            return;
        }
        OpenBlasNative.Dgemv(transA == Transpose.Yes, m, n, alpha, a, lda, x, beta, y);
    }

    /// <inheritdoc />
    /// <remarks>OpenBLAS's thread count is process-wide: one while FlowSim's threads split the products, its own
    /// default (OPENBLAS_NUM_THREADS or the processor count) otherwise.</remarks>
    public void LimitInternalThreads(bool single) => OpenBlasNative.SetThreadCount(single ? 1 : OpenBlasNative.DefaultThreadCount);

    /// <inheritdoc />
    public int SymmetricEigenWorkLength(int n)
    {
        if (!OpenBlasNative.HasSymmetricEigen) return ManagedBackend.Instance.SymmetricEigenWorkLength(n);
        var (work, iwork) = OpenBlasNative.SymmetricEigenWorkspace(n);
        return work + (iwork + 1) / 2;
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">dsyevd failed to converge (LAPACK info &gt; 0).</exception>
    public void SymmetricEigen(int n, ReadOnlySpan<double> a, Span<double> eigenvalues, Span<double> eigenvectors, Span<double> work)
    {
        if (!OpenBlasNative.HasSymmetricEigen)
        {
            ManagedBackend.Instance.SymmetricEigen(n, a, eigenvalues, eigenvectors, work);
            return;
        }
        var (lwork, liwork) = OpenBlasNative.SymmetricEigenWorkspace(n);
        a[..(n * n)].CopyTo(eigenvectors);
        var iwork = MemoryMarshal.Cast<double, int>(work.Slice(lwork, (liwork + 1) / 2))[..liwork];
        int info = OpenBlasNative.Dsyevd(n, eigenvectors, n, eigenvalues, work[..lwork], iwork);
        if (info != 0)
            throw new InvalidOperationException($"LAPACK dsyevd returned info = {info} for order {n}.");
    }
}

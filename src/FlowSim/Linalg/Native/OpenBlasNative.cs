using System.Runtime.InteropServices;

namespace FlowSim.Linalg.Native;

/// <summary>
/// OpenBLAS (CBLAS dgemm/dgemv and LAPACK dsyevd) found at run time with <see cref="NativeLibrary"/>:
/// libopenblas.so.0, libopenblas.so, then libblas.so.3 (whose LAPACK part may be missing). Nothing here
/// throws when no library is present: <see cref="IsAvailable"/> is false and callers use the managed kernels.
/// </summary>
public static unsafe class OpenBlasNative
{
    private const int ColMajor = 102, NoTrans = 111, Trans = 112;

    private static readonly delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void> CblasDgemm;
    private static readonly delegate* unmanaged<int, int, int, int, double, double*, int, double*, int, double, double*, int, void> CblasDgemv;
    private static readonly delegate* unmanaged<byte*, byte*, int*, double*, int*, double*, double*, int*, int*, int*, int*, nuint, nuint, void> LapackDsyevd;
    private static readonly delegate* unmanaged<int, void> SetThreads;
    private static readonly delegate* unmanaged<byte*> GetCoreName;

    static OpenBlasNative()
    {
        foreach (var name in new[] { "libopenblas.so.0", "libopenblas.so", "libblas.so.3" })
        {
            if (!NativeLibrary.TryLoad(name, out var handle)) continue;
            if (!NativeLibrary.TryGetExport(handle, "cblas_dgemm", out var gemm) ||
                !NativeLibrary.TryGetExport(handle, "cblas_dgemv", out var gemv))
            {
                NativeLibrary.Free(handle);
                continue;
            }
            CblasDgemm = (delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void>)gemm;
            CblasDgemv = (delegate* unmanaged<int, int, int, int, double, double*, int, double*, int, double, double*, int, void>)gemv;
            if (NativeLibrary.TryGetExport(handle, "dsyevd_", out var syevd))
                LapackDsyevd = (delegate* unmanaged<byte*, byte*, int*, double*, int*, double*, double*, int*, int*, int*, int*, nuint, nuint, void>)syevd;
            if (NativeLibrary.TryGetExport(handle, "openblas_set_num_threads", out var threads))
                SetThreads = (delegate* unmanaged<int, void>)threads;
            if (NativeLibrary.TryGetExport(handle, "openblas_get_num_threads", out var getThreads))
                DefaultThreadCount = Math.Max(1, ((delegate* unmanaged<int>)getThreads)());
            if (NativeLibrary.TryGetExport(handle, "openblas_get_corename", out var core))
                GetCoreName = (delegate* unmanaged<byte*>)core;
            LibraryName = name;
            return;
        }
    }

    /// <summary>Whether a CBLAS library was found.</summary>
    public static bool IsAvailable => CblasDgemm != null;

    /// <summary>Whether LAPACK's dsyevd was found too.</summary>
    public static bool HasSymmetricEigen => LapackDsyevd != null;

    /// <summary>The library file that was loaded, or null.</summary>
    public static string? LibraryName { get; }

    /// <summary>
    /// The kernel family OpenBLAS chose for this processor ("SkylakeX", "Haswell", …; "Prescott" is its SSE3 fallback
    /// for a processor it does not recognise, which OPENBLAS_CORETYPE overrides), or null for a library without the call.
    /// </summary>
    public static string? CoreName => GetCoreName == null ? null : Marshal.PtrToStringAnsi((nint)GetCoreName());

    /// <summary>OpenBLAS's own thread count when the library was loaded (1 for a library without the call).</summary>
    public static int DefaultThreadCount { get; } = 1;

    /// <summary>Sets OpenBLAS's thread count (no effect for a library without the call).</summary>
    public static void SetThreadCount(int threads)
    {
        if (SetThreads != null) SetThreads(threads);
    }

    /// <summary>C = alpha·op(A)·op(B) + beta·C, column-major, op(A) m×k, op(B) k×n.</summary>
    /// <exception cref="InvalidOperationException">No BLAS library was found.</exception>
    public static void Dgemm(bool transA, bool transB, int m, int n, int k, double alpha,
        ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc)
    {
        if (CblasDgemm == null) throw new InvalidOperationException("No native BLAS library was found.");
        fixed (double* pa = a, pb = b, pc = c)
            CblasDgemm(ColMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
    }

    /// <summary>y = alpha·op(A)·x + beta·y, column-major A of m×n.</summary>
    /// <exception cref="InvalidOperationException">No BLAS library was found.</exception>
    public static void Dgemv(bool transA, int m, int n, double alpha, ReadOnlySpan<double> a, int lda,
        ReadOnlySpan<double> x, double beta, Span<double> y)
    {
        if (CblasDgemv == null) throw new InvalidOperationException("No native BLAS library was found.");
        fixed (double* pa = a, px = x, py = y)
            CblasDgemv(ColMajor, transA ? Trans : NoTrans, m, n, alpha, pa, lda, px, 1, beta, py, 1);
    }

    /// <summary>Workspace sizes (doubles, ints) dsyevd needs for order n with eigenvectors.</summary>
    public static (int Work, int IWork) SymmetricEigenWorkspace(int n) =>
        n <= 1 ? (1, 1) : (1 + 6 * n + 2 * n * n, 3 + 5 * n);

    /// <summary>
    /// Eigen-decomposes the symmetric n×n matrix in <paramref name="a"/> (lower triangle read); on return
    /// <paramref name="a"/> holds the orthonormal eigenvectors (columns) and <paramref name="w"/> the eigenvalues ascending.
    /// </summary>
    /// <returns>LAPACK's info (0 on success).</returns>
    /// <exception cref="InvalidOperationException">dsyevd was not found.</exception>
    public static int Dsyevd(int n, Span<double> a, int lda, Span<double> w, Span<double> work, Span<int> iwork)
    {
        if (LapackDsyevd == null) throw new InvalidOperationException("LAPACK dsyevd was not found in the native library.");
        byte jobz = (byte)'V', uplo = (byte)'L';
        int nn = n, ld = lda, lwork = work.Length, liwork = iwork.Length, info = 0;
        fixed (double* pa = a, pw = w, pwork = work)
        fixed (int* piwork = iwork)
            LapackDsyevd(&jobz, &uplo, &nn, pa, &ld, pw, pwork, &lwork, piwork, &liwork, &info, 1, 1);
        return info;
    }
}

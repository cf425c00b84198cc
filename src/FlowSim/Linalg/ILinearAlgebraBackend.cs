namespace FlowSim.Linalg;

/// <summary>
/// The kernels every model and flow goes through: dense column-major BLAS-3/BLAS-2 products and the symmetric
/// eigendecomposition. A native (OpenBLAS/LAPACK) implementation plugs in behind this interface; the
/// selection lives only in <see cref="LinearAlgebra.Backend"/>.
/// </summary>
/// <remarks>Arguments follow the reference BLAS exactly (column-major, leading dimensions, alpha/beta; beta = 0
/// overwrites C without reading it). Callers validate through <see cref="LinearAlgebra"/>; implementations may assume valid arguments.
/// Implementations allocate nothing per call.</remarks>
public interface ILinearAlgebraBackend
{
    /// <summary>Name reported in provenance ("managed", "openblas", …).</summary>
    string Name { get; }

    /// <summary>C ← alpha·op(A)·op(B) + beta·C with op(A) m×k, op(B) k×n, C m×n.</summary>
    void Gemm(Transpose transA, Transpose transB, int m, int n, int k, double alpha,
        ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc);

    /// <summary>y ← alpha·op(A)·x + beta·y with A m×n (stored), x and y contiguous.</summary>
    void Gemv(Transpose transA, int m, int n, double alpha, ReadOnlySpan<double> a, int lda,
        ReadOnlySpan<double> x, double beta, Span<double> y);

    /// <summary>
    /// Eigendecomposition of the symmetric n×n matrix A (column-major, lda = n; only its values are read):
    /// eigenvalues ascending into <paramref name="eigenvalues"/>, orthonormal eigenvectors as the columns of
    /// <paramref name="eigenvectors"/> (n×n), using <paramref name="work"/> (length ≥ <see cref="SymmetricEigenWorkLength"/>).
    /// </summary>
    void SymmetricEigen(int n, ReadOnlySpan<double> a, Span<double> eigenvalues, Span<double> eigenvectors, Span<double> work);

    /// <summary>Scratch length <see cref="SymmetricEigen"/> needs for order n.</summary>
    int SymmetricEigenWorkLength(int n);

    /// <summary>
    /// Called when FlowSim's own threads take over parallelism (<paramref name="single"/> true) or give it back: a
    /// backend with threads of its own then uses one per call, so that FlowSim's workers and its threads do not
    /// compete for the same cores. Implementations must allow concurrent calls from several threads.
    /// </summary>
    void LimitInternalThreads(bool single)
    {
    }
}

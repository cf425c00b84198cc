namespace FlowSim.Linalg;

/// <summary>
/// The arguments of one product C ← alpha·op(A)·op(B) + beta·C (reference BLAS dgemm, column-major), for
/// <see cref="LinearAlgebra.GemmPair"/> and <see cref="LinearAlgebra.Gemm(in GemmArguments)"/>; optionally with an
/// initial C that is copied in first (each thread copies the columns it then computes).
/// </summary>
/// <remarks>The arguments come in dgemm's order: op(A) m×k, op(B) k×n, C m×n. With <c>initialC</c> (m×n, leading
/// dimension ldc) C is first set to it, so beta scales initialC.</remarks>
public readonly ref struct GemmArguments(Transpose transA, Transpose transB, int m, int n, int k, double alpha,
    ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc,
    ReadOnlySpan<double> initialC = default)
{
    /// <summary>Whether A is transposed.</summary>
    public Transpose TransA { get; } = transA;
    /// <summary>Whether B is transposed.</summary>
    public Transpose TransB { get; } = transB;
    /// <summary>Rows of op(A) and C.</summary>
    public int M { get; } = m;
    /// <summary>Columns of op(B) and C.</summary>
    public int N { get; } = n;
    /// <summary>Columns of op(A), rows of op(B).</summary>
    public int K { get; } = k;
    /// <summary>Scale of the product.</summary>
    public double Alpha { get; } = alpha;
    /// <summary>A as stored.</summary>
    public ReadOnlySpan<double> A { get; } = a;
    /// <summary>Leading dimension of A.</summary>
    public int Lda { get; } = lda;
    /// <summary>B as stored.</summary>
    public ReadOnlySpan<double> B { get; } = b;
    /// <summary>Leading dimension of B.</summary>
    public int Ldb { get; } = ldb;
    /// <summary>Scale of C's old value (0: C is overwritten unread).</summary>
    public double Beta { get; } = beta;
    /// <summary>C, written.</summary>
    public Span<double> C { get; } = c;
    /// <summary>Leading dimension of C.</summary>
    public int Ldc { get; } = ldc;

    /// <summary>Values C takes before the product (empty: C's own values).</summary>
    public ReadOnlySpan<double> InitialC { get; } = initialC;

    /// <summary>m·n·k, the multiply-adds of the product.</summary>
    public long Work => (long)M * N * K;

    internal void RunOn(ILinearAlgebraBackend backend)
    {
        if (!InitialC.IsEmpty) CopyColumns(InitialC, C, M, N, Ldc);
        backend.Gemm(TransA, TransB, M, N, K, Alpha, A, Lda, B, Ldb, Beta, C, Ldc);
    }

    /// <summary>Copies the m×n block (leading dimension ld) of <paramref name="source"/> into <paramref name="destination"/>.</summary>
    internal static void CopyColumns(ReadOnlySpan<double> source, Span<double> destination, int m, int n, int ld)
    {
        if (ld == m) source[..(m * n)].CopyTo(destination);
        else for (int j = 0; j < n; j++) source.Slice(j * ld, m).CopyTo(destination.Slice(j * ld, m));
    }
}

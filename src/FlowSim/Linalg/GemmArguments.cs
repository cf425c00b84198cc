namespace FlowSim.Linalg;

/// <summary>
/// The arguments of one product C ← alpha·op(A)·op(B) + beta·C (reference BLAS dgemm, column-major), for
/// <see cref="LinearAlgebra.GemmPair"/> and <see cref="LinearAlgebra.Gemm(in GemmArguments)"/>; optionally with an
/// initial C that is copied in first (each thread copies the columns it then computes).
/// </summary>
public readonly ref struct GemmArguments
{
    /// <summary>Collects the arguments of C ← alpha·op(A)·op(B) + beta·C with op(A) m×k, op(B) k×n, C m×n; with
    /// <paramref name="initialC"/> (m×n, leading dimension ldc) C is first set to it, so beta scales initialC.</summary>
    public GemmArguments(Transpose transA, Transpose transB, int m, int n, int k, double alpha,
        ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc,
        ReadOnlySpan<double> initialC = default)
    {
        InitialC = initialC;
        TransA = transA;
        TransB = transB;
        M = m;
        N = n;
        K = k;
        Alpha = alpha;
        A = a;
        Lda = lda;
        B = b;
        Ldb = ldb;
        Beta = beta;
        C = c;
        Ldc = ldc;
    }

    /// <summary>Whether A is transposed.</summary>
    public Transpose TransA { get; }
    /// <summary>Whether B is transposed.</summary>
    public Transpose TransB { get; }
    /// <summary>Rows of op(A) and C.</summary>
    public int M { get; }
    /// <summary>Columns of op(B) and C.</summary>
    public int N { get; }
    /// <summary>Columns of op(A), rows of op(B).</summary>
    public int K { get; }
    /// <summary>Scale of the product.</summary>
    public double Alpha { get; }
    /// <summary>A as stored.</summary>
    public ReadOnlySpan<double> A { get; }
    /// <summary>Leading dimension of A.</summary>
    public int Lda { get; }
    /// <summary>B as stored.</summary>
    public ReadOnlySpan<double> B { get; }
    /// <summary>Leading dimension of B.</summary>
    public int Ldb { get; }
    /// <summary>Scale of C's old value (0: C is overwritten unread).</summary>
    public double Beta { get; }
    /// <summary>C, written.</summary>
    public Span<double> C { get; }
    /// <summary>Leading dimension of C.</summary>
    public int Ldc { get; }

    /// <summary>Values C takes before the product (empty: C's own values).</summary>
    public ReadOnlySpan<double> InitialC { get; }

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

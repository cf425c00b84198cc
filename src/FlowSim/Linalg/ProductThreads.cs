using FlowSim.Threading;

namespace FlowSim.Linalg;

/// <summary>
/// FlowSim's own threads for large products: a product is split by columns of C, and two independent products (the
/// U and V gradients of a two-factor model) run side by side, each piece handed to the backend as an ordinary
/// single-threaded GEMM. Owning the threads beats a BLAS's internal threading on the sizes FlowSim runs: OpenBLAS 0.3.21
/// does not split a product below n ≈ 128 at all, so the gradient of a 64×64 factorisation (three products) took
/// 32.8 µs with its threading and takes 21.8 µs on two FlowSim threads; from n ≈ 192 the two are level
/// (benchmarks/README.md, "Threads").
/// </summary>
/// <remarks>
/// The pieces run on the shared <see cref="WorkerPool"/>. One caller at a time fills the piece list; a concurrent caller
/// runs its products on its own thread. A column split on 8-column boundaries leaves every entry's summation order
/// alone in the managed kernel, so results are bit for bit those of one call; OpenBLAS may pick another kernel for a
/// narrower piece (its small-matrix path), which changes the last bit or two. Allocation-free per call.
/// </remarks>
internal sealed unsafe class ProductThreads : IPieceWork
{
    /// <summary>m·n·k below which a product (or a pair's total) is not split: the hand-off costs about a microsecond (measured: a pair at n = 32, 65,536, is slower split).</summary>
    internal const long MinParallelWork = 80_000;

    /// <summary>Least m·n·k of one piece; fewer, larger pieces beat many small ones.</summary>
    private const long MinPieceWork = 24L * 24 * 24;

    private readonly WorkerPool _pool;
    private readonly Piece[] _pieces;
    private ILinearAlgebraBackend _backend = ManagedBackend.Instance;
    private int _pieceCount;
    private int _busy;

    internal ProductThreads(WorkerPool pool)
    {
        _pool = pool;
        _pieces = new Piece[2 * pool.Threads];
    }

    internal int Threads => _pool.Threads;

    internal WorkerPool Pool => _pool;

    /// <summary>Runs C ← alpha·op(A)·op(B) + beta·C, split by columns across the workers when it is large enough.</summary>
    internal void Gemm(ILinearAlgebraBackend backend, in GemmArguments g)
    {
        long work = g.Work;
        if (work < MinParallelWork || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            g.RunOn(backend);
            return;
        }
        try
        {
            fixed (double* a = g.A, b = g.B, c = g.C, c0 = g.InitialC)
            {
                _pieceCount = 0;
                AddPieces(g, a, b, c, c0, PartsFor(work, g.N, Threads));
                Run(backend);
            }
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>Runs two independent products; the caller has checked that neither writes what the other reads.</summary>
    internal void GemmPair(ILinearAlgebraBackend backend, in GemmArguments first, in GemmArguments second)
    {
        long w1 = first.Work, w2 = second.Work;
        if (w1 + w2 < MinParallelWork || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            first.RunOn(backend);
            second.RunOn(backend);
            return;
        }
        try
        {
            // Both products are cut into as many pieces as there are threads and the pieces are claimed as threads
            // come free, which balances the load when one product is slower (op(A) = Rᵀ ran ~30 % slower than R at
            // n = 64) better than one product per thread.
            fixed (double* a1 = first.A, b1 = first.B, c1 = first.C, i1 = first.InitialC,
                   a2 = second.A, b2 = second.B, c2 = second.C, i2 = second.InitialC)
            {
                _pieceCount = 0;
                AddPieces(first, a1, b1, c1, i1, PartsFor(w1, first.N, Threads));
                AddPieces(second, a2, b2, c2, i2, PartsFor(w2, second.N, Threads));
                Run(backend);
            }
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    private static int PartsFor(long work, int columns, int threads) =>
        (int)Math.Max(1, Math.Min(Math.Min(threads, Math.Max(1, columns / ColumnAlignment)), work / MinPieceWork));

    /// <summary>Start of piece p of n columns in parts pieces, on a multiple of <see cref="ColumnAlignment"/>: the
    /// kernels treat a block of columns alike wherever it starts, but the last few columns of a call differently
    /// (OpenBLAS and the managed kernel both have remainder paths), so pieces that end mid-block would change bits.</summary>
    private static int Boundary(int n, int p, int parts) =>
        p >= parts ? n : Math.Min(n, (int)((long)n * p / parts / ColumnAlignment * ColumnAlignment));

    /// <summary>Pieces start on multiples of this many columns: a multiple of the managed kernel's 4 and OpenBLAS's dgemm unrolling (8 at most for double). 16 cost a third of the gain at d = 48 (pieces of 16 and 32 columns).</summary>
    internal const int ColumnAlignment = 8;

    private void AddPieces(in GemmArguments g, double* a, double* b, double* c, double* c0, int parts)
    {
        int n = g.N;
        for (int p = 0; p < parts; p++)
        {
            int j0 = Boundary(n, p, parts), j1 = Boundary(n, p + 1, parts);
            if (j1 == j0) continue;
            // Columns j0..j1 of op(B) are columns of B, or rows of B when it is transposed.
            long bOffset = g.TransB == Transpose.No ? (long)j0 * g.Ldb : j0;
            long cOffset = (long)j0 * g.Ldc;
            _pieces[_pieceCount++] = new Piece(g.TransA, g.TransB, g.M, j1 - j0, g.K, g.Alpha,
                a, g.A.Length, g.Lda, b + bOffset, g.B.Length - (int)bOffset, g.Ldb, g.Beta, c + cOffset, g.C.Length - (int)cOffset, g.Ldc,
                g.InitialC.IsEmpty ? null : c0 + cOffset, g.InitialC.IsEmpty ? 0 : g.InitialC.Length - (int)cOffset);
        }
    }

    private void Run(ILinearAlgebraBackend backend)
    {
        _backend = backend;
        _pool.Run(this, _pieceCount);
    }

    void IPieceWork.RunPiece(int piece) => _pieces[piece].RunOn(_backend);

    private readonly struct Piece(Transpose transA, Transpose transB, int m, int n, int k, double alpha,
        double* a, int aLength, int lda, double* b, int bLength, int ldb, double beta, double* c, int cLength, int ldc,
        double* c0, int c0Length)
    {
        public void RunOn(ILinearAlgebraBackend backend)
        {
            var cs = new Span<double>(c, cLength);
            if (c0 != null) GemmArguments.CopyColumns(new ReadOnlySpan<double>(c0, c0Length), cs, m, n, ldc);
            backend.Gemm(transA, transB, m, n, k, alpha, new ReadOnlySpan<double>(a, aLength), lda,
                new ReadOnlySpan<double>(b, bLength), ldb, beta, cs, ldc);
        }
    }
}

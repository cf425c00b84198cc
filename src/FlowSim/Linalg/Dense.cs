namespace FlowSim.Linalg;

/// <summary>
/// Convenience operations on column-major matrices held in spans, each given with its stored shape: what a model or a
/// check written by hand needs (products with optional transposes, diagonal and identity matrices, distances,
/// symmetric eigenvalues, a fused residual) without BLAS's leading dimensions. Products go through <see cref="LinearAlgebra.Gemm(Transpose, Transpose, int, int, int, double, ReadOnlySpan{double}, int, ReadOnlySpan{double}, int, double, Span{double}, int)"/>,
/// so they use the native backend and FlowSim's threads like every model does.
/// </summary>
public static class Dense
{
    /// <summary>
    /// c ← alpha·op(a)·op(b) + beta·c, where a is stored <paramref name="aRows"/>×<paramref name="aColumns"/>, b is stored
    /// <paramref name="bRows"/>×<paramref name="bColumns"/>, op transposes when asked, and c holds the
    /// rows(op(a))×columns(op(b)) result. Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException">A shape is negative, the inner dimensions differ, or a span is too short (the message names which).</exception>
    public static void Multiply(ReadOnlySpan<double> a, int aRows, int aColumns, ReadOnlySpan<double> b, int bRows, int bColumns,
        Span<double> c, bool transposeA = false, bool transposeB = false, double alpha = 1.0, double beta = 0.0)
    {
        CheckShape(a.Length, aRows, aColumns, "a");
        CheckShape(b.Length, bRows, bColumns, "b");
        int m = transposeA ? aColumns : aRows, k = transposeA ? aRows : aColumns;
        int kb = transposeB ? bColumns : bRows, n = transposeB ? bRows : bColumns;
        if (k != kb)
            throw new ArgumentException($"b: inner dimensions differ: op(a) is {m}×{k}, op(b) is {kb}×{n}.", nameof(b));
        if (c.Length < (long)m * n) throw new ArgumentException($"c: needs {m}×{n} = {(long)m * n} entries (got {c.Length}).", nameof(c));
        if (m == 0 || n == 0) return;
        LinearAlgebra.Gemm(transposeA ? Transpose.Yes : Transpose.No, transposeB ? Transpose.Yes : Transpose.No, m, n, k,
            alpha, a, Math.Max(1, aRows), b, Math.Max(1, bRows), beta, c, Math.Max(1, m));
    }

    /// <summary>op(a)·op(b) as a new array (see the in-place overload for the shapes).</summary>
    /// <exception cref="ArgumentException">As for the in-place overload.</exception>
    public static double[] Multiply(ReadOnlySpan<double> a, int aRows, int aColumns, ReadOnlySpan<double> b, int bRows, int bColumns,
        bool transposeA = false, bool transposeB = false)
    {
        int m = transposeA ? aColumns : aRows, n = transposeB ? bRows : bColumns;
        var c = new double[checked(Math.Max(0, m) * Math.Max(0, n))];
        Multiply(a, aRows, aColumns, b, bRows, bColumns, c, transposeA, transposeB);
        return c;
    }

    /// <summary>
    /// result ← op(a)·op(b) − target, with the shapes of <see cref="Multiply(ReadOnlySpan{double}, int, int, ReadOnlySpan{double}, int, int, Span{double}, bool, bool, double, double)"/>,
    /// and returns ‖result‖²_F: the residual of a factor model and its squared norm in one call (half of it is the
    /// usual loss ½‖op(a)·op(b) − target‖²_F). <paramref name="target"/> may be <paramref name="result"/> itself;
    /// a and b must not overlap result. Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException">A shape is negative, the inner dimensions differ, or a span is too short (the message names which).</exception>
    public static double Residual(ReadOnlySpan<double> a, int aRows, int aColumns, ReadOnlySpan<double> b, int bRows, int bColumns,
        ReadOnlySpan<double> target, Span<double> result, bool transposeA = false, bool transposeB = false)
    {
        int m = transposeA ? aColumns : aRows, n = transposeB ? bRows : bColumns;
        long length = (long)Math.Max(0, m) * Math.Max(0, n);
        if (target.Length < length) throw new ArgumentException($"target: needs {m}×{n} = {length} entries (got {target.Length}).", nameof(target));
        if (result.Length < length) throw new ArgumentException($"result: needs {m}×{n} = {length} entries (got {result.Length}).", nameof(result));
        var r = result[..(int)length];
        target[..(int)length].CopyTo(r);
        Multiply(a, aRows, aColumns, b, bRows, bColumns, r, transposeA, transposeB, alpha: 1.0, beta: -1.0);
        return LinearAlgebra.Dot(r, r);
    }

    /// <summary>The <paramref name="rows"/>×<paramref name="columns"/> matrix with <paramref name="values"/> on its diagonal.</summary>
    /// <exception cref="ArgumentException">More values than the shorter side holds, or a negative shape.</exception>
    public static double[] Diagonal(int rows, int columns, ReadOnlySpan<double> values)
    {
        if (rows < 0 || columns < 0) throw new ArgumentException($"rows, columns: must be ≥ 0 (got {rows}×{columns}).", nameof(rows));
        if (values.Length > Math.Min(rows, columns))
            throw new ArgumentException($"values: {values.Length} values do not fit the diagonal of a {rows}×{columns} matrix.", nameof(values));
        var m = new double[checked(rows * columns)];
        for (int i = 0; i < values.Length; i++) m[i * rows + i] = values[i];
        return m;
    }

    /// <summary>The square matrix diag(<paramref name="values"/>).</summary>
    public static double[] Diagonal(ReadOnlySpan<double> values) => Diagonal(values.Length, values.Length, values);

    /// <summary>The n×n identity.</summary>
    public static double[] Identity(int n)
    {
        var m = new double[checked(n * n)];
        for (int i = 0; i < n; i++) m[i * n + i] = 1.0;
        return m;
    }

    /// <summary>‖a − b‖ over the entries (the Frobenius distance of two matrices of one shape).</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"b: length {b.Length} differs from a's {a.Length}.", nameof(b));
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = a[i] - b[i];
            s += d * d;
        }
        return Math.Sqrt(s);
    }

    /// <summary>The eigenvalues, ascending, of the symmetric n×n matrix <paramref name="a"/> (allocates: for checks, not hot loops).</summary>
    /// <exception cref="ArgumentException">n is not positive, a is too short or has a non-finite entry.</exception>
    public static double[] SymmetricEigenvalues(int n, ReadOnlySpan<double> a)
    {
        var w = new SymmetricEigenWorkspace(n);
        w.Decompose(a);
        return (double[])w.Values.Clone();
    }

    private static void CheckShape(int length, int rows, int columns, string name)
    {
        if (rows < 0 || columns < 0) throw new ArgumentException($"{name}: shape must be ≥ 0 (got {rows}×{columns}).", name);
        if (length < (long)rows * columns)
            throw new ArgumentException($"{name}: a {rows}×{columns} matrix needs {(long)rows * columns} entries (got {length}).", name);
    }
}

namespace FlowSim.Ode;

/// <summary>
/// An LU factorisation with partial pivoting (LAPACK's unblocked dgetf2 order: pivot search, row swap, scaling of
/// the column, rank-one update of the trailing columns) of one n×n iteration matrix, refactored in place step after
/// step, counting factorisations and solves in the run's statistics.
/// </summary>
/// <remarks>
/// Column-major, so the rank-one update and both substitutions are vectorised axpys down contiguous columns. The
/// matrix, the pivots and nothing else are allocated once: a factorisation or a solve allocates nothing (MathNet's
/// provider, used before, allocated an n-vector per factorisation).
/// </remarks>
internal sealed class DenseLu(int n, SolverStatistics statistics) : RealShiftedSystem(n, statistics)
{
    /// <summary>The matrix to factor, column-major; overwritten by its factors in <see cref="Factor"/>.</summary>
    public double[] Matrix { get; } = new double[n * n];

    /// <summary>Sets <see cref="Matrix"/> to a·I + b·J (J column-major n×n) and factors it.</summary>
    /// <returns>False when the matrix is singular or not finite.</returns>
    public override bool FactorShifted(double a, double b, ReadOnlySpan<double> jacobian)
    {
        var m = Matrix;
        for (int k = 0; k < m.Length; k++) m[k] = b * jacobian[k];
        for (int i = 0; i < N; i++) m[i * N + i] += a;
        return Factor();
    }

    /// <summary>Factors <see cref="Matrix"/> in place.</summary>
    /// <returns>False when the matrix is singular or not finite.</returns>
    public bool Factor()
    {
        Statistics.LuDecompositions++;
        for (int k = 0; k < Matrix.Length; k++)
            if (!double.IsFinite(Matrix[k])) { IsValid = false; return false; }
        if (!FactorInPlace(Matrix, N, Pivots)) { IsValid = false; return false; }
        for (int i = 0; i < N; i++)
        {
            double u = Matrix[i * N + i];
            if (!double.IsFinite(u)) { IsValid = false; return false; }
        }
        IsValid = true;
        return true;
    }

    /// <summary>Overwrites <paramref name="b"/> with the solution x of (LU) x = b.</summary>
    public override void Solve(Span<double> b)
    {
        Statistics.LinearSolves++;
        SolveInPlace(Matrix, N, Pivots, b);
    }

    /// <summary>Factors the column-major n×n matrix in place (unit-lower L below the diagonal, U on and above) with
    /// row interchanges in <paramref name="pivots"/>; false when a pivot column is exactly zero (singular).</summary>
    internal static bool FactorInPlace(Span<double> a, int n, Span<int> pivots)
    {
        for (int k = 0; k < n; k++)
        {
            var colK = a.Slice(k * n, n);
            int p = k;
            double best = Math.Abs(colK[k]);
            for (int i = k + 1; i < n; i++)
            {
                double v = Math.Abs(colK[i]);
                if (v > best) { best = v; p = i; }
            }
            pivots[k] = p;
            if (best == 0) return false;
            if (p != k)
                for (int j = 0; j < n; j++)
                    (a[j * n + k], a[j * n + p]) = (a[j * n + p], a[j * n + k]);
            double inverse = 1.0 / colK[k];
            var below = colK[(k + 1)..];
            for (int i = 0; i < below.Length; i++) below[i] *= inverse;
            for (int j = k + 1; j < n; j++)
            {
                double akj = a[j * n + k];
                if (akj != 0) Kernels.VectorKernels.Axpy(-akj, below, a.Slice(j * n + k + 1, n - k - 1));
            }
        }
        return true;
    }

    /// <summary>Solves (LU) x = P b in place with the factors and pivots of <see cref="FactorInPlace"/>.</summary>
    internal static void SolveInPlace(ReadOnlySpan<double> lu, int n, ReadOnlySpan<int> pivots, Span<double> b)
    {
        for (int k = 0; k < n; k++)
            if (pivots[k] != k) (b[k], b[pivots[k]]) = (b[pivots[k]], b[k]);
        for (int k = 0; k < n; k++)
            if (b[k] != 0) Kernels.VectorKernels.Axpy(-b[k], lu.Slice(k * n + k + 1, n - k - 1), b.Slice(k + 1, n - k - 1));
        for (int k = n - 1; k >= 0; k--)
        {
            b[k] /= lu[k * n + k];
            if (b[k] != 0) Kernels.VectorKernels.Axpy(-b[k], lu.Slice(k * n, k), b[..k]);
        }
    }
}

using System.Numerics;

namespace FlowSim.Ode;

/// <summary>
/// The real iteration matrix a·I + b·J of a problem with a banded Jacobian, factored as a band
/// (<see cref="LuKernels{T}"/>): O(n) work per factorisation and per solve for a fixed band, where a dense LU costs
/// O(n³). J comes in the compact band storage of <see cref="JacobianLayout"/>.
/// </summary>
internal sealed class BandedLu(int n, int lower, int upper, SolverStatistics statistics) : RealShiftedSystem(n, statistics)
{
    private readonly int _kl = lower, _ku = upper;
    private readonly double[] _ab = new double[BandFill.StorageLength(n, lower, upper)];

    public override bool FactorShifted(double a, double b, ReadOnlySpan<double> jacobian)
    {
        Statistics.LuDecompositions++;
        BandFill.Shifted(_ab, N, _kl, _ku, jacobian, a, b);
        IsValid = BandFill.AllFinite(_ab) && LuKernels<double>.FactorBand(_ab, N, _kl, _ku, Pivots);
        return IsValid;
    }

    public override void Solve(Span<double> x)
    {
        Statistics.LinearSolves++;
        LuKernels<double>.SolveBand(_ab, N, _kl, _ku, Pivots, x);
    }
}

/// <summary>The complex iteration matrix (aRe + i·aIm)·I + b·J for a banded Jacobian (see <see cref="BandedLu"/>).</summary>
internal sealed class ComplexBandedLu(int n, int lower, int upper, SolverStatistics statistics) : ComplexShiftedSystem(n, statistics)
{
    private readonly int _kl = lower, _ku = upper;
    private readonly Complex[] _ab = new Complex[BandFill.StorageLength(n, lower, upper)], _rhs = new Complex[n];
    private readonly double[] _real = new double[BandFill.StorageLength(n, lower, upper)];

    public override bool FactorShifted(double aRe, double aIm, double b, ReadOnlySpan<double> jacobian)
    {
        Statistics.LuDecompositions++;
        BandFill.Shifted(_real, N, _kl, _ku, jacobian, aRe, b);
        int ld = 2 * _kl + _ku + 1, kv = _kl + _ku;
        for (int k = 0; k < _ab.Length; k++) _ab[k] = _real[k];
        for (int j = 0; j < N; j++) _ab[kv + j * ld] = new Complex(_real[kv + j * ld], aIm);
        IsValid = BandFill.AllFinite(_real) && double.IsFinite(aIm) && LuKernels<Complex>.FactorBand(_ab, N, _kl, _ku, Pivots);
        return IsValid;
    }

    public override void Solve(Span<double> re, Span<double> im)
    {
        Statistics.LinearSolves++;
        for (int i = 0; i < N; i++) _rhs[i] = new Complex(re[i], im[i]);
        LuKernels<Complex>.SolveBand(_ab, N, _kl, _ku, Pivots, _rhs);
        for (int i = 0; i < N; i++)
        {
            re[i] = _rhs[i].Real;
            im[i] = _rhs[i].Imaginary;
        }
    }
}

/// <summary>Filling the LU band storage from the compact Jacobian band.</summary>
internal static class BandFill
{
    /// <summary>The length of the LU band storage: 2·kl + ku + 1 rows (kl extra rows for the pivoting's fill-in) by n.</summary>
    public static int StorageLength(int n, int kl, int ku) => (2 * kl + ku + 1) * n;

    /// <summary>ab ← a·I + b·J in the LU storage (lower extra rows left for <see cref="LuKernels{T}.FactorBand"/> to clear).</summary>
    public static void Shifted(Span<double> ab, int n, int kl, int ku, ReadOnlySpan<double> jacobian, double a, double b)
    {
        int ld = 2 * kl + ku + 1, ldj = kl + ku + 1;
        for (int j = 0; j < n; j++)
        {
            var column = ab.Slice(j * ld + kl, ldj);
            var source = jacobian.Slice(j * ldj, ldj);
            for (int r = 0; r < ldj; r++) column[r] = b * source[r];
            column[ku] += a;
        }
    }

    /// <summary>True when every entry is finite.</summary>
    public static bool AllFinite(ReadOnlySpan<double> v) => Kernels.VectorKernels.AllFinite(v);
}

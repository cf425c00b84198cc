using System.Numerics;

namespace FlowSim.Ode;

/// <summary>
/// The real iteration matrix a·I + b·J of a problem with a banded Jacobian, factored as a band
/// (<see cref="LuKernels{T}"/>): O(n) work per factorisation and per solve for a fixed band, where a dense LU costs
/// O(n³). J comes in the compact band storage of <see cref="JacobianLayout"/>.
/// </summary>
internal sealed class BandedLu : RealShiftedSystem
{
    private readonly int _n, _kl, _ku;
    private readonly double[] _ab;
    private readonly int[] _pivots;
    private readonly SolverStatistics _statistics;

    public BandedLu(int n, int lower, int upper, SolverStatistics statistics)
    {
        _n = n;
        _kl = lower;
        _ku = upper;
        _ab = new double[(2 * lower + upper + 1) * n];
        _pivots = new int[n];
        _statistics = statistics;
    }

    public override bool FactorShifted(double a, double b, ReadOnlySpan<double> jacobian)
    {
        _statistics.LuDecompositions++;
        BandFill.Shifted(_ab, _n, _kl, _ku, jacobian, a, b);
        IsValid = BandFill.AllFinite(_ab) && LuKernels<double>.FactorBand(_ab, _n, _kl, _ku, _pivots);
        return IsValid;
    }

    public override void Solve(Span<double> x)
    {
        _statistics.LinearSolves++;
        LuKernels<double>.SolveBand(_ab, _n, _kl, _ku, _pivots, x);
    }
}

/// <summary>The complex iteration matrix (aRe + i·aIm)·I + b·J for a banded Jacobian (see <see cref="BandedLu"/>).</summary>
internal sealed class ComplexBandedLu : ComplexShiftedSystem
{
    private readonly int _n, _kl, _ku;
    private readonly Complex[] _ab, _rhs;
    private readonly double[] _real;
    private readonly int[] _pivots;
    private readonly SolverStatistics _statistics;

    public ComplexBandedLu(int n, int lower, int upper, SolverStatistics statistics)
    {
        _n = n;
        _kl = lower;
        _ku = upper;
        _ab = new Complex[(2 * lower + upper + 1) * n];
        _real = new double[_ab.Length];
        _rhs = new Complex[n];
        _pivots = new int[n];
        _statistics = statistics;
    }

    public override bool FactorShifted(double aRe, double aIm, double b, ReadOnlySpan<double> jacobian)
    {
        _statistics.LuDecompositions++;
        BandFill.Shifted(_real, _n, _kl, _ku, jacobian, aRe, b);
        int ld = 2 * _kl + _ku + 1, kv = _kl + _ku;
        for (int k = 0; k < _ab.Length; k++) _ab[k] = _real[k];
        for (int j = 0; j < _n; j++) _ab[kv + j * ld] = new Complex(_real[kv + j * ld], aIm);
        IsValid = BandFill.AllFinite(_real) && double.IsFinite(aIm) && LuKernels<Complex>.FactorBand(_ab, _n, _kl, _ku, _pivots);
        return IsValid;
    }

    public override void Solve(Span<double> re, Span<double> im)
    {
        _statistics.LinearSolves++;
        for (int i = 0; i < _n; i++) _rhs[i] = new Complex(re[i], im[i]);
        LuKernels<Complex>.SolveBand(_ab, _n, _kl, _ku, _pivots, _rhs);
        for (int i = 0; i < _n; i++)
        {
            re[i] = _rhs[i].Real;
            im[i] = _rhs[i].Imaginary;
        }
    }
}

/// <summary>Filling the LU band storage from the compact Jacobian band.</summary>
internal static class BandFill
{
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

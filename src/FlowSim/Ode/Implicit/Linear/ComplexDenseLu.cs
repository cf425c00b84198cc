using System.Numerics;

namespace FlowSim.Ode;

/// <summary>The complex iteration matrix (aRe + i·aIm)·I + b·J for a dense Jacobian, factored with partial pivoting
/// (<see cref="LuKernels{T}"/>); the matrix, pivots and a right-hand-side buffer are allocated once.</summary>
internal sealed class ComplexDenseLu : ComplexShiftedSystem
{
    private readonly int _n;
    private readonly Complex[] _a, _rhs;
    private readonly int[] _pivots;
    private readonly SolverStatistics _statistics;

    public ComplexDenseLu(int n, SolverStatistics statistics)
    {
        _n = n;
        _a = new Complex[n * n];
        _rhs = new Complex[n];
        _pivots = new int[n];
        _statistics = statistics;
    }

    public override bool FactorShifted(double aRe, double aIm, double b, ReadOnlySpan<double> jacobian)
    {
        _statistics.LuDecompositions++;
        IsValid = false;
        if (!Kernels.VectorKernels.AllFinite(jacobian) || !double.IsFinite(aRe) || !double.IsFinite(aIm)) return false;
        for (int k = 0; k < _a.Length; k++) _a[k] = b * jacobian[k];
        for (int i = 0; i < _n; i++) _a[i * _n + i] += new Complex(aRe, aIm);
        IsValid = LuKernels<Complex>.FactorDense(_a, _n, _pivots);
        return IsValid;
    }

    public override void Solve(Span<double> re, Span<double> im)
    {
        _statistics.LinearSolves++;
        for (int i = 0; i < _n; i++) _rhs[i] = new Complex(re[i], im[i]);
        LuKernels<Complex>.SolveDense(_a, _n, _pivots, _rhs);
        for (int i = 0; i < _n; i++)
        {
            re[i] = _rhs[i].Real;
            im[i] = _rhs[i].Imaginary;
        }
    }
}

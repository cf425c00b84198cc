using System.Numerics;

namespace FlowSim.Ode;

/// <summary>The complex iteration matrix (aRe + i·aIm)·I + b·J for a dense Jacobian, factored with partial pivoting
/// (<see cref="LuKernels{T}"/>); the matrix, pivots and a right-hand-side buffer are allocated once.</summary>
internal sealed class ComplexDenseLu(int n, SolverStatistics statistics) : ComplexShiftedSystem(n, statistics)
{
    private readonly Complex[] _a = new Complex[n * n], _rhs = new Complex[n];

    public override bool FactorShifted(double aRe, double aIm, double b, ReadOnlySpan<double> jacobian)
    {
        Statistics.LuDecompositions++;
        IsValid = false;
        if (!Kernels.VectorKernels.AllFinite(jacobian) || !double.IsFinite(aRe) || !double.IsFinite(aIm)) return false;
        for (int k = 0; k < _a.Length; k++) _a[k] = b * jacobian[k];
        for (int i = 0; i < N; i++) _a[i * N + i] += new Complex(aRe, aIm);
        IsValid = LuKernels<Complex>.FactorDense(_a, N, Pivots);
        return IsValid;
    }

    public override void Solve(Span<double> re, Span<double> im)
    {
        Statistics.LinearSolves++;
        for (int i = 0; i < N; i++) _rhs[i] = new Complex(re[i], im[i]);
        LuKernels<Complex>.SolveDense(_a, N, Pivots, _rhs);
        for (int i = 0; i < N; i++)
        {
            re[i] = _rhs[i].Real;
            im[i] = _rhs[i].Imaginary;
        }
    }
}

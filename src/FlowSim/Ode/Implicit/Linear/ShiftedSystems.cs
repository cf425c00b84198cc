namespace FlowSim.Ode;

/// <summary>
/// What every factored iteration matrix holds: its order, the pivots of its LU factors, whether those factors are
/// current, and the run's statistics in which factorisations and solves are counted.
/// </summary>
internal abstract class ShiftedSystem(int n, SolverStatistics statistics)
{
    /// <summary>The order of the matrix.</summary>
    protected int N { get; } = n;

    /// <summary>The row interchanges of the factorisation, allocated once.</summary>
    protected int[] Pivots { get; } = new int[n];

    /// <summary>The run's statistics (factorisations and solves are counted here).</summary>
    protected SolverStatistics Statistics { get; } = statistics;

    /// <summary>Whether the last factorisation succeeded and has not been invalidated.</summary>
    public bool IsValid { get; protected set; }

    /// <summary>Forgets the factorisation (the matrix it was built from is out of date).</summary>
    public void Invalidate() => IsValid = false;
}

/// <summary>
/// The real iteration matrix of a stiff method, M = a·I + b·J, factored once and solved many times. J comes in the
/// storage of the run's <see cref="JacobianLayout"/> (dense column-major or band). Implementations allocate only in
/// their constructor and count factorisations and solves in the run's statistics.
/// </summary>
internal abstract class RealShiftedSystem(int n, SolverStatistics statistics) : ShiftedSystem(n, statistics)
{
    /// <summary>Forms a·I + b·J and factors it.</summary>
    /// <returns>False when the matrix is singular or not finite.</returns>
    public abstract bool FactorShifted(double a, double b, ReadOnlySpan<double> jacobian);

    /// <summary>Overwrites <paramref name="x"/> with M⁻¹x.</summary>
    public abstract void Solve(Span<double> x);
}

/// <summary>
/// The complex iteration matrix M = (aRe + i·aIm)·I + b·J of Radau IIA's transformed Newton iteration (the complex
/// eigenvalue pair of the inverse coefficient matrix), factored once and solved with the real and imaginary parts of
/// the right-hand side in separate vectors.
/// </summary>
internal abstract class ComplexShiftedSystem(int n, SolverStatistics statistics) : ShiftedSystem(n, statistics)
{
    /// <summary>Forms (aRe + i·aIm)·I + b·J and factors it.</summary>
    /// <returns>False when the matrix is singular or not finite.</returns>
    public abstract bool FactorShifted(double aRe, double aIm, double b, ReadOnlySpan<double> jacobian);

    /// <summary>Overwrites (re, im) with M⁻¹(re + i·im).</summary>
    public abstract void Solve(Span<double> re, Span<double> im);
}

namespace FlowSim.Ode;

/// <summary>
/// How a run stores ∂f/∂y and factors its iteration matrices: dense column-major n×n, or, when the problem declares
/// its bandwidths (<see cref="OdeProblem.LowerBandwidth"/>, <see cref="OdeProblem.UpperBandwidth"/>) and a band is
/// smaller than the full matrix, a band of (lower + upper + 1) × n entries with J(i, j) at
/// (upper + i − j) + j·(lower + upper + 1) (LAPACK's band storage).
/// </summary>
internal sealed class JacobianLayout
{
    private JacobianLayout(int n, int lower, int upper, bool banded)
    {
        N = n;
        Lower = lower;
        Upper = upper;
        IsBanded = banded;
    }

    /// <summary>The layout for a problem: banded when it declares both bandwidths and the band (with the room partial
    /// pivoting needs) is narrower than the matrix.</summary>
    public static JacobianLayout For(OdeProblem problem)
    {
        int n = problem.Dimension;
        if (problem is { LowerBandwidth: { } kl, UpperBandwidth: { } ku } && 2 * kl + ku + 1 < n)
            return new JacobianLayout(n, kl, ku, banded: true);
        return new JacobianLayout(n, n - 1, n - 1, banded: false);
    }

    /// <summary>Dimension.</summary>
    public int N { get; }
    /// <summary>Diagonals below the main one.</summary>
    public int Lower { get; }
    /// <summary>Diagonals above the main one.</summary>
    public int Upper { get; }
    /// <summary>Whether J is stored as a band.</summary>
    public bool IsBanded { get; }
    /// <summary>Rows of the band storage (lower + upper + 1), or n for dense storage.</summary>
    public int LeadingDimension => IsBanded ? Lower + Upper + 1 : N;
    /// <summary>Length of the Jacobian storage (fits an array: <see cref="JacobianBudget.Check"/> ran before).</summary>
    public int Length => checked((int)Entries);

    /// <summary>Entries of the Jacobian storage, in 64 bits: n² dense, n·(lower + upper + 1) banded.</summary>
    public long Entries => (long)LeadingDimension * N;

    /// <summary>Entries of the largest array of an iteration matrix: n² dense, n·(2·lower + upper + 1) banded (the band
    /// LU keeps room for partial pivoting).</summary>
    public long FactorEntries => IsBanded ? (long)(2 * Lower + Upper + 1) * N : (long)N * N;

    /// <summary>Index of J(i, j) in the storage (the entry must lie inside the band).</summary>
    public int Index(int i, int j) => IsBanded ? Upper + i - j + j * LeadingDimension : j * N + i;

    /// <summary>A real iteration matrix for this layout.</summary>
    public RealShiftedSystem CreateRealSystem(SolverStatistics statistics) =>
        IsBanded ? new BandedLu(N, Lower, Upper, statistics) : new DenseLu(N, statistics);

    /// <summary>A complex iteration matrix for this layout.</summary>
    public ComplexShiftedSystem CreateComplexSystem(SolverStatistics statistics) =>
        IsBanded ? new ComplexBandedLu(N, Lower, Upper, statistics) : new ComplexDenseLu(N, statistics);
}

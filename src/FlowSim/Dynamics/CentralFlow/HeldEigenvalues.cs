using FlowSim.Analysis.Sharpness;
using FlowSim.Linalg;

namespace FlowSim.Dynamics.CentralFlow;

/// <summary>
/// The covariance problem over the top c eigenpairs of the last Lanczos solve, shared by the flow and the edge
/// projection: the pair gradients g_ab and their Gram matrix (<see cref="Load"/>), α filled by the caller, X by the
/// solver (<see cref="Solve"/>), and the move −½Σ_ab X_ab g_ab (<see cref="AddMove"/>). Buffers for the largest c are
/// allocated once.
/// </summary>
internal sealed class HeldEigenvalues
{
    private readonly int _n;
    private readonly double[] _vectors, _pairs, _scratch, _gram;
    private readonly CovarianceSolver _solver;

    public HeldEigenvalues(int n, int maxCount)
    {
        _n = n;
        int p = CurvatureGradients.PairCount(maxCount);
        _vectors = new double[n * maxCount];
        _pairs = new double[n * p];
        _scratch = new double[2 * n];
        _gram = new double[p * p];
        Alpha = new double[maxCount * maxCount];
        X = new double[maxCount * maxCount];
        _solver = new CovarianceSolver(maxCount);
    }

    /// <summary>c of the last <see cref="Load"/>.</summary>
    public int Count { get; private set; }
    /// <summary>α, c×c: the caller fills it after <see cref="Load"/>.</summary>
    public double[] Alpha { get; }
    /// <summary>X, c×c, after <see cref="Solve"/>.</summary>
    public double[] X { get; }

    /// <summary>g_ab = D³L[u_a, u_b, ·] over the top c eigenvectors of <paramref name="eigensolver"/> at θ, and Γ.</summary>
    public void Load(ICurvatureGradient curvature, LanczosEigensolver eigensolver, ReadOnlySpan<double> theta, int count)
    {
        Count = count;
        for (int a = 0; a < count; a++) eigensolver.Eigenvector(a).CopyTo(_vectors.AsSpan(a * _n, _n));
        CurvatureGradients.Pairs(curvature, theta, _vectors, count, _pairs, _scratch);
        int p = CurvatureGradients.PairCount(count);
        for (int j = 0; j < p; j++)
            for (int i = 0; i <= j; i++)
            {
                double v = LinearAlgebra.Dot(Pair(i), Pair(j));
                _gram[j * p + i] = v;
                _gram[i * p + j] = v;
            }
    }

    /// <summary>The packed pair gradient number <paramref name="index"/> of the last <see cref="Load"/>.</summary>
    public ReadOnlySpan<double> Pair(int index) => _pairs.AsSpan(index * _n, _n);

    /// <summary>⟨g_ab, v⟩.</summary>
    public double Dot(int a, int b, ReadOnlySpan<double> v) => LinearAlgebra.Dot(Pair(CurvatureGradients.PairIndex(a, b)), v);

    /// <summary>Solves for X with the current α.</summary>
    public CovarianceSolution Solve() => _solver.Solve(Count, Alpha, _gram, X);

    /// <summary>The complementarity residuals of the current X.</summary>
    public CovarianceSolution Residuals() => _solver.Residuals(Count, Alpha, _gram, X);

    /// <summary>tr X.</summary>
    public double Trace()
    {
        double t = 0;
        for (int a = 0; a < Count; a++) t += X[a * Count + a];
        return t;
    }

    /// <summary>target ← target − ½Σ_ab X_ab g_ab over ordered pairs (an off-diagonal pair appears twice).</summary>
    public void AddMove(Span<double> target)
    {
        int c = Count;
        for (int b = 0; b < c; b++)
            for (int a = 0; a <= b; a++)
            {
                double w = (a == b ? 0.5 : 1.0) * X[b * c + a];
                if (w != 0) LinearAlgebra.Axpy(-w, Pair(CurvatureGradients.PairIndex(a, b)), target);
            }
    }
}

using FlowSim.Models;

namespace FlowSim.Analysis.Sharpness;

/// <summary>
/// Chooses how D³L[v, v, ·] is computed for an objective, and evaluates the pairs D³L[u_a, u_b, ·] of several
/// eigenvectors by polarisation: g_ab = ¼[g(u_a + u_b) − g(u_a − u_b)] with g(v) = D³L[v, v, ·] (THEORY §6.1).
/// </summary>
public static class CurvatureGradients
{
    /// <summary>
    /// The closed form for the models that have one (<see cref="ScalarNetwork"/>, <see cref="AsymmetricFactorization"/>,
    /// <see cref="MatrixSensing"/>), and the two-HVP route (<see cref="HessianVectorCurvature"/>) for any other objective.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> is null.</exception>
    public static ICurvatureGradient For(IHessianVectorProduct objective) => objective switch
    {
        null => throw new ArgumentNullException(nameof(objective)),
        ScalarNetwork s => new ScalarNetworkCurvature(s),
        AsymmetricFactorization f => new TwoFactorCurvature(f),
        MatrixSensing s => new TwoFactorCurvature(s),
        _ => new HessianVectorCurvature(objective),
    };

    /// <summary>Number of pairs a ≤ b among k vectors: k(k + 1)/2.</summary>
    public static int PairCount(int k) => k * (k + 1) / 2;

    /// <summary>Position of the pair (a, b), in either order, in the packed list: b(b + 1)/2 + a for a ≤ b.</summary>
    public static int PairIndex(int a, int b) => a <= b ? b * (b + 1) / 2 + a : a * (a + 1) / 2 + b;

    /// <summary>
    /// Writes g_ab = D³L(θ)[u_a, u_b, ·] for a ≤ b into <paramref name="pairs"/> (pair <see cref="PairIndex"/>(a, b) at
    /// offset index·n), from k vectors stored as the columns of <paramref name="vectors"/> (n×k column-major).
    /// <paramref name="scratch"/> holds 2n entries.
    /// </summary>
    /// <exception cref="ArgumentException">A span is too short for n = the parameter count and k = <paramref name="count"/>.</exception>
    public static void Pairs(ICurvatureGradient curvature, ReadOnlySpan<double> theta, ReadOnlySpan<double> vectors, int count,
        Span<double> pairs, Span<double> scratch)
    {
        ArgumentNullException.ThrowIfNull(curvature);
        int n = curvature.ParameterCount;
        if (count < 0) throw new ArgumentException($"count: must be ≥ 0 (got {count}).", nameof(count));
        if (vectors.Length < n * count) throw new ArgumentException($"vectors: needs {n}×{count} entries (got {vectors.Length}).", nameof(vectors));
        if (pairs.Length < n * PairCount(count)) throw new ArgumentException($"pairs: needs {n}×{PairCount(count)} entries (got {pairs.Length}).", nameof(pairs));
        if (scratch.Length < 2 * n) throw new ArgumentException($"scratch: needs {2 * n} entries (got {scratch.Length}).", nameof(scratch));
        var sum = scratch[..n];
        var minus = scratch.Slice(n, n);
        for (int b = 0; b < count; b++)
        {
            var ub = vectors.Slice(b * n, n);
            for (int a = 0; a <= b; a++)
            {
                var g = pairs.Slice(PairIndex(a, b) * n, n);
                if (a == b)
                {
                    curvature.CurvatureGradient(theta, ub, g);
                    continue;
                }
                var ua = vectors.Slice(a * n, n);
                for (int i = 0; i < n; i++) sum[i] = ua[i] + ub[i];
                curvature.CurvatureGradient(theta, sum, g);
                for (int i = 0; i < n; i++) sum[i] = ua[i] - ub[i];
                curvature.CurvatureGradient(theta, sum, minus);
                for (int i = 0; i < n; i++) g[i] = 0.25 * (g[i] - minus[i]);
            }
        }
    }
}

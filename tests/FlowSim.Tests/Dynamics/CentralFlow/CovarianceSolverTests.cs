using FlowSim.Analysis.Sharpness;
using FlowSim.Dynamics.CentralFlow;
using FlowSim.Randomness;
using Xunit;

namespace FlowSim.Tests.Dynamics.CentralFlow;

/// <summary>
/// The central flow's covariance problem X ⪰ 0, Z = 𝔅[X] − α ⪰ 0, ⟨X, Z⟩ = 0 on random instances: the solver's X
/// against the closed form for k = 1 and against plain projected gradient run to convergence in the test (a different,
/// much slower method), with the complementarity conditions checked, and a wrong X (a wrong σ²) failing them.
/// </summary>
public class CovarianceSolverTests
{
    // Random pair gradients g_ab ∈ ℝ^n (packed), their Gram matrix and α_ab = −⟨g_ab, v⟩ for a random "gradient" v.
    private static (double[] Alpha, double[] Gram) Instance(int k, int n, ulong seed, double shift = 0)
    {
        var rng = new Xoshiro256StarStar(seed);
        int p = CurvatureGradients.PairCount(k);
        var g = new double[p * n];
        rng.FillNormal(g);
        var v = new double[n];
        rng.FillNormal(v);
        var gram = new double[p * p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++)
                for (int l = 0; l < n; l++) gram[j * p + i] += g[i * n + l] * g[j * n + l];
        var alpha = new double[k * k];
        for (int b = 0; b < k; b++)
            for (int a = 0; a <= b; a++)
            {
                double s = shift * (a == b ? 1 : 0);
                for (int l = 0; l < n; l++) s -= g[CurvatureGradients.PairIndex(a, b) * n + l] * v[l];
                alpha[b * k + a] = alpha[a * k + b] = s;
            }
        return (alpha, gram);
    }

    [Fact]
    public void One_eigenvalue_is_the_closed_form()
    {
        var solver = new CovarianceSolver(1);
        var x = new double[1];
        foreach (double alpha in new[] { 0.7, -0.3, 0.0 })
        {
            solver.Solve(1, [alpha], [2.5], x);
            Assert.Equal(Math.Max(0, 2 * alpha / 2.5), x[0], 15);
        }
    }

    [Theory]
    [InlineData(2, 6, 1ul, 0.0)]
    [InlineData(2, 6, 2ul, 0.0)]
    [InlineData(3, 12, 3ul, 0.0)]
    [InlineData(3, 12, 4ul, 0.5)]
    [InlineData(3, 3, 5ul, 0.0)]
    [InlineData(4, 20, 6ul, -0.3)]
    public void Solution_satisfies_complementarity_and_matches_slow_projected_gradient(int k, int n, ulong seed, double shift)
    {
        var (alpha, gram) = Instance(k, n, seed, shift);
        var solver = new CovarianceSolver(4);
        var x = new double[k * k];
        var r = solver.Solve(k, alpha, gram, x);
        Assert.True(r.Satisfies(1e-10), r.ToString());
        var reference = SlowProjectedGradient(k, alpha, gram);
        double diff = 0, size = 1e-300;
        for (int i = 0; i < k * k; i++) { diff = Math.Max(diff, Math.Abs(x[i] - reference[i])); size = Math.Max(size, Math.Abs(reference[i])); }
        // The reference is only unique where 𝔅 is definite on the solution's face (n ≥ p here except the n = 3, k = 3 case).
        if (n >= CurvatureGradients.PairCount(k)) Assert.True(diff <= 1e-7 * Math.Max(1, size), $"max |X − X_ref| = {diff:E2} (r = {r})");
    }

    [Fact]
    public void Negative_alpha_gives_zero_and_a_wrong_sigma2_fails_the_conditions()
    {
        var solver = new CovarianceSolver(2);
        var (alpha, gram) = Instance(2, 6, 7);
        for (int i = 0; i < 4; i++) alpha[i] = i is 0 or 3 ? -Math.Abs(alpha[i]) - 1 : 0;
        var x = new double[4];
        Assert.True(solver.Solve(2, alpha, gram, x).Satisfies(1e-12));
        Assert.All(x, v => Assert.Equal(0.0, v));

        // A wrong σ² in the one-eigenvalue problem: 10 % too large, or the unclipped negative value.
        var one = new CovarianceSolver(1);
        double a = 0.7, q = 2.5, right = 2 * a / q;
        Assert.True(one.Residuals(1, [a], [q], [right]).Satisfies(1e-12));
        Assert.False(one.Residuals(1, [a], [q], [1.1 * right]).Satisfies(1e-6));
        Assert.False(one.Residuals(1, [-a], [q], [-right]).Satisfies(1e-6));
        // … and a perturbed X of a k = 3 solution.
        var (alpha3, gram3) = Instance(3, 12, 3);
        var x3 = new double[9];
        new CovarianceSolver(3).Solve(3, alpha3, gram3, x3);
        x3[0] *= 1.01;
        Assert.False(new CovarianceSolver(3).Residuals(3, alpha3, gram3, x3).Satisfies(1e-6));
    }

    [Fact]
    public void Bad_arguments_name_the_parameter()
    {
        Assert.Contains("maxOrder", Assert.Throws<ArgumentException>(() => new CovarianceSolver(0)).Message);
        Assert.Contains("k:", Assert.Throws<ArgumentException>(() => new CovarianceSolver(2).Solve(3, new double[9], new double[36], new double[9])).Message);
        Assert.Contains("gram", Assert.Throws<ArgumentException>(() => new CovarianceSolver(2).Solve(2, new double[4], new double[4], new double[4])).Message);
    }

    // Plain projected gradient in full k×k matrices (no svec, no acceleration, no polish), 200,000 steps of 1/L.
    private static double[] SlowProjectedGradient(int k, double[] alpha, double[] gram)
    {
        int p = CurvatureGradients.PairCount(k);
        double[] B(double[] x)
        {
            var r = new double[k * k];
            for (int b = 0; b < k; b++)
                for (int a = 0; a < k; a++)
                {
                    double s = 0;
                    for (int d = 0; d < k; d++)
                        for (int c = 0; c < k; c++)
                            s += gram[CurvatureGradients.PairIndex(c, d) * p + CurvatureGradients.PairIndex(a, b)] * x[d * k + c];
                    r[b * k + a] = 0.5 * s;
                }
            return r;
        }
        double lipschitz = 0;
        for (int i = 0; i < p; i++) for (int j = 0; j < p; j++) lipschitz += Math.Abs(gram[j * p + i]);
        var x = new double[k * k];
        var values = new double[k];
        var vectors = new double[k * k];
        var work = new double[FlowSim.Linalg.LinearAlgebra.Backend.SymmetricEigenWorkLength(k)];
        for (int it = 0; it < 200_000; it++)
        {
            var grad = B(x);
            for (int i = 0; i < k * k; i++) x[i] -= (grad[i] - alpha[i]) / lipschitz;
            FlowSim.Linalg.LinearAlgebra.SymmetricEigen(k, x, values, vectors, work);
            Array.Clear(x);
            for (int e = 0; e < k; e++)
                if (values[e] > 0)
                    for (int b = 0; b < k; b++)
                        for (int a = 0; a < k; a++) x[b * k + a] += values[e] * vectors[e * k + a] * vectors[e * k + b];
        }
        return x;
    }
}

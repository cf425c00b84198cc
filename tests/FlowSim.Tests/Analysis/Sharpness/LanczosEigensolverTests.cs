using FlowSim.Analysis.Sharpness;
using FlowSim.Dynamics.LargeSteps;
using FlowSim.Models;
using FlowSim.Randomness;
using FlowSim.Tests.Dynamics;
using Xunit;
using Xunit.Abstractions;

namespace FlowSim.Tests.Analysis.Sharpness;

/// <summary>Lanczos against the dense eigensolver on Hessians assembled from products, against exactly known spectra
/// (multiplicities, restarts), the warm start's price, and no allocation.</summary>
public class LanczosEigensolverTests(ITestOutputHelper output)
{
    public static IEnumerable<object[]> Models()
    {
        yield return ["MF 4×3 rank 2", (Func<IHessianVectorProduct>)(() =>
            new AsymmetricFactorization(4, 3, 2, MatrixSensing.RandomTarget(4, 3, [1.0, 0.4], 3)))];
        yield return ["MF 3×3", (Func<IHessianVectorProduct>)(() =>
            new AsymmetricFactorization(3, 3, 3, RandomMatrices.Gaussian(new Xoshiro256StarStar(4), 3, 3)))];
        yield return ["sensing 3×3", (Func<IHessianVectorProduct>)(() =>
            new MatrixSensing(new GaussianMeasurements(20, 3, 3, 5), MatrixSensing.RandomTarget(3, 3, [1.5, 0.5], 6), 3))];
        yield return ["deep N=3, d=4", (Func<IHessianVectorProduct>)(() =>
            new DeepFactorization(3, 4, RandomMatrices.Gaussian(new Xoshiro256StarStar(7), 4, 4)))];
        yield return ["MF 12×10 h=6 (n = 132 > basis 48: restarts)", (Func<IHessianVectorProduct>)(() =>
            new AsymmetricFactorization(12, 10, 6, RandomMatrices.Gaussian(new Xoshiro256StarStar(8), 12, 10)))];
        yield return ["scalar network N=4", (Func<IHessianVectorProduct>)(() => new ScalarNetwork(4, 1.0))];
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Top_eigenvalues_agree_with_the_dense_eigensolver(string name, Func<IHessianVectorProduct> make)
    {
        var model = make();
        int n = model.ParameterCount;
        foreach (int k in new[] { 1, Math.Min(3, n) })
        {
            var lanczos = new LanczosEigensolver(n, new LanczosOptions { Count = k, Tolerance = 1e-12 });
            for (ulong seed = 1; seed <= 2; seed++)
            {
                var theta = Initializations.Gaussian(model, 0.8, seed);
                var r = lanczos.Solve(model, theta);
                var dense = ExplicitHessian.Eigenvalues(model, theta);
                double scale = Math.Max(Math.Abs(dense[0]), Math.Abs(dense[^1]));
                Assert.True(r.Converged, $"{name}, k = {k}: not converged ({r})");
                for (int i = 0; i < k; i++)
                    Assert.True(Math.Abs(lanczos.Eigenvalues[i] - dense[i]) <= 1e-10 * scale,
                        $"{name}, k = {k}, seed {seed}: λ_{i} Lanczos {lanczos.Eigenvalues[i]:R} dense {dense[i]:R}");
                // The eigenvectors are unit and satisfy Hu = λu to the tolerance.
                var hu = new double[n];
                for (int i = 0; i < k; i++)
                {
                    var u = lanczos.Eigenvector(i);
                    model.HessianVectorProduct(theta, u, hu);
                    double res = 0, norm = 0;
                    for (int j = 0; j < n; j++) { res += Math.Pow(hu[j] - lanczos.Eigenvalues[i] * u[j], 2); norm += u[j] * u[j]; }
                    Assert.Equal(1.0, norm, 12);
                    Assert.True(Math.Sqrt(res) <= 1e-11 * scale, $"{name}: residual {Math.Sqrt(res):E2}");
                }
            }
        }
    }

    [Fact]
    public void Multiple_eigenvalues_are_all_found_and_a_restart_converges()
    {
        // Known spectrum with the top eigenvalue threefold; n = 80 with a basis of 12 forces thick restarts.
        int n = 80;
        var eigenvalues = Enumerable.Range(0, n).Select(i => i < 3 ? 5.0 : 4.0 * (n - i) / n).ToArray();
        var rng = new Xoshiro256StarStar(11);
        var householder = Enumerable.Range(0, n).Select(_ => rng.NextNormal()).ToArray();
        var q = new QuadraticObjective(eigenvalues, householder, new double[n]);
        var lanczos = new LanczosEigensolver(n, new LanczosOptions { Count = 4, Tolerance = 1e-12, MaxBasis = 12 });
        var r = lanczos.Solve(q, new double[n]);
        Assert.True(r.Converged, r.ToString());
        Assert.True(r.Restarts > 0, "the test was meant to exercise thick restarts");
        double[] expected = [5, 5, 5, 4.0 * (n - 3) / n];
        for (int i = 0; i < 4; i++) Assert.Equal(expected[i], lanczos.Eigenvalues[i], 10);
    }

    [Fact]
    public void Warm_start_costs_fewer_products_than_a_cold_start()
    {
        var model = new AsymmetricFactorization(8, 8, 8, MatrixSensing.RandomTarget(8, 8, [1.0, 0.6, 0.3], 2));
        var theta = Initializations.Gaussian(model, 0.5, 3);
        var lanczos = new LanczosEigensolver(model.ParameterCount);
        var cold = lanczos.Solve(model, theta);
        var same = lanczos.Solve(model, theta);
        for (int i = 0; i < theta.Length; i++) theta[i] += 1e-4 * Math.Sin(i);
        var warm = lanczos.Solve(model, theta);
        Assert.False(cold.WarmStarted);
        Assert.True(same.WarmStarted && warm.WarmStarted && warm.Converged);
        Assert.True(same.HessianVectorProducts < warm.HessianVectorProducts && warm.HessianVectorProducts < cold.HessianVectorProducts,
            $"cold {cold.HessianVectorProducts}, warm at a moved θ {warm.HessianVectorProducts}, warm at the same θ {same.HessianVectorProducts}");
        Assert.Equal(ExplicitHessian.Sharpness(model, theta), lanczos.Eigenvalues[0], 10);
    }

    [Fact]
    public void Products_per_warm_started_step_at_d64_at_the_edge_of_stability()
    {
        // The measurement: MF 64×64 (h = 64, n = 8192) from 1e-3·N(0, 1) at η = 1.02 (ηs₁ > 1), one warm-started
        // Lanczos solve per descent step; the budget is 30 products per step once at the edge.
        int d = 64;
        var model = new AsymmetricFactorization(d, d, d, MatrixSensing.RandomTarget(d, d, Enumerable.Range(0, d).Select(i => 1.0 / (1 + i)).ToArray(), 7));
        var theta0 = new double[model.ParameterCount];
        new Xoshiro256StarStar(11).FillNormal(theta0, 1e-3);
        var run = SharpnessTrackedDescent.Run(model, theta0, new SharpnessDescentOptions { StepSize = 1.02, Steps = 40, Midpoints = false });
        Assert.NotNull(run.OnsetStep);
        var afterOnset = run.ProductsPerSolve.Skip(run.OnsetStep!.Value + 1).ToArray();
        output.WriteLine($"d = 64: cold {run.ProductsPerSolve[0]}, warm mean {run.ProductsPerSolve.Skip(1).Average():F2}, " +
                         $"after onset (k > {run.OnsetStep}) mean {afterOnset.Average():F2} max {afterOnset.Max()}");
        Assert.True(afterOnset.Average() <= 30, $"mean products per warm step after onset {afterOnset.Average():F2}");
    }

    [Fact]
    public void A_solve_allocates_nothing()
    {
        var model = new AsymmetricFactorization(5, 4, 3, RandomMatrices.Gaussian(new Xoshiro256StarStar(1), 5, 4));
        var theta = Initializations.Gaussian(model, 0.5, 2);
        var lanczos = new LanczosEigensolver(model.ParameterCount, new LanczosOptions { Count = 2 });
        Assert.Equal(0, AllocationMeter.Bytes(() => lanczos.Solve(model, theta), 20, warmup: 5));
    }

    [Fact]
    public void Bad_options_name_the_option()
    {
        Assert.Contains("Count", Assert.Throws<ArgumentException>(() => new LanczosEigensolver(5, new LanczosOptions { Count = 0 })).Message);
        Assert.Contains("Tolerance", Assert.Throws<ArgumentException>(() => new LanczosEigensolver(5, new LanczosOptions { Tolerance = 0 })).Message);
        Assert.Contains("dimension", Assert.Throws<ArgumentException>(() => new LanczosEigensolver(1, new LanczosOptions { Count = 2 })).Message);
        Assert.Contains("objective", Assert.Throws<ArgumentException>(() => new LanczosEigensolver(5).Solve(new ScalarNetwork(3, 1), new double[3])).Message);
    }
}

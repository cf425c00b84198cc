using FlowSim.Linalg;
using FlowSim.Linalg.Native;
using FlowSim.Models;
using FlowSim.Randomness;
using Xunit;

namespace FlowSim.Tests.Models;

/// <summary>
/// <see cref="IObjective.ScaledGradient"/> folds the scale into the products' alpha; −1 and 2 are exact scalings, so it
/// must reproduce −∇L and 2∇L. Bit for bit on the managed kernels; OpenBLAS may move the last bit of a product when
/// the threads' split hands a piece to its small-matrix kernel (which piece goes where depends on the scheduler), so
/// there the bound is 1e-13 of the largest entry, as for the products themselves (ProductThreadsTests). Alone in the
/// collection that switches the process-wide backend.
/// </summary>
[Collection(PerfCollection.Name)]
public class ScaledGradientTests
{
    public static IEnumerable<object[]> Backends()
    {
        yield return [ManagedBackend.Instance];
        if (OpenBlasBackend.IsAvailable) yield return [OpenBlasBackend.Instance];
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void ScaledGradient_is_the_scaled_gradient(ILinearAlgebraBackend backend)
    {
        using var scope = new BackendScope(backend);
        var rng = new Xoshiro256StarStar(21);
        const int m = 70, n = 50, h = 60; // above the threads' split threshold, so the products run in pieces
        var models = new IObjective[]
        {
            new AsymmetricFactorization(m, n, h, RandomMatrices.Gaussian(rng, m, n)),
            new MatrixSensing(new GaussianMeasurements(40, m, n, 4), RandomMatrices.Gaussian(rng, m, n), h),
        };
        foreach (var model in models)
        {
            var theta = RandomMatrices.Gaussian(rng, model.ParameterCount, 1);
            var g = new double[theta.Length];
            model.Gradient(theta, g);
            double largest = g.Max(Math.Abs);
            foreach (double scale in new[] { -1.0, 2.0 })
            {
                var s = new double[theta.Length];
                model.ScaledGradient(theta, scale, s);
                for (int i = 0; i < g.Length; i++)
                {
                    if (backend is ManagedBackend) Assert.Equal(scale * g[i], s[i]);
                    else Assert.True(Math.Abs(scale * g[i] - s[i]) <= 1e-13 * Math.Abs(scale) * largest, $"{model.Name} entry {i}: {s[i]:R} vs {scale * g[i]:R}");
                }
            }
        }
    }
}

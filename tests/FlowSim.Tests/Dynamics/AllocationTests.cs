using FlowSim.Dynamics;
using FlowSim.Linalg;
using FlowSim.Linalg.Native;
using FlowSim.Models;
using FlowSim.Ode;
using FlowSim.Randomness;
using Xunit;
using Xunit.Abstractions;

namespace FlowSim.Tests.Dynamics;

/// <summary>Zero bytes per RHS evaluation, per descent step and per integrator step of asymmetric MF, for each backend.</summary>
[Collection(PerfCollection.Name)]
public class AllocationTests(ITestOutputHelper output)
{
    public static TheoryData<string> BackendNames => new() { "managed", "native" };

    private static AsymmetricFactorization Model(int d, out double[] theta0)
    {
        var rng = new Xoshiro256StarStar(21);
        var sigma = RandomMatrices.Gaussian(rng, d, d);
        theta0 = RandomMatrices.Gaussian(rng, 2 * d * d, 1, 1e-2);
        return new AsymmetricFactorization(d, d, d, sigma);
    }

    private static ILinearAlgebraBackend? Backend(string name) =>
        name == "managed" ? ManagedBackend.Instance : OpenBlasBackend.IsAvailable ? OpenBlasBackend.Instance : null;

    /// <summary>
    /// Bytes allocated by <paramref name="count"/> calls, the smaller of two windows after a warm-up: an allocation per
    /// call shows in both windows, while a one-off allocation of the runtime (tiered-JIT promotion happening during a
    /// window) shows in one only.
    /// </summary>
    private long Measure(string what, int count, Action action)
    {
        long bytes = AllocationMeter.Bytes(action, count);
        output.WriteLine($"{what}: {bytes} bytes over {count} (smaller of two windows)");
        return bytes;
    }

    [Theory]
    [MemberData(nameof(BackendNames))]
    public void RhsEvaluation_DescentStep_AndIntegratorStep_AllocateNothing(string backendName)
    {
        var backend = Backend(backendName);
        if (backend is null)
        {
            output.WriteLine("no native BLAS on this machine: the managed case covers the seam");
            return;
        }
        using var scope = new BackendScope(backend);
        foreach (int d in new[] { 6, 40 }) // below and above the native backend's size threshold
        {
            var model = Model(d, out var theta0);
            var rhs = new GradientFlow(model);
            var dy = new double[theta0.Length];
            Assert.Equal(0, Measure($"{backend.Name} d={d} RHS", 200, () => rhs.Evaluate(0, theta0, dy)));

            var gd = new GradientDescent(model, theta0, 1e-3);
            Assert.Equal(0, Measure($"{backend.Name} d={d} descent step", 200, () => gd.Step()));

            foreach (string method in new[] { "dp5", "dop853" })
            {
                var problem = GradientFlow.CreateProblem(model, theta0, 1e6);
                var integrator = OdeSolve.Init(problem, OdeMethods.Create(method), new OdeOptions { RelTol = 1e-8, AbsTol = 1e-12, SaveEveryStep = false });
                Assert.Equal(0, Measure($"{backend.Name} d={d} {method} step", 50, () => Assert.True(integrator.Step())));
            }
        }
    }
}

using FlowSim.Analysis;
using FlowSim.Tests.Dynamics;
using Xunit;
using Xunit.Abstractions;

namespace FlowSim.Tests.Analysis;

/// <summary>THEORY claim F1 on the test suite's own forward-mode deep factorisation (N = 3, d = 4).</summary>
public class DeepFactorizationOrderTests(ITestOutputHelper output)
{
    internal const int Depth = 3, Dim = 4;
    internal const double Alpha = 0.5, T = 2.0, Eta0 = 0.02;
    internal const int HalvingCount = 5;

    /// <summary>Â = Q diag(3, 2, 1, 0.5) Qᵀ with the Householder Q of v = (1, −2, 0.5, 1.5): symmetric, not diagonal.</summary>
    internal static double[] Target()
    {
        var q = new QuadraticObjective([3.0, 2.0, 1.0, 0.5], [1.0, -2.0, 0.5, 1.5], new double[Dim]);
        return q.A;
    }

    internal static double[] IdenticalInit()
    {
        var theta = new double[Depth * Dim * Dim];
        for (int j = 0; j < Depth; j++)
            for (int i = 0; i < Dim; i++) theta[j * Dim * Dim + i * Dim + i] = Alpha;
        return theta;
    }

    [Fact]
    public void TestCopy_GradientAndHvpMatchCentralDifferences()
    {
        var m = new ForwardModeDeepFactorization(Depth, Dim, Target());
        var rng = new System.Random(20261123);
        var theta = Enumerable.Range(0, m.ParameterCount).Select(_ => 0.5 * (rng.NextDouble() - 0.5) + 0.0).ToArray();
        for (int j = 0; j < Depth; j++) for (int i = 0; i < Dim; i++) theta[j * 16 + i * 5] += 0.8;
        var v = Enumerable.Range(0, m.ParameterCount).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var g = new double[m.ParameterCount];
        var hv = new double[m.ParameterCount];
        m.Gradient(theta, g);
        m.HessianVectorProduct(theta, v, hv);
        const double h = 1e-5;
        var gp = new double[m.ParameterCount];
        var gm = new double[m.ParameterCount];
        var tp = theta.Zip(v, (a, b) => a + h * b).ToArray();
        var tm = theta.Zip(v, (a, b) => a - h * b).ToArray();
        m.Gradient(tp, gp);
        m.Gradient(tm, gm);
        double dirFd = (m.Loss(tp) - m.Loss(tm)) / (2 * h), dir = g.Zip(v, (a, b) => a * b).Sum();
        Assert.Equal(dir, dirFd, Math.Abs(dir) * 1e-6);
        double num = 0, den = 0;
        for (int i = 0; i < hv.Length; i++)
        {
            double fd = (gp[i] - gm[i]) / (2 * h);
            num += (fd - hv[i]) * (fd - hv[i]);
            den += hv[i] * hv[i];
        }
        Assert.True(Math.Sqrt(num / den) < 1e-6, $"relative HVP error {Math.Sqrt(num / den):E2}");
    }

    [Fact]
    public void F1_ObservedOrdersOneAndTwo_OnForwardModeDeepFactorization()
    {
        var m = new ForwardModeDeepFactorization(Depth, Dim, Target());
        var theta0 = IdenticalInit();
        var plain = ObservedOrder.ForGradientFlow(m, theta0, T, Eta0, HalvingCount);
        var modified = ObservedOrder.ForModifiedGradientFlow(m, theta0, T, Eta0, HalvingCount);
        foreach (var p in plain.Points.Zip(modified.Points))
            output.WriteLine($"η = {p.First.StepSize:E4}  K = {p.First.Steps}  plain {p.First.Distance:E4}  modified {p.Second.Distance:E4}");
        output.WriteLine($"plain slope {plain.Slope:F4} residual {plain.Residual:E2}; modified slope {modified.Slope:F4} residual {modified.Residual:E2}; method {plain.Method}");
        Assert.InRange(plain.Slope, 0.9, 1.1);
        Assert.InRange(modified.Slope, 1.8, 2.2);
    }

    [Fact]
    public void F1_ReferenceFlowAgreesAcrossMethods()
    {
        // The modified-flow distances at the smallest η (≈ 4e-8) must not depend on which tight-tolerance method
        // integrated the flow: dp5 and dop853 at rtol 1e-12 agree to far better than 0.1 % of the distance.
        var m = new ForwardModeDeepFactorization(Depth, Dim, Target());
        var theta0 = IdenticalInit();
        double[] etas = [Eta0 / 16, Eta0 / 32];
        var a = ObservedOrder.Measure(m, theta0, T, etas, eta => new FlowSim.Dynamics.ModifiedGradientFlow(m, eta), method: "dp5");
        var b = ObservedOrder.Measure(m, theta0, T, etas, eta => new FlowSim.Dynamics.ModifiedGradientFlow(m, eta), method: "dop853");
        for (int i = 0; i < etas.Length; i++)
        {
            output.WriteLine($"η = {etas[i]:E4}: dp5 {a.Points[i].Distance:E10}  dop853 {b.Points[i].Distance:E10}");
            Assert.Equal(b.Points[i].Distance, a.Points[i].Distance, b.Points[i].Distance * 1e-3);
        }
    }

    [Fact]
    public void LibraryDeepFactorization_AgreesWithForwardModeCopy()
    {
        // The library model and the test copy are written independently; gradient and HVP must agree to rounding.
        var lib = new FlowSim.Models.DeepFactorization(Depth, Dim, Target());
        var copy = new ForwardModeDeepFactorization(Depth, Dim, Target());
        var rng = new System.Random(7);
        var theta = Enumerable.Range(0, lib.ParameterCount).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var v = Enumerable.Range(0, lib.ParameterCount).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var g1 = new double[lib.ParameterCount];
        var g2 = new double[lib.ParameterCount];
        var h1 = new double[lib.ParameterCount];
        var h2 = new double[lib.ParameterCount];
        Assert.Equal(copy.Gradient(theta, g2), lib.Gradient(theta, g1), 1e-13);
        lib.HessianVectorProduct(theta, v, h1);
        copy.HessianVectorProduct(theta, v, h2);
        for (int i = 0; i < g1.Length; i++)
        {
            Assert.Equal(g2[i], g1[i], 1e-13);
            Assert.Equal(h2[i], h1[i], 1e-13);
        }
    }

    [Fact]
    public void F1_ObservedOrdersOneAndTwo_OnLibraryDeepFactorization()
    {
        var m = new FlowSim.Models.DeepFactorization(Depth, Dim, Target());
        var theta0 = FlowSim.Models.Initializations.Identical(m, Alpha);
        Assert.Equal(IdenticalInit(), theta0);
        var plain = ObservedOrder.ForGradientFlow(m, theta0, T, Eta0, HalvingCount);
        var modified = ObservedOrder.ForModifiedGradientFlow(m, theta0, T, Eta0, HalvingCount);
        foreach (var p in plain.Points.Zip(modified.Points))
            output.WriteLine($"η = {p.First.StepSize:E4}  K = {p.First.Steps}  plain {p.First.Distance:E4}  modified {p.Second.Distance:E4}");
        output.WriteLine($"plain slope {plain.Slope:F4} residual {plain.Residual:E2}; modified slope {modified.Slope:F4} residual {modified.Residual:E2}; method {plain.Method}");
        Assert.InRange(plain.Slope, 0.9, 1.1);
        Assert.InRange(modified.Slope, 1.8, 2.2);
    }

    [Fact]
    public void FlowRhs_OnLibraryDeepFactorization_AllocatesNothing()
    {
        var m = new FlowSim.Models.DeepFactorization(Depth, Dim, Target());
        var theta = FlowSim.Models.Initializations.Identical(m, Alpha);
        var dy = new double[m.ParameterCount];
        var flow = new FlowSim.Dynamics.GradientFlow(m);
        var modified = new FlowSim.Dynamics.ModifiedGradientFlow(m, 0.01);
        var gd = new FlowSim.Dynamics.GradientDescent(m, theta, 0.01);
        // The shared meter (warm-up, smaller of two windows): a one-off tiered-JIT allocation failed this check once.
        Assert.Equal(0, AllocationMeter.Bytes(() =>
        {
            flow.Evaluate(0, theta, dy);
            modified.Evaluate(0, theta, dy);
            gd.Step();
        }, 200));
    }
}

using Xunit;
using FlowSim.ClosedForm;
using FlowSim.Dynamics.Scalar;
using Xunit.Abstractions;

namespace FlowSim.Tests.ClosedForm;

/// <summary>C1–C6: closed and implicit solutions of x' = x^{N−1}(λ − x^N) against dop853 at rtol 1e-12.</summary>
public class DeepScalarFlowTests(ITestOutputHelper output)
{
    [Fact]
    public void C1_DepthTwoLogistic_PublishedValuesAndIntegrator()
    {
        double x1sq = DeepScalarFlow.DepthTwoSquared(1, 0.1, 1);
        Assert.True(Math.Abs(x1sq - 0.0694531596563805) <= 1e-16, $"x(1)^2 = {x1sq:R}");
        Assert.True(Math.Abs(Math.Exp(2) / (Math.Exp(2) + 99) - x1sq) <= 2e-17);
        double tHalf = DeepScalarFlow.DepthTwoTime(1, 0.1, 0.5);
        Assert.Equal(2.2975599250672, tHalf, 12);
        Assert.Equal(Math.Log(99) / 2, tHalf, 14);
        var x = FlowReference.At(new DeepScalarFlowRhs(2, 1), [0.1], [1.0, tHalf], relTol: 1e-10);
        output.WriteLine($"C1 x(1)^2 closed {x1sq:R}, integrated {x[0][0] * x[0][0]:R}; x^2 at t=ln(99)/2: {x[1][0] * x[1][0]:R}");
        Assert.True(Math.Abs(x[0][0] * x[0][0] - x1sq) <= 1e-8);
        Assert.True(Math.Abs(x[1][0] * x[1][0] - 0.5) <= 1e-8);
    }

    [Fact]
    public void C2_DepthTwoGrid_MatchesIntegrator()
    {
        double max = 0;
        double[] times = [0.3, 1, 4];
        foreach (double lambda in new[] { 1.0, -1, 3 })
        foreach (double alpha in new[] { 0.1, 0.7, 2.0 })
        {
            var x = FlowReference.At(new DeepScalarFlowRhs(2, lambda), [alpha], times);
            for (int i = 0; i < times.Length; i++)
                max = Math.Max(max, Math.Abs(x[i][0] * x[i][0] - DeepScalarFlow.DepthTwoSquared(lambda, alpha, times[i])));
        }
        output.WriteLine($"C2 max |x_int^2 - closed| = {max:E3}");
        Assert.True(max <= 4e-12, $"C2 max difference {max}");
    }

    [Fact]
    public void C3_ImplicitSolution_InXSpace_MatchesIntegrator()
    {
        double[] times = [0.5, 2, 10];
        double max = 0, maxIm = 0;
        int atFixed = 0;
        foreach (int n in new[] { 3, 4, 5, 6 })
        foreach (double lambda in new[] { 1.0, 2.5, -1 })
        foreach (double alpha in new[] { 0.1, 0.5, 1.5 })
        {
            var x = FlowReference.At(new DeepScalarFlowRhs(n, lambda), [alpha], times);
            for (int i = 0; i < times.Length; i++)
            {
                var cmp = ImplicitSolution.CompareInXSpace(n, lambda, alpha, times[i], x[i][0]);
                max = Math.Max(max, cmp.Difference);
                if (cmp.AtFixedPoint) { atFixed++; continue; }
                maxIm = Math.Max(maxIm, Math.Abs(ImplicitSolution.ImaginaryResidual(n, lambda, alpha, cmp.XClosedForm)));
            }
        }
        output.WriteLine($"C3 max |x_implicit - x_int| = {max:E3}, max |Im| = {maxIm:E3}, at fixed point: {atFixed}");
        Assert.True(max <= 1e-11, $"C3 max difference {max}");
        Assert.True(maxIm <= 1e-12, $"C3 max imaginary part {maxIm}");

        Assert.Equal(0.10525717, DeepScalarFlow.X(3, 1, 0.1, 0.5), 8);
        Assert.Equal(0.12495609, DeepScalarFlow.X(3, 1, 0.1, 2), 8);
        Assert.Equal(0.96884852, DeepScalarFlow.X(3, 1, 0.1, 10), 8);
        foreach (var (n, l, a, t) in new[] { (3, -1.0, 0.5, 0.5), (3, -1.0, 0.5, 2.0), (3, -1.0, 0.5, 10.0), (4, 2.5, 0.1, 10.0), (5, 1.0, 0.5, 2.0), (6, -1.0, 1.5, 10.0) })
        {
            double xi = DeepScalarFlow.X(n, l, a, t);
            double xf = FlowReference.At(new DeepScalarFlowRhs(n, l), [a], [t])[0][0];
            output.WriteLine($"C3 N={n} λ={l} α={a} t={t}: implicit {xi:R}, integrated {xf:R}, diff {Math.Abs(xi - xf):E2}");
            Assert.True(Math.Abs(xi - xf) <= 1e-11);
        }
    }

    [Fact]
    public void C3_FixedPointGuard_ReportsAtFixedPoint()
    {
        // N = 4, λ = 2.5, α = 1.5 converges at rate Nλ^{2−2/N} ≈ 9.5, so by t = 10 x is the fixed point in double.
        var inv = DeepScalarFlow.Solve(4, 2.5, 1.5, 10);
        Assert.True(inv.AtFixedPoint);
        Assert.Equal(Math.Pow(2.5, 0.25), inv.X);
        var early = DeepScalarFlow.Solve(4, 2.5, 1.5, 0.5);
        Assert.False(early.AtFixedPoint);
        var cmp = ImplicitSolution.CompareInXSpace(3, 1, 0.1, 0.5, 1.0 + 1e-15);
        Assert.True(cmp.AtFixedPoint);
    }

    [Fact]
    public void C4_RealFormEqualsComplexForm()
    {
        double max = 0;
        foreach (int n in new[] { 3, 4, 5, 7 })
        foreach (double lambda in new[] { 1.0, 2.5, -1, -0.3 })
        foreach (double x in new[] { 0.05, 0.3, 0.9, 1.2, 2.0 })
        {
            if (lambda > 0 && Math.Abs(x - Math.Pow(lambda, 1.0 / n)) < 1e-9) continue;
            double d = Math.Abs(ImplicitSolution.RealForm(n, lambda, x) - ImplicitSolution.ComplexForm(n, lambda, x).Real);
            max = Math.Max(max, d);
        }
        output.WriteLine($"C4 max |real - Re complex| = {max:E3}");
        Assert.True(max <= 1e-11);
    }

    [Fact]
    public void C5_ZeroEigenvalue()
    {
        Assert.Equal(Math.Pow(20, -0.25), DeepScalarFlow.X(3, 0, 0.5, 1), 15);
        Assert.Equal(0.4728708045, DeepScalarFlow.X(3, 0, 0.5, 1), 10);
        double xf = FlowReference.At(new DeepScalarFlowRhs(3, 0), [0.5], [1.0])[0][0];
        Assert.True(Math.Abs(xf - Math.Pow(20, -0.25)) <= 1e-12);
    }

    [Fact]
    public void C6_ProductOde_AgreesWithFlowAndClosedForm()
    {
        double[] times = [5, 15];
        var p = FlowReference.At(new ProductFlowRhs(3, 2), [1e-3], times);
        var x = FlowReference.At(new DeepScalarFlowRhs(3, 2), [0.1], times);
        output.WriteLine($"C6 π(5) = {p[0][0]:R}, x(5)^3 = {Math.Pow(x[0][0], 3):R}, closed {DeepScalarFlow.Product(3, 2, 0.1, 5):R}, π(15) = {p[1][0]:R}");
        Assert.Equal(1.81796472, p[0][0], 8);
        Assert.True(Math.Abs(p[0][0] - Math.Pow(x[0][0], 3)) <= 1e-10);
        Assert.True(Math.Abs(p[0][0] - DeepScalarFlow.Product(3, 2, 0.1, 5)) <= 1e-10);
        Assert.True(Math.Abs(p[1][0] - 2) <= 1e-8);
    }

    [Fact]
    public void DepthOne_ClosedFormMatchesIntegrator()
    {
        var x = FlowReference.At(new DeepScalarFlowRhs(1, -0.7), [0.4], [0.5, 3]);
        Assert.True(Math.Abs(x[0][0] - DeepScalarFlow.DepthOne(-0.7, 0.4, 0.5)) <= 1e-12);
        Assert.True(Math.Abs(x[1][0] - DeepScalarFlow.X(1, -0.7, 0.4, 3)) <= 1e-12);
    }

    [Fact]
    public void WrongSignClosedForm_IsCaughtByTheSameComparison()
    {
        double[] times = [0.3, 1, 4];
        Func<double, double> right = t => Math.Sqrt(DeepScalarFlow.DepthTwoSquared(1, 0.1, t));
        // e^{−2λt} in place of e^{2λt}: the kind of sign slip the comparison must catch.
        Func<double, double> wrong = t => Math.Sqrt(0.01 * Math.Exp(-2 * t) / (0.01 * Math.Exp(-2 * t) + 1 - 0.01));
        Assert.True(MaxDeviationFromFlow(right, 2, 1, 0.1, times) <= 1e-11);
        double bad = MaxDeviationFromFlow(wrong, 2, 1, 0.1, times);
        output.WriteLine($"wrong-sign closed form deviates by {bad:E3}");
        Assert.False(bad <= 1e-11);
        // The same for the implicit form: a flipped sign of the x^{2−N} term.
        Func<double, double> wrongImplicit = t => InvertWith(x => ImplicitSolution.RealForm(3, 1, x) + 2 / x, 0.1, t);
        Assert.False(MaxDeviationFromFlow(wrongImplicit, 3, 1, 0.1, [0.5, 2]) <= 1e-11);
        Func<double, double> rightImplicit = t => InvertWith(x => ImplicitSolution.RealForm(3, 1, x), 0.1, t);
        Assert.True(MaxDeviationFromFlow(rightImplicit, 3, 1, 0.1, [0.5, 2]) <= 1e-11);
    }

    /// <summary>Max |closedForm(t) − x_int(t)|: the comparison every closed-form test relies on.</summary>
    internal static double MaxDeviationFromFlow(Func<double, double> closedForm, int n, double lambda, double alpha, double[] times)
    {
        var x = FlowReference.At(new DeepScalarFlowRhs(n, lambda), [alpha], times);
        double max = 0;
        for (int i = 0; i < times.Length; i++)
        {
            double d = Math.Abs(closedForm(times[i]) - x[i][0]);
            max = Math.Max(max, double.IsNaN(d) ? double.PositiveInfinity : d);
        }
        return max;
    }

    // Bisection of F(x) − F(α) = t on (α, 1) for a candidate F (λ = 1): the wrong F must go through the same inversion.
    private static double InvertWith(Func<double, double> f, double alpha, double t)
    {
        double lo = alpha, hi = 1, fa = f(alpha);
        for (int i = 0; i < 200; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (f(mid) - fa < t) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }
}

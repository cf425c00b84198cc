using FlowSim.Models;
using FlowSim.Randomness;
using Xunit;
using Xunit.Abstractions;

namespace FlowSim.Tests.Models;

public class ObjectiveDerivativeTests(ITestOutputHelper output)
{
    public static IEnumerable<object[]> Models()
    {
        yield return ["asymmetric 5×3, h=2", (Func<IHessianVectorProduct>)(() =>
            new AsymmetricFactorization(5, 3, 2, RandomMatrices.Gaussian(new Xoshiro256StarStar(1), 5, 3)))];
        yield return ["asymmetric 4×4, h=4", (Func<IHessianVectorProduct>)(() =>
            new AsymmetricFactorization(4, 4, 4, RandomMatrices.Gaussian(new Xoshiro256StarStar(2), 4, 4)))];
        yield return ["sensing S1 (M=40)", (Func<IHessianVectorProduct>)(() =>
            new MatrixSensing(new GaussianMeasurements(40, 4, 3, 7), MatrixSensing.DiagonalTarget(4, 3, [2.0, 1.0]), 3))];
        yield return ["sensing identity, rotated X", (Func<IHessianVectorProduct>)(() =>
            new MatrixSensing(new IdentityMeasurements(3, 5), MatrixSensing.RandomTarget(3, 5, [3.0, 1.5, 0.5], 9), 2))];
        yield return ["deep N=1", (Func<IHessianVectorProduct>)(() =>
            new DeepFactorization(1, 3, RandomMatrices.Gaussian(new Xoshiro256StarStar(3), 3, 3)))];
        yield return ["deep N=3, d=4", (Func<IHessianVectorProduct>)(() =>
            new DeepFactorization(3, 4, RandomMatrices.Gaussian(new Xoshiro256StarStar(4), 4, 4)))];
        yield return ["deep shapes 3-5-2-4", (Func<IHessianVectorProduct>)(() =>
            new DeepFactorization([3, 5, 2, 4], RandomMatrices.Gaussian(new Xoshiro256StarStar(5), 4, 3)))];
    }

    private static double[] Point(IObjective model, ulong seed) => Initializations.Gaussian(model, 0.7, seed);

    [Theory]
    [MemberData(nameof(Models))]
    public void Gradient_and_HVP_pass_the_finite_difference_checks(string name, Func<IHessianVectorProduct> make)
    {
        var model = make();
        for (ulong seed = 10; seed < 13; seed++)
        {
            var report = ObjectiveChecks.Run(model, Point(model, seed), seed: seed + 100);
            output.WriteLine($"{name}, seed {seed}: {report}");
            Assert.True(report.Passed, $"{name}, seed {seed}: {report}");
            Assert.Equal(["gradient", "loss returned by Gradient", "ScaledGradient(θ, −1)", "Hessian-vector product"], report.Checks.Select(c => c.Quantity));
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Gradient_returns_the_loss_and_the_loss_is_half_the_squared_residual(string name, Func<IHessianVectorProduct> make)
    {
        var model = make();
        var theta = Point(model, 5);
        var g = new double[model.ParameterCount];
        Assert.Equal(model.Loss(theta), model.Gradient(theta, g));
        if (model is IFactorizedObjective f && model is not MatrixSensing { Measurements: GaussianMeasurements })
        {
            // Independent: form the product with MathNet and take ½‖P − T‖²_F.
            var p = new double[f.ProductRows * f.ProductColumns];
            f.Product(theta, p);
            double expected = 0;
            var t = f.Target;
            for (int i = 0; i < p.Length; i++) expected += 0.5 * (p[i] - t[i]) * (p[i] - t[i]);
            Assert.True(Math.Abs(model.Loss(theta) - expected) < 1e-13 * Math.Max(1, expected), name);
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Gradient_and_HVP_allocate_nothing_after_warm_up(string name, Func<IHessianVectorProduct> make)
    {
        var model = make();
        var theta = Point(model, 1);
        var v = Point(model, 2);
        var g = new double[model.ParameterCount];
        var hv = new double[model.ParameterCount];
        model.Gradient(theta, g);
        model.HessianVectorProduct(theta, v, hv);
        long allocated = AllocationMeter.Bytes(() =>
        {
            model.Gradient(theta, g);
            model.HessianVectorProduct(theta, v, hv);
        }, 1000);
        Assert.True(allocated == 0, $"{name}: {allocated} bytes over 1000 gradient + HVP calls");
    }

    [Fact]
    public void Deep_gradient_matches_formula_9_built_from_explicit_products()
    {
        // N = 2: ∇W1 = W2ᵀ(W2W1 − Â), ∇W2 = (W2W1 − Â)W1ᵀ, formed here with MathNet (an independent code path).
        var target = RandomMatrices.Gaussian(new Xoshiro256StarStar(8), 3, 3);
        var model = new DeepFactorization(2, 3, target);
        var theta = Point(model, 3);
        var g = new double[model.ParameterCount];
        model.Gradient(theta, g);
        var b = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build;
        var w1 = b.Dense(3, 3, theta[..9]);
        var w2 = b.Dense(3, 3, theta[9..]);
        var r = w2 * w1 - b.Dense(3, 3, target);
        var g1 = (w2.Transpose() * r).ToColumnMajorArray();
        var g2 = (r * w1.Transpose()).ToColumnMajorArray();
        for (int i = 0; i < 9; i++)
        {
            Assert.True(Math.Abs(g[i] - g1[i]) < 1e-14, $"W1 entry {i}");
            Assert.True(Math.Abs(g[9 + i] - g2[i]) < 1e-14, $"W2 entry {i}");
        }
    }
}

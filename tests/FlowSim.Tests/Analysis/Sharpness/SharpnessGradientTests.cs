using FlowSim.Analysis.Sharpness;
using FlowSim.Models;
using FlowSim.Randomness;
using Xunit;

namespace FlowSim.Tests.Analysis.Sharpness;

/// <summary>
/// ∇S (THEORY §6.1, claim E1): the closed forms and the two-HVP route against central differences of S computed from
/// explicit Hessians by the dense eigensolver (a route that shares no code with Lanczos or the closed forms), and the
/// polarised pairs against differences of u_aᵀH(θ)u_b.
/// </summary>
public class SharpnessGradientTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const double Tolerance = 1e-7;

    public static IEnumerable<object[]> Models()
    {
        yield return ["MF 4×3 rank 2", (Func<IHessianVectorProduct>)(() =>
            new AsymmetricFactorization(4, 3, 2, MatrixSensing.RandomTarget(4, 3, [1.0, 0.4], 3))), 0.8];
        yield return ["MF 3×3", (Func<IHessianVectorProduct>)(() =>
            new AsymmetricFactorization(3, 3, 3, RandomMatrices.Gaussian(new Xoshiro256StarStar(4), 3, 3))), 0.8];
        yield return ["sensing 3×3", (Func<IHessianVectorProduct>)(() =>
            new MatrixSensing(new GaussianMeasurements(20, 3, 3, 5), MatrixSensing.RandomTarget(3, 3, [1.5, 0.5], 6), 3)), 0.8];
        yield return ["scalar N=2", (Func<IHessianVectorProduct>)(() => new ScalarNetwork(2, 1.0)), 1.0];
        yield return ["scalar N=3", (Func<IHessianVectorProduct>)(() => new ScalarNetwork(3, 1.0)), 1.0];
        yield return ["scalar N=4", (Func<IHessianVectorProduct>)(() => new ScalarNetwork(4, 1.0)), 1.0];
    }

    private static double[] Point(IHessianVectorProduct model, double scale, ulong seed)
    {
        var theta = Initializations.Gaussian(model, scale, seed);
        if (model is ScalarNetwork) for (int i = 0; i < theta.Length; i++) theta[i] += 0.6;
        return theta;
    }

    private static double[] Gradient(ICurvatureGradient curvature, IHessianVectorProduct model, double[] theta)
    {
        var lanczos = new LanczosEigensolver(model.ParameterCount, new LanczosOptions { Tolerance = 1e-14 });
        lanczos.Solve(model, theta);
        var g = new double[theta.Length];
        curvature.CurvatureGradient(theta, lanczos.Eigenvector(0), g);
        return g;
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Closed_form_and_two_hvp_route_match_differences_of_the_dense_sharpness(string name, Func<IHessianVectorProduct> make, double scale)
    {
        var model = make();
        for (ulong seed = 1; seed <= 2; seed++)
        {
            var theta = Point(model, scale, seed);
            var eig = ExplicitHessian.Eigenvalues(model, theta);
            Assert.True(eig[0] - eig[1] > 1e-3 * Math.Abs(eig[0]), $"{name}: the top eigenvalue must be simple for ∇S to exist");
            var reference = ExplicitHessian.SharpnessGradient(model, theta);
            double closed = ExplicitHessian.RelativeDistance(reference, Gradient(CurvatureGradients.For(model), model, theta));
            double twoHvp = ExplicitHessian.RelativeDistance(reference, Gradient(new HessianVectorCurvature(model, richardson: model is ScalarNetwork), model, theta));
            output.WriteLine($"{name}, seed {seed}: closed form {closed:E2}, two-HVP route {twoHvp:E2}");
            Assert.True(closed <= Tolerance, $"{name}, seed {seed}: closed form {closed:E2}");
            Assert.True(twoHvp <= Tolerance, $"{name}, seed {seed}: two-HVP route {twoHvp:E2}");
        }
    }

    [Fact]
    public void A_flipped_sign_fails_the_check()
    {
        // The check above on a deliberately wrong ∇S (one block's sign flipped, as a slip in ∇_V would do) must fail.
        var model = new AsymmetricFactorization(4, 3, 2, MatrixSensing.RandomTarget(4, 3, [1.0, 0.4], 3));
        var theta = Point(model, 0.8, 1);
        var wrong = Gradient(new FlippedBlock(new TwoFactorCurvature(model), 4 * 2), model, theta);
        double err = ExplicitHessian.RelativeDistance(ExplicitHessian.SharpnessGradient(model, theta), wrong);
        output.WriteLine($"∇_V's sign flipped: relative error {err:E2} against the 1e-7 tolerance");
        Assert.True(err > 1e3 * Tolerance, $"a flipped sign gave {err:E2}, which the check would not catch");
    }

    [Fact]
    public void Two_hvp_route_is_exact_for_factorisation_whose_hvp_is_quadratic()
    {
        var model = new AsymmetricFactorization(5, 4, 3, RandomMatrices.Gaussian(new Xoshiro256StarStar(9), 5, 4));
        var theta = Initializations.Gaussian(model, 0.7, 4);
        var v = Initializations.Gaussian(model, 1.0, 5);
        var closed = new double[theta.Length];
        var route = new double[theta.Length];
        new TwoFactorCurvature(model).CurvatureGradient(theta, v, closed);
        new HessianVectorCurvature(model, relativeStep: 1e-2).CurvatureGradient(theta, v, route);
        Assert.True(ExplicitHessian.RelativeDistance(closed, route) <= 1e-12, $"{ExplicitHessian.RelativeDistance(closed, route):E2}");
    }

    [Theory]
    [InlineData("MF", 3)]
    [InlineData("sensing", 2)]
    [InlineData("scalar", 3)]
    public void Polarised_pairs_are_the_gradients_of_the_bilinear_forms(string kind, int k)
    {
        IHessianVectorProduct model = kind switch
        {
            "MF" => new AsymmetricFactorization(4, 3, 3, RandomMatrices.Gaussian(new Xoshiro256StarStar(2), 4, 3)),
            "sensing" => new MatrixSensing(new GaussianMeasurements(15, 3, 3, 8), MatrixSensing.RandomTarget(3, 3, [1.0, 0.5], 9), 2),
            _ => new ScalarNetwork(4, 1.0),
        };
        int n = model.ParameterCount;
        var theta = Point(model, 0.8, 6);
        var rng = new Xoshiro256StarStar(12);
        var u = new double[n * k];
        rng.FillNormal(u);
        var pairs = new double[n * CurvatureGradients.PairCount(k)];
        CurvatureGradients.Pairs(CurvatureGradients.For(model), theta, u, k, pairs, new double[2 * n]);
        var hv = new double[n];
        double Form(double[] t, int a, int b)
        {
            model.HessianVectorProduct(t, u.AsSpan(b * n, n), hv);
            double s = 0;
            for (int i = 0; i < n; i++) s += u[a * n + i] * hv[i];
            return s;
        }
        for (int b = 0; b < k; b++)
            for (int a = 0; a <= b; a++)
            {
                var fd = new double[n];
                var t = (double[])theta.Clone();
                for (int i = 0; i < n; i++)
                {
                    t[i] = theta[i] + 1e-5; double plus = Form(t, a, b);
                    t[i] = theta[i] - 1e-5; double minus = Form(t, a, b);
                    t[i] = theta[i];
                    fd[i] = (plus - minus) / 2e-5;
                }
                double err = ExplicitHessian.RelativeDistance(fd, pairs.AsSpan(CurvatureGradients.PairIndex(a, b) * n, n));
                Assert.True(err <= Tolerance, $"{kind}: pair ({a}, {b}) {err:E2}");
            }
    }

    [Fact]
    public void Stability_ratio_is_s_eta_over_two()
    {
        Assert.Equal(1.02, SharpnessGradient.StabilityRatio(2.0, 1.02), 15);
        Assert.Contains("eta", Assert.Throws<ArgumentException>(() => SharpnessGradient.StabilityRatio(1, 0)).Message);
    }

    private sealed class FlippedBlock(ICurvatureGradient inner, int from) : ICurvatureGradient
    {
        public int ParameterCount => inner.ParameterCount;
        public void CurvatureGradient(ReadOnlySpan<double> theta, ReadOnlySpan<double> v, Span<double> result)
        {
            inner.CurvatureGradient(theta, v, result);
            for (int i = from; i < result.Length; i++) result[i] = -result[i];
        }
    }
}

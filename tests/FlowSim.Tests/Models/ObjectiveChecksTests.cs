using FlowSim.Models;
using FlowSim.Randomness;
using Xunit;

namespace FlowSim.Tests.Models;

/// <summary>
/// The checker itself: it passes correct derivatives (ObjectiveDerivativeTests runs it over every model) and fails
/// wrong ones by the amount they are wrong, at the entry where they are wrong.
/// </summary>
public class ObjectiveChecksTests
{
    /// <summary>Deep factorisation 3-5-2-4 whose derivatives can be tampered with after they are computed.</summary>
    private sealed class Tampered : IFactorizedObjective, IHessianVectorProduct
    {
        private readonly DeepFactorization _inner = new([3, 5, 2, 4], RandomMatrices.Gaussian(new Xoshiro256StarStar(5), 4, 3));
        public Action<Span<double>>? EditGradient { get; init; }
        public Action<Span<double>>? EditHessianVectorProduct { get; init; }
        public Action<Span<double>>? EditScaledGradient { get; init; }
        public string Name => "tampered";
        public int ParameterCount => _inner.ParameterCount;
        public IReadOnlyList<FactorShape> Factors => _inner.Factors;
        public int ProductRows => _inner.ProductRows;
        public int ProductColumns => _inner.ProductColumns;
        public ReadOnlySpan<double> Target => _inner.Target;
        public void Product(ReadOnlySpan<double> theta, Span<double> product) => _inner.Product(theta, product);
        public double Loss(ReadOnlySpan<double> theta) => _inner.Loss(theta);

        public double Gradient(ReadOnlySpan<double> theta, Span<double> gradient)
        {
            double loss = _inner.Gradient(theta, gradient);
            EditGradient?.Invoke(gradient);
            return loss;
        }

        public void ScaledGradient(ReadOnlySpan<double> theta, double scale, Span<double> result)
        {
            ((IObjective)_inner).ScaledGradient(theta, scale, result);
            EditScaledGradient?.Invoke(result);
        }

        public void HessianVectorProduct(ReadOnlySpan<double> theta, ReadOnlySpan<double> v, Span<double> result)
        {
            _inner.HessianVectorProduct(theta, v, result);
            EditHessianVectorProduct?.Invoke(result);
        }
    }

    /// <summary>A plain objective (no HVP, not factorised): L(θ) = Σ cos θᵢ, ∇L = −sin θ.</summary>
    private sealed class CosineSum : IObjective
    {
        public string Name => "cosine-sum";
        public int ParameterCount => 4;
        public double Loss(ReadOnlySpan<double> theta) { double s = 0; foreach (double x in theta) s += Math.Cos(x); return s; }
        public double Gradient(ReadOnlySpan<double> theta, Span<double> gradient)
        {
            for (int i = 0; i < theta.Length; i++) gradient[i] = -Math.Sin(theta[i]);
            return Loss(theta);
        }
    }

    private static double[] Point(IObjective model) => Initializations.Gaussian(model, 0.7, seed: 4);

    private static double LargestEntry(IObjective model, double[] theta)
    {
        var g = new double[model.ParameterCount];
        model.Gradient(theta, g);
        return g.Max(Math.Abs);
    }

    [Fact]
    public void A_gradient_with_the_wrong_sign_fails_with_error_two_at_its_largest_entry()
    {
        var model = new Tampered { EditGradient = g => { for (int i = 0; i < g.Length; i++) g[i] = -g[i]; } };
        var theta = Point(model);
        var check = ObjectiveChecks.Gradient(model, theta);
        var g = new double[model.ParameterCount];
        new Tampered().Gradient(theta, g);
        int largest = Array.IndexOf(g, g.MaxBy(Math.Abs));
        Assert.False(check.Passed);
        Assert.InRange(check.MaxRelativeError, 1.999, 2.001); // exactly 2 up to the finite-difference error
        Assert.Equal(largest, check.WorstIndex);
        Assert.InRange(check.NormRelativeError, 1.999, 2.001);
    }

    [Fact]
    public void One_wrong_entry_is_found_and_named_by_factor_row_and_column()
    {
        var theta = Point(new Tampered());
        double scale = LargestEntry(new Tampered(), theta);
        // θ = (W1 5×3, W2 2×5, W3 4×2): entry 15 + 2·2 + 1 = 20 is W2[1, 2].
        var model = new Tampered { EditGradient = g => g[20] += 1e-3 * scale };
        var check = ObjectiveChecks.Gradient(model, theta);
        Assert.Equal(20, check.WorstIndex);
        Assert.Equal("W2[1, 2] (θ[20])", check.WorstLocation);
        Assert.InRange(check.MaxRelativeError, 0.998e-3, 1.001e-3); // 1e-3 on the scale of the largest entry (which the edit may raise by 1e-3)
        Assert.False(check.Passed);
        Assert.True(ObjectiveChecks.Gradient(model, theta, tolerance: 1e-2).Passed);
        Assert.Contains("FAIL", check.ToString());
        Assert.Contains("W2[1, 2]", check.ToString());
    }

    [Fact]
    public void A_Hessian_vector_product_one_percent_too_large_fails_by_one_percent()
    {
        var model = new Tampered { EditHessianVectorProduct = h => { for (int i = 0; i < h.Length; i++) h[i] *= 1.01; } };
        var theta = Point(model);
        var v = Initializations.Gaussian(model, 1.0, seed: 9);
        var check = ObjectiveChecks.HessianVectorProduct(model, theta, v);
        Assert.False(check.Passed);
        Assert.InRange(check.MaxRelativeError, 0.0098, 0.0100); // 0.01/1.01 on the scale of the larger vector
        Assert.True(ObjectiveChecks.HessianVectorProduct(new Tampered(), theta, v).Passed);
    }

    [Fact]
    public void A_non_finite_entry_is_an_infinite_error_at_that_entry()
    {
        var model = new Tampered { EditGradient = g => g[7] = double.NaN };
        var check = ObjectiveChecks.Gradient(model, Point(model));
        Assert.Equal(double.PositiveInfinity, check.MaxRelativeError);
        Assert.Equal(7, check.WorstIndex);
        Assert.False(check.Passed);
    }

    [Fact]
    public void Run_checks_ScaledGradient_and_reports_every_failure()
    {
        var model = new Tampered { EditScaledGradient = r => { for (int i = 0; i < r.Length; i++) r[i] = -r[i]; } };
        var report = ObjectiveChecks.Run(model, Point(model));
        Assert.False(report.Passed);
        Assert.Equal([true, true, false, true], report.Checks.Select(c => c.Passed));
        var ex = Assert.Throws<InvalidOperationException>(() => report.EnsurePassed());
        Assert.Contains("1 of 4 checks FAIL", ex.Message);
        Assert.Contains("ScaledGradient(θ, −1): FAIL", ex.Message);
    }

    [Fact]
    public void Run_on_a_plain_objective_skips_the_Hessian_and_names_entries_by_index()
    {
        var model = new CosineSum();
        var report = ObjectiveChecks.Run(model, [0.3, -1.2, 2.0, 0.7]).EnsurePassed();
        Assert.Equal(3, report.Checks.Count);
        Assert.StartsWith("θ[", report.Checks[0].WorstLocation);
        // Against the exact derivative −sin θ the central difference is accurate to ~h²/6·|sin θ|, far below 1e-6.
        Assert.InRange(report.Checks[0].MaxRelativeError, 0, 1e-9);
    }

    [Fact]
    public void Bad_arguments_name_the_parameter()
    {
        var model = new Tampered();
        var theta = Point(model);
        Assert.Equal("theta", Assert.Throws<ArgumentException>(() => ObjectiveChecks.Gradient(model, theta[1..])).ParamName);
        Assert.Equal("tolerance", Assert.Throws<ArgumentException>(() => ObjectiveChecks.Gradient(model, theta, tolerance: 0)).ParamName);
        Assert.Equal("step", Assert.Throws<ArgumentException>(() => ObjectiveChecks.Gradient(model, theta, step: double.NaN)).ParamName);
        Assert.Equal("direction", Assert.Throws<ArgumentException>(() => ObjectiveChecks.HessianVectorProduct(model, theta, new double[theta.Length])).ParamName);
        theta[3] = double.PositiveInfinity;
        Assert.Contains("theta[3]", Assert.Throws<ArgumentException>(() => ObjectiveChecks.Run(model, theta)).Message);
    }
}

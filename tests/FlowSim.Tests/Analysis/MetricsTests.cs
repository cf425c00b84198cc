using FlowSim.Analysis;
using FlowSim.Models;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace FlowSim.Tests.Analysis;

public class MetricsTests
{
    [Fact]
    public void Effective_and_stable_rank_of_a_diagonal_matrix()
    {
        double[] a = [3, 0, 0, 0, 0, -2, 0, 0, 0, 0, 1, 0]; // 4×3, singular values 3, 2, 1
        Assert.Equal(2.0, Metrics.EffectiveRank(4, 3, a), 14);
        Assert.Equal(14.0 / 9.0, Metrics.StableRank(4, 3, a), 14);
        Assert.Equal(0.0, Metrics.EffectiveRank(2, 2, new double[4]));
    }

    [Fact]
    public void Imbalance_and_product_singular_values_match_closed_forms()
    {
        // U = diag(3, 1) in 3×2, V = diag(1, 2) in 2×2: UᵀU − VᵀV = diag(8, −3), UVᵀ = diag(3, 2) padded.
        var model = new AsymmetricFactorization(3, 2, 2, new double[6]);
        double[] theta = [3, 0, 0, 0, 1, 0, 1, 0, 0, 2];
        Assert.Equal(8.0, Metrics.Imbalance(model, theta), 13);
        var sv = Metrics.ProductSingularValues(model, theta);
        Assert.Equal(3.0, sv[0], 13);
        Assert.Equal(2.0, sv[1], 13);
        // Loss = ½‖UVᵀ − 0‖² = ½(9 + 4).
        Assert.Equal(6.5, Metrics.Loss(model, theta), 14);
    }

    [Fact]
    public void Measurement_error_is_zero_for_the_identity_and_the_bound_is_delta_times_the_nuclear_norm()
    {
        var x = MatrixSensing.DiagonalTarget(4, 3, [2.0, 1.0]);
        var ideal = new MatrixSensing(new IdentityMeasurements(4, 3), x, 3);
        var zero = new double[ideal.ParameterCount];
        var r = Metrics.MeasurementError(ideal, zero, 0.25);
        Assert.Equal(0.0, r.Norm);
        Assert.Equal(3.0, r.ResidualNuclearNorm, 13); // ‖X − 0‖_* = 2 + 1
        Assert.Equal(0.75, r.Bound, 13);

        var gaussian = new MatrixSensing(new GaussianMeasurements(40, 4, 3, 1), x, 3);
        var e = Metrics.MeasurementError(gaussian, zero, 0.5);
        Assert.True(e.Norm > 0);
        Assert.Equal("delta", Assert.Throws<ArgumentException>(() => Metrics.MeasurementError(gaussian, zero, -1)).ParamName);
    }

    [Fact]
    public void Signal_split_for_diagonal_X_is_U_plus_V_over_root_2_up_to_row_signs()
    {
        var model = new MatrixSensing(new IdentityMeasurements(4, 3), MatrixSensing.DiagonalTarget(4, 3, [2.0, 1.0]), 3);
        var theta = Initializations.Gaussian(model, 0.5, seed: 4);
        var split = SignalNuisanceSplit.Compute(model, theta, rank: 2);
        var u = model.U(theta);
        var v = model.V(theta);
        var expected = Matrix<double>.Build.Dense(2, 3);
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++)
            {
                expected[i, j] = (u[j * 4 + i] + v[j * 3 + i]) / Math.Sqrt(2);
                Assert.True(Math.Abs(Math.Abs(split.Psi[j * 2 + i]) - Math.Abs(expected[i, j])) < 1e-14, $"Ψ[{i},{j}]");
            }
        var sv = expected.Svd(false).S;
        Assert.Equal(sv[1], split.SigmaMinPsi, 13);
        Assert.True(split.NuisanceNorm > 0.01);
    }

    [Fact]
    public void Signal_split_has_no_nuisance_when_W_lies_in_the_signal_rows()
    {
        // h = r = 2 and U = V supported on rows 1…r: Ψ is invertible, Π = I, W(I − Π) = 0.
        var model = new MatrixSensing(new IdentityMeasurements(4, 3), MatrixSensing.DiagonalTarget(4, 3, [2.0, 1.0]), 2);
        double[] theta = [0.3, 0.1, 0, 0, -0.2, 0.5, 0, 0, 0.3, 0.1, 0, -0.2, 0.5, 0];
        var split = SignalNuisanceSplit.Compute(model, theta, rank: 2);
        Assert.True(split.NuisanceNorm < 1e-14, $"{split.NuisanceNorm}");
        var w = Matrix<double>.Build.DenseOfArray(new double[,] { { 0.3, -0.2 }, { 0.1, 0.5 } });
        Assert.Equal(Math.Sqrt(2) * w.L2Norm(), split.SignalNorm, 13); // ‖W‖ = ‖[U; U]‖ = √2‖U‖
    }

    /// <summary>A one-factor model L(W) = ½‖W − T‖²_F with no Hessian-vector product: enough for initialisations and product metrics.</summary>
    private sealed class OneFactor(int d, double[] target) : IFactorizedObjective
    {
        public string Name => "one-factor";
        public int ParameterCount => d * d;
        public IReadOnlyList<FactorShape> Factors { get; } = [new FactorShape("W", d, d, 0)];
        public int ProductRows => d;
        public int ProductColumns => d;
        public ReadOnlySpan<double> Target => target;
        public void Product(ReadOnlySpan<double> theta, Span<double> product) => theta.CopyTo(product);
        public double Loss(ReadOnlySpan<double> theta) => 0.5 * Math.Pow(FlowSim.Linalg.Dense.Distance(theta, target), 2);
        public double Gradient(ReadOnlySpan<double> theta, Span<double> gradient)
        {
            for (int i = 0; i < gradient.Length; i++) gradient[i] = theta[i] - target[i];
            return Loss(theta);
        }
    }

    [Fact]
    public void A_factorised_model_without_Hessian_products_gets_initialisations_and_product_metrics()
    {
        var model = new OneFactor(2, [3, 0, 0, 1]);
        var theta = Initializations.Identical(model, 2.0);
        Assert.Equal(new double[] { 2, 0, 0, 2 }, theta);
        Assert.Equal(new double[] { 2, 2 }, Metrics.ProductSingularValues(model, theta));
        Assert.Equal(1.0, Metrics.Loss(model, theta), 14); // ½((2 − 3)² + (2 − 1)²)
        // Spectral: T = diag(3, 1) = P diag(3, 1) Qᵀ, so W = 0.5·PQᵀ has singular values 0.5, 0.5.
        Assert.Equal(new[] { 0.5, 0.5 }, Metrics.ProductSingularValues(model, Initializations.Spectral(model, 0.5)).Select(x => Math.Round(x, 14)));
    }
}

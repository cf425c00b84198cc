using Xunit;

namespace FlowSim.Tests.Theory;

/// <summary>The P2 pieces of the model and dynamics layers that the Y claims build on, against hand-computed values.</summary>
public class YeDuModelPiecesTests
{
    private static double[] Diag(params double[] v) => FlowSim.Linalg.Dense.Diagonal(v);

    [Fact]
    public void Symmetric_gram_flow_rejects_bad_input_naming_the_parameter()
    {
        var nonSymmetric = new double[] { 1, 2, 0, 1 };
        Assert.Equal("sigma", Assert.Throws<ArgumentException>(() => new FlowSim.Dynamics.SymmetricGramFlow(2, nonSymmetric)).ParamName);
        Assert.Equal("sigma", Assert.Throws<ArgumentException>(() => new FlowSim.Dynamics.SymmetricGramFlow(2, new double[3])).ParamName);
        Assert.Equal("d", Assert.Throws<ArgumentException>(() => new FlowSim.Dynamics.SymmetricGramFlow(0, [])).ParamName);
        var flow = new FlowSim.Dynamics.SymmetricGramFlow(2, Diag(2, 1));
        Assert.Equal("t1", Assert.Throws<ArgumentException>(() => flow.CreateProblem(Diag(1, 1), double.NaN)).ParamName);
    }

    [Fact]
    public void Symmetric_gram_flow_right_hand_side_matches_the_formula_at_a_non_diagonal_point()
    {
        // Σ = [[2, 1], [1, 3]], S = [[1, 0.5], [0.5, 2]]: (Σ − S)S + S(Σ − S) by hand.
        // Σ − S = [[1, 0.5], [0.5, 1]]; (Σ − S)S = [[1.25, 1.5], [1, 2.25]]; its transpose added gives [[2.5, 2.5], [2.5, 4.5]].
        var flow = new FlowSim.Dynamics.SymmetricGramFlow(2, [2, 1, 1, 3]);
        var dy = new double[4];
        flow.Evaluate(0, [1, 0.5, 0.5, 2], dy);
        Assert.Equal(new[] { 2.5, 2.5, 2.5, 4.5 }, dy);
    }

    [Fact]
    public void Closed_forms_are_overflow_safe_and_validate_arguments()
    {
        Assert.Equal(5.0, FlowSim.Models.YeDuClosedForms.SymmetricScalar(5, 1e-4, 1000));
        Assert.True(Math.Abs(FlowSim.Models.YeDuClosedForms.SymmetricScalar(5, 1e-4, 0) - 1e-4) <= 1e-18);
        Assert.Equal("alpha", Assert.Throws<ArgumentException>(() => FlowSim.Models.YeDuClosedForms.StageOneTime(5, 1, 5, 1, 0.01, 1.0)).ParamName);
        Assert.Equal("sigmaD", Assert.Throws<ArgumentException>(() => FlowSim.Models.YeDuClosedForms.StageOneTime(1, 5, 5, 1, 0.01, 0.5)).ParamName);
        Assert.Equal("epsilon", Assert.Throws<ArgumentException>(() => FlowSim.Models.YeDuClosedForms.StageOneTime(5, 1, 5, 1, 10, 0.5)).ParamName);
        Assert.Equal("s0", Assert.Throws<ArgumentException>(() => FlowSim.Models.YeDuClosedForms.SymmetricScalar(5, 0, 1)).ParamName);
    }

    [Fact]
    public void Curves_split_the_residual_as_P_plus_Q_with_Q_antisymmetric()
    {
        // Σ − UVᵀ = P + Q is an exact rewrite; checked against UVᵀ formed directly.
        var rng = new FlowSim.Randomness.Xoshiro256StarStar(17);
        const int d = 4;
        var sigma = Diag(4, 3, 2, 1);
        var u = FlowSim.Randomness.RandomMatrices.Gaussian(rng, d, d);
        var v = FlowSim.Randomness.RandomMatrices.Gaussian(rng, d, d);
        var curves = new FlowSim.Models.YeDuCurves(d, sigma, u, v);
        for (int j = 0; j < d; j++)
            for (int i = 0; i < d; i++)
            {
                double uvt = 0;
                for (int k = 0; k < d; k++) uvt += u[k * d + i] * v[k * d + j];
                Assert.Equal(sigma[j * d + i] - uvt, curves.P[j * d + i] + curves.Q[j * d + i], 12);
                Assert.Equal(-curves.Q[i * d + j], curves.Q[j * d + i], 15);
            }
        Assert.Equal("u", Assert.Throws<ArgumentException>(() => new FlowSim.Models.YeDuCurves(d, sigma, new double[3], v)).ParamName);
    }
}

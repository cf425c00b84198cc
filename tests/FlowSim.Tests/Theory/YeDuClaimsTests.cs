using FlowSim.Theory;
using Xunit;
using Xunit.Abstractions;

namespace FlowSim.Tests.Theory;

public class YeDuClaimsTests(ITestOutputHelper output)
{
    private static readonly ClaimSettings Quick = new(Quick: true);

    private ClaimResult Run(Claim claim)
    {
        var result = ClaimRunner.RunOne(claim, Quick);
        output.WriteLine($"{result.Id} [{result.Kind}] {result.Verdict}: {result.Message} (measured {result.Measured:E3}, margin {result.Margin:G4}, {result.WallSeconds:F2} s)");
        foreach (var r in result.Reported) output.WriteLine($"  {r.Key} = {r.Value:G6}");
        return result;
    }

    public static TheoryData<string> Ids => new() { "Y1", "Y2", "Y3", "Y4", "Y5", "Y6", "Y7", "Y8", "Y9", "Y10" };

    [Theory]
    [MemberData(nameof(Ids))]
    public void Claim_passes_in_quick_mode_through_the_runner(string id)
    {
        var claim = ClaimCatalog.Default.GetClaims().Single(c => c.Id == id);
        Assert.Equal(Papers.YeDu.Label, claim.Paper);
        var result = Run(claim);
        Assert.Equal(Verdict.Pass, result.Verdict);
        Assert.True(result.Margin >= 1 || double.IsNaN(result.Margin), $"margin {result.Margin}");
        Assert.NotEmpty(result.Parameters);
        Assert.Contains(result.Notes, n => n.Contains("FlowSim's own"));
    }

    [Fact]
    public void Y1_closed_form_check_fails_against_a_perturbed_closed_form()
    {
        Assert.Equal(Verdict.Fail, Run(new Y1SymmetricScalarSolutionClaim(rateFactor: 1 + 1e-6)).Verdict);
    }

    [Fact]
    public void Y2_fails_when_the_lower_curve_starts_above_sigma_min_squared()
    {
        Assert.Equal(Verdict.Fail, Run(new Y2LoewnerSandwichClaim(lowerStartFactor: 1.5)).Verdict);
    }

    [Fact]
    public void Y3_fails_for_the_reversed_order()
    {
        Assert.Equal(Verdict.Fail, Run(new Y3OrderPreservationClaim(reversed: true)).Verdict);
    }

    [Fact]
    public void Y5_exact_identities_fail_when_the_curves_use_a_different_sigma_than_the_flow()
    {
        var result = Run(new Y5CurveIdentitiesClaim(sigmaPerturbation: 1e-6));
        Assert.Equal(Verdict.Fail, result.Verdict);
    }

    [Fact]
    public void Y6_structural_check_fails_when_the_horizon_is_too_short_to_converge()
    {
        Assert.Equal(Verdict.Fail, Run(new Y6SmallRandomInitClaim(horizon: 2)).Verdict);
    }

    [Fact]
    public void Y7_fails_against_a_wrong_reference_value()
    {
        Assert.Equal(Verdict.Fail, Run(new Y7StageOneTimeClaim(referenceValue: 0.5 * (1 + 1e-12))).Verdict);
    }

    [Fact]
    public void Y8_fails_when_the_curves_start_from_scaled_extremes()
    {
        Assert.Equal(Verdict.Fail, Run(new Y8LemmaFiveClaim(startFactor: 0.5)).Verdict);
    }

    [Fact]
    public void Y9_fails_for_the_false_inequality_with_sigma_max()
    {
        Assert.Equal(Verdict.Fail, Run(new Y9PolyakLojasiewiczClaim(useLargestSingularValue: true)).Verdict);
    }

    [Fact]
    public void Y10_structural_check_fails_when_the_threshold_is_not_reached()
    {
        var result = Run(new Y10RateScalingClaim(horizonFactor: 0.05));
        Assert.Equal(Verdict.Fail, result.Verdict);
    }

    [Fact]
    public void Y7_reports_the_stage_one_time_of_the_printed_parameters()
    {
        // t₁ = [ln(9999) + ln(1/9)]/10 for σ₁ = 5, σ_d = 1, d = 5, c = 1, ε = 0.01, α = ½ (hand-computed from (9)).
        var result = Run(new Y7StageOneTimeClaim());
        double t1 = result.Reported.Single(r => r.Key == "t₁").Value;
        Assert.Equal((Math.Log(9999) + Math.Log(1.0 / 9)) / 10, t1, 14);
        Assert.Equal(Verdict.Pass, result.Verdict);
    }

    [Fact]
    public void Figures_of_P2_are_attached_with_captions_naming_FlowSims_own_settings()
    {
        foreach (var (claim, stem) in new (Claim, string)[]
                 {
                     (new Y2LoewnerSandwichClaim(), "loewner-sandwich"),
                     (new Y6SmallRandomInitClaim(), "b-norm-and-loss"),
                     (new Y10RateScalingClaim(), "time-vs-kappa"),
                 })
        {
            var fig = Assert.Single(Run(claim).Figures, f => f.FileStem == stem);
            Assert.Contains("FlowSim's own", fig.Caption);
        }
    }
}

public class YeDuModelPiecesTests
{
    private static double[] Diag(params double[] v) => FlowSim.Tests.Theory.YeDuTestMatrices.Diagonal(v);

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

internal static class YeDuTestMatrices
{
    public static double[] Diagonal(double[] v)
    {
        var m = new double[v.Length * v.Length];
        for (int i = 0; i < v.Length; i++) m[i * v.Length + i] = v[i];
        return m;
    }
}

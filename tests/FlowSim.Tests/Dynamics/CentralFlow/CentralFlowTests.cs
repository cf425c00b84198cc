using FlowSim.Analysis.Sharpness;
using FlowSim.Dynamics;
using FlowSim.Dynamics.CentralFlow;
using FlowSim.Linalg;
using FlowSim.Models;
using FlowSim.Ode;
using FlowSim.Randomness;
using FlowSim.Tests.Analysis.Sharpness;
using Xunit;
using Xunit.Abstractions;

namespace FlowSim.Tests.Dynamics.CentralFlow;

/// <summary>
/// The central flow (THEORY §6.2, claims E3–E5, E9): gradient flow before activation against a vern9 reference, the
/// constraint S = 2/η and σ² ≥ 0 while active, the projection identity ⟨∇L, ẇ⟩ + ‖ẇ‖² = 0 and a loss that does not
/// rise, several held eigenvalues, and the stationary point of Scalar-2 against its closed form.
/// </summary>
public class CentralFlowTests(ITestOutputHelper output)
{
    // MF4 of THEORY §6.3: target Q₁ diag(1, 0.5, 0.2, 0.1) Q₂ᵀ, U, V 4×4 from 1e-3·N(0, 1) (FlowSim's seeds).
    internal static (AsymmetricFactorization Model, double[] Theta0) Mf4()
    {
        var model = new AsymmetricFactorization(4, 4, 4, MatrixSensing.RandomTarget(4, 4, [1.0, 0.5, 0.2, 0.1], 7));
        var theta0 = new double[model.ParameterCount];
        new Xoshiro256StarStar(11).FillNormal(theta0, 1e-3);
        return (model, theta0);
    }

    private static double[] Grid(double eta, int steps) => Enumerable.Range(0, steps + 1).Select(k => k * eta).ToArray();

    [Fact]
    public void Before_activation_it_is_the_gradient_flow()
    {
        var (model, theta0) = Mf4();
        const double eta = 1.02;
        var cf = CentralFlowSolver.Solve(model, theta0, 40 * eta, new CentralFlowOptions { StepSize = eta, OutputTimes = Grid(eta, 40) });
        Assert.True(cf.Succeeded, cf.Message);
        double activation = cf.ActivationTime!.Value;
        // Reference: vern9 at rtol 1e-13, a different method at a much tighter tolerance.
        var gf = GradientFlow.Solve(model, theta0, 40 * eta, "vern9", new OdeOptions { RelTol = 1e-13, AbsTol = 1e-15, Dense = true });
        double worst = 0;
        int compared = 0;
        for (int i = 0; i < cf.Times.Count && cf.Times[i] < activation; i++, compared++)
            worst = Math.Max(worst, Dense.Distance(cf.States[i], gf.Evaluate(cf.Times[i])));
        Assert.True(compared >= 5, $"only {compared} points before τ = {activation}");
        Assert.True(worst <= 1e-8, $"max distance to the gradient flow before activation {worst:E2}");
        // The activation time is the reference flow's first crossing of S = 2/η (bisection on its dense output).
        double lo = cf.Times[compared - 1], hi = cf.Times[compared];
        for (int it = 0; it < 60; it++)
        {
            double mid = 0.5 * (lo + hi);
            if (ExplicitHessian.Sharpness(model, gf.Evaluate(mid)) < 2 / eta) lo = mid; else hi = mid;
        }
        Assert.True(Math.Abs(activation - lo) <= 1e-8, $"activation {activation:R}, reference crossing {lo:R}");
        output.WriteLine($"MF4 η = 1.02: activation τ = {activation:R} (reference {lo:R}), max distance before it {worst:E2}");
    }

    [Theory]
    [InlineData("MF4", 1.02, 1, 400)]
    [InlineData("MF4", 1.1, 1, 400)]
    [InlineData("MF4", 2.2, 2, 5)]
    [InlineData("Scalar-2", 1.1, 1, 300)]
    [InlineData("Scalar-3", 0.6, 1, 100)]
    public void While_active_it_holds_the_edge_projects_the_gradient_and_never_raises_the_loss(string name, double eta, int eigenvalues, int steps)
    {
        IHessianVectorProduct model;
        double[] theta0;
        if (name == "MF4") (model, theta0) = Mf4();
        else if (name == "Scalar-2") (model, theta0) = (new ScalarNetwork(2, 1.0), new[] { 1.3, 0.7 });
        else (model, theta0) = (new ScalarNetwork(3, 1.0), new[] { 1.4, 0.5, 0.6 });
        var options = new CentralFlowOptions { StepSize = eta, Eigenvalues = eigenvalues };
        var cf = CentralFlowSolver.Solve(model, theta0, steps * eta, options);
        Assert.True(cf.Succeeded, cf.Message);
        Assert.NotNull(cf.ActivationTime);
        int n = model.ParameterCount;
        var check = new LanczosEigensolver(n, new LanczosOptions { Count = eigenvalues, Tolerance = 1e-13 });
        var diagnose = new CentralFlowRhs(model, options);
        var velocity = new double[n];
        var gradient = new double[n];
        double edge = 2 / eta, worstEdge = 0, worstProjection = 0, worstRise = double.NegativeInfinity, minSigma2 = double.PositiveInfinity;
        int active = 0;
        for (int i = 0; i < cf.Times.Count; i++)
        {
            var theta = cf.States[i];
            double loss = model.Gradient(theta, gradient);
            if (i > 0)
            {
                // A rise would have to come from the state's integration error: bound it by RelTol·‖∇L‖·‖θ‖.
                double rise = loss - model.Loss(cf.States[i - 1]);
                double allowed = options.RelTol * LinearAlgebra.FrobeniusNorm(gradient) * Math.Max(1, LinearAlgebra.FrobeniusNorm(theta));
                worstRise = Math.Max(worstRise, rise);
                Assert.True(rise <= allowed, $"{name}: loss rose by {rise:E2} at τ = {cf.Times[i]:R} (allowed {allowed:E2})");
            }
            int held = HeldAt(cf, cf.Times[i]);
            if (held == 0) continue;
            diagnose.CriticalCount = held;
            var point = diagnose.Diagnose(theta);
            minSigma2 = Math.Min(minSigma2, point.Sigma2);
            Assert.True(point.Sigma2 >= 0, $"{name}: σ² = {point.Sigma2:E2} < 0");
            if (point.Sigma2 <= 0) continue;
            active++;
            check.Solve(model, theta);
            for (int a = 0; a < held; a++) worstEdge = Math.Max(worstEdge, Math.Abs(check.Eigenvalues[a] - edge) / edge);
            // E4: at active points the velocity is the projection of −∇L: ⟨∇L, ẇ⟩ + ‖ẇ‖² = 0, relative to ‖∇L‖², the
            // size of both terms (‖ẇ‖ itself vanishes at a stationary point of the flow, where ∇L does not).
            diagnose.Evaluate(cf.Times[i], theta, velocity);
            double w2 = LinearAlgebra.Dot(velocity, velocity);
            worstProjection = Math.Max(worstProjection, Math.Abs(LinearAlgebra.Dot(gradient, velocity) + w2) / LinearAlgebra.Dot(gradient, gradient));
        }
        output.WriteLine($"{name}, η = {eta}, k = {eigenvalues}: {active} active points, max |λ − 2/η|/(2/η) = {worstEdge:E2}, " +
                         $"max |⟨∇L, ẇ⟩ + ‖ẇ‖²|/‖∇L‖² = {worstProjection:E2}, max loss rise {worstRise:E2}, min σ² {minSigma2:E2}, " +
                         $"transitions {string.Join("; ", cf.Transitions.Select(t => $"τ = {t.Time:G6}: {t.CriticalCount}"))}, max complementarity violation {cf.Rhs.MaxComplementarityViolation:E2}");
        Assert.True(active >= 10, $"{name}: only {active} active points");
        Assert.True(worstEdge <= 1e-5, $"{name}: max |λ − 2/η|/(2/η) = {worstEdge:E2}");
        Assert.True(worstProjection <= 1e-10, $"{name}: projection identity {worstProjection:E2}");
        Assert.True(cf.Rhs.MaxComplementarityViolation <= 1e-10, $"{name}: complementarity {cf.Rhs.MaxComplementarityViolation:E2}");
        if (eigenvalues > 1) Assert.Contains(cf.Transitions, t => t.CriticalCount == eigenvalues);
    }

    private static int HeldAt(CentralFlowResult cf, double t)
    {
        int held = 0;
        foreach (var tr in cf.Transitions) if (tr.Time <= t) held = tr.CriticalCount;
        return held;
    }

    [Theory]
    [InlineData(1.05)]
    [InlineData(1.1)]
    [InlineData(1.2)]
    public void Scalar2_stationary_point_and_variance_match_the_closed_form(double eta)
    {
        // On x = y = s: S = 3s² − 1 = 2/η and ∇L + ½σ²∇S = 0 with ∇L = (s² − 1)(s, s), ∇S = (3s, 3s) give
        // s² = (1 + 2/η)/3 and σ² = 2(1 − s²)/3 = 4(1 − 1/η)/9 [derived].
        var net = new ScalarNetwork(2, 1.0);
        var cf = CentralFlowSolver.Solve(net, [1.3, 0.7], 400 * eta, new CentralFlowOptions { StepSize = eta });
        Assert.True(cf.Succeeded, cf.Message);
        var p = cf.FinalPoint();
        double s = Math.Sqrt((1 + 2 / eta) / 3);
        Assert.Equal(s, cf.FinalState[0], 8);
        Assert.Equal(s, cf.FinalState[1], 8);
        Assert.Equal(4 * (1 - 1 / eta) / 9, p.Sigma2, 9);
        Assert.True(Math.Abs(0.5 * Math.Pow(1 - s * s, 2) + 4 * (1 - 1 / eta) / (9 * eta) - p.LossPrediction) <= 1e-8, $"loss prediction {p.LossPrediction:R}");
        // E9: GD's 2-cycle has variance (a − b)²/2 = (1 − 1/η)/2 along u = (1, 1)/√2 (closed form of the cycle), so the
        // ratio is 8/9 = 1 − ℓ''ℓ''''/(3ℓ'''²) with ℓ(t) = L(w* + tu) at the minimum w* = (1, 1); ℓ's derivatives from the
        // quartic through ℓ(0), ℓ(±h), ℓ(±2h) (exact for this ℓ, a quartic; O(h²) for a general one).
        double ratio = p.Sigma2 / ((1 - 1 / eta) / 2);
        double L(double t) => net.Loss([1 + t / Math.Sqrt(2), 1 + t / Math.Sqrt(2)]);
        const double h = 0.05;
        double c0 = L(0), e1 = 0.5 * (L(h) + L(-h)) - c0, e2 = 0.5 * (L(2 * h) + L(-2 * h)) - c0;
        double o1 = 0.5 * (L(h) - L(-h)), o2 = 0.5 * (L(2 * h) - L(-2 * h));
        double c4 = (e2 - 4 * e1) / (12 * Math.Pow(h, 4)), c2 = (e1 - c4 * Math.Pow(h, 4)) / (h * h), c3 = (o2 - 2 * o1) / (6 * Math.Pow(h, 3));
        double l2 = 2 * c2, l3 = 6 * c3, l4 = 24 * c4;
        double predicted = 1 - l2 * l4 / (3 * l3 * l3);
        output.WriteLine($"η = {eta}: σ²_CF = {p.Sigma2:R}, σ²_GD = {(1 - 1 / eta) / 2:R}, ratio {ratio:R}, 1 − ℓ''ℓ''''/(3ℓ'''²) = {predicted:R}");
        Assert.True(Math.Abs(ratio - predicted) <= 1e-6, $"ratio {ratio:R} against {predicted:R}");
    }

    [Fact]
    public void A_flipped_sign_in_the_sharpness_gradient_breaks_the_edge_check()
    {
        // The same run with −D³L[v, v, ·]: α changes sign, X stays 0, and S runs past 2/η; the check above must see it.
        var (model, theta0) = Mf4();
        const double eta = 1.02;
        var cf = CentralFlowSolver.Solve(model, theta0, 40 * eta, new CentralFlowOptions { StepSize = eta }, new Negated(new FlowSim.Analysis.Sharpness.TwoFactorCurvature(model)));
        double worst = cf.Times.Select((t, i) => t > cf.ActivationTime ? Math.Abs(ExplicitHessian.Sharpness(model, cf.States[i]) - 2 / eta) / (2 / eta) : 0).Max();
        output.WriteLine($"flipped ∇S: max |S − 2/η|/(2/η) after activation = {worst:E2}");
        Assert.True(worst > 1e-5, $"{worst:E2}: the constraint check (1e-5) would not catch it");
    }

    private sealed class Negated(ICurvatureGradient inner) : ICurvatureGradient
    {
        public int ParameterCount => inner.ParameterCount;
        public void CurvatureGradient(ReadOnlySpan<double> theta, ReadOnlySpan<double> v, Span<double> result)
        {
            inner.CurvatureGradient(theta, v, result);
            for (int i = 0; i < result.Length; i++) result[i] = -result[i];
        }
    }

    [Fact]
    public void A_start_above_the_edge_is_projected_onto_it()
    {
        var net = new ScalarNetwork(2, 1.0);
        const double eta = 1.1;
        Assert.True(ExplicitHessian.Sharpness(net, [1.3, 0.7]) > 2 / eta);
        var cf = CentralFlowSolver.Solve(net, [1.3, 0.7], 5, new CentralFlowOptions { StepSize = eta });
        Assert.Equal(0.0, cf.ActivationTime);
        Assert.Equal(2 / eta, ExplicitHessian.Sharpness(net, cf.ActivationState!), 12);
    }

    [Fact]
    public void An_evaluation_allocates_nothing()
    {
        var (model, theta0) = Mf4();
        var rhs = new CentralFlowRhs(model, new CentralFlowOptions { StepSize = 2.2, Eigenvalues = 2 });
        var theta = Initializations.Gaussian(model, 0.5, 3);
        var dy = new double[theta.Length];
        Assert.Equal(0, AllocationMeter.Bytes(() => rhs.Evaluate(0, theta0, dy), 20, warmup: 5));
        rhs.CriticalCount = 2;
        Assert.Equal(0, AllocationMeter.Bytes(() => rhs.Evaluate(0, theta, dy), 20, warmup: 5));
    }

    [Fact]
    public void Bad_options_name_the_option()
    {
        var net = new ScalarNetwork(2, 1.0);
        Assert.Contains("StepSize", Assert.Throws<ArgumentException>(() => CentralFlowSolver.Solve(net, [1, 1], 1, new CentralFlowOptions { StepSize = 0 })).Message);
        Assert.Contains("Eigenvalues", Assert.Throws<ArgumentException>(() => CentralFlowSolver.Solve(net, [1, 1], 1, new CentralFlowOptions { StepSize = 1, Eigenvalues = 3 })).Message);
        Assert.Contains("CriticalBand", Assert.Throws<ArgumentException>(() => new CentralFlowRhs(net, new CentralFlowOptions { StepSize = 1, CriticalBand = 0 })).Message);
        Assert.Contains("t1", Assert.Throws<ArgumentException>(() => CentralFlowSolver.Solve(net, [1, 1], double.NaN, new CentralFlowOptions { StepSize = 1 })).Message);
        Assert.Contains("theta0", Assert.Throws<ArgumentException>(() => CentralFlowSolver.Solve(net, [1, double.NaN], 1, new CentralFlowOptions { StepSize = 1 })).Message);
    }
}

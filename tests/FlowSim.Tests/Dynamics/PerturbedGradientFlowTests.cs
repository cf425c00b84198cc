using FlowSim.Dynamics;
using FlowSim.Linalg;
using FlowSim.Models;
using FlowSim.Ode;
using MathNet.Numerics.LinearAlgebra;
using Xunit;
using Xunit.Abstractions;
using static FlowSim.Tests.Dynamics.SensingSetup;

namespace FlowSim.Tests.Dynamics;

public class PerturbedGradientFlowTests(ITestOutputHelper output)
{
    private static Matrix<double> Mat(int rows, int cols, ReadOnlySpan<double> data) => Matrix<double>.Build.Dense(rows, cols, data.ToArray());

    [Fact]
    public void W1_descent_step_equals_the_linear_map_I_plus_eta_dil_G()
    {
        var model = S1();
        var iterates = Descent(model, W0(model), Eta, 6);
        var g = new double[M * N];
        var w = new double[model.ParameterCount];
        double worst = 0;
        for (int k = 0; k < 6; k++)
        {
            model.Generator(iterates[k], g);
            model.ToStacked(iterates[k], w);
            // (I + η dil(G_k)) W_k formed with MathNet, independent of the model's gradient path.
            var map = Matrix<double>.Build.DenseIdentity(M + N) + Eta * Mat(M + N, M + N, Dilation.Build(M, N, g));
            var next = (map * Mat(M + N, H, w)).ToColumnMajorArray();
            var expected = new double[w.Length];
            model.FromStacked(next, expected);
            worst = Math.Max(worst, MaxAbsDifference(expected, iterates[k + 1]));
        }
        output.WriteLine($"W1 max |difference| over k = 0…5: {worst:E2}");
        Assert.True(worst <= 1e-14, $"W1: {worst:E2}");
    }

    [Fact]
    public void Generator_is_X_minus_UVt_plus_measurement_error()
    {
        var model = S1();
        var theta = W0(model);
        var g = new double[M * N];
        var e = new double[M * N];
        var p = new double[M * N];
        model.Generator(theta, g);
        model.MeasurementError(theta, e);
        model.Product(theta, p);
        var x = model.Target;
        for (int i = 0; i < g.Length; i++) Assert.True(Math.Abs(g[i] - (x[i] - p[i] + e[i])) < 1e-15);
        Assert.True(LinearAlgebra.FrobeniusNorm(e) > 0.1, "with M = 40 the measurement error is not small");

        var ideal = new MatrixSensing(new IdentityMeasurements(M, N), x, H);
        ideal.MeasurementError(theta, e);
        Assert.Equal(0.0, LinearAlgebra.MaxAbs(e));
    }

    [Fact]
    public void Gaussian_adjoint_satisfies_the_adjoint_identity_and_the_operator_is_seeded()
    {
        var a = new GaussianMeasurements(40, M, N, seed: 1);
        var rng = new FlowSim.Randomness.Xoshiro256StarStar(99);
        var z = FlowSim.Randomness.RandomMatrices.Gaussian(rng, M, N);
        var y = FlowSim.Randomness.RandomMatrices.Gaussian(rng, 40, 1);
        var az = new double[40];
        var aty = new double[M * N];
        a.Apply(z, az);
        a.Adjoint(y, aty);
        Assert.True(Math.Abs(LinearAlgebra.Dot(az, y) - LinearAlgebra.Dot(z, aty)) < 1e-13);
        // 𝒜(Z)_i = ⟨A_i, Z⟩/√M computed entry by entry from the stored matrices.
        for (int i = 0; i < 40; i++) Assert.True(Math.Abs(az[i] - LinearAlgebra.Dot(a.Matrix(i), z)) < 1e-14);
        Assert.Equal(a.Matrix(7), new GaussianMeasurements(40, M, N, seed: 1).Matrix(7));
    }

    private static string Method => OdeMethods.Names.Contains("dop853") ? "dop853" : "dp5";

    [Theory]
    [InlineData("dop853", 1e-12)]
    [InlineData("dp5", 1e-12)]
    public void W2_perturbed_flow_passes_through_the_descent_iterates(string method, double bound)
    {
        var model = S1();
        var theta0 = W0(model);
        const int steps = 6;
        var descent = Descent(model, theta0, Eta, steps);
        var flow = new PerturbedGradientFlow(model, Eta);
        var times = Enumerable.Range(1, steps).Select(k => k * Eta).ToArray();
        var options = flow.CreateOptions(steps, new OdeOptions { RelTol = 1e-12, AbsTol = 1e-14, OutputTimes = times, Dense = true });
        var sol = OdeSolve.Solve(flow.CreateProblem(theta0, steps), method, options).EnsureSuccess();
        Assert.Equal(steps - 1, flow.Segment);
        double worst = 0;
        for (int k = 1; k <= steps; k++)
        {
            Assert.Equal(k * Eta, sol.Times[k - 1]);
            double d = MaxAbsDifference(sol.Values[k - 1], descent[k]);
            output.WriteLine($"k = {k}: max |W(kη) − W_k| = {d:E2}");
            worst = Math.Max(worst, d);
        }
        output.WriteLine($"{method}: {sol.Statistics}");
        Assert.True(worst <= bound, $"W2 ({method}): {worst:E2}");

        // The closed form per interval is an integrator-free reference inside the intervals as well.
        var closed = new double[model.ParameterCount];
        double worstInside = 0;
        for (int k = 0; k < steps; k++)
            foreach (double s in new[] { 0.25, 0.5, 0.75, 1.0 })
            {
                flow.ClosedForm(descent[k], s, closed);
                worstInside = Math.Max(worstInside, MaxAbsDifference(sol.Evaluate((k + s) * Eta), closed));
            }
        output.WriteLine($"max |dense output − closed form| over s ∈ {{¼, ½, ¾, 1}}: {worstInside:E2}");
        Assert.True(worstInside <= bound, $"closed form vs flow: {worstInside:E2}");
    }

    [Fact]
    public void Right_hand_side_and_segment_start_allocate_nothing()
    {
        var model = S1();
        var theta = W0(model);
        var flow = new PerturbedGradientFlow(model, Eta);
        var dy = new double[theta.Length];
        flow.BeginSegment(0, theta);
        flow.Evaluate(0, theta, dy);
        int segment = 0;
        Assert.Equal(0, AllocationMeter.Bytes(() =>
        {
            flow.BeginSegment(segment++, theta);
            flow.Evaluate(0, theta, dy);
        }, 1000));
        // Segment 0's right-hand side at W_0 is log(I + ηΓ̃_0)W_0/η, which is −∇f(W_0) to first order in η.
        var g = new double[theta.Length];
        model.Gradient(theta, g);
        double diff = 0, scale = 0;
        for (int i = 0; i < g.Length; i++) { diff = Math.Max(diff, Math.Abs(dy[i] + g[i])); scale = Math.Max(scale, Math.Abs(g[i])); }
        Assert.True(diff < 0.2 * scale, $"{diff} vs {scale}");
    }

    [Fact]
    public void Closed_form_at_s_1_is_the_descent_step_and_at_s_0_the_identity()
    {
        var model = S1();
        var descent = Descent(model, W0(model), Eta, 3);
        var flow = new PerturbedGradientFlow(model, Eta);
        var closed = new double[model.ParameterCount];
        for (int k = 0; k < 3; k++)
        {
            flow.ClosedForm(descent[k], 1.0, closed);
            Assert.True(MaxAbsDifference(closed, descent[k + 1]) < 1e-14);
            flow.ClosedForm(descent[k], 0.0, closed);
            Assert.True(MaxAbsDifference(closed, descent[k]) < 1e-15);
        }
    }

    [Fact]
    public void Step_too_large_stops_with_an_error_naming_k_eta_and_the_norm()
    {
        // Identity measurements, X = diag(2, 1), W_0 near the balanced minimiser (u₁ = v₁ = √2 + 0.01) and η = 0.7 > 1/(2σ₁):
        // descent oscillates about the minimiser with growing amplitude, so η‖G_k‖ first reaches 1 at some k ≥ 1,
        // found here from the descent iterates with MathNet's SVD (independent of the flow's eigendecomposition).
        var model = new MatrixSensing(new IdentityMeasurements(M, N), MatrixSensing.DiagonalTarget(M, N, [2.0, 1.0]), H);
        var theta0 = new double[model.ParameterCount];
        double a = Math.Sqrt(2) + 0.01;
        (theta0[0], theta0[5], theta0[10]) = (a, 1, 0.01);   // U = diag(a, 1, 0.01) in 4×3
        (theta0[12], theta0[16], theta0[20]) = (a, 1, 0.01); // V = diag(a, 1, 0.01) in 3×3
        const double eta = 0.7;
        var descent = Descent(model, theta0, eta, 30);
        var g = new double[M * N];
        int firstBad = -1;
        for (int k = 0; k <= 30 && firstBad < 0; k++)
        {
            model.Generator(descent[k], g);
            if (eta * LinearAlgebra.OperatorNorm(M, N, g) >= 1) firstBad = k;
        }
        output.WriteLine($"first k with η‖G_k‖ ≥ 1: {firstBad}");
        Assert.True(firstBad >= 1, "the setup must fail after at least one good segment");
        var flow = new PerturbedGradientFlow(model, eta);
        var options = flow.CreateOptions(30, new OdeOptions { RelTol = 1e-10, AbsTol = 1e-12 });
        var ex = Assert.Throws<PerturbedFlowDomainException>(() => OdeSolve.Solve(flow.CreateProblem(theta0, 30), Method, options));
        output.WriteLine(ex.Message);
        Assert.Equal(firstBad, ex.Step);
        Assert.Equal(eta, ex.Eta);
        Assert.True(eta * ex.GeneratorNorm >= 1);
        Assert.Contains($"k = {firstBad}", ex.Message);
        Assert.Contains("0.7", ex.Message);
    }

    [Fact]
    public void W3_W4_W6_perturbation_is_symmetric_and_within_its_three_term_bound_along_S1()
    {
        var model = S1();
        var descent = Descent(model, W0(model), Eta, 6);
        var flow = new PerturbedGradientFlow(model, Eta);
        var theta = new double[model.ParameterCount];
        var p = new double[(M + N) * (M + N)];
        for (int k = 0; k < 6; k++)
            foreach (double s in new[] { 0.0, 0.25, 0.5, 0.75 })
            {
                flow.ClosedForm(descent[k], s, theta);
                var b = flow.Perturbation(descent[k], theta, p);
                Assert.True(b.BoundApplies, $"k = {k}: η‖Γ̃_k‖ = {b.EtaGeneratorNorm}");
                Assert.True(b.LogTermExact <= b.LogTerm, $"W3 at k = {k}");
                Assert.True(b.SymmetryDefect <= 1e-12 * Math.Max(1, b.Norm), $"W4 at k = {k}");
                Assert.True(b.Norm <= b.Bound, $"W6 at k = {k}, s = {s}: {b.Norm} > {b.Bound}");
                if (k == 0 && s == 0) output.WriteLine($"η‖Γ̃_0‖ = {b.EtaGeneratorNorm:F4}, log term {b.LogTermExact:F4} ≤ {b.LogTerm:F4}, ‖P‖ = {b.Norm:F4} ≤ {b.Bound:F4}");
            }
    }

    [Fact]
    public void W5a_one_descent_step_changes_the_imbalance_by_eta_squared_VtGtGV_minus_UtGGtU()
    {
        var model = S1();
        var descent = Descent(model, W0(model), Eta, 6);
        var g = new double[M * N];
        var before = new double[H * H];
        var after = new double[H * H];
        double worst = 0;
        for (int k = 0; k < 6; k++)
        {
            model.Generator(descent[k], g);
            model.Imbalance(descent[k], before);
            model.Imbalance(descent[k + 1], after);
            var gm = Mat(M, N, g);
            var u = Mat(M, H, model.U(descent[k]));
            var v = Mat(N, H, model.V(descent[k]));
            var expected = Eta * Eta * (v.Transpose() * gm.Transpose() * gm * v - u.Transpose() * gm * gm.Transpose() * u);
            for (int j = 0; j < H; j++)
                for (int i = 0; i < H; i++) worst = Math.Max(worst, Math.Abs(after[j * H + i] - before[j * H + i] - expected[i, j]));
        }
        output.WriteLine($"W5a max deviation: {worst:E2}");
        Assert.True(worst <= 1e-15, $"W5a: {worst:E2}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void W5b_Y4_plain_flow_conserves_the_imbalance_on_0_12(bool sensingWithIdentity)
    {
        TwoFactorModel model = sensingWithIdentity
            ? new MatrixSensing(new IdentityMeasurements(M, N), MatrixSensing.DiagonalTarget(M, N, [2.0, 1.0]), H)
            : new AsymmetricFactorization(M, N, H, FlowSim.Randomness.RandomMatrices.Gaussian(new FlowSim.Randomness.Xoshiro256StarStar(5), M, N));
        var theta0 = FlowSim.Models.Initializations.Gaussian(model, 0.3, seed: 3);
        var problem = new OdeProblem((t, y, dy) =>
        {
            model.Gradient(y, dy);
            for (int i = 0; i < dy.Length; i++) dy[i] = -dy[i];
        }, 0, 12, theta0);
        var sol = OdeSolve.Solve(problem, Method, new OdeOptions { RelTol = 1e-12, AbsTol = 1e-14 }).EnsureSuccess();
        var i0 = new double[H * H];
        var it = new double[H * H];
        model.Imbalance(theta0, i0);
        double worst = 0;
        foreach (var y in sol.Values)
        {
            model.Imbalance(y, it);
            worst = Math.Max(worst, MaxAbsDifference(i0, it));
        }
        double lossDrop = model.Loss(theta0) / model.Loss(sol.FinalState);
        output.WriteLine($"imbalance drift on [0, 12]: {worst:E2} (loss reduced {lossDrop:E2}×, {sol.Times.Count} steps)");
        Assert.True(lossDrop > 10, "the flow must actually move");
        Assert.True(worst <= 1e-10, $"drift {worst:E2}");
    }
}

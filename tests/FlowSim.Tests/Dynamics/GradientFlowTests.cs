using FlowSim.Dynamics;
using FlowSim.Ode;
using Xunit;
using Xunit.Abstractions;

namespace FlowSim.Tests.Dynamics;

public class GradientFlowTests(ITestOutputHelper output)
{
    private static readonly double[] Theta0 = [1.0, -0.5, 0.25, 2.0];
    private static readonly double[] Times = [0, 0.5, 1, 2, 3.7, 5];

    [Theory]
    [InlineData("dp5")]
    [InlineData("auto")]
    public void GradientFlow_MatchesMatrixExponentialOnQuadratic(string method)
    {
        var q = QuadraticObjective.Standard();
        var sol = GradientFlow.Solve(q, Theta0, 5, method, new OdeOptions { RelTol = 1e-10, AbsTol = 1e-12, OutputTimes = Times });
        Assert.Equal(OdeStatus.Success, sol.Status);
        double maxErr = 0;
        for (int j = 0; j < Times.Length; j++)
        {
            double t = Times[j];
            var exact = q.Propagate(Theta0, lambda => Math.Exp(-t * lambda));
            for (int i = 0; i < 4; i++) maxErr = Math.Max(maxErr, Math.Abs(sol.Values[j][i] - exact[i]));
        }
        // Global error of a tolerance-controlled solve: a small multiple of rtol·‖θ‖ over this span.
        output.WriteLine($"{method}: max |θ(t) − exp(−tA) form| = {maxErr:E3}");
        Assert.True(maxErr < 1e-8, $"max |θ(t) − exp(−tA) form| = {maxErr:E3}");
    }

    /// <summary>Every adaptive method the engine registers (the list grows as methods land on main).</summary>
    public static TheoryData<string> AdaptiveMethods()
    {
        var data = new TheoryData<string>();
        foreach (var name in OdeMethods.Names)
            if (name != "auto" && OdeMethods.Create(name).IsAdaptive) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(AdaptiveMethods))]
    public void GradientFlow_RunsWithEveryAdaptiveEngineMethod(string method)
    {
        var q = QuadraticObjective.Standard();
        var sol = GradientFlow.Solve(q, Theta0, 5, method, new OdeOptions { RelTol = 1e-8, AbsTol = 1e-10, OutputTimes = Times });
        Assert.Equal(OdeStatus.Success, sol.Status);
        double maxErr = 0;
        for (int j = 0; j < Times.Length; j++)
        {
            var exact = q.Propagate(Theta0, lambda => Math.Exp(-Times[j] * lambda));
            for (int i = 0; i < 4; i++) maxErr = Math.Max(maxErr, Math.Abs(sol.Values[j][i] - exact[i]));
        }
        // Loose on purpose: low-order and stiff methods keep the global error within a few hundred rtol here.
        output.WriteLine($"{method}: max error {maxErr:E3}");
        Assert.True(maxErr < 1e-5, $"{method}: max error {maxErr:E3}");
    }

    [Fact]
    public void ModifiedFlow_MatchesExponentialOfModifiedMatrixOnQuadratic()
    {
        // For L = ½θᵀAθ − bᵀθ the modified flow is θ' = −(A + (η/2)A²)(θ − θ*): exp(−t(λ + ηλ²/2)) per eigenvalue.
        var q = QuadraticObjective.Standard();
        const double eta = 0.2;
        var sol = ModifiedGradientFlow.Solve(q, eta, Theta0, 5, "dp5", new OdeOptions { RelTol = 1e-10, AbsTol = 1e-12, OutputTimes = Times });
        Assert.Equal(OdeStatus.Success, sol.Status);
        double maxErr = 0;
        for (int j = 0; j < Times.Length; j++)
        {
            double t = Times[j];
            var exact = q.Propagate(Theta0, lambda => Math.Exp(-t * (lambda + 0.5 * eta * lambda * lambda)));
            for (int i = 0; i < 4; i++) maxErr = Math.Max(maxErr, Math.Abs(sol.Values[j][i] - exact[i]));
        }
        output.WriteLine($"modified flow: max error {maxErr:E3}");
        Assert.True(maxErr < 1e-8, $"max error {maxErr:E3}");
    }

    [Fact]
    public void GradientFlow_RhsIsMinusGradient()
    {
        var m = new ScalarProductObjective([2.0, -1.0]);
        double[] theta = [0.3, 0.7, 1.1, -0.4];
        var dydt = new double[4];
        new GradientFlow(m).Evaluate(0, theta, dydt);
        // ∂L/∂u_i = r_i v_i, ∂L/∂v_i = r_i u_i with r = uv − a: r_0 = 0.33 − 2 = −1.67, r_1 = −0.28 + 1 = 0.72.
        Assert.Equal(1.67 * 1.1, dydt[0], 1e-15);
        Assert.Equal(-0.72 * -0.4, dydt[1], 1e-15);
        Assert.Equal(1.67 * 0.3, dydt[2], 1e-15);
        Assert.Equal(-0.72 * 0.7, dydt[3], 1e-15);
    }

    [Fact]
    public void RhsEvaluations_AllocateNothing()
    {
        var q = QuadraticObjective.Standard();
        var flow = new GradientFlow(q);
        var modified = new ModifiedGradientFlow(q, 0.1);
        var y = (double[])Theta0.Clone();
        var dy = new double[4];
        flow.Evaluate(0, y, dy);
        modified.Evaluate(0, y, dy);
        // The shared meter: 50 warm-up calls, then the smaller of two windows of 1,000.
        Assert.Equal(0, AllocationMeter.Bytes(() =>
        {
            flow.Evaluate(0, y, dy);
            modified.Evaluate(0, y, dy);
        }, 1000));
        Assert.Equal(1 + 50 + 2000, flow.Evaluations);
    }

    [Fact]
    public void BadInput_ThrowsNamingTheParameter()
    {
        var q = QuadraticObjective.Standard();
        Assert.Equal("theta0", Assert.Throws<ArgumentException>(() => GradientFlow.CreateProblem(q, [1.0, double.NaN, 0, 0], 1)).ParamName);
        Assert.Equal("theta0", Assert.Throws<ArgumentException>(() => GradientFlow.CreateProblem(q, [1.0], 1)).ParamName);
        Assert.Equal("t1", Assert.Throws<ArgumentException>(() => GradientFlow.CreateProblem(q, Theta0, 0)).ParamName);
        Assert.Equal("stepSize", Assert.Throws<ArgumentException>(() => new ModifiedGradientFlow(q, 0)).ParamName);
        Assert.Equal("stepSize", Assert.Throws<ArgumentException>(() => ModifiedGradientFlow.CreateProblem(q, -1, Theta0, 1)).ParamName);
        Assert.Equal("theta0", Assert.Throws<ArgumentException>(() => ModifiedGradientFlow.CreateProblem(q, 0.1, [double.PositiveInfinity, 0, 0, 0], 1)).ParamName);
    }
}

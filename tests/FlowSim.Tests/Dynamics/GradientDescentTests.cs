using FlowSim.Dynamics;
using FlowSim.Ode;
using Xunit;
using Xunit.Abstractions;

namespace FlowSim.Tests.Dynamics;

public class GradientDescentTests(ITestOutputHelper output)
{
    private static readonly double[] Theta0 = [1.0, -0.5, 0.25, 2.0];

    [Fact]
    public void Descent_EqualsClosedFormOnQuadratic()
    {
        var q = QuadraticObjective.Standard();
        const double eta = 0.1;
        var result = GradientDescent.Run(q, Theta0, new GradientDescentOptions { StepSize = eta, Steps = 60 });
        Assert.Equal(GradientDescentStatus.Completed, result.Status);
        Assert.Equal(61, result.Values.Count);
        double maxErr = 0;
        for (int k = 0; k <= 60; k++)
        {
            var exact = q.Propagate(Theta0, lambda => Math.Pow(1 - eta * lambda, k));
            Assert.Equal(k, result.Iterations[k]);
            Assert.Equal(k * eta, result.Times[k]);
            for (int i = 0; i < 4; i++) maxErr = Math.Max(maxErr, Math.Abs(result.Values[k][i] - exact[i]));
            Assert.Equal(q.Loss(exact), result.Losses[k], 1e-13);
        }
        output.WriteLine($"max |θ_k − closed form| over k ≤ 60 = {maxErr:E3}");
        Assert.True(maxErr <= 1e-13, $"max |θ_k − closed form| = {maxErr:E3}");
    }

    [Fact]
    public void Descent_RecordsEveryMthIterateAndTheLast()
    {
        var q = QuadraticObjective.Standard();
        var result = GradientDescent.Run(q, Theta0, new GradientDescentOptions { StepSize = 0.05, Steps = 23, RecordEvery = 5 });
        Assert.Equal([0, 5, 10, 15, 20, 23], result.Iterations);
        Assert.Equal(24, result.Losses.Count);
        var exact = q.Propagate(Theta0, lambda => Math.Pow(1 - 0.05 * lambda, 23));
        for (int i = 0; i < 4; i++) Assert.Equal(exact[i], result.Values[^1][i], 1e-13);
        Assert.Equal(result.Values[^1], result.FinalState);
        Assert.Equal(3, result.IndexOfIteration(15));
        Assert.Equal(-1, result.IndexOfIteration(16));
    }

    [Fact]
    public void Descent_WithZeroStepsRecordsOnlyTheInitialPoint()
    {
        var q = QuadraticObjective.Standard();
        var result = GradientDescent.Run(q, Theta0, 0.1, 0);
        Assert.Equal(GradientDescentStatus.Completed, result.Status);
        Assert.Equal([0], result.Iterations);
        Assert.Equal(Theta0, result.Values[0]);
        Assert.Equal(q.Loss(Theta0), Assert.Single(result.Losses));
    }

    [Fact]
    public void Descent_RecordsAProjectionInsteadOfTheIterate()
    {
        var q = QuadraticObjective.Standard();
        var projection = new OdeProjection(2, (t, y, dst) => { dst[0] = t; dst[1] = q.Loss(y); });
        var result = GradientDescent.Run(q, Theta0, new GradientDescentOptions { StepSize = 0.1, Steps = 10, RecordEvery = 2, Projection = projection });
        Assert.False(result.ValuesAreStates);
        for (int i = 0; i < result.Iterations.Count; i++)
        {
            int k = result.Iterations[i];
            Assert.Equal(k * 0.1, result.Values[i][0]);
            Assert.Equal(q.Loss(q.Propagate(Theta0, l => Math.Pow(1 - 0.1 * l, k))), result.Values[i][1], 1e-13);
        }
    }

    /// <summary>
    /// A = Q diag(4, 0.5) Qᵀ, θ* = 0, θ0 = Q(1, 1), η = 1: in the eigenbasis the components are 3^k·(−1)^k and 0.5^k, so
    /// L_k = ½(4·9^k + 0.5·0.25^k), L_0 = 2.25. With the default factor 10⁶ the threshold is 2.25·10⁶:
    /// L_6 = 2·531441 + … ≈ 1.06·10⁶ stays below, L_7 = 2·4782969 + … ≈ 9.57·10⁶ passes it. Divergence at k = 7.
    /// </summary>
    [Fact]
    public void Descent_ReportsDivergenceAtHandComputedIterate()
    {
        var q = new QuadraticObjective([4.0, 0.5], [1.0, 2.0], [0.0, 0.0]);
        var theta0 = q.FromEigen([1.0, 1.0]);
        var result = GradientDescent.Run(q, theta0, new GradientDescentOptions { StepSize = 1.0, Steps = 100 });

        static double LossAt(int k) => 0.5 * (4 * Math.Pow(9, k) + 0.5 * Math.Pow(0.25, k));
        int expected = Enumerable.Range(0, 100).First(k => LossAt(k) > 1e6 * LossAt(0));
        Assert.Equal(7, expected);
        Assert.Equal(GradientDescentStatus.Diverged, result.Status);
        Assert.Equal(7, result.DivergedAt);
        Assert.Equal(7, result.LastIteration);
        Assert.Equal(LossAt(7), result.DivergenceLoss!.Value, LossAt(7) * 1e-12);
        Assert.Equal(8, result.Losses.Count);
        Assert.Equal(7, result.Iterations[^1]);
        Assert.Contains("k = 7", result.Message);
    }

    /// <summary>η = 10¹⁰⁰ on the same problem: |1 − 4η|^k ≈ 4^k·10^(100k), so θ_2 ≈ 1.6·10²⁰¹ is finite but its loss
    /// ≈ ½·4·(1.6·10²⁰¹)² overflows: with the growth test disabled the non-finite check fires at k = 2.</summary>
    [Fact]
    public void Descent_ReportsNonFiniteLossAsDivergence()
    {
        var q = new QuadraticObjective([4.0, 0.5], [1.0, 2.0], [0.0, 0.0]);
        var theta0 = q.FromEigen([1.0, 1.0]);
        var result = GradientDescent.Run(q, theta0, new GradientDescentOptions { StepSize = 1e100, Steps = 10, DivergenceFactor = double.PositiveInfinity });
        Assert.Equal(GradientDescentStatus.Diverged, result.Status);
        Assert.Equal(2, result.DivergedAt);
        Assert.True(double.IsFinite(result.Losses[1]));
        Assert.Equal(double.PositiveInfinity, result.DivergenceLoss);
        Assert.Contains("non-finite", result.Message);
    }

    /// <summary>THEORY Lemma B.1.1 on the library model: depth N = 1 makes L = ½‖W − Â‖² and W_k − Â = (1 − η)^k(W_0 − Â),
    /// so L_k = (1 − η)^{2k}L_0. With η = 3, L_k/L_0 = 4^k: 4^9 = 262144 ≤ 10⁶ &lt; 4^10 = 1048576, divergence at k = 10.</summary>
    [Fact]
    public void Descent_OnDepthOneFactorization_DivergesAtLemmaB1Iterate()
    {
        double[] target = [2.0, 0.5, 0.5, 1.0];
        var model = new FlowSim.Models.DeepFactorization(1, 2, target);
        var theta0 = FlowSim.Models.Initializations.Identical(model, 0.1);
        var result = GradientDescent.Run(model, theta0, 3.0, 50);
        Assert.Equal(GradientDescentStatus.Diverged, result.Status);
        Assert.Equal(10, result.DivergedAt);
        Assert.Equal(Math.Pow(4, 10) * result.Losses[0], result.DivergenceLoss!.Value, 1e-9 * Math.Pow(4, 10) * result.Losses[0]);
    }

    [Fact]
    public void Descent_AbsoluteThresholdOverridesTheFactor()
    {
        var q = new QuadraticObjective([4.0, 0.5], [1.0, 2.0], [0.0, 0.0]);
        var theta0 = q.FromEigen([1.0, 1.0]);
        // L_2 = 2·81 + 0.25·0.0625 = 162.015625 > 100 ≥ L_1 = 18.0625.
        var result = GradientDescent.Run(q, theta0, new GradientDescentOptions { StepSize = 1.0, Steps = 100, DivergenceLossThreshold = 100 });
        Assert.Equal(2, result.DivergedAt);
    }

    [Fact]
    public void Descent_ProgressAndCancellation()
    {
        var q = QuadraticObjective.Standard();
        using var cts = new CancellationTokenSource();
        var seen = new List<int>();
        var result = GradientDescent.Run(q, Theta0, new GradientDescentOptions
        {
            StepSize = 0.01, Steps = 1000, ProgressInterval = 10,
            Progress = p => { seen.Add(p.Iteration); if (p.Iteration == 30) cts.Cancel(); },
        }, cts.Token);
        Assert.Equal(GradientDescentStatus.Cancelled, result.Status);
        Assert.Equal(30, result.LastIteration);
        Assert.Equal([0, 10, 20, 30, 30], seen);
        var exact = q.Propagate(Theta0, l => Math.Pow(1 - 0.01 * l, 30));
        for (int i = 0; i < 4; i++) Assert.Equal(exact[i], result.FinalState[i], 1e-13);
    }

    [Fact]
    public void Step_AllocatesNothing()
    {
        var q = QuadraticObjective.Standard();
        var gd = new GradientDescent(q, Theta0, 0.01);
        for (int k = 0; k < 10; k++) gd.Step();
        Assert.Equal(0, AllocationMeter.Bytes(() => gd.Step(), 1000)); // 50 warm-up steps, two windows of 1,000
        Assert.Equal(2060, gd.Iteration);
        var exact = q.Propagate(Theta0, l => Math.Pow(1 - 0.01 * l, 2060));
        for (int i = 0; i < 4; i++) Assert.Equal(exact[i], gd.Theta[i], 1e-12);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Run_ThrowsForNonPositiveStepSize(double eta)
    {
        var ex = Assert.Throws<ArgumentException>(() => GradientDescent.Run(QuadraticObjective.Standard(), Theta0, new GradientDescentOptions { StepSize = eta, Steps = 5 }));
        Assert.Equal("StepSize", ex.ParamName);
        var ex2 = Assert.Throws<ArgumentException>(() => new GradientDescent(QuadraticObjective.Standard(), Theta0, eta));
        Assert.Equal("stepSize", ex2.ParamName);
        Assert.Equal("stepSize", Assert.Throws<ArgumentException>(() => GradientDescent.Run(QuadraticObjective.Standard(), Theta0, eta, 5)).ParamName);
    }

    [Fact]
    public void Run_ThrowsForNegativeStepCount()
    {
        var ex = Assert.Throws<ArgumentException>(() => GradientDescent.Run(QuadraticObjective.Standard(), Theta0, new GradientDescentOptions { StepSize = 0.1, Steps = -1 }));
        Assert.Equal("Steps", ex.ParamName);
        Assert.Equal("steps", Assert.Throws<ArgumentException>(() => GradientDescent.Run(QuadraticObjective.Standard(), Theta0, 0.1, -3)).ParamName);
    }

    [Fact]
    public void Run_ThrowsForNaNInInitialPoint()
    {
        double[] bad = [1.0, double.NaN, 0.0, 0.0];
        var ex = Assert.Throws<ArgumentException>(() => GradientDescent.Run(QuadraticObjective.Standard(), bad, new GradientDescentOptions { StepSize = 0.1, Steps = 5 }));
        Assert.Equal("theta0", ex.ParamName);
        Assert.Contains("theta0[1]", ex.Message);
        var ex2 = Assert.Throws<ArgumentException>(() => GradientDescent.Run(QuadraticObjective.Standard(), [1.0, 2.0], new GradientDescentOptions { StepSize = 0.1, Steps = 5 }));
        Assert.Equal("theta0", ex2.ParamName);
    }

    [Fact]
    public void Run_ThrowsForInvalidRecordingOptions()
    {
        var q = QuadraticObjective.Standard();
        Assert.Equal("RecordEvery", Assert.Throws<ArgumentException>(() => GradientDescent.Run(q, Theta0, new GradientDescentOptions { StepSize = 0.1, Steps = 5, RecordEvery = 0 })).ParamName);
        Assert.Equal("DivergenceFactor", Assert.Throws<ArgumentException>(() => GradientDescent.Run(q, Theta0, new GradientDescentOptions { StepSize = 0.1, Steps = 5, DivergenceFactor = 0 })).ParamName);
        Assert.Equal("ProgressInterval", Assert.Throws<ArgumentException>(() => GradientDescent.Run(q, Theta0, new GradientDescentOptions { StepSize = 0.1, Steps = 5, ProgressInterval = 0 })).ParamName);
    }
}

using FlowSim.Dynamics.LargeSteps;
using FlowSim.Models;
using Xunit;

namespace FlowSim.Tests.Dynamics.LargeSteps;

/// <summary>
/// Descent's long-run orbit on Scalar-2 (½(xy − 1)², from (1.3, 0.7)): the regimes along η, the 2-cycle against its
/// closed form and against Newton's method on GD∘GD (claim E8), and the period doubling at η = √5 − 1.
/// </summary>
public class DescentOrbitTests
{
    private static readonly double[] Start = [1.3, 0.7];

    [Theory]
    [InlineData(0.9, LargeStepRegime.Converged, 1)]
    [InlineData(1.1, LargeStepRegime.Period2, 2)]
    [InlineData(1.23, LargeStepRegime.Period2, 2)]
    [InlineData(1.24, LargeStepRegime.Period4, 4)]
    [InlineData(1.29, LargeStepRegime.Periodic, 8)]
    [InlineData(1.4, LargeStepRegime.Chaotic, null)]
    [InlineData(2.5, LargeStepRegime.Divergent, null)]
    public void Regimes_along_the_step_size(double eta, LargeStepRegime regime, int? period)
    {
        var orbit = DescentOrbits.Classify(new ScalarNetwork(2, 1.0), Start, eta, 20_000);
        Assert.Equal(regime, orbit.Regime);
        Assert.Equal(period, orbit.Period);
        Assert.False(orbit.StillConverging);
        if (period is int p) Assert.Equal(p, orbit.Cycle.Length);
        if (regime == LargeStepRegime.Chaotic) Assert.Equal(new DescentOrbitOptions().MaxPeriod, orbit.Cycle.Length);
        if (regime == LargeStepRegime.Divergent) Assert.True(orbit.DivergedAt is not null && orbit.Cycle.Length == 0 && double.IsNaN(orbit.MeanLoss));
    }

    [Theory]
    [InlineData(1.02)]
    [InlineData(1.1)]
    [InlineData(1.2)]
    public void The_two_cycle_is_the_closed_form_and_the_fixed_point_of_two_steps(double eta)
    {
        // [derived] On x = y = s descent is s ↦ s − ηs(s² − 1); its 2-cycle {a, b} has a + b = √(1 + 3/η), ab = 1/η, so
        // a, b = (√(1 + 3/η) ± √(1 − 1/η))/2, and it is stable for 1 < η < √5 − 1.
        var net = new ScalarNetwork(2, 1.0);
        var orbit = DescentOrbits.Classify(net, Start, eta, 20_000);
        Assert.Equal(LargeStepRegime.Period2, orbit.Regime);
        double a = (Math.Sqrt(1 + 3 / eta) + Math.Sqrt(1 - 1 / eta)) / 2, b = (Math.Sqrt(1 + 3 / eta) - Math.Sqrt(1 - 1 / eta)) / 2;
        var values = orbit.Cycle.Select(x => x[0]).OrderDescending().ToArray();
        Assert.Equal(a, values[0], 12);
        Assert.Equal(b, values[1], 12);
        foreach (var x in orbit.Cycle) Assert.Equal(x[0], x[1], 12);
        // Newton on F(x) = GD(GD(x)) − x from a point off the cycle, with a finite-difference Jacobian.
        var fixedPoint = NewtonTwoStep(eta, [a + 0.01, a - 0.02]);
        var nearest = orbit.Cycle.MinBy(x => Math.Abs(x[0] - fixedPoint[0]))!;
        Assert.True(Math.Abs(nearest[0] - fixedPoint[0]) <= 1e-9 && Math.Abs(nearest[1] - fixedPoint[1]) <= 1e-9,
            $"cycle point ({nearest[0]:R}, {nearest[1]:R}), Newton ({fixedPoint[0]:R}, {fixedPoint[1]:R})");
        Assert.Equal(0.25 * (Math.Pow(a * a - 1, 2) + Math.Pow(b * b - 1, 2)), orbit.MeanLoss, 12);
    }

    [Fact]
    public void Period_doubles_at_sqrt5_minus_1()
    {
        var net = new ScalarNetwork(2, 1.0);
        double threshold = Math.Sqrt(5) - 1;
        Assert.Equal(LargeStepRegime.Period2, DescentOrbits.Classify(net, Start, threshold - 0.005, 40_000).Regime);
        Assert.Equal(LargeStepRegime.Period4, DescentOrbits.Classify(net, Start, threshold + 0.005, 40_000).Regime);
    }

    [Fact]
    public void A_short_run_reports_an_orbit_still_converging_to_its_period()
    {
        // η = 0.99: the fixed point is reached with overshoot (factor 1 − 2η ≈ −0.98), slower than 300 steps allow.
        var orbit = DescentOrbits.Classify(new ScalarNetwork(2, 1.0), Start, 0.99, 300);
        Assert.Equal(LargeStepRegime.Converged, orbit.Regime);
        Assert.True(orbit.StillConverging);
        var orbit2 = DescentOrbits.Classify(new ScalarNetwork(2, 1.0), Start, 1.23, 300);
        Assert.Equal(LargeStepRegime.Period2, orbit2.Regime);
        Assert.True(orbit2.StillConverging);
    }

    [Fact]
    public void Every_iterate_is_shown_to_the_callback()
    {
        int seen = -1;
        DescentOrbits.Classify(new ScalarNetwork(2, 1.0), Start, 0.5, 50, onIterate: (k, x) => { Assert.Equal(seen + 1, k); seen = k; });
        Assert.Equal(50, seen);
        Assert.Contains("steps", Assert.Throws<ArgumentException>(() => DescentOrbits.Classify(new ScalarNetwork(2, 1.0), Start, 0.5, 0)).Message);
        Assert.Contains("MaxPeriod", Assert.Throws<ArgumentException>(() =>
            DescentOrbits.Classify(new ScalarNetwork(2, 1.0), Start, 0.5, 5, new DescentOrbitOptions { MaxPeriod = 0 })).Message);
    }

    private static double[] Step(double eta, double[] x)
    {
        double r = x[0] * x[1] - 1;
        return [x[0] - eta * r * x[1], x[1] - eta * r * x[0]];
    }

    private static double[] NewtonTwoStep(double eta, double[] x)
    {
        double[] F(double[] y) { var z = Step(eta, Step(eta, y)); return [z[0] - y[0], z[1] - y[1]]; }
        for (int it = 0; it < 50; it++)
        {
            var f = F(x);
            var j = new double[2, 2];
            for (int c = 0; c < 2; c++)
            {
                var p = (double[])x.Clone(); p[c] += 1e-7;
                var m = (double[])x.Clone(); m[c] -= 1e-7;
                var fp = F(p); var fm = F(m);
                for (int r = 0; r < 2; r++) j[r, c] = (fp[r] - fm[r]) / 2e-7;
            }
            double det = j[0, 0] * j[1, 1] - j[0, 1] * j[1, 0];
            double dx0 = (j[1, 1] * f[0] - j[0, 1] * f[1]) / det, dx1 = (-j[1, 0] * f[0] + j[0, 0] * f[1]) / det;
            x = [x[0] - dx0, x[1] - dx1];
            if (Math.Abs(dx0) + Math.Abs(dx1) < 1e-15) break;
        }
        return x;
    }
}

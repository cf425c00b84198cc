using FlowSim.Ode;
using Xunit;
using Xunit.Abstractions;

namespace FlowSim.Tests.Ode.Implicit;

/// <summary>
/// radau9 on stiff problems outside the ODE suite: Kaps's problem (a closed form), the 1-D Brusselator of
/// Hairer–Wanner II §IV.10 and Van der Pol with μ = 1000 over two relaxation periods (references: radau5, a different
/// method, at rtol 1e-12), within tolerance at rtol 1e-6 and 1e-10 and cheaper than radau5 there.
/// </summary>
public class Radau9BeyondTheSuiteTests(ITestOutputHelper output)
{
    /// <summary>Kaps: y₁' = −(1/ε + 2)y₁ + y₂²/ε, y₂' = y₁ − y₂ − y₂², y(0) = (1, 1); exact y = (e^(−2t), e^(−t)).</summary>
    private static OdeProblem Kaps(double eps) => new((t, y, dy) =>
    {
        dy[0] = -(1 / eps + 2) * y[0] + y[1] * y[1] / eps;
        dy[1] = y[0] - y[1] - y[1] * y[1];
    }, 0, 1, [1.0, 1.0]);

    /// <summary>The Brusselator on n points of (0, 1), α = 1/50, u = 1 + sin 2πx, v = 3 at t = 0, t1 = 10; (u, v)
    /// interleaved, so the Jacobian is banded (2, 2).</summary>
    private static OdeProblem Brusselator(int n)
    {
        double a = (n + 1.0) * (n + 1.0) / 50;
        var y0 = new double[2 * n];
        for (int i = 0; i < n; i++)
        {
            y0[2 * i] = 1 + Math.Sin(2 * Math.PI * (i + 1.0) / (n + 1));
            y0[2 * i + 1] = 3;
        }
        return new OdeProblem((t, y, dy) =>
        {
            for (int i = 0; i < n; i++)
            {
                double u = y[2 * i], v = y[2 * i + 1];
                double ul = i == 0 ? 1 : y[2 * i - 2], ur = i == n - 1 ? 1 : y[2 * i + 2];
                double vl = i == 0 ? 3 : y[2 * i - 1], vr = i == n - 1 ? 3 : y[2 * i + 3];
                dy[2 * i] = 1 + u * u * v - 4 * u + a * (ul - 2 * u + ur);
                dy[2 * i + 1] = 3 * u - u * u * v + a * (vl - 2 * v + vr);
            }
        }, 0, 10, y0) { LowerBandwidth = 2, UpperBandwidth = 2 };
    }

    /// <summary>Van der Pol, y₁' = y₂, y₂' = μ(1 − y₁²)y₂ − y₁, y(0) = (2, 0), on [0, 3000] (period ≈ 1614 at μ = 1000).</summary>
    private static OdeProblem VanDerPol(double mu) => new((t, y, dy) =>
    {
        dy[0] = y[1];
        dy[1] = mu * (1 - y[0] * y[0]) * y[1] - y[0];
    }, 0, 3000, [2.0, 0.0]);

    private static double Units(double[] y, double[] reference, double rtol) =>
        y.Zip(reference).Max(z => Math.Abs(z.First - z.Second) / (rtol * 1e-3 + rtol * Math.Abs(z.Second)));

    [Theory]
    [InlineData("kaps", 1e-6)]
    [InlineData("kaps", 1e-10)]
    [InlineData("brusselator", 1e-6)]
    [InlineData("brusselator", 1e-10)]
    [InlineData("vanderpol", 1e-6)]
    [InlineData("vanderpol", 1e-10)]
    public void WithinTolerance_AndCheaperThanRadau5(string name, double rtol)
    {
        Func<OdeProblem> make = name switch
        {
            "kaps" => () => Kaps(1e-8),
            "brusselator" => () => Brusselator(40),
            _ => () => VanDerPol(1000),
        };
        double[] reference = name == "kaps"
            ? [Math.Exp(-2.0), Math.Exp(-1.0)]
            : OdeSolve.Solve(make(), new RadauIIA5(), new OdeOptions { RelTol = 1e-12, AbsTol = 1e-15 }).FinalState;
        var options = new OdeOptions { RelTol = rtol, AbsTol = rtol * 1e-3 };
        var nine = OdeSolve.Solve(make(), new RadauIIA9(), options);
        var five = OdeSolve.Solve(make(), new RadauIIA5(), options);
        double units = Units(nine.FinalState, reference, rtol);
        output.WriteLine($"{name} rtol {rtol:G}: radau9 {nine.Statistics.RhsEvaluations} evaluations, {units:G3} units; radau5 {five.Statistics.RhsEvaluations}, {Units(five.FinalState, reference, rtol):G3}");
        Assert.Equal(OdeStatus.Success, nine.Status);
        Assert.True(units <= 1, $"{units} tolerance units");
        Assert.True(nine.Statistics.RhsEvaluations < five.Statistics.RhsEvaluations);
    }
}

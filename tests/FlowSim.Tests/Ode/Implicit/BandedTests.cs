using System.Numerics;
using FlowSim.Ode;
using FlowSim.OdeSuite;
using FlowSim.Randomness;
using Xunit;
using Xunit.Abstractions;

namespace FlowSim.Tests.Ode.Implicit;

/// <summary>
/// Banded Jacobians: the band LU (real and complex) against the dense LU on the same matrices, the finite-difference
/// band from bandwidth + 1 evaluations against the dense one, and the stiff methods on a banded problem against the
/// same problem run dense and against its closed form.
/// </summary>
public class BandedTests(ITestOutputHelper output)
{
    /// <summary>A random band matrix J (lower kl, upper ku) in the compact band storage and as a dense matrix.</summary>
    private static (double[] Band, double[] Dense, JacobianLayout Layout) RandomBand(int n, int kl, int ku, ulong seed)
    {
        var p = new OdeProblem((t, y, f) => y.CopyTo(f), 0, 1, new double[n]) { LowerBandwidth = kl, UpperBandwidth = ku };
        var layout = JacobianLayout.For(p);
        Assert.True(layout.IsBanded);
        var rng = new Xoshiro256StarStar(seed);
        var band = new double[layout.Length];
        var dense = new double[n * n];
        for (int j = 0; j < n; j++)
            for (int i = Math.Max(0, j - ku); i <= Math.Min(n - 1, j + kl); i++)
            {
                double v = rng.NextDouble() - 0.5;
                band[layout.Index(i, j)] = v;
                dense[j * n + i] = v;
            }
        return (band, dense, layout);
    }

    [Theory]
    [InlineData(50, 1, 1)]
    [InlineData(61, 3, 2)]
    [InlineData(40, 0, 4)]
    [InlineData(45, 5, 0)]
    public void BandLu_SolvesLikeDenseLu(int n, int kl, int ku)
    {
        var (band, dense, layout) = RandomBand(n, kl, ku, (ulong)(n + 100 * kl + 1000 * ku));
        var stats = new SolverStatistics();
        // a·I + b·J with a small shift so that pivoting is exercised (the diagonal does not dominate).
        double a = 0.05, b = -1.0;
        var banded = layout.CreateRealSystem(stats);
        var reference = new DenseLu(n, stats);
        Assert.True(banded.FactorShifted(a, b, band));
        Assert.True(reference.FactorShifted(a, b, dense));
        var rng = new Xoshiro256StarStar(7);
        var rhs = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
        var x = (double[])rhs.Clone();
        var xRef = (double[])rhs.Clone();
        banded.Solve(x);
        reference.Solve(xRef);
        double scale = xRef.Max(Math.Abs);
        for (int i = 0; i < n; i++) Assert.Equal(xRef[i], x[i], 1e-11 * (1 + scale));
        // And the residual of the banded solution against the matrix itself.
        for (int i = 0; i < n; i++)
        {
            double r = a * x[i] - rhs[i];
            for (int j = 0; j < n; j++) r += b * dense[j * n + i] * x[j];
            Assert.True(Math.Abs(r) < 1e-11 * (1 + scale), $"residual {r} in row {i}");
        }
    }

    [Theory]
    [InlineData(50, 1, 1)]
    [InlineData(37, 2, 3)]
    public void ComplexBandLu_SolvesLikeComplexDenseLu(int n, int kl, int ku)
    {
        var (band, dense, layout) = RandomBand(n, kl, ku, (ulong)(7 * n + kl));
        var stats = new SolverStatistics();
        var banded = layout.CreateComplexSystem(stats);
        var reference = new ComplexDenseLu(n, stats);
        Assert.True(banded.FactorShifted(0.3, 0.7, -1.0, band));
        Assert.True(reference.FactorShifted(0.3, 0.7, -1.0, dense));
        var re = Enumerable.Range(0, n).Select(i => Math.Sin(i)).ToArray();
        var im = Enumerable.Range(0, n).Select(i => Math.Cos(3 * i)).ToArray();
        double[] re1 = (double[])re.Clone(), im1 = (double[])im.Clone(), re2 = (double[])re.Clone(), im2 = (double[])im.Clone();
        banded.Solve(re1, im1);
        reference.Solve(re2, im2);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(re2[i], re1[i], 1e-11);
            Assert.Equal(im2[i], im1[i], 1e-11);
        }
        // Residual: ((0.3 + 0.7i)·I − J)x = b.
        for (int i = 0; i < n; i++)
        {
            var r = new Complex(0.3, 0.7) * new Complex(re1[i], im1[i]) - new Complex(re[i], im[i]);
            for (int j = 0; j < n; j++) r -= dense[j * n + i] * new Complex(re1[j], im1[j]);
            Assert.True(r.Magnitude < 1e-11, $"residual {r.Magnitude} in row {i}");
        }
    }

    [Fact]
    public void FiniteDifferenceBand_TakesBandwidthPlusOneEvaluations_AndMatchesTheDenseDifferences()
    {
        // A nonlinear pentadiagonal right-hand side (kl = ku = 2).
        const int n = 200;
        OdeRhsFunction f = (t, y, dy) =>
        {
            for (int i = 0; i < n; i++)
            {
                double s = -3 * y[i] + Math.Sin(y[i]);
                if (i > 0) s += y[i - 1] * y[i - 1];
                if (i > 1) s += 0.5 * y[i - 2];
                if (i < n - 1) s += 2 * y[i + 1];
                if (i < n - 2) s -= Math.Cos(y[i + 2]);
                dy[i] = s;
            }
        };
        var y0 = Enumerable.Range(0, n).Select(i => Math.Sin(0.1 * i)).ToArray();
        var bandedProblem = new OdeProblem(f, 0, 1, y0) { LowerBandwidth = 2, UpperBandwidth = 2 };
        var denseProblem = new OdeProblem(f, 0, 1, y0);
        var fy = new double[n];
        f(0, y0, fy);
        var bandStats = new SolverStatistics();
        var bandLayout = JacobianLayout.For(bandedProblem);
        var band = new double[bandLayout.Length];
        new JacobianEvaluator(bandedProblem, bandStats, bandLayout).Evaluate(0, y0, fy, band);
        var denseStats = new SolverStatistics();
        var denseLayout = JacobianLayout.For(denseProblem);
        var dense = new double[denseLayout.Length];
        new JacobianEvaluator(denseProblem, denseStats, denseLayout).Evaluate(0, y0, fy, dense);
        output.WriteLine($"banded: {bandStats.RhsEvaluations} evaluations, dense: {denseStats.RhsEvaluations}");
        Assert.Equal(5, bandStats.RhsEvaluations);
        Assert.Equal(n, denseStats.RhsEvaluations);
        for (int j = 0; j < n; j++)
            for (int i = Math.Max(0, j - 2); i <= Math.Min(n - 1, j + 2); i++)
                Assert.Equal(dense[j * n + i], band[bandLayout.Index(i, j)], 1e-6);
    }

    [Theory]
    [InlineData("radau5")]
    [InlineData("rodas5p")]
    [InlineData("bdf")]
    public void BandedDiffusion_MatchesTheDenseRunAndTheClosedForm(string method)
    {
        // 150 points: small enough to run dense too. The same heat equation with and without declared bandwidths.
        var banded = LinearProblems.HeatEquation("heat", 150, 1, 0.1, stiff: true);
        var bandedNoJacobian = new OdeProblem(banded.Rhs, banded.T0, banded.T1, banded.Y0, name: "heat-banded")
        {
            LowerBandwidth = 1, UpperBandwidth = 1, IsStiff = true, ExactSolution = banded.ExactSolution,
        };
        var denseNoJacobian = new OdeProblem(banded.Rhs, banded.T0, banded.T1, banded.Y0, name: "heat-dense") { IsStiff = true };
        var options = new OdeOptions { RelTol = 1e-8, AbsTol = 1e-11, SaveEveryStep = false };
        var b = OdeSolve.Solve(bandedNoJacobian, method, options);
        var d = OdeSolve.Solve(denseNoJacobian, method, options);
        var exact = new double[150];
        banded.ExactSolution!(0.1, exact);
        double vsDense = StiffProblems.MaxAbsDiff(b.FinalState, d.FinalState);
        double vsExact = StiffProblems.ErrorInToleranceUnits(b.FinalState, exact, 1e-8, 1e-11);
        output.WriteLine($"{method}: banded {b.Statistics}; dense {d.Statistics}; |banded − dense| = {vsDense:G3}, {vsExact:G3} tolerance units");
        Assert.Equal(OdeStatus.Success, b.Status);
        Assert.Equal(OdeStatus.Success, d.Status);
        // Same steps up to the rounding of two factorisations and two difference quotients.
        Assert.True(vsDense < 1e-10, $"{vsDense}");
        // BDF's global error is not held to the tolerance as the one-step methods' is (measured: 1.3 units here).
        Assert.True(vsExact < (method == "bdf" ? 5 : 1), $"{vsExact} tolerance units");
        // Each banded finite-difference Jacobian costs 3 evaluations, each dense one 150.
        Assert.True(b.Statistics.RhsEvaluations < d.Statistics.RhsEvaluations);
    }

    [Fact]
    public void OneBandwidthWithoutTheOther_IsRefusedByName()
    {
        var p = new OdeProblem((t, y, f) => y.CopyTo(f), 0, 1, new double[10]) { LowerBandwidth = 1 };
        var ex = Assert.Throws<ArgumentException>(() => OdeSolve.Solve(p, "radau5"));
        Assert.Contains("UpperBandwidth", ex.Message);
        var ex2 = Assert.Throws<ArgumentOutOfRangeException>(() => new OdeProblem((t, y, f) => y.CopyTo(f), 0, 1, new double[10]) { UpperBandwidth = 10 });
        Assert.Contains("UpperBandwidth", ex2.Message);
    }
}

using FlowSim.Ode;
using FlowSim.Randomness;
using Xunit;

namespace FlowSim.Tests.Ode.Implicit;

/// <summary>
/// The stiff solvers' own LU: solutions of random and badly scaled systems against the residual and against MathNet's
/// LU on the same matrix, zero pivots refused, and no allocation per factorisation and solve.
/// </summary>
public class DenseLuTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(37)]
    [InlineData(120)]
    public void Solve_MatchesMathNet_AndLeavesASmallResidual(int n)
    {
        var rng = new Xoshiro256StarStar((ulong)n);
        var a = RandomMatrices.Gaussian(rng, n, n);
        for (int i = 0; i < n; i++) a[i * n + (n - 1 - i)] *= 1e3; // rows that need pivoting
        var b = RandomMatrices.Gaussian(rng, n, 1);
        var lu = new DenseLu(n, new SolverStatistics());
        a.CopyTo(lu.Matrix, 0);
        Assert.True(lu.Factor());
        var x = (double[])b.Clone();
        lu.Solve(x);

        var reference = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, n, a)
            .Solve(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(b));
        double scale = 0, residual = 0;
        for (int i = 0; i < n; i++)
        {
            double r = -b[i];
            for (int j = 0; j < n; j++) r += a[j * n + i] * x[j];
            residual = Math.Max(residual, Math.Abs(r));
            scale = Math.Max(scale, Math.Abs(reference[i]));
        }
        Assert.True(residual <= 1e-9 * (1 + scale), $"residual {residual}");
        for (int i = 0; i < n; i++) Assert.Equal(reference[i], x[i], 1e-9 * (1 + scale));
    }

    [Fact]
    public void SingularMatrix_IsRefused()
    {
        const int n = 4;
        var lu = new DenseLu(n, new SolverStatistics());
        var rng = new Xoshiro256StarStar(3);
        var a = RandomMatrices.Gaussian(rng, n, n);
        for (int i = 0; i < n; i++) a[2 * n + i] = 2 * a[1 * n + i]; // column 2 = 2 × column 1
        for (int i = 0; i < n; i++) a[1 * n + i] = 0;                // and column 1 = 0: exactly singular
        a.CopyTo(lu.Matrix, 0);
        Assert.False(lu.Factor());
        Assert.False(lu.IsValid);
        lu.Matrix[0] = double.NaN;
        Assert.False(lu.Factor());
    }

    [Fact]
    public void FactorAndSolve_AllocateNothing()
    {
        const int n = 60;
        var rng = new Xoshiro256StarStar(9);
        var jacobian = RandomMatrices.Gaussian(rng, n, n);
        var lu = new DenseLu(n, new SolverStatistics());
        var b = new double[n];
        Assert.Equal(0, AllocationMeter.Bytes(() =>
        {
            lu.FactorShifted(1.0, -0.01, jacobian);
            b.AsSpan().Fill(1.0);
            lu.Solve(b);
        }, 100));
    }
}

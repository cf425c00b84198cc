using FlowSim.Dynamics;
using FlowSim.Models;
using FlowSim.Ode;
using FlowSim.Randomness;
using Xunit;

namespace FlowSim.Tests.Ode;

/// <summary>
/// Large states have their stage sums (and DOP853's error sums) split across FlowSim's threads. The split must not
/// change a single bit or step: the same solve with the split switched off gives the same final state and the same
/// step counts, and both match the exact solution of a linear decay. Descent updates long iterates in slices the same
/// way, and still reports divergence at the right iterate.
/// </summary>
[Collection(PerfCollection.Name)]
public class ParallelIntegratorTests
{
    private sealed class Decay(double[] rates) : IOdeRhs
    {
        public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
        {
            for (int i = 0; i < y.Length; i++) dydt[i] = -rates[i] * y[i] * (1 + 0.5 * Math.Cos(t));
        }
    }

    [Theory]
    [InlineData("dop853")]
    [InlineData("dp5")]
    [InlineData("vern9")]
    public void SplitStageSums_ChangeNothing(string method)
    {
        const int n = 40_000; // above FlowSim.Threading.WorkerPool.VectorLength, not a multiple of the block or vector width
        var rates = new double[n];
        var y0 = new double[n];
        for (int i = 0; i < n; i++)
        {
            rates[i] = 0.1 + 2.0 * i / n;
            y0[i] = 1.0 + Math.Sin(i);
        }
        var problem = new OdeProblem(new Decay(rates), 0, 3, y0);
        var options = new OdeOptions { RelTol = 1e-9, AbsTol = 1e-12, SaveEveryStep = false };
        int saved = FlowSim.Threading.WorkerPool.VectorLength;
        OdeSolution split, whole;
        try
        {
            FlowSim.Threading.WorkerPool.VectorLength = 1024;
            split = OdeSolve.Solve(problem, method, options).EnsureSuccess();
            FlowSim.Threading.WorkerPool.VectorLength = int.MaxValue;
            whole = OdeSolve.Solve(problem, method, options).EnsureSuccess();
        }
        finally
        {
            FlowSim.Threading.WorkerPool.VectorLength = saved;
        }
        Assert.Equal(whole.Statistics.AcceptedSteps, split.Statistics.AcceptedSteps);
        Assert.Equal(whole.Statistics.RhsEvaluations, split.Statistics.RhsEvaluations);
        Assert.Equal(whole.FinalState.ToArray(), split.FinalState.ToArray());
        // y_i(3) = y_i(0)·exp(−r_i (3 + 0.5 sin 3)).
        double worst = 0;
        for (int i = 0; i < n; i++)
        {
            double exact = y0[i] * Math.Exp(-rates[i] * (3 + 0.5 * Math.Sin(3)));
            worst = Math.Max(worst, Math.Abs(split.FinalState[i] - exact) / (1e-12 + 1e-9 * Math.Abs(exact)));
        }
        Assert.InRange(worst, 0, 50);
    }

    [Fact]
    public void SplitDescentSteps_ChangeNothing_AndStillDetectDivergence()
    {
        var rng = new Xoshiro256StarStar(8);
        const int d = 48; // θ has 4,608 entries: above WorkerPool.VectorLength
        var model = new AsymmetricFactorization(d, d, d, RandomMatrices.Gaussian(rng, d, d));
        var theta0 = RandomMatrices.Gaussian(rng, 2 * d * d, 1, 0.1);
        int saved = FlowSim.Threading.WorkerPool.VectorLength;
        GradientDescentResult split, whole, splitDiverged, wholeDiverged;
        try
        {
            FlowSim.Threading.WorkerPool.VectorLength = 1024;
            split = GradientDescent.Run(model, theta0, 0.01, 50);
            splitDiverged = GradientDescent.Run(model, theta0, 5.0, 50);
            FlowSim.Threading.WorkerPool.VectorLength = int.MaxValue;
            whole = GradientDescent.Run(model, theta0, 0.01, 50);
            wholeDiverged = GradientDescent.Run(model, theta0, 5.0, 50);
        }
        finally
        {
            FlowSim.Threading.WorkerPool.VectorLength = saved;
        }
        Assert.Equal(whole.FinalState, split.FinalState);
        Assert.Equal(whole.Losses, split.Losses);
        Assert.Equal(GradientDescentStatus.Diverged, splitDiverged.Status);
        Assert.Equal(wholeDiverged.DivergedAt, splitDiverged.DivergedAt);
        Assert.NotNull(splitDiverged.DivergedAt);
    }
}

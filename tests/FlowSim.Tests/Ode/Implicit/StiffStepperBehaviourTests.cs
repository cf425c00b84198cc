using FlowSim.Ode;
using Xunit;
using Xunit.Abstractions;

namespace FlowSim.Tests.Ode.Implicit;

/// <summary>Direction, step limits and per-step allocation of the stiff steppers.</summary>
public class StiffStepperBehaviourTests(ITestOutputHelper output)
{
    public static TheoryData<string> Methods => ["rodas5", "rodas5p", "radau5", "bdf", "auto"];

    [Theory]
    [MemberData(nameof(Methods))]
    public void BackwardIntegration_ReachesTheExactInitialValue(string method)
    {
        var forward = StiffProblems.Forced(2);
        var y2 = new double[2];
        forward.ExactSolution!(2, y2);
        var p = forward.WithTimeSpan(2, 0, y2);
        var s = OdeSolve.Solve(p, method, new OdeOptions { RelTol = 1e-9, AbsTol = 1e-12 });
        Assert.Equal(OdeStatus.Success, s.Status);
        Assert.Equal(0.0, s.FinalTime);
        output.WriteLine($"{method} backward: y(0) = {s.FinalState[0]:R}, {s.FinalState[1]:R}");
        Assert.InRange(Math.Abs(s.FinalState[0] - 2), 0, 1e-6);
        Assert.InRange(Math.Abs(s.FinalState[1] - 3), 0, 1e-6);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void MaxStep_BoundsEveryStepAndOutputTimesComeFromTheDenseOutput(string method)
    {
        var p = StiffProblems.Forced(10);
        double[] times = [0.5, 1.25, 3.3, 7.77, 10];
        var s = OdeSolve.Solve(p, method, new OdeOptions { RelTol = 1e-8, AbsTol = 1e-10, MaxStep = 0.25, OutputTimes = times });
        Assert.Equal(OdeStatus.Success, s.Status);
        Assert.True(s.Statistics.AcceptedSteps >= 40, $"{s.Statistics.AcceptedSteps} steps over a span of 10 with MaxStep 0.25");
        var exact = new double[2];
        for (int k = 0; k < times.Length; k++)
        {
            Assert.Equal(times[k], s.Times[k]);
            p.ExactSolution!(times[k], exact);
            Assert.InRange(StiffProblems.MaxAbsDiff(s.Values[k], exact), 0, 1e-6);
        }
    }

    [Theory]
    [InlineData("rodas5")]
    [InlineData("bdf")]
    public void Step_AllocatesAtMostTheLuColumnBuffer(string method)
    {
        // 100 decoupled stiff modes y_i' = −λ_i (y_i − cos t) with an analytic (diagonal) Jacobian.
        const int n = 100;
        var lambda = Enumerable.Range(0, n).Select(i => Math.Pow(10, 6.0 * i / (n - 1))).ToArray();
        var p = new OdeProblem((t, y, dy) =>
        {
            double c = Math.Cos(t);
            for (int i = 0; i < n; i++) dy[i] = -lambda[i] * (y[i] - c);
        }, 0, 1e6, new double[n], (t, y, j) =>
        {
            j.Clear();
            for (int i = 0; i < n; i++) j[i * n + i] = -lambda[i];
        });
        var it = OdeSolve.Init(p, OdeMethods.Create(method), new OdeOptions { RelTol = 1e-6, AbsTol = 1e-9, SaveEveryStep = false });
        for (int k = 0; k < 20; k++) it.Step();
        long lu0 = it.Statistics.LuDecompositions;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < 300; k++) it.Step();
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        long lus = it.Statistics.LuDecompositions - lu0;
        output.WriteLine($"{method}: {bytes} bytes over 300 steps, {lus} LU factorisations");
        // FlowSim's own LU allocates nothing per factorisation (MathNet's provider allocated an n-vector each); 1 KB
        // leaves room for a one-off runtime allocation, far below one n-vector per factorisation.
        Assert.True(lus > 0, "the window must contain factorisations");
        Assert.InRange(bytes, 0, 1024);
    }
}

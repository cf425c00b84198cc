using FlowSim.Theory;
using Xunit;

namespace FlowSim.Tests.Theory;

public class PlateauDetectorTests
{
    [Fact]
    public void FindsRunsOnASyntheticStaircase()
    {
        // 4 → 1 (min) → 1.6 → 1.9 → 2.0 with hand-made run lengths.
        var trace = new List<double> { 4, 3, 2 };
        trace.AddRange(Enumerable.Repeat(1.0, 10));
        trace.AddRange(Enumerable.Repeat(1.6, 20));
        trace.AddRange(Enumerable.Repeat(1.9, 30));
        trace.AddRange(Enumerable.Repeat(2.0, 5));
        var a = PlateauDetector.Detect(trace, [1.0, 1.6, 1.9, 2.0], 0.01);
        Assert.Equal(3, a.MinimumIndex);
        Assert.Equal(new PlateauRun(3, 12), a.Runs[0]);
        Assert.Equal(new PlateauRun(13, 32), a.Runs[1]);
        Assert.Equal(new PlateauRun(33, 62), a.Runs[2]);
        Assert.Equal(new PlateauRun(63, 67), a.Runs[3]);
        Assert.Equal(0, a.MaxDropAfterMinimum);
    }

    [Fact]
    public void AStepDownAfterTheMinimumIsReported_AndAMissingLevelHasNoRun()
    {
        // 2 → 1 (min) → 1.5 → 1.4: the drop of 0.1 after the minimum is the largest; no run near 1.9.
        var a = PlateauDetector.Detect([2.0, 1.0, 1.5, 1.5, 1.4], [1.0, 1.9], 0.01);
        Assert.Equal(1, a.MinimumIndex);
        Assert.Equal(0.1, a.MaxDropAfterMinimum, 15);
        Assert.Equal(new PlateauRun(1, 1), a.Runs[0]);
        Assert.Null(a.Runs[1]);
    }
}

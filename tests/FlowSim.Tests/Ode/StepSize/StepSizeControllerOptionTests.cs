using FlowSim.Ode;
using Xunit;

namespace FlowSim.Tests.Ode.StepSize;

/// <summary>A caller's step-size controller (<see cref="OdeOptions.StepSizeController"/>) replaces the method's default in
/// every one-step method; the default, passed explicitly, changes nothing; bdf refuses one by name.</summary>
public class StepSizeControllerOptionTests
{
    /// <summary>Wraps a PI controller and counts what the step loop asks it.</summary>
    private sealed class CountingController(PiStepSizeController inner) : IStepSizeController
    {
        public int Calls, Rejections, Resets;
        public void Reset() { Resets++; inner.Reset(); }
        public double Propose(double h, double errorNorm, int errorOrder, out bool accepted)
        {
            Calls++;
            double next = inner.Propose(h, errorNorm, errorOrder, out accepted);
            if (!accepted) Rejections++;
            return next;
        }
    }

    [Theory]
    [InlineData("dp5", 0.04)]
    [InlineData("rodas5", 0.04)]
    public void DefaultControllerPassedExplicitly_SameStepsSameNumbers(string method, double beta)
    {
        var p = ExactProblems.Oscillator(10);
        var options = new OdeOptions { RelTol = 1e-8, AbsTol = 1e-10 };
        var plain = OdeSolve.Solve(p, method, options);
        CountingController? counting = null;
        var passed = OdeSolve.Solve(p, method, options with
        {
            StepSizeController = () => counting = new CountingController(new PiStepSizeController { Beta = beta }),
        });
        Assert.NotNull(counting);
        Assert.Equal(plain.Statistics.AcceptedSteps, passed.Statistics.AcceptedSteps);
        Assert.Equal(plain.Statistics.RejectedSteps, passed.Statistics.RejectedSteps);
        Assert.Equal(plain.FinalState, passed.FinalState);
        // One judgement per attempt, every rejection counted by the loop.
        Assert.Equal(passed.Statistics.TotalSteps, counting!.Calls);
        Assert.Equal(passed.Statistics.RejectedSteps, counting.Rejections);
    }

    [Fact]
    public void ACautiousController_TakesMoreSteps_AndEveryRunGetsItsOwn()
    {
        var p = ExactProblems.Oscillator(10);
        int created = 0;
        var cautious = new OdeOptions
        {
            RelTol = 1e-8, AbsTol = 1e-10,
            StepSizeController = () => { created++; return new PiStepSizeController { Safety = 0.5, MaxFactor = 1.5 }; },
        };
        var plain = OdeSolve.Solve(p, "dop853", new OdeOptions { RelTol = 1e-8, AbsTol = 1e-10 });
        var a = OdeSolve.Solve(p, "dop853", cautious);
        var b = OdeSolve.Solve(p, "dop853", cautious);
        Assert.Equal(2, created);
        Assert.True(a.Statistics.AcceptedSteps > plain.Statistics.AcceptedSteps,
            $"cautious {a.Statistics.AcceptedSteps} steps, default {plain.Statistics.AcceptedSteps}");
        Assert.Equal(a.FinalState, b.FinalState);
    }

    [Fact]
    public void Bdf_RefusesAController_NamingTheOption()
    {
        var ex = Assert.Throws<ArgumentException>(() => OdeSolve.Solve(ExactProblems.Oscillator(1), "bdf",
            new OdeOptions { StepSizeController = () => new PiStepSizeController() }));
        Assert.Contains("StepSizeController", ex.Message);
    }

    [Fact]
    public void AFactoryReturningNull_IsRefusedByName()
    {
        var ex = Assert.Throws<ArgumentException>(() => OdeSolve.Solve(ExactProblems.Oscillator(1), "dp5",
            new OdeOptions { StepSizeController = () => null! }));
        Assert.Contains("StepSizeController", ex.Message);
    }

    [Theory]
    [InlineData("auto-stiff")]
    [InlineData("auto-switch")]
    public void PseudoNames_AreNotMethods(string name)
    {
        Assert.DoesNotContain(name, OdeMethods.Names);
        var ex = Assert.Throws<ArgumentException>(() => OdeMethods.Create(name));
        Assert.Contains("unknown method", ex.Message);
    }
}

using System.Diagnostics;
using FlowSim.Examples;
using Xunit;

namespace FlowSim.Tests.Examples;

/// <summary>Every example runs in reduced form, and what it prints is checked against its own independent reference.</summary>
public class ExampleProgramsTests
{
    [Fact]
    public void QuickStart_ConservesTheLotkaVolterraInvariant()
    {
        var output = new StringWriter();
        double drift = QuickStart.Run(output, quick: true);
        Assert.True(drift < 1e-7, $"invariant drift {drift}");
        Assert.Contains("dop853", output.ToString());
    }

    [Fact]
    public void PerturbedSensing_FlowPassesThroughDescentIterates()
    {
        double deviation = PerturbedSensing.Run(new StringWriter(), quick: true);
        Assert.True(deviation <= 1e-12, $"max |W(kη) − W_k| = {deviation}");
    }

    [Fact]
    public void CustomObjective_PassesObjectiveChecks_AndFlowMatchesLogisticClosedForm()
    {
        var output = new StringWriter();
        double relativeError = CustomObjectiveExample.Run(output, quick: true);
        Assert.True(relativeError < 1e-8, $"relative error {relativeError}");
        Assert.Contains("objective 'symmetric-factorization': all 3 checks pass", output.ToString());
    }

    [Fact]
    public void CustomObjective_FlowRightHandSideAllocatesNothing()
    {
        // A model written on Dense keeps the zero-allocation contract of the built-in ones.
        var model = new SymmetricFactorization([5, 4, 3, 2, 1]);
        var theta = FlowSim.Models.Initializations.Gaussian(model, 0.5, seed: 1);
        var rhs = new FlowSim.Dynamics.GradientFlow(model);
        var dy = new double[theta.Length];
        Assert.Equal(0, AllocationMeter.Bytes(() => rhs.Evaluate(0, theta, dy), 200));
    }

    [Fact]
    public void FlowVsDescent_PrintsOrdersOneAndTwo()
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "FlowVsDescent.dll");
        var psi = new ProcessStartInfo("dotnet", $"\"{dll}\"") { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        double Slope(string label)
        {
            var line = stdout.Split('\n').First(l => l.Contains(label));
            var token = line[(line.IndexOf("slope ", StringComparison.Ordinal) + 6)..].Split(',')[0];
            return double.Parse(token, System.Globalization.CultureInfo.InvariantCulture);
        }
        Assert.InRange(Slope("plain flow:"), 0.9, 1.1);
        Assert.InRange(Slope("modified flow:"), 1.8, 2.2);
    }
}

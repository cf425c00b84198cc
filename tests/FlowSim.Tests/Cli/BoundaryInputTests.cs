using System.Text.Json;
using Xunit;

namespace FlowSim.Tests.Cli;

/// <summary>
/// Issue 16, valid boundary input and option messages: <c>scalar --depth 3 --lambda 0 --alpha 0.1</c> (λ = 0 has a
/// closed form; α^N = ε) exited 2 with an internal <c>(Parameter 'x')</c> message; <c>validate --only ,</c> checked
/// nothing and exited 0; <c>scalar --depth 1000000</c> ran silently for minutes; bench sizes overflowed int.
/// </summary>
[Collection("Cli")]
public sealed class BoundaryInputTests
{
    [Fact]
    public void ZeroEigenvalue_WithAlphaToTheNEqualToEpsilon_HasItsClosedForm()
    {
        var (exit, text, err) = CliHarness.Run("scalar", "--depth", "3", "--lambda", "0", "--alpha", "0.1", "--t", "1,50", "--json");
        Assert.True(exit == 0, err);
        var root = JsonDocument.Parse(text).RootElement;
        // α³ = 10⁻³ = ε (up to the rounding of 0.1³): the product is already within ε at t = 0.
        Assert.Equal(0.0, root.GetProperty("t_eps").GetDouble());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("t_inflection").ValueKind);
        var closed = root.GetProperty("x_closed").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var flow = root.GetProperty("x_flow").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        for (int i = 0; i < 2; i++) Assert.True(Math.Abs(closed[i] - flow[i]) <= 1e-12, $"{closed[i]} vs {flow[i]} (dop853)");
        Assert.Equal(Math.Pow(1e4 + 4 * 50, -0.25), closed[1], 15);   // x = (α⁻⁴ + 4t)^(−1/4)
    }

    [Fact]
    public void ZeroEigenvalue_TimeToEpsilon_IsTheExplicitTime()
    {
        var (exit, text, err) = CliHarness.Run("scalar", "--depth", "3", "--lambda", "0", "--alpha", "0.1", "--eps", "1e-4", "--json");
        Assert.True(exit == 0, err);
        // x³ = ε at x = ε^(1/3); the explicit time (x⁻⁴ − α⁻⁴)/4.
        double expected = (Math.Pow(1e-4, -4.0 / 3) - 1e4) / 4;
        double tEps = JsonDocument.Parse(text).RootElement.GetProperty("t_eps").GetDouble();
        Assert.True(Math.Abs(tEps - expected) <= 1e-12 * expected, $"{tEps} vs {expected}");
    }

    [Theory]
    [InlineData(",")]
    [InlineData("")]
    [InlineData(" , ")]
    [InlineData("C99")]
    public void ValidateOnly_NamingNoClaim_IsAUsageError(string only)
    {
        string dir = Path.Combine(CliHarness.TempDir(), "report");
        var (exit, stdout, err) = CliHarness.Run("validate", "--quick", "--only", only, "--out", dir);
        Assert.Equal(2, exit);
        Assert.StartsWith("flowsim: --only: ", err);
        Assert.DoesNotContain("(Parameter", err);
        Assert.Equal("", stdout);
        Assert.False(Directory.Exists(dir));
    }

    [Theory]
    [InlineData("scalar --depth 1000000 --lambda 1 --alpha 0.1", "--depth: N must be at most 1000 (got 1000000).")]
    [InlineData("scalar --depth 3 --lambda 1,5 --alpha 0.1", "--lambda: expected a number (got '1,5')")]
    [InlineData("scalar --depth 3.0 --lambda 1 --alpha 0.1", "--depth: expected an integer (got '3.0')")]
    [InlineData("bench gd --d 100000", "--d: must be between 2 and 2048 (got 100000).")]
    [InlineData("bench rhs --d 46341", "--d: must be between 2 and 2048 (got 46341).")]
    [InlineData("bench gemm --n 50000", "--n: must be between 1 and 8192 (got 50000).")]
    [InlineData("bench gemm --n 4 --repeat 0", "--repeat: must be between 1 and 1000 (got 0).")]
    [InlineData("bench gd --d 4 --steps 2000000000", "--steps: must be between 1 and 100000000 (got 2000000000).")]
    [InlineData("bench rhs --d 4 --count 0", "--count: must be between 1 and 10000000 (got 0).")]
    [InlineData("bench wp --problem oscillator --method nosuch", "method: unknown method 'nosuch'")]
    [InlineData("ode-suite --rtol 1e-300", "--rtol: must be at least 2.22E-14")]
    public void OutOfRangeOptions_AreUsageErrors_NamingTheOption(string command, string expected)
    {
        var (exit, _, err) = CliHarness.Run(command.Split(' '));
        Assert.Equal(2, exit);
        Assert.Contains(expected, err);
        Assert.DoesNotContain("(Parameter", err);
        Assert.False(CliHarness.HasStackTrace(err), err);
    }

    [Fact]
    public void LongScalarRuns_ShowProgressOnStderr()
    {
        var (exit, stdout, err) = CliHarness.Run("scalar", "--depth", "3", "--lambda", "1", "--alpha", "0.1", "--eta", "0.01", "--steps", "50000000", "--json");
        Assert.True(exit == 0, err);
        Assert.Contains("flowsim: scalar: limits: running up to 50000000 descent steps", err);
        Assert.Contains("flowsim: scalar: limits: done in ", err);
        Assert.StartsWith("{", stdout.TrimStart());
        // Short runs stay quiet.
        Assert.Equal("", CliHarness.Run("scalar", "--depth", "3", "--lambda", "1", "--alpha", "0.1", "--eta", "0.01", "--json").Err);
    }
}

using System.Text.Json;
using FlowSim.ClosedForm;
using FlowSim.Dynamics.Scalar;
using FlowSim.Tests.Dynamics.Scalar;
using Xunit;

namespace FlowSim.Tests.Cli;

/// <summary><c>flowsim scalar</c> run in-process through Program.Main: JSON keys and values, exit code 2 on bad values.</summary>
[Collection("Cli")]
public class ScalarCommandTests
{
    private static readonly string[] Keys =
        ["x_closed", "x_flow", "t_inflection", "t_eps", "regime", "cycle", "gd_first_hit", "phase_transition_k", "limit_x", "limit_y", "limit_product"];

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var oldOut = Console.Out; var oldErr = Console.Error;
        var o = new StringWriter(); var e = new StringWriter();
        Console.SetOut(o); Console.SetError(e);
        try { return (FlowSim.Cli.Program.Main(args), o.ToString(), e.ToString()); }
        finally { Console.SetOut(oldOut); Console.SetError(oldErr); }
    }

    [Fact]
    public void Json_HasExactlyTheIssueKeys_AndMatchesTheLibrary()
    {
        var (code, text, err) = Run("scalar", "--depth", "3", "--lambda", "1", "--alpha", "0.1", "--t", "0.5,2,10", "--eta", "0.01", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        Assert.Equal(Keys, root.EnumerateObject().Select(p => p.Name).ToArray());
        var closed = root.GetProperty("x_closed").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var flow = root.GetProperty("x_flow").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(3, closed.Length);
        Assert.Equal(0.10525717, closed[0], 8);
        Assert.Equal(0.96884852, closed[2], 8);
        for (int i = 0; i < 3; i++) Assert.True(Math.Abs(closed[i] - flow[i]) <= 1e-11);
        Assert.Equal(8.968169, root.GetProperty("t_inflection").GetDouble(), 6);
        Assert.Equal(11.544145, root.GetProperty("t_eps").GetDouble(), 6);
        Assert.Equal("monotone", root.GetProperty("regime").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("cycle").ValueKind);
        Assert.Equal(DeepScalarDescent.FirstHit(3, 1, 0.1, 0.01, 1e-3), root.GetProperty("gd_first_hit").GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("phase_transition_k").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("limit_y").ValueKind);
        Assert.True(Math.Abs(root.GetProperty("limit_product").GetDouble() - 1) < 1e-12);
    }

    [Fact]
    public void Json_PerturbedSystem_And_Cycle()
    {
        var (code, text, err) = Run("scalar", "--depth", "3", "--lambda", "-1", "--alpha", "0.5", "--beta", "0.25", "--eta", "0.05", "--steps", "400000", "--json");
        Assert.True(code == 0, err);
        var root = JsonDocument.Parse(text).RootElement;
        Assert.Equal(24, root.GetProperty("phase_transition_k").GetInt32());
        Assert.Equal(1.031195, root.GetProperty("limit_x").GetDouble(), 6);
        Assert.Equal(-0.940412, root.GetProperty("limit_y").GetDouble(), 6);
        Assert.True(Math.Abs(root.GetProperty("limit_product").GetDouble() + 1) < 1e-8);
        Assert.Equal("cutoff", root.GetProperty("regime").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("x_closed").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("t_eps").ValueKind);

        (code, text, _) = Run("scalar", "--depth", "2", "--lambda", "1", "--alpha", "0.5", "--eta", "1.2", "--json");
        Assert.Equal(0, code);
        root = JsonDocument.Parse(text).RootElement;
        Assert.Equal("cycle", root.GetProperty("regime").GetString());
        var cycle = root.GetProperty("cycle").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var roots = StepSizeRegimeTests.NonFixedRootsOfSecondIterate(2, 1, 1.2);
        Assert.Equal(2, cycle.Length);
        foreach (double c in cycle) Assert.Contains(roots, r => Math.Abs(r * r - c) <= 1e-9);
    }

    [Theory]
    [InlineData("--depth", "--depth", "0", "--lambda", "1", "--alpha", "0.5")]
    [InlineData("--alpha", "--depth", "2", "--lambda", "1", "--alpha", "0")]
    [InlineData("--alpha", "--depth", "2", "--lambda", "1", "--alpha", "-0.1")]
    [InlineData("--eps", "--depth", "2", "--lambda", "1", "--alpha", "0.5", "--eps", "0")]
    [InlineData("--beta", "--depth", "2", "--lambda", "1", "--alpha", "0.5", "--beta", "0.5", "--eta", "0.1")]
    [InlineData("--beta", "--depth", "2", "--lambda", "1", "--alpha", "0.5", "--beta", "0.7", "--eta", "0.1")]
    [InlineData("--t", "--depth", "2", "--lambda", "1", "--alpha", "0.5", "--t", "1,x")]
    public void BadValues_ExitTwo_NamingTheOption(string option, params string[] args)
    {
        var (code, text, err) = Run(["scalar", .. args]);
        Assert.Equal(2, code);
        Assert.Contains(option, err);
        Assert.Equal("", text);
    }

    [Fact]
    public void Text_ShowsClosedFormAgainstIntegration()
    {
        var (code, text, err) = Run("scalar", "--depth", "2", "--lambda", "1", "--alpha", "0.1", "--t", "1", "--eta", "0.1");
        Assert.True(code == 0, err);
        Assert.Contains("K_eps = 56", text);
        Assert.Contains(Math.Sqrt(DeepScalarFlow.DepthTwoSquared(1, 0.1, 1)).ToString("R", System.Globalization.CultureInfo.InvariantCulture), text);
    }
}

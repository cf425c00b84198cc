using System.Globalization;
using System.Text.Json;
using Xunit;

namespace FlowSim.Tests.Cli;

/// <summary><c>flowsim eos</c> in-process: the JSON keys of the issue exactly and in order, values against closed forms,
/// the regimes, and exit code 2 naming the option for bad values.</summary>
[Collection("Cli")]
public class EosCommandTests
{
    private static readonly string[] Keys =
    [
        "depth", "lambda", "eta", "gd_regime", "gd_cycle", "gd_mean_loss", "gd_limit_sharpness", "gd_midpoint_sharpness",
        "gf_limit_sharpness", "gfs_sharpness_max_increase", "cf_final", "cf_sharpness", "cf_sigma2", "cf_loss_prediction", "cf_active_from",
    ];

    private static JsonElement Json(params string[] args)
    {
        var (exit, stdout, stderr) = CliHarness.Run(["eos", .. args, "--json"]);
        Assert.True(exit == 0, stderr);
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(Keys, root.EnumerateObject().Select(p => p.Name).ToArray());
        return root;
    }

    [Fact]
    public void Two_cycle_values_match_the_closed_forms()
    {
        const double eta = 1.1;
        var root = Json("--lambda", "1", "--eta", "1.1", "--x0", "1.3,0.7", "--steps", "5000");
        Assert.Equal(2, root.GetProperty("depth").GetInt32());
        Assert.Equal("period-2", root.GetProperty("gd_regime").GetString());
        double a = (Math.Sqrt(1 + 3 / eta) + Math.Sqrt(1 - 1 / eta)) / 2, b = (Math.Sqrt(1 + 3 / eta) - Math.Sqrt(1 - 1 / eta)) / 2;
        var cycle = root.GetProperty("gd_cycle").EnumerateArray().Select(x => x.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        Assert.Equal(2, cycle.Length);
        Assert.All(cycle, x => Assert.Equal(2, x.Length));
        Assert.Equal([a, b], cycle.Select(x => x[0]).OrderDescending().ToArray(), (p, q) => Math.Abs(p - q) <= 1e-12);
        Assert.Equal(0.25 * (Math.Pow(a * a - 1, 2) + Math.Pow(b * b - 1, 2)), root.GetProperty("gd_mean_loss").GetDouble(), 12);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("gd_limit_sharpness").ValueKind);
        Assert.Equal((9 / eta - 1) / 4, root.GetProperty("gd_midpoint_sharpness").GetDouble(), 10);
        Assert.Equal(Math.Sqrt(Math.Pow(1.3 * 1.3 - 0.7 * 0.7, 2) + 4), root.GetProperty("gf_limit_sharpness").GetDouble(), 12);
        Assert.True(root.GetProperty("gfs_sharpness_max_increase").GetDouble() <= 1e-12);
        double s = Math.Sqrt((1 + 2 / eta) / 3);
        Assert.All(root.GetProperty("cf_final").EnumerateArray().Select(v => v.GetDouble()), v => Assert.Equal(s, v, 8));
        Assert.True(Math.Abs(root.GetProperty("cf_sharpness").GetDouble() - 2 / eta) <= 1e-5 * 2 / eta);
        Assert.Equal(4 * (1 - 1 / eta) / 9, root.GetProperty("cf_sigma2").GetDouble(), 8);
        Assert.Equal(0.5 * Math.Pow(1 - s * s, 2) + 4 * (1 - 1 / eta) / (9 * eta), root.GetProperty("cf_loss_prediction").GetDouble(), 8);
        Assert.Equal(0.0, root.GetProperty("cf_active_from").GetDouble());
    }

    [Fact]
    public void Convergence_below_the_edge_and_activation_later()
    {
        var root = Json("--lambda", "1", "--eta", "0.9", "--x0", "1.2,0.2", "--steps", "3000");
        Assert.Equal("converged", root.GetProperty("gd_regime").GetString());
        Assert.Single(root.GetProperty("gd_cycle").EnumerateArray());
        double limit = root.GetProperty("gd_limit_sharpness").GetDouble();
        Assert.True(limit < 2 / 0.9);
        Assert.Equal(limit, root.GetProperty("gd_midpoint_sharpness").GetDouble(), 10);
        Assert.True(root.GetProperty("cf_active_from").GetDouble() > 0);
        Assert.True(Math.Abs(root.GetProperty("cf_sharpness").GetDouble() - 2 / 0.9) <= 1e-5 * 2 / 0.9);
    }

    [Fact]
    public void Divergence_is_a_regime_and_depth_three_works()
    {
        var root = Json("--lambda", "1", "--eta", "3", "--x0", "1.3,0.7", "--steps", "200");
        Assert.Equal("divergent", root.GetProperty("gd_regime").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("gd_cycle").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("gd_mean_loss").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("gd_midpoint_sharpness").ValueKind);
        // Beyond η = 4/λ no state of Scalar-2 has S ≤ 2/η (S ≥ λ/2): the central flow cannot exist, which is an outcome too.
        var (exit, stdout, stderr) = CliHarness.Run("eos", "--lambda", "1", "--eta", "5", "--x0", "1.3,0.7", "--steps", "50", "--json");
        Assert.Equal(0, exit);
        Assert.Contains("central flow", stderr);
        var none = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(Keys, none.EnumerateObject().Select(p => p.Name).ToArray());
        foreach (var key in Keys.Where(k => k.StartsWith("cf_", StringComparison.Ordinal))) Assert.Equal(JsonValueKind.Null, none.GetProperty(key).ValueKind);
        root = Json("--lambda", "1", "--eta", "0.6", "--x0", "1.4,0.5,0.6", "--steps", "2000");
        Assert.Equal(3, root.GetProperty("depth").GetInt32());
        Assert.Equal(3, root.GetProperty("cf_final").GetArrayLength());
    }

    [Fact]
    public void Table_output_uses_the_invariant_culture()
    {
        var old = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            var (exit, stdout, stderr) = CliHarness.Run("eos", "--lambda", "1", "--eta", "1.1", "--x0", "1.3,0.7", "--steps", "500");
            Assert.True(exit == 0, stderr);
            Assert.Contains("central flow", stdout);
            Assert.Contains("2/η = 1.8181818181818181", stdout);
            Assert.DoesNotContain("1,818", stdout);
        }
        finally { CultureInfo.CurrentCulture = old; }
    }

    [Theory]
    [InlineData("--eta", "--lambda", "1", "--eta", "0", "--x0", "1,1")]
    [InlineData("--eta", "--lambda", "1", "--eta", "-0.5", "--x0", "1,1")]
    [InlineData("--eta", "--lambda", "1", "--eta", "NaN", "--x0", "1,1")]
    [InlineData("--eta", "--lambda", "1", "--eta", "Infinity", "--x0", "1,1")]
    [InlineData("--lambda", "--lambda", "NaN", "--eta", "1", "--x0", "1,1")]
    [InlineData("--x0", "--lambda", "1", "--eta", "1", "--x0", "1")]
    [InlineData("--x0", "--lambda", "1", "--eta", "1", "--x0", "1,abc")]
    [InlineData("--x0", "--lambda", "1", "--eta", "1", "--x0", "1,NaN")]
    [InlineData("--x0", "--lambda", "1", "--eta", "1", "--x0", "1,,2")]
    [InlineData("--steps", "--lambda", "1", "--eta", "1", "--x0", "1,1", "--steps", "0")]
    [InlineData("--steps", "--lambda", "1", "--eta", "1", "--x0", "1,1", "--steps", "2000000")]
    [InlineData("--x0", "--lambda", "1", "--eta", "1")]
    public void Bad_values_exit_two_naming_the_option(string option, params string[] args)
    {
        var (exit, stdout, stderr) = CliHarness.Run(["eos", .. args, "--json"]);
        Assert.Equal(2, exit);
        Assert.Contains(option, stderr);
        Assert.Equal("", stdout);
        Assert.False(CliHarness.HasStackTrace(stderr), stderr);
    }
}

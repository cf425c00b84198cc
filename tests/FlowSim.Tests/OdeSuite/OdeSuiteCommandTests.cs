using System.Text.Json;
using FlowSim.OdeSuite;
using Xunit;

namespace FlowSim.Tests.OdeSuite;

/// <summary>Runs <c>flowsim ode-suite</c> in process (Console is shared, so these tests do not run in parallel with each other).</summary>
[Collection("Cli")]
public class OdeSuiteCommandTests
{
    [Fact]
    public void JsonHasExactlyTheContractedKeys()
    {
        string path = Path.Combine(Path.GetTempPath(), $"odesuite-{Guid.NewGuid():N}.json");
        try
        {
            var stdout = new StringWriter();
            var old = Console.Out;
            Console.SetOut(stdout);
            int code;
            try { code = FlowSim.Cli.Program.Main(["ode-suite", "--method", "dp5", "--rtol", "1e-5", "--json", path]); }
            finally { Console.SetOut(old); }
            Assert.Equal(0, code);
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            Assert.Equal(["atol", "method", "problems", "rtol"], root.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.Equal("dp5", root.GetProperty("method").GetString());
            Assert.Equal(1e-5, root.GetProperty("rtol").GetDouble());
            Assert.Equal(1e-8, root.GetProperty("atol").GetDouble(), 1e-20);
            var problems = root.GetProperty("problems").EnumerateArray().ToList();
            Assert.Equal(OdeSuiteProblems.All.Select(p => p.Name), problems.Select(p => p.GetProperty("name").GetString()));
            string[] keys = ["err_over_tol", "name", "nfev", "rejected", "seconds", "status", "steps", "stiff"];
            foreach (var p in problems)
            {
                Assert.Equal(keys, p.EnumerateObject().Select(x => x.Name).Order(StringComparer.Ordinal));
                bool stiff = p.GetProperty("stiff").GetBoolean();
                string status = p.GetProperty("status").GetString()!;
                if (!stiff)
                {
                    Assert.Equal("Success", status);
                    Assert.True(p.GetProperty("err_over_tol").GetDouble() >= 0);
                    Assert.True(p.GetProperty("nfev").GetInt64() > p.GetProperty("steps").GetInt64());
                }
                else if (status != "Success") Assert.Equal(JsonValueKind.Null, p.GetProperty("err_over_tol").ValueKind);
            }
            Assert.Contains("kepler-d5", stdout.ToString());
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("--method", "rk45", "--method")]
    [InlineData("--rtol", "0", "--rtol")]
    [InlineData("--rtol", "-1e-6", "--rtol")]
    [InlineData("--atol", "-1", "--atol")]
    public void BadOptionExitsWithTwoAndNamesTheOption(string option, string value, string named)
    {
        var stderr = new StringWriter();
        var old = Console.Error;
        Console.SetError(stderr);
        int code;
        try { code = FlowSim.Cli.Program.Main(["ode-suite", option, value]); }
        finally { Console.SetError(old); }
        Assert.Equal(2, code);
        Assert.Contains(named, stderr.ToString());
    }
}

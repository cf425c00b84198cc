using System.Globalization;
using System.Text.Json;
using Xunit;

namespace FlowSim.Tests.Cli;

/// <summary>
/// Issue 16, memory and exit status: scenarios that passed validation and then needed terabytes (100,000 records of a
/// large θ), a dense Jacobian of many GB for rodas5/bdf (at 57,600 parameters n·n overflowed int, the flow failed
/// and the run still exited 0), record.times past the record cap. Now: refused before any work with the fields and
/// the estimate named (exit 2, nothing written), <c>--max-memory</c> raises the budget, <c>auto</c> beyond it runs
/// without its stiffness switch and says so, and a run with a failed dynamics exits 1.
/// </summary>
[Collection("Cli")]
public sealed class MemoryBudgetTests
{
    // p = 3·60² = 10,800 parameters: 100,001 records of θ are 8.6 GB; rodas5's Jacobian and LU 2·p²·8 B = 1.87 GB.
    private static string Deep60(string dynamics, string record = "", double tEnd = 1, string maxSteps = "100000")
    {
        string diagonal = string.Join(", ", Enumerable.Range(0, 60).Select(i => (1.0 - i / 100.0).ToString(CultureInfo.InvariantCulture)));
        return $"model: {{type: deep-factorization, size: 60, depth: 3}}\ntarget: {{diagonal: [{diagonal}]}}\ninitialization: {{alpha: 0.5}}\n"
            + $"dynamics:\n{dynamics}\n{record}\nstop: {{t_end: {tEnd.ToString(CultureInfo.InvariantCulture)}, max_steps: {maxSteps}}}\n";
    }

    private static string Write(string text, string name = "s.yaml")
    {
        string file = Path.Combine(CliHarness.TempDir(), name);
        File.WriteAllText(file, text);
        return file;
    }

    private static string Refused(string file, params string[] extra)
    {
        string outDir = Path.Combine(Path.GetDirectoryName(file)!, "out");
        var (exit, stdout, err) = CliHarness.Run(["run", file, "--out", outDir, "-q", .. extra]);
        Assert.True(exit == 2, $"exit {exit}: {err}");
        Assert.Equal("", stdout);
        Assert.False(CliHarness.HasStackTrace(err), err);
        Assert.False(Directory.Exists(outDir));
        return err;
    }

    [Fact]
    public void RecordsTimesParameters_BeyondTheBudget_AreRefusedNamingTheFieldsAndTheEstimate()
    {
        string file = Write(Deep60("  - {type: flow}", "record: {points: 100000}"));
        string err = Refused(file, "--max-memory", "1G");
        Assert.Contains("s.yaml: the run needs about 8", err);
        Assert.Contains("more than the memory budget of 1 GiB", err);
        Assert.Contains("dynamics[0]: 100001 records × 10800 parameters = 8", err);
        Assert.Contains("--max-memory", err);
        Assert.Contains("record fewer points", err);
        // Raised, the same file validates (scenario FILE runs nothing).
        var (exit, _, err2) = CliHarness.Run("scenario", file, "--max-memory", "16G");
        Assert.True(exit == 0, err2);
    }

    [Fact]
    public void DescentKeepingEveryIterate_IsCounted()
    {
        // Records at k = 0, 333334 and 1,000,000: their common divisor 2 makes the descent keep 500,001 iterates of θ.
        string file = Write(Deep60("  - {type: descent, eta: 1.0e-6}", "record: {times: [0, 0.333334]}", maxSteps: "1000000"));
        string err = Refused(file);
        Assert.Contains("dynamics[0]: 500002 kept iterates × 10800 parameters (one every 2 of 1000000 steps)", err);
    }

    [Theory]
    [InlineData("rodas5")]
    [InlineData("bdf")]
    [InlineData("rodas5p")]
    public void StiffMethod_WhoseDenseJacobianExceedsTheBudget_IsRefusedBeforeWork(string method)
    {
        string file = Write(Deep60($"  - {{type: flow, method: {method}}}"));
        string err = Refused(file, "--max-memory", "1G");
        Assert.Contains($"dynamics[0].method: {method}'s dense Jacobian and factors, 2 × 10800² numbers = 1.7 GiB", err);
        Assert.Contains("choose an explicit method", err);
        Assert.Equal(0, CliHarness.Run("scenario", file, "--max-memory", "4G").Exit);
    }

    [Fact]
    public void Auto_BeyondTheBudget_KeepsDp5WhereItWouldSwitch_AndSaysSo()
    {
        // A stiff flow (target spectrum 400 … 0.01): auto detects stiffness early and switches to radau9 (rtol 1e-8), whose
        // 18×18 Jacobian and factors need 6 × 324 doubles; a budget a few KiB above the run's own needs leaves no room for them.
        string file = Write("""
            {"model": {"type": "asymmetric-factorization", "rows": 3, "columns": 3, "hidden": 3},
             "target": {"diagonal": [400, 1, 0.01]}, "initialization": {"type": "gaussian", "scale": 0.5},
             "dynamics": [{"type": "flow", "method": "auto", "rtol": 1e-8, "atol": 1e-10}],
             "record": {"points": 5}, "stop": {"t_end": 20}, "seed": 3}
            """, "stiff.json");
        JsonElement Flow(string maxMemory, string name)
        {
            string outDir = Path.Combine(Path.GetDirectoryName(file)!, name);
            var (exit, _, err) = CliHarness.Run("run", file, "--out", outDir, "-q", "--max-memory", maxMemory);
            Assert.True(exit == 0, err);
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
            return doc.RootElement.GetProperty("dynamics")[0].Clone();
        }
        var refused = Flow("8K", "out");
        Assert.Equal("completed", refused.GetProperty("status").GetString());
        Assert.Equal("auto", refused.GetProperty("method").GetString());
        Assert.Contains("auto kept dp5: stiffness was detected", refused.GetProperty("message").GetString());
        Assert.Contains("radau9 would store a dense 18×18 Jacobian (324 entries), more than MaxJacobianEntries", refused.GetProperty("message").GetString());
        // Within the budget auto switches (no message) and, being stiff, the flow costs far fewer evaluations.
        var switched = Flow("1G", "out2");
        Assert.False(switched.TryGetProperty("message", out _));
        Assert.True(switched.GetProperty("nfev").GetInt64() * 3 < refused.GetProperty("nfev").GetInt64(),
            $"{switched.GetProperty("nfev")} vs {refused.GetProperty("nfev")}");
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("0")]
    [InlineData("-1G")]
    [InlineData("1,5G")]
    public void BadMaxMemory_IsAUsageErrorNamingTheOption(string value)
    {
        string err = Refused(Write(Deep60("  - {type: flow}")), "--max-memory", value);
        Assert.Contains($"--max-memory: expected a size such as 16G, 512M or 8GiB (got '{value}')", err);
    }

    [Fact]
    public void RecordTimes_PastTheRecordCap_AreRefused()
    {
        string times = string.Join(", ", Enumerable.Range(0, 100_001).Select(i => (i * 1e-5).ToString("R", CultureInfo.InvariantCulture)));
        string err = Refused(Write(Deep60("  - {type: flow}", $"record: {{times: [{times}]}}", tEnd: 2)));
        Assert.Contains("s.yaml: record.times: lists 100001 times, more than the 100000 records a dynamics may keep", err);
    }

    [Fact]
    public void RunWithAFailedDynamics_ExitsOne_AndKeepsItsFiles()
    {
        // η‖Γ̃‖ ≥ 1 at the first step: the perturbed flow has no real logarithm and fails; the descent completes.
        string text = File.ReadAllText(Path.Combine(CliHarness.Examples, "sensing.yaml")).Replace("eta: 0.05", "eta: 3");
        string file = Write(text);
        string outDir = Path.Combine(Path.GetDirectoryName(file)!, "out");
        var (exit, stdout, err) = CliHarness.Run("run", file, "--out", outDir, "-q");
        Assert.Equal(1, exit);
        Assert.Contains("flowsim: perturbed-flow: failed: Perturbed gradient flow undefined at step k = 0", err);
        Assert.Contains(outDir, stdout);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.Equal(["completed", "failed"], doc.RootElement.GetProperty("dynamics").EnumerateArray().Select(d => d.GetProperty("status").GetString()!).ToArray());
    }

    [Fact]
    public void SweepGridThatOverflows_IsAUsageError()
    {
        string file = Write(Deep60("  - {type: flow}"));
        string[] args = ["sweep", file, "--out", Path.Combine(CliHarness.TempDir(), "sweep")];
        // 2⁶⁴ points: the product of the value counts overflowed a long (exit 1, "Arithmetic operation resulted in an overflow").
        for (int i = 0; i < 64; i++) args = [.. args, "--param", $"extra{i}=1,2"];
        var (exit, _, err) = CliHarness.Run(args);
        Assert.Equal(2, exit);
        Assert.Contains("--param: the grid has more than 1000000 points (2 × 2 × ", err);
    }
}

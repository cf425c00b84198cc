using Xunit;

namespace FlowSim.Tests.Cli;

/// <summary>Bad scenarios: exit code 2, the exact file/field-path message, nothing written.</summary>
[Collection("Cli")]
public sealed class ScenarioValidationTests
{
    private const string Deep = """
        model:
          type: deep-factorization
          size: 2
          depth: 3
        target:
          diagonal: [1.0, 0.5]
        initialization:
          alpha: 0.5
        dynamics:
          - type: flow
          - type: descent
            eta: 0.05
        stop:
          t_end: 1
        """;

    private static (int Exit, string Err, string OutDir) RunText(string fileName, string text, params string[] extra)
    {
        string dir = CliHarness.TempDir();
        string file = Path.Combine(dir, fileName);
        File.WriteAllText(file, text);
        string outDir = Path.Combine(dir, "out");
        var (exit, _, err) = CliHarness.Run(["run", file, "--out", outDir, "-q", .. extra]);
        return (exit, err, outDir);
    }

    private static void AssertRejected(string fileName, string text, string expected)
    {
        var (exit, err, outDir) = RunText(fileName, text);
        Assert.Equal(2, exit);
        Assert.Contains(expected, err);
        Assert.False(CliHarness.HasStackTrace(err), err);
        Assert.False(Directory.Exists(outDir));
        Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(outDir)!));
    }

    [Fact]
    public void NegativeStepSizeNamesFileFieldAndValue() =>
        AssertRejected("deep.yaml", Deep.Replace("eta: 0.05", "eta: -0.1"), "flowsim: deep.yaml: dynamics[1].eta: must be > 0 (got -0.1)");

    [Fact]
    public void UnknownKeySuggestsNearestName() =>
        AssertRejected("deep.yaml", Deep.Replace("eta: 0.05", "etta: 0.05"), "deep.yaml: dynamics[1].etta: unknown field (did you mean 'eta'?");

    [Fact]
    public void UnknownModelTypeSuggestsNearestName() =>
        AssertRejected("deep.yaml", Deep.Replace("type: deep-factorization", "type: deep-factorisation"),
            "deep.yaml: model.type: unknown value 'deep-factorisation' (did you mean 'deep-factorization'?");

    [Fact]
    public void NaNInTargetIsRejected() =>
        AssertRejected("deep.yaml", Deep.Replace("[1.0, 0.5]", "[1.0, .nan]"), "deep.yaml: target.diagonal[1]: must be finite (got NaN)");

    [Fact]
    public void InfinityInCsvTargetIsRejected()
    {
        string dir = CliHarness.TempDir();
        File.WriteAllText(Path.Combine(dir, "t.csv"), "1,0\n0,Infinity\n");
        string file = Path.Combine(dir, "deep.yaml");
        File.WriteAllText(file, Deep.Replace("diagonal: [1.0, 0.5]", "file: t.csv"));
        var (exit, _, err) = CliHarness.Run("run", file, "--out", Path.Combine(dir, "out"), "-q");
        Assert.Equal(2, exit);
        Assert.Contains("deep.yaml: target.file: 't.csv' row 2, column 2: must be finite (got Infinity)", err);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
    }

    [Fact]
    public void MismatchedSizesAreRejected() =>
        AssertRejected("deep.yaml", Deep.Replace("[1.0, 0.5]", "[1.0, 0.5, 0.2]"), "deep.yaml: target.diagonal: needs 2 values for a 2×2 target (got 3)");

    [Fact]
    public void ZeroToleranceIsRejected() =>
        AssertRejected("deep.yaml", Deep.Replace("- type: flow", "- type: flow\n    atol: 0"), "deep.yaml: dynamics[0].atol: must be finite and > 0 (got 0)");

    [Fact]
    public void WrongTypeIsRejected() =>
        AssertRejected("deep.yaml", Deep.Replace("size: 2", "size: two"), "deep.yaml: model.size: expected an integer (got 'two')");

    [Fact]
    public void BrokenYamlGivesLineAndColumn() =>
        AssertRejected("deep.yaml", Deep.Replace("diagonal: [1.0, 0.5]", "diagonal: [1.0, 0.5"), "deep.yaml: line ");

    [Fact]
    public void BrokenJsonGivesLineAndColumn() =>
        AssertRejected("s.json", "{\n  \"model\": {\"type\": \"scalar\"},\n  \"target\": [1,\n}", "s.json: line 4, column 1: broken JSON");

    [Fact]
    public void UnreadableFileIsAUsageError()
    {
        string dir = CliHarness.TempDir();
        var (exit, _, err) = CliHarness.Run("run", Path.Combine(dir, "missing.yaml"), "--out", Path.Combine(dir, "out"));
        Assert.Equal(2, exit);
        Assert.Contains("missing.yaml: cannot read the scenario file", err);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
    }

    /// <summary>Found by the fuzzer: a huge end time with record.every once tried to allocate unbounded record times.</summary>
    [Fact]
    public void RecordEveryWithAHugeEndTimeIsRejected() =>
        AssertRejected("deep.yaml", Deep.Replace("t_end: 1", "t_end: 1e308") + "\nrecord: {every: 5}\n",
            "deep.yaml: record.every: dynamics[0] would record more than 100000 points");

    /// <summary>Found by the fuzzer: a start so large that the loss overflows ends the flow at once; the run still writes
    /// every file, and exits 1 naming the diverged dynamics.</summary>
    [Fact]
    public void OverflowingStartEndsTheDynamicsButNotTheRun()
    {
        var (exit, err, outDir) = RunText("deep.yaml", Deep.Replace("alpha: 0.5", "alpha: 1e308"));
        Assert.True(exit == 1, err);
        Assert.Contains("flowsim: flow: diverged", err);
        string summary = File.ReadAllText(Path.Combine(outDir, "summary.json"));
        Assert.Contains("\"status\": \"diverged\"", summary);
        Assert.True(File.Exists(Path.Combine(outDir, "report.html")));
    }

    /// <summary>Found by the fuzzer: η = 1e308 sends the descent so far that the SVD of a metric fails to converge;
    /// the metric becomes NaN and the descent is reported diverged.</summary>
    [Fact]
    public void HugeStepSizeDivergesWithoutBreakingTheMetrics()
    {
        var (exit, err, outDir) = RunText("deep.yaml", Deep.Replace("eta: 0.05", "eta: 1e308") + "\nrecord: {metrics: [loss, singular-values]}\n");
        Assert.True(exit == 1, err);
        Assert.Contains("predicts divergence", err);
        Assert.Contains("(dynamics[1].eta = 1E+308; a smaller step size may keep it stable)", err);
        Assert.Contains("\"status\": \"diverged\"", File.ReadAllText(Path.Combine(outDir, "summary.json")));
    }

    [Fact]
    public void EveryProblemOfAFileIsReportedAtOnce()
    {
        var (exit, err, _) = RunText("deep.yaml", Deep.Replace("eta: 0.05", "eta: -0.1").Replace("t_end: 1", "t_end: 0"));
        Assert.Equal(2, exit);
        Assert.Contains("dynamics[1].eta: must be > 0 (got -0.1)", err);
        Assert.Contains("stop.t_end: must be finite and > 0 (got 0)", err);
    }

    /// <summary>
    /// THEORY §3.4 / Lemma B.1 for N = 2, λ = 1: the fixed point is unstable for η &gt; 2/(Nλ^{2−2/N}) = 1. The warning
    /// threshold is checked against the actual descent: η = 0.9 converges (loss → 0), η = 1.1 does not, and only
    /// η = 1.1 is a warning (an error with --strict).
    /// </summary>
    [Fact]
    public void DivergentStepSizeWarnsAndStrictRejects_MatchingTheActualDescent()
    {
        string Scalar(double eta) => $$$"""
            {"model": {"type": "scalar", "depth": 2}, "target": {"diagonal": [1.0]},
             "initialization": {"alpha": 0.5}, "dynamics": [{"type": "descent", "eta": {{{eta}}}, "steps": 400}],
             "record": {"points": 2}}
            """;
        var (exitGood, errGood, outGood) = RunText("s.json", Scalar(0.9));
        Assert.Equal(0, exitGood);
        Assert.DoesNotContain("divergence", errGood);
        var (exitBad, errBad, outBad) = RunText("s.json", Scalar(1.1));
        Assert.Equal(0, exitBad);
        Assert.Contains("s.json: dynamics[0].eta: warning: the scalar regime analysis predicts divergence: eta = 1.1 > 2/(Nλ^(2−2/N)) = 1", errBad);

        double Final(string dir) => double.Parse(File.ReadAllLines(Path.Combine(dir, "trajectory.csv"))[^1].Split(',')[3], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Final(outGood) < 1e-20, $"η = 0.9 should converge, final loss {Final(outGood)}");
        Assert.True(Final(outBad) > 1e-3, $"η = 1.1 should not converge, final loss {Final(outBad)}");

        var (exitStrict, errStrict, outStrict) = RunText("s.json", Scalar(1.1), "--strict");
        Assert.Equal(2, exitStrict);
        Assert.Contains("(error because of --strict)", errStrict);
        Assert.False(Directory.Exists(outStrict));
    }

    [Fact]
    public void SchemaListsEveryFieldWithDefault()
    {
        var (exit, stdout, _) = CliHarness.Run("scenario", "--schema");
        Assert.Equal(0, exit);
        foreach (var f in FlowSim.Scenarios.ScenarioSchema.Fields) Assert.Contains(f.Path, stdout);
        Assert.Contains("dynamics[].eta", stdout);
        Assert.Contains("default: 1e-8", stdout);
    }
}

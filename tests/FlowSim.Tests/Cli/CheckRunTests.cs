using System.Globalization;
using System.Text.Json;
using FlowSim.Reports;
using Xunit;

namespace FlowSim.Tests.Cli;

/// <summary>
/// <c>flowsim run examples/scenarios/checks.yaml</c>: three bounds that hold and one deliberately false, with margins
/// against an independent computation of the same diagonal dynamics (descent mode by mode, the flow by RK4 with a
/// tiny step); the exit code, summary.json's keys, the report, plot, merge, parse errors and the culture.
/// </summary>
[Collection("Cli")]
public sealed class CheckRunTests
{
    private static readonly string Example = Path.Combine(CliHarness.Examples, "checks.yaml");
    private static readonly string[] Keys = ["id", "dynamics", "kind", "verdict", "margin", "worst_t", "measured", "bound", "records"];
    private static readonly double[] Lambda = [3, 2, 1, 0.5];

    /// <summary>
    /// The example's dynamics mode by mode: with a diagonal target and U = 2.5·I, V = 1.5·I both factors stay diagonal,
    /// so mode i is the pair (u, v) with loss ½(uv − λᵢ)² and UᵀU − VᵀV = diag(u² − v²) (operator norm: the largest |u² − v²|).
    /// </summary>
    private static (double Loss, double Imbalance) Modes(double[] u, double[] v) =>
        (Enumerable.Range(0, 4).Sum(i => 0.5 * (u[i] * v[i] - Lambda[i]) * (u[i] * v[i] - Lambda[i])),
         Enumerable.Range(0, 4).Max(i => Math.Abs(u[i] * u[i] - v[i] * v[i])));

    /// <summary>Descent with η = 0.01 at iterates 0, 10, …, 300 (the example's records).</summary>
    private static List<(double Loss, double Imbalance)> Descent()
    {
        double[] u = [2.5, 2.5, 2.5, 2.5], v = [1.5, 1.5, 1.5, 1.5];
        var records = new List<(double, double)> { Modes(u, v) };
        for (int k = 1; k <= 300; k++)
        {
            for (int i = 0; i < 4; i++)
            {
                double r = u[i] * v[i] - Lambda[i];
                (u[i], v[i]) = (u[i] - 0.01 * r * v[i], v[i] - 0.01 * r * u[i]);
            }
            if (k % 10 == 0) records.Add(Modes(u, v));
        }
        return records;
    }

    /// <summary>The flow's loss at t = 0, 0.1, …, 3 by classical RK4 with step 1e-4 (error far below the example's rtol).</summary>
    private static List<double> FlowLoss()
    {
        double[] u = [2.5, 2.5, 2.5, 2.5], v = [1.5, 1.5, 1.5, 1.5];
        var losses = new List<double> { Modes(u, v).Loss };
        const double h = 1e-4;
        for (int step = 1; step <= 30_000; step++)
        {
            for (int i = 0; i < 4; i++)
            {
                double l = Lambda[i];
                (double, double) F(double a, double b) => (-(a * b - l) * b, -(a * b - l) * a);
                var (k1u, k1v) = F(u[i], v[i]);
                var (k2u, k2v) = F(u[i] + h / 2 * k1u, v[i] + h / 2 * k1v);
                var (k3u, k3v) = F(u[i] + h / 2 * k2u, v[i] + h / 2 * k2v);
                var (k4u, k4v) = F(u[i] + h * k3u, v[i] + h * k3v);
                u[i] += h / 6 * (k1u + 2 * k2u + 2 * k3u + k4u);
                v[i] += h / 6 * (k1v + 2 * k2v + 2 * k3v + k4v);
            }
            if (step % 1000 == 0) losses.Add(Modes(u, v).Loss);
        }
        return losses;
    }

    private static (int Exit, string Out, string Err, string Dir) Run(string file, params string[] extra)
    {
        string dir = Path.Combine(CliHarness.TempDir(), "out");
        var (exit, stdout, err) = CliHarness.Run(["run", file, "--out", dir, "-q", .. extra]);
        return (exit, stdout, err, dir);
    }

    private static string Copy(string text, string name = "checks.yaml")
    {
        string file = Path.Combine(CliHarness.TempDir(), name);
        File.WriteAllText(file, text);
        return file;
    }

    [Fact]
    public void Example_ThreeBoundsHold_TheFalseOneFailsWithItsMargin_Exit1_OutputsWritten()
    {
        var (exit, stdout, err, dir) = Run(Example);
        Assert.Equal(1, exit);
        Assert.Equal("", err);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        var checks = doc.RootElement.GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal(["imbalance-conserved/flow", "flow-loss-nonincreasing/flow", "descent-below-flow/descent", "descent-conserves-imbalance/descent"],
            checks.Select(c => $"{c.GetProperty("id").GetString()}/{c.GetProperty("dynamics").GetString()}"));
        Assert.Equal(["pass", "pass", "pass", "fail"], checks.Select(c => c.GetProperty("verdict").GetString()));

        // The false bound: descent changes the imbalance; margin = tolerance / the largest recorded drift.
        var descent = Descent();
        var drifts = descent.Select(r => Math.Abs(r.Imbalance - 4)).ToList();
        int worst = drifts.IndexOf(drifts.Max());
        var failed = checks[3];
        Assert.Equal(1e-6 / drifts[worst], failed.GetProperty("margin").GetDouble(), 1e-7 * failed.GetProperty("margin").GetDouble());
        Assert.Equal(worst * 0.1, failed.GetProperty("worst_t").GetDouble(), 12);
        Assert.Equal(descent[worst].Imbalance, failed.GetProperty("measured").GetDouble(), 12);
        Assert.Equal(4.0, failed.GetProperty("bound").GetDouble(), 14);
        Assert.Equal(31, failed.GetProperty("records").GetInt32());

        // Descent ahead of the flow from t = 0.1: margin = the smallest flow/descent loss ratio over the records.
        var flow = FlowLoss();
        var ratios = Enumerable.Range(1, 30).Select(j => flow[j] / descent[j].Loss).ToList();
        var ahead = checks[2];
        Assert.Equal(ratios.Min(), ahead.GetProperty("margin").GetDouble(), 1e-6);
        Assert.Equal((ratios.IndexOf(ratios.Min()) + 1) * 0.1, ahead.GetProperty("worst_t").GetDouble(), 12);
        Assert.Equal(30, ahead.GetProperty("records").GetInt32());

        // The flow conserves the imbalance to its integration error (drift ≤ 1e-9 at rtol 1e-10), and its loss
        // strictly decreases from record to record (margin ∞).
        Assert.True(checks[0].GetProperty("margin").GetDouble() >= 1e3, checks[0].ToString());
        Assert.Equal("Infinity", checks[1].GetProperty("margin").GetString());

        foreach (var c in checks) Assert.Equal(Keys, c.EnumerateObject().Select(p => p.Name));
        Assert.Equal([
            "check imbalance-conserved          flow     pass  margin " + CheckSummary.FormatMargin(checks[0].GetProperty("margin").GetDouble()),
            "check flow-loss-nonincreasing      flow     pass  margin ∞",
            "check descent-below-flow           descent  pass  margin " + CheckSummary.FormatMargin(ratios.Min()),
            "check descent-conserves-imbalance  descent  fail  margin " + CheckSummary.FormatMargin(1e-6 / drifts[worst]),
            Path.GetFullPath(dir),
        ], stdout.TrimEnd('\n').Split('\n'));

        // Every output is there: the metric the checks read is recorded, one figure per check, the table in the report.
        Assert.StartsWith("dynamics,time,iterate,loss,imbalance\n", File.ReadAllText(Path.Combine(dir, "trajectory.csv")));
        foreach (var id in new[] { "imbalance-conserved", "flow-loss-nonincreasing", "descent-below-flow", "descent-conserves-imbalance" })
            Assert.True(File.Exists(Path.Combine(dir, "figures", $"check-{id}.svg")), id);
        string html = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.Contains("<h2>Checks</h2>\n<p>3 pass, 1 fail.", html);
        Assert.Equal(7, html.Split("<svg").Length - 1);   // loss, imbalance, the descent/flow distance, and the four checks
        using var scenario = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "scenario.json")));
        Assert.Equal(4, scenario.RootElement.GetProperty("checks").GetArrayLength());
    }

    [Fact]
    public void AllChecksPass_Exit0_AndTheResolvedScenarioRunsAgainToTheSameChecks()
    {
        string text = File.ReadAllText(Example);
        string file = Copy(text[..text.IndexOf("  # 4. DELIBERATELY FALSE", StringComparison.Ordinal)]);
        var (exit, stdout, _, dir) = Run(file);
        Assert.Equal(0, exit);
        Assert.Equal(3, stdout.Split('\n').Count(l => l.StartsWith("check ", StringComparison.Ordinal)));
        var (again, _, _, dir2) = Run(Path.Combine(dir, "scenario.json"));
        Assert.Equal(0, again);
        string Checks(string d) => JsonDocument.Parse(File.ReadAllText(Path.Combine(d, "summary.json"))).RootElement.GetProperty("checks").ToString();
        Assert.Equal(Checks(dir), Checks(dir2));
    }

    [Theory]
    [InlineData("bound: flow.loss", "bound: los", "checks[2].bound: unknown variable 'los' at position 1 (did you mean 'loss'?)")]
    [InlineData("bound: flow.loss", "bound: flow.loss * (1 + eta", "checks[2].bound: ")]
    [InlineData("measured: loss\n", "measured: loss\n    bond: 1\n", "checks[1].bond: unknown field (did you mean 'bound'?")]
    [InlineData("    tolerance: 1.0e-6\n  # 2.", "    tolerance: 1,0e-6\n  # 2.", "checks[0].tolerance: expected a number (got '1,0e-6')")]
    [InlineData("dynamics: flow\n    kind: nonincreasing", "dynamics: flwo\n    kind: nonincreasing", "checks[1].dynamics: unknown dynamics 'flwo' (did you mean 'flow'?")]
    public void ParseErrors_NameFileFieldAndPosition_Exit2_NothingWritten(string from, string to, string expected)
    {
        string text = File.ReadAllText(Example);
        Assert.Contains(from, text);
        var (exit, stdout, err, dir) = Run(Copy(text.Replace(from, to)));
        Assert.Equal(2, exit);
        Assert.Contains("flowsim: checks.yaml: " + expected, err);
        Assert.False(CliHarness.HasStackTrace(err), err);
        Assert.Equal("", stdout);
        Assert.False(Directory.Exists(dir));
        Assert.DoesNotContain(Directory.GetFileSystemEntries(Path.GetDirectoryName(dir)!), e => !e.EndsWith("checks.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void SchemaListsTheChecksFields()
    {
        var (exit, stdout, _) = CliHarness.Run("scenario", "--schema");
        Assert.Equal(0, exit);
        foreach (var field in new[] { "checks ", "checks[].id ", "checks[].kind ", "checks[].measured ", "checks[].bound ", "checks[].tolerance ", "checks[].from ", "checks[].to " })
            Assert.Contains("\n" + field, stdout);
    }

    [Fact]
    public void Plot_RedrawsTheCheckFiguresAndTable()
    {
        var (_, _, _, dir) = Run(Example);
        string figure = Path.Combine(dir, "figures", "check-descent-below-flow.svg");
        string original = File.ReadAllText(figure), html = File.ReadAllText(Path.Combine(dir, "report.html"));
        File.Delete(figure);
        var (exit, _, err) = CliHarness.Run("plot", dir);
        Assert.True(exit == 0, err);
        Assert.Equal(original, File.ReadAllText(figure));
        Assert.Equal(html, File.ReadAllText(Path.Combine(dir, "report.html")));
    }

    [Fact]
    public void Merge_AddsAColumnPerCheck_AndListsTheFailingPoints()
    {
        string sweep = Path.Combine(CliHarness.TempDir(), "sweep");
        Assert.Equal(0, CliHarness.Run(["sweep", Example, "--param", "dynamics[1].eta=0.01,0.02", "--out", sweep, "-q"]).Exit);
        var (exit, stdout, _) = CliHarness.Run("merge", sweep);
        Assert.Equal(0, exit);
        var lines = File.ReadAllText(Path.Combine(sweep, "sweep.csv")).TrimEnd('\n').Split('\n');
        Assert.EndsWith(",last_loss,last_imbalance,check_imbalance-conserved,check_flow-loss-nonincreasing,check_descent-below-flow,check_descent-conserves-imbalance", lines[0]);
        Assert.Equal(5, lines.Length);
        Assert.EndsWith(",pass,pass,,", lines[1]);     // point 0, flow
        Assert.EndsWith(",,,pass,fail", lines[2]);     // point 0, descent
        string margin0 = JsonDocument.Parse(File.ReadAllText(Path.Combine(sweep, "point-0000", "summary.json"))).RootElement
            .GetProperty("checks")[3].GetProperty("margin").GetDouble() is var m ? CheckSummary.FormatMargin(m) : "";
        var drift = Descent().Max(r => Math.Abs(r.Imbalance - 4));
        Assert.Equal(CheckSummary.FormatMargin(1e-6 / drift), margin0);
        Assert.Contains("failing checks at 2 points:\n"
                        + $"  point-0000 (dynamics[1].eta=0.01): descent-conserves-imbalance on descent (margin {margin0})\n"
                        + "  point-0001 (dynamics[1].eta=0.02): descent-conserves-imbalance on descent (margin ", stdout);
    }

    [Fact]
    public void GermanCulture_ChangesNeitherParsingNorOutputs()
    {
        string Outputs()
        {
            var (exit, stdout, _, dir) = Run(Example);
            Assert.Equal(1, exit);
            string summary = CliHarness.WithoutClock(File.ReadAllText(Path.Combine(dir, "summary.json")));
            return string.Join("\n---\n", stdout.Replace(Path.GetFullPath(dir), "DIR"), summary, File.ReadAllText(Path.Combine(dir, "scenario.json")),
                File.ReadAllText(Path.Combine(dir, "figures", "check-descent-below-flow.svg")));
        }
        var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        string invariant, german;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
            invariant = Outputs();
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("de-DE");
            Assert.Equal("1,5", 1.5.ToString(CultureInfo.CurrentCulture));
            german = Outputs();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
        }
        Assert.Equal(invariant, german);
        Assert.Contains("\"tolerance\": 1E-06", invariant);
    }
}

using System.Text.Json;
using System.Text.RegularExpressions;
using FlowSim.Tests.Cli;
using FlowSim.Theory;
using Xunit;
using Xunit.Abstractions;

namespace FlowSim.Tests.Theory;

/// <summary>
/// The README's main command, <c>flowsim validate --quick</c>, run once in-process over the real catalogue: every
/// claim appears once with its paper's metadata and passes, the report is self-contained, and each claim fails when
/// it is fed the wrong input it documents (<see cref="ClaimContext.Perturb{T}"/>).
/// </summary>
[Collection("Cli")]
public class ClaimContractTests(QuickValidationRun run, ITestOutputHelper output) : IClassFixture<QuickValidationRun>
{
    public static TheoryData<string> Ids => new(ClaimCatalog.Default.GetClaims().Select(c => c.Id));

    private static Claim ClaimOf(string id) => ClaimCatalog.Default.GetClaims().Single(c => c.Id == id);

    [Fact]
    public void Catalogue_NumbersEachPapersClaimsFromOne_InReportOrder()
    {
        var claims = ClaimCatalog.Default.GetClaims();
        var expected = Papers.All.SelectMany(p => claims.Where(c => c.Paper == p.Label)
            .Select((_, i) => $"{p.IdPrefix}{i + 1}")).ToList();
        Assert.Equal(expected, claims.Select(c => c.Id));
        Assert.Equal(50, claims.Count); // THEORY.md §4: W1–W7, Y1–Y10, C1–C19, F1–F2; §6.3: E1–E12
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void PassesInQuickMode_WithItsPapersSourceAndRecordedParameters(string id)
    {
        var claim = ClaimOf(id);
        var json = run.Claim(id);
        Assert.Equal("pass", json.GetProperty("verdict").GetString());
        var margin = json.GetProperty("margin");
        Assert.True(margin.ValueKind == JsonValueKind.String || margin.GetDouble() >= 1, $"margin {margin}");
        var paper = Papers.All.Single(p => p.Label == claim.Paper);
        Assert.StartsWith(paper.Source(""), claim.Source);
        Assert.NotEmpty(json.GetProperty("parameters").EnumerateObject());
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void FailsOnItsDocumentedWrongInput(string id)
    {
        var result = ClaimRunner.RunOne(ClaimOf(id), new ClaimSettings(Quick: true) { Perturbed = true });
        output.WriteLine($"{id}: {result.Verdict}: {result.Message}");
        Assert.Equal(Verdict.Fail, result.Verdict);
    }

    [Fact]
    public void QuickValidation_ExitsZero_AndTheReportIsSelfContained()
    {
        Assert.Equal(0, run.Exit);
        string html = File.ReadAllText(Path.Combine(run.Directory, "report.html"));
        Assert.DoesNotMatch(new Regex(@"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}/", RegexOptions.IgnoreCase), html.Replace("http://www.w3.org/2000/svg", ""));
        Assert.DoesNotContain("<script src", html);
        Assert.DoesNotContain("<link ", html);
        var csvLines = File.ReadAllLines(Path.Combine(run.Directory, "claims.csv")).Where(l => l.Length > 0).ToArray();
        Assert.Equal(ClaimCatalog.Default.GetClaims().Count + 1, csvLines.Length);
        foreach (var figure in run.Report.RootElement.GetProperty("figures").EnumerateArray())
        {
            Assert.True(File.Exists(Path.Combine(run.Directory, figure.GetProperty("file").GetString()!)), figure.GetProperty("file").GetString());
            Assert.Contains("FlowSim's own", figure.GetProperty("caption").GetString());
        }
    }

    [Fact]
    public void Y7_ReportsTheStageOneTimeOfThePrintedParameters()
    {
        // t₁ = [ln(9999) + ln(1/9)]/10 for σ₁ = 5, σ_d = 1, d = 5, c = 1, ε = 0.01, α = ½ (hand-computed from (9)).
        double t1 = run.Claim("Y7").GetProperty("reported").GetProperty("t₁").GetDouble();
        Assert.Equal((Math.Log(9999) + Math.Log(1.0 / 9)) / 10, t1, 14);
    }
}

/// <summary>One <c>flowsim validate --quick --seed 1</c> run shared by the contract tests, so each claim runs once in quick mode.</summary>
public sealed class QuickValidationRun : IDisposable
{
    public QuickValidationRun()
    {
        Directory = Path.Combine(Path.GetTempPath(), "flowsim-quick-" + Guid.NewGuid().ToString("N"));
        Exit = CliHarness.Run("validate", "--quick", "--out", Directory, "--seed", "1").Exit;
        Report = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "report.json")));
    }

    public string Directory { get; }
    public int Exit { get; }
    public JsonDocument Report { get; }

    /// <summary>The report's object for claim <paramref name="id"/> (exactly one).</summary>
    public JsonElement Claim(string id) =>
        Report.RootElement.GetProperty("claims").EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);

    public void Dispose()
    {
        Report.Dispose();
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, true);
    }
}

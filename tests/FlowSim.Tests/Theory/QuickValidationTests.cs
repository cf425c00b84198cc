using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace FlowSim.Tests.Theory;

/// <summary>
/// The README's main command, in-process: <c>flowsim validate --quick</c> over the real claim catalogue. Every claim id
/// of THEORY.md §4 is present and passes, and the report files exist, parse and reference nothing outside themselves.
/// </summary>
[Collection("Cli")]
public class QuickValidationTests
{
    private static readonly string[] TheoryIds =
    [
        .. Enumerable.Range(1, 7).Select(i => $"W{i}"),
        .. Enumerable.Range(1, 10).Select(i => $"Y{i}"),
        .. Enumerable.Range(1, 19).Select(i => $"C{i}"),
        "F1", "F2",
    ];

    [Fact]
    public void QuickValidation_EveryClaimOfTheoryPasses_AndTheReportIsSelfContained()
    {
        string dir = Path.Combine(Path.GetTempPath(), "flowsim-quick-" + Guid.NewGuid().ToString("N"));
        try
        {
            int exit = FlowSim.Cli.Program.Main(["validate", "--quick", "--out", dir, "--seed", "1"]);

            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "report.json")));
            var claims = json.RootElement.GetProperty("claims").EnumerateArray().ToList();
            var ids = claims.Select(c => c.GetProperty("id").GetString()!).ToHashSet();
            Assert.Empty(TheoryIds.Where(id => !ids.Contains(id)));
            var notPassing = claims.Where(c => c.GetProperty("verdict").GetString() != "pass")
                                   .Select(c => c.GetProperty("id").GetString()).ToList();
            Assert.Empty(notPassing);
            Assert.Equal(0, exit);

            string html = File.ReadAllText(Path.Combine(dir, "report.html"));
            Assert.DoesNotMatch(new Regex(@"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}/", RegexOptions.IgnoreCase), html.Replace("http://www.w3.org/2000/svg", ""));
            Assert.DoesNotContain("<script src", html);
            Assert.DoesNotContain("<link ", html);
            var csvLines = File.ReadAllLines(Path.Combine(dir, "claims.csv")).Where(l => l.Length > 0).ToArray();
            Assert.True(csvLines.Length >= TheoryIds.Length + 1, $"claims.csv has {csvLines.Length} lines");
            foreach (var figure in json.RootElement.GetProperty("figures").EnumerateArray())
                Assert.True(File.Exists(Path.Combine(dir, figure.GetProperty("file").GetString()!)), figure.GetProperty("file").GetString());
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }
}

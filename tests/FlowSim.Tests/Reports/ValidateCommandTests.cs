using System.Text.Json;
using FlowSim.Cli.Commands;
using FlowSim.Theory;
using Xunit;

namespace FlowSim.Tests.Reports;

/// <summary><c>flowsim validate</c> run in-process through Program.Main with injected demo claims.</summary>
[Collection("Cli")]
public class ValidateCommandTests
{
    [Fact]
    public void AllPassing_Exits0_AndWritesTheSelectedClaims()
    {
        string scratch = ReportTestData.NewScratch();
        try
        {
            string dir = Path.Combine(scratch, "report");
            using (ValidateCommand.UseClaimSource(DemoClaims.All()))
            {
                Assert.Equal(0, FlowSim.Cli.Program.Main(["validate", "--only", "T1,T2,T3", "--out", dir, "--seed", "11", "--quick"]));
            }
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "report.json")));
            Assert.Equal(["T1", "T2", "T3"], doc.RootElement.GetProperty("claims").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
            Assert.Equal(11, doc.RootElement.GetProperty("provenance").GetProperty("seed").GetInt32());
            // --quick reached the claim: T1 uses 50 steps then.
            Assert.Equal(200, doc.RootElement.GetProperty("claims")[0].GetProperty("nfev").GetInt64());
            Assert.True(File.Exists(Path.Combine(dir, "report.html")));
        }
        finally
        {
            Directory.Delete(scratch, true);
        }
    }

    [Fact]
    public void AnErrorOrFailure_Exits1_ButStillWritesTheReport()
    {
        string scratch = ReportTestData.NewScratch();
        try
        {
            string dir = Path.Combine(scratch, "report");
            using (ValidateCommand.UseClaimSource(DemoClaims.All()))
            {
                Assert.Equal(1, FlowSim.Cli.Program.Main(["validate", "--out", dir]));
            }
            Assert.Contains("3 pass / 0 fail / 1 error", File.ReadAllText(Path.Combine(dir, "report.html")).Replace("</span>", "").Replace("<span class=\"n pass\">", "").Replace("<span class=\"n fail\">", "").Replace("<span class=\"n error\">", ""));
            using (ValidateCommand.UseClaimSource(new ClaimList([new DemoClaims.LogBound(boundScale: 0.5)])))
            {
                Assert.Equal(1, FlowSim.Cli.Program.Main(["validate", "--out", dir]));
            }
        }
        finally
        {
            Directory.Delete(scratch, true);
        }
    }

    [Fact]
    public void NoClaimsRegistered_StillWritesAnEmptyReport()
    {
        string scratch = ReportTestData.NewScratch();
        try
        {
            string dir = Path.Combine(scratch, "report");
            using (ValidateCommand.UseClaimSource(new ClaimList([])))
            {
                Assert.Equal(0, FlowSim.Cli.Program.Main(["validate", "--out", dir]));
            }
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "report.json")));
            Assert.Equal(0, doc.RootElement.GetProperty("claims").GetArrayLength());
        }
        finally
        {
            Directory.Delete(scratch, true);
        }
    }

    [Theory]
    [InlineData("--only", "T1,X7")]
    [InlineData("--seed", "-1")]
    [InlineData("--seed", "abc")]
    public void UsageErrors_Exit2_AndWriteNothing(string option, string value)
    {
        string scratch = ReportTestData.NewScratch();
        try
        {
            using (ValidateCommand.UseClaimSource(DemoClaims.All()))
            {
                Assert.Equal(2, FlowSim.Cli.Program.Main(["validate", "--out", Path.Combine(scratch, "report"), option, value]));
            }
            Assert.Empty(Directory.EnumerateFileSystemEntries(scratch));
        }
        finally
        {
            Directory.Delete(scratch, true);
        }
    }

    [Fact]
    public void OutputThatIsAFile_IsAUsageError()
    {
        string scratch = ReportTestData.NewScratch();
        try
        {
            string file = Path.Combine(scratch, "a-file");
            File.WriteAllText(file, "x");
            using (ValidateCommand.UseClaimSource(DemoClaims.Passing()))
            {
                Assert.Equal(2, FlowSim.Cli.Program.Main(["validate", "--out", file]));
            }
            Assert.Equal("x", File.ReadAllText(file));
        }
        finally
        {
            Directory.Delete(scratch, true);
        }
    }
}

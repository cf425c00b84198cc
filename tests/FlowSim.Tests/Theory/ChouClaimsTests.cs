using FlowSim.Theory;
using Xunit;
using Xunit.Abstractions;

namespace FlowSim.Tests.Theory;

/// <summary>
/// The scalar P3 claims C1–C15 and FlowSim's F2 run through the harness as the validation runner does; each kind of
/// check is shown once to fail when its input or reference is wrong.
/// </summary>
public class ChouClaimsTests(ITestOutputHelper output)
{
    public static TheoryData<string> Ids => new()
    {
        "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "C10", "C11", "C12", "C13", "C14", "C15", "F2",
    };

    [Theory]
    [MemberData(nameof(Ids))]
    public void Claim_PassesInQuickMode(string id)
    {
        var claim = ClaimCatalog.Default.GetClaims().Single(c => c.Id == id);
        var result = ClaimRunner.RunOne(claim, new ClaimSettings(Quick: true));
        Dump(result);
        Assert.Equal(Verdict.Pass, result.Verdict);
        Assert.NotEmpty(result.Parameters);
    }

    [Fact]
    public void Catalog_HasEveryScalarClaimWithItsPaper()
    {
        var claims = ClaimCatalog.Default.GetClaims().ToDictionary(c => c.Id);
        for (int i = 1; i <= 15; i++)
        {
            Assert.True(claims.ContainsKey($"C{i}"), $"C{i} is not registered");
            Assert.Equal(Papers.Chou.Label, claims[$"C{i}"].Paper);
            Assert.Contains("seeds/002_", claims[$"C{i}"].Source);
        }
        Assert.Equal(Papers.FlowSim.Label, claims["F2"].Paper);
    }

    [Theory]
    [InlineData("C8", "depth-arrival")]
    [InlineData("C9", "epsilon-counts")]
    [InlineData("C14", "sign-change")]
    [InlineData("C14", "negative-eigenvalue")]
    public void Figures_AreAttachedWithCaptionsNamingFlowSimsParameters(string id, string stem)
    {
        var claim = ClaimCatalog.Default.GetClaims().Single(c => c.Id == id);
        var result = ClaimRunner.RunOne(claim, new ClaimSettings(Quick: true));
        var figure = Assert.Single(result.Figures, f => f.FileStem == stem);
        Assert.Contains("FlowSim's own", figure.Caption);
        Assert.NotEmpty(figure.Series);
    }

    [Fact]
    public void ClosedFormCheck_FailsWithPerturbedClosedForm()
    {
        var result = ClaimRunner.RunOne(new ChouClaims.C1(closedFormShift: 1e-6), new ClaimSettings(Quick: true));
        Dump(result);
        Assert.Equal(Verdict.Fail, result.Verdict);
    }

    [Fact]
    public void ExactIdentity_FailsWithFlippedSignInRecursion()
    {
        var result = ClaimRunner.RunOne(new ChouClaims.C15(rSign: -1), new ClaimSettings(Quick: true));
        Dump(result);
        Assert.Equal(Verdict.Fail, result.Verdict);
    }

    [Fact]
    public void HardInequality_FailsWhenDescentIsComparedWithAnEarlierFlowTime()
    {
        var result = ClaimRunner.RunOne(new FlowSimClaims.F2(stepShift: -1), new ClaimSettings(Quick: true));
        Dump(result);
        Assert.Equal(Verdict.Fail, result.Verdict);
    }

    [Fact]
    public void DerivedAnalog_FailsWithShiftedPrintedFlowTime()
    {
        var result = ClaimRunner.RunOne(new ChouClaims.C8(referenceShift: 1e-5), new ClaimSettings(Quick: true));
        Dump(result);
        Assert.Equal(Verdict.Fail, result.Verdict);
    }

    [Fact]
    public void DerivedAnalog_FailsWithWrongPhaseTransitionIndex()
    {
        var result = ClaimRunner.RunOne(new ChouClaims.C14(printedKStar: 25), new ClaimSettings(Quick: true));
        Assert.Equal(Verdict.Fail, result.Verdict);
    }

    [Fact]
    public void StructuralCheck_FailsForAPositiveEigenvalue()
    {
        // λ = +1 is fitted, not cut off: x_k rises and the product tends to 1, so the cut-off check must fail.
        var result = ClaimRunner.RunOne(new ChouClaims.C12(lambda: 1), new ClaimSettings(Quick: true));
        Dump(result);
        Assert.Equal(Verdict.Fail, result.Verdict);
    }

    private void Dump(ClaimResult r)
    {
        output.WriteLine($"{r.Id} {r.Verdict} {r.WallSeconds:F3}s rhs={r.RhsEvaluations}: {r.Message}");
        foreach (var c in r.Checks) output.WriteLine("  " + c.Message);
        foreach (var kv in r.Reported) output.WriteLine($"  [{kv.Key}] = {kv.Value:R}");
        foreach (var n in r.Notes) output.WriteLine("  note: " + n);
    }
}

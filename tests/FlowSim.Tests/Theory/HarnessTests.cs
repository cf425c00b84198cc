using FlowSim.Tests.Reports;
using FlowSim.Theory;
using Xunit;

namespace FlowSim.Tests.Theory;

/// <summary>The claim harness: verdict helpers and margins, sub-check merging, selection, running, errors, seeding.</summary>
public class HarnessTests
{
    // ---- verdict helpers: the right verdict and margin, and a wrong input flips the verdict ----

    [Fact]
    public void UpperBound_MarginIsBoundOverMeasured_AndExceedingFlipsToFail()
    {
        var ok = ClaimOutcome.UpperBound(2.5e-13, 1e-12);
        Assert.Equal(Verdict.Pass, ok.Verdict);
        Assert.Equal(4.0, ok.Margin, 12);
        Assert.Equal(BoundDirection.Upper, ok.BoundDirection);

        var bad = ClaimOutcome.UpperBound(4e-12, 1e-12);
        Assert.Equal(Verdict.Fail, bad.Verdict);
        Assert.Equal(0.25, bad.Margin, 12);
    }

    [Fact]
    public void LowerBound_MarginIsMeasuredOverBound_AndFlippedSignFails()
    {
        var ok = ClaimOutcome.LowerBound(Math.Log(4), 0.75);
        Assert.Equal(Verdict.Pass, ok.Verdict);
        Assert.Equal(Math.Log(4) / 0.75, ok.Margin, 12);

        var flipped = ClaimOutcome.LowerBound(-Math.Log(4), 0.75);
        Assert.Equal(Verdict.Fail, flipped.Verdict);
        Assert.Equal(0.0, flipped.Margin);
    }

    [Fact]
    public void LowerBound_NegativeBound_UsesRatioOfMagnitudes()
    {
        // λ_min ≥ −1e−10 met by −3e−12 (Y2-style): the violation is 33⅓ times smaller than allowed.
        var ok = ClaimOutcome.LowerBound(-3e-12, -1e-10);
        Assert.Equal(Verdict.Pass, ok.Verdict);
        Assert.Equal(100.0 / 3.0, ok.Margin, 9);
        Assert.Equal(double.PositiveInfinity, ClaimOutcome.LowerBound(0.0, -1e-10).Margin);

        var bad = ClaimOutcome.LowerBound(-1e-9, -1e-10);
        Assert.Equal(Verdict.Fail, bad.Verdict);
        Assert.Equal(0.1, bad.Margin, 12);
    }

    [Fact]
    public void Agreement_MarginIsToleranceOverDifference_AndPerturbedReferenceFails()
    {
        // C1's closed form x(1)² = e²/(e² + 99).
        double reference = Math.Exp(2) / (Math.Exp(2) + 99);
        Assert.Equal(0.0694531596563805, reference, 14);
        var ok = ClaimOutcome.Agreement(reference + 2e-9, reference, 1e-8);
        Assert.Equal(Verdict.Pass, ok.Verdict);
        Assert.Equal(5.0, ok.Margin, 6);
        Assert.Equal(reference, ok.Reference);
        Assert.Equal(1e-8, ok.Tolerance);

        var perturbed = ClaimOutcome.Agreement(reference, reference * (1 + 1e-6), 1e-8);
        Assert.Equal(Verdict.Fail, perturbed.Verdict);
        Assert.True(perturbed.Margin < 1);

        Assert.Equal(double.PositiveInfinity, ClaimOutcome.Agreement(0.5, 0.5, 1e-12).Margin);
    }

    [Fact]
    public void RelativeAgreement_ScalesWithReference_AndPerturbedReferenceFails()
    {
        var ok = ClaimOutcome.RelativeAgreement(1000.0005, 1000.0, 1e-6);
        Assert.Equal(Verdict.Pass, ok.Verdict);
        Assert.True(ok.IsRelativeTolerance);
        Assert.Equal(2.0, ok.Margin, 6);
        Assert.Equal(Verdict.Fail, ClaimOutcome.RelativeAgreement(1000.0005, 1000.01, 1e-6).Verdict);
        Assert.Throws<ArgumentException>("reference", () => ClaimOutcome.RelativeAgreement(1, 0, 1e-6));
    }

    [Fact]
    public void Condition_PassesOnlyWhenItHolds()
    {
        var seq = new[] { 3.0, 2.0, 2.0, 1.0 };
        bool nonIncreasing = seq.Zip(seq.Skip(1)).All(p => p.Second <= p.First);
        Assert.Equal(Verdict.Pass, ClaimOutcome.Condition(nonIncreasing, "sequence non-increasing").Verdict);
        var reversed = seq.Reverse().ToArray();
        bool flipped = reversed.Zip(reversed.Skip(1)).All(p => p.Second <= p.First);
        var bad = ClaimOutcome.Condition(flipped, "sequence non-increasing");
        Assert.Equal(Verdict.Fail, bad.Verdict);
        Assert.True(double.IsNaN(bad.Margin));
        Assert.Contains("violated", bad.Message);
    }

    [Fact]
    public void NaNMeasurement_AlwaysFails()
    {
        Assert.Equal(Verdict.Fail, ClaimOutcome.UpperBound(double.NaN, 1).Verdict);
        Assert.Equal(Verdict.Fail, ClaimOutcome.LowerBound(double.NaN, 1).Verdict);
        Assert.Equal(Verdict.Fail, ClaimOutcome.Agreement(double.NaN, 1, 1).Verdict);
        Assert.Equal(Verdict.Fail, ClaimOutcome.RelativeAgreement(double.NaN, 1, 1).Verdict);
    }

    [Fact]
    public void Helpers_RejectBadArguments_NamingTheParameter()
    {
        Assert.Throws<ArgumentException>("bound", () => ClaimOutcome.UpperBound(1, double.NaN));
        Assert.Throws<ArgumentException>("tolerance", () => ClaimOutcome.Agreement(1, 1, -1e-9));
        Assert.Throws<ArgumentException>("reference", () => ClaimOutcome.Agreement(1, double.PositiveInfinity, 1));
        Assert.Throws<ArgumentException>("description", () => ClaimOutcome.Condition(true, " "));
        Assert.Throws<ArgumentException>("parts", () => ClaimOutcome.Combine());
    }

    [Fact]
    public void Combine_TakesWorstVerdict_AndTheTightestPartAsHeadline()
    {
        var parts = new[]
        {
            ClaimOutcome.UpperBound(1e-13, 1e-12, "a"), // margin 10
            ClaimOutcome.UpperBound(5e-13, 1e-12, "b"), // margin 2
            ClaimOutcome.Agreement(1.0, 1.0 + 1e-14, 1e-12, "c"), // margin 100
        };
        var all = ClaimOutcome.Combine(parts);
        Assert.Equal(Verdict.Pass, all.Verdict);
        Assert.Equal(2.0, all.Margin, 9);
        Assert.Equal(5e-13, all.Measured);
        Assert.Equal(3, all.Parts.Count);

        var withFailure = ClaimOutcome.Combine(parts.Append(ClaimOutcome.UpperBound(3e-12, 1e-12, "d")));
        Assert.Equal(Verdict.Fail, withFailure.Verdict);
        Assert.Equal(3e-12, withFailure.Measured);
        Assert.Contains("1 of 4 sub-checks fail", withFailure.Message);
        Assert.Contains("d:", withFailure.Message);
    }

    // ---- demo claims: real checks pass, wrong inputs fail ----

    [Fact]
    public void DemoClosedForm_PassesWithTrueReference_FailsWithPerturbedOne()
    {
        var ok = ClaimRunner.RunOne(new DemoClaims.RungeKuttaExponential(), new ClaimSettings());
        Assert.Equal(Verdict.Pass, ok.Verdict);
        Assert.Equal(400, ok.RhsEvaluations);                      // 4 stages × 100 steps
        Assert.InRange(Math.Abs(ok.Measured - Math.E), 1e-11, 1e-9); // RK4 global error ≈ e·h⁴/120 = 2.3e−10
        Assert.Single(ok.Figures);
        Assert.Equal(Verdict.Fail, ClaimRunner.RunOne(new DemoClaims.RungeKuttaExponential(referenceOffset: 1e-6), new ClaimSettings()).Verdict);
    }

    [Fact]
    public void DemoIdentity_PassesWithTrueBound_FailsWithHalvedBound()
    {
        var ok = ClaimRunner.RunOne(new DemoClaims.LogBound(), new ClaimSettings());
        Assert.Equal(Verdict.Pass, ok.Verdict);
        Assert.Equal(4, ok.Checks.Count);
        // Tightest at g = −10: |20 ln 0.5 + 10| = 3.8629… under η g² = 5.
        Assert.Equal(5 / Math.Abs(20 * Math.Log(0.5) + 10), ok.Margin, 9);
        Assert.Equal(Verdict.Fail, ClaimRunner.RunOne(new DemoClaims.LogBound(boundScale: 0.5), new ClaimSettings()).Verdict);
    }

    [Fact]
    public void DemoDerivedAnalog_FlippedSignFails()
    {
        Assert.Equal(Verdict.Pass, ClaimRunner.RunOne(new DemoClaims.LogLowerBound(), new ClaimSettings()).Verdict);
        Assert.Equal(Verdict.Fail, ClaimRunner.RunOne(new DemoClaims.LogLowerBound(flip: true), new ClaimSettings()).Verdict);
    }

    // ---- runner ----

    [Fact]
    public void Runner_TurnsAnExceptionIntoError_AndKeepsGoing()
    {
        var runner = new ClaimRunner(DemoClaims.All());
        var events = new List<ClaimProgress>();
        var results = runner.Run(runner.Claims, new ClaimSettings(), events.Add);

        Assert.Equal(["T1", "T2", "T3", "T4"], results.Select(r => r.Id));
        var error = results.Single(r => r.Id == "T4");
        Assert.Equal(Verdict.Error, error.Verdict);
        Assert.Equal("InvalidOperationException: deliberate failure in T4", error.Message);
        Assert.Equal("before", Assert.Single(error.Parameters).Key); // what was recorded before the throw is kept
        Assert.True(double.IsNaN(error.Measured));
        Assert.All(results.Where(r => r.Id != "T4"), r => Assert.Equal(Verdict.Pass, r.Verdict));
        Assert.Equal(8, events.Count);
        Assert.Equal([null, results[0]], events.Take(2).Select(e => e.Result));
    }

    [Fact]
    public void Runner_NullOutcomeIsAnError()
    {
        var r = ClaimRunner.RunOne(new NullClaim(), new ClaimSettings());
        Assert.Equal(Verdict.Error, r.Verdict);
        Assert.Contains("returned no outcome", r.Message);
    }

    [Fact]
    public void Runner_CancellationAbandonsABlockedClaim()
    {
        using var release = new ManualResetEventSlim(false);
        using var cts = new CancellationTokenSource();
        var runner = new ClaimRunner(new ClaimList([new BlockingClaim(release, cts)]));
        try
        {
            Assert.ThrowsAny<OperationCanceledException>(() => runner.Run(runner.Claims, new ClaimSettings(), null, cts.Token));
        }
        finally
        {
            release.Set();
        }
    }

    [Fact]
    public void Select_ExactIdsPrefixesAndStar()
    {
        var runner = new ClaimRunner(new ClaimList([new Named("C1"), new Named("C2"), new Named("C10"), new Named("W1"), new Named("Y3"), new Named("F1")]));
        Assert.Equal(["W1", "Y3", "C1", "C2", "C10", "F1"], runner.Claims.Select(c => c.Id)); // paper order, numeric within
        Assert.Equal(["C1"], runner.Select("c1").Select(c => c.Id));
        Assert.Equal(["C1", "C2", "C10"], runner.Select("C").Select(c => c.Id));
        Assert.Equal(["C1", "C10"], runner.Select("C1*").Select(c => c.Id));
        Assert.Equal(["W1", "C2"], runner.Select(" C2 , W1,C2").Select(c => c.Id));
        Assert.Equal(6, runner.Select(null).Count);
        var ex = Assert.Throws<ArgumentException>("only", () => runner.Select("W1,C99"));
        Assert.Contains("'C99'", ex.Message);
        Assert.Throws<ArgumentException>("only", () => runner.Select("Q"));
    }

    [Fact]
    public void ClaimList_RejectsDuplicateAndMalformedIds()
    {
        var dup = Assert.Throws<ArgumentException>("claims", () => new ClaimList([new Named("C1"), new Named("C1")]));
        Assert.Contains("C1", dup.Message);
        Assert.Throws<ArgumentException>("claims", () => new ClaimList([new Named("c1")]));
        Assert.Throws<ArgumentException>("claims", () => new ClaimList([new Named("C")]));
    }

    [Fact]
    public void Catalog_FindsNoTestClaimsInTheLibrary()
    {
        // The library's catalog holds only real claims: never a demo, never two with one id.
        var ids = ClaimCatalog.Default.GetClaims().Select(c => c.Id).ToList();
        Assert.DoesNotContain(ids, id => id.StartsWith('T'));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.True(Claim.IsValidId(id), id));
    }

    // ---- context ----

    [Fact]
    public void Random_DependsOnSeedAndClaimId_NotOnRunOrder()
    {
        var a = new ClaimContext("C3", new ClaimSettings(Seed: 7)).CreateRandom().NextDouble();
        var b = new ClaimContext("C3", new ClaimSettings(Seed: 7)).CreateRandom().NextDouble();
        var otherClaim = new ClaimContext("C4", new ClaimSettings(Seed: 7)).CreateRandom().NextDouble();
        var otherSeed = new ClaimContext("C3", new ClaimSettings(Seed: 8)).CreateRandom().NextDouble();
        var otherStream = new ClaimContext("C3", new ClaimSettings(Seed: 7)).CreateRandom("U0").NextDouble();
        Assert.Equal(a, b);
        Assert.NotEqual(a, otherClaim);
        Assert.NotEqual(a, otherSeed);
        Assert.NotEqual(a, otherStream);
        // FNV-1a of "7|C3|" computed independently.
        uint h = 2166136261;
        foreach (char ch in "7|C3|") { h ^= ch; h *= 16777619; }
        Assert.Equal((int)(h & 0x7FFFFFFF), ClaimContext.DeriveSeed(7, "C3", null));
    }

    [Fact]
    public void Context_RecordsSeedParameterAndRejectsBadInput()
    {
        var ctx = new ClaimContext("W1", new ClaimSettings(Seed: 3));
        ctx.SetParameter("m", 4);
        var rng = ctx.CreateRng("measurements");
        ctx.SetParameter("m", 5); // replaced in place
        Assert.Equal(["m", "seed[measurements]"], ctx.Parameters.Select(p => p.Key));
        Assert.Equal(5, ctx.Parameters[0].Value);
        Assert.Equal((ulong)ClaimContext.DeriveSeed(3, "W1", "measurements"), rng.Seed);
        Assert.Throws<ArgumentException>("value", () => ctx.SetParameter("bad", new object()));
        Assert.Throws<ArgumentException>("name", () => ctx.SetParameter("", 1));
        Assert.Throws<ArgumentException>("count", () => ctx.AddRhsEvaluations(-1));
        var fig = new FigureSpec("f", "t");
        Assert.Throws<ArgumentException>("Series", () => ctx.AddFigure(fig));
        fig.AddSeries("s", [1.0], [1.0]);
        Assert.Throws<ArgumentException>("figure", () => ctx.AddFigure(fig)); // no caption
    }

    [Fact]
    public void FigureSpec_ValidatesStemSeriesAndLogDomain()
    {
        Assert.Throws<ArgumentException>("fileStem", () => new FigureSpec("Bad Stem", "t"));
        Assert.Throws<ArgumentException>("y", () => new FigureSeries("s", [1.0, 2.0], [1.0]));
        var fig = new FigureSpec("ok", "t") { LogY = true };
        fig.AddSeries("all non-positive", [1.0, 2.0], [0.0, -1.0]);
        Assert.Throws<ArgumentException>("Series", fig.Validate);
        var band = new FigureSpec("ok", "t").AddSeries("s", [1.0], [1.0]).AddBand(2, 1);
        Assert.Throws<ArgumentException>("Bands", band.Validate);
    }

    [Fact]
    public void KindAndVerdict_DisplayNames()
    {
        Assert.Equal(["closed form", "exact identity", "derived analog", "structural"], Enum.GetValues<ClaimKind>().Select(k => k.DisplayName()));
        Assert.Equal(["pass", "fail", "error"], Enum.GetValues<Verdict>().Select(v => v.DisplayName()));
    }

    private sealed class Named(string id) : Claim
    {
        public override string Id => id;
        public override string Paper => Papers.FlowSim.Label;
        public override string Source => "test";
        public override ClaimKind Kind => ClaimKind.Structural;
        public override string Title => "named " + id;
        public override ClaimOutcome Run(ClaimContext context) => ClaimOutcome.Condition(true, "trivial");
    }

    private sealed class NullClaim : Claim
    {
        public override string Id => "T9";
        public override string Paper => "Test paper";
        public override string Source => "test";
        public override ClaimKind Kind => ClaimKind.Structural;
        public override string Title => "returns null";
        public override ClaimOutcome Run(ClaimContext context) => null!;
    }

    /// <summary>Blocks without looking at the token, after asking for cancellation: the runner must still return.</summary>
    private sealed class BlockingClaim(ManualResetEventSlim release, CancellationTokenSource cts) : Claim
    {
        public override string Id => "T8";
        public override string Paper => "Test paper";
        public override string Source => "test";
        public override ClaimKind Kind => ClaimKind.Structural;
        public override string Title => "blocks";

        public override ClaimOutcome Run(ClaimContext context)
        {
            cts.Cancel();
            release.Wait();
            return ClaimOutcome.Condition(true, "released");
        }
    }
}

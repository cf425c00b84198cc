using FlowSim.Ode;
using FlowSim.Theory;
using Xunit;

namespace FlowSim.Tests.Theory;

/// <summary>
/// The pieces every catalogue claim is built from: metadata from one <see cref="ClaimInfo"/>, parameters recorded from
/// one record, solves that record the options that ran, the paper's note, and the one wrong-input hook.
/// </summary>
public class PaperClaimTests
{
    [Fact]
    public void PaperClaim_RecordsItsParametersRecord_CarriesThePapersNote_AndTakesItsQuickParameters()
    {
        var full = ClaimRunner.RunOne(new Decay(), new ClaimSettings());
        Assert.Equal(Verdict.Pass, full.Verdict);
        Assert.Equal("W99", full.Id);
        Assert.Equal(Papers.Wind.Label, full.Paper);
        Assert.Equal("seeds/000_ed7b44b33561ead9.txt (Wind, arXiv:2309.01796v1) eq. (0)", full.Source);
        Assert.Equal(["T", "tolerance (absolute)", "integrator"], full.Parameters.Select(p => p.Key));
        Assert.Equal(2.0, full.Parameters[0].Value);
        Assert.Equal(Papers.Wind.OwnSettingsNote, full.Notes[^1]);
        var quick = ClaimRunner.RunOne(new Decay(), new ClaimSettings(Quick: true));
        Assert.Equal(1.0, quick.Parameters[0].Value);
    }

    [Fact]
    public void Solve_RecordsTheMethodAndTolerancesThatRan_CountsEvaluations_AndRejectsAFailedRun()
    {
        var ctx = new ClaimContext("T1", new ClaimSettings());
        var problem = new OdeProblem((_, y, dy) => dy[0] = -y[0], 0, 1, [1.0]);
        var loose = new OdeOptions { RelTol = 1e-8, AbsTol = 1e-10, SaveEveryStep = false };
        var sol = ctx.Solve(problem, "dp5", loose);
        Assert.Equal(Math.Exp(-1), sol.FinalState[0], 1e-7);
        Assert.Equal(sol.Statistics.RhsEvaluations, ctx.RhsEvaluations);
        Assert.Equal("dp5, rtol 1e-08, atol 1e-10", Assert.Single(ctx.Parameters).Value);
        ctx.Solve(problem, "dop853", loose with { RelTol = 1e-12 });
        ctx.Solve(problem, "dp5", loose);
        Assert.Equal(new[] { "dp5, rtol 1e-08, atol 1e-10", "dop853, rtol 1e-12, atol 1e-10" }, Assert.Single(ctx.Parameters).Value);
        long counted = ctx.RhsEvaluations;
        Assert.Throws<OdeSolveException>(() => ctx.Solve(problem, "dp5", loose with { MaxSteps = 2 }));
        Assert.Equal(counted, ctx.RhsEvaluations);
    }

    [Fact]
    public void Record_UsesTheParameterNameOrElseThePropertyName_InDeclarationOrder()
    {
        var ctx = new ClaimContext("T1", new ClaimSettings());
        ctx.Record(new Decay.Parameters(3.0));
        Assert.Equal(["T", "tolerance (absolute)"], ctx.Parameters.Select(p => p.Key));
        Assert.Equal([3.0, 1e-6], ctx.Parameters.Select(p => p.Value));
        Assert.Throws<ArgumentException>("value", () => ctx.Record(new { Bad = new object() }));
    }

    [Fact]
    public void Perturb_GivesTheWrongInputOnlyInPerturbedRuns_AndThenTheClaimFails()
    {
        Assert.Equal(1, new ClaimContext("T1", new ClaimSettings()).Perturb(1, 2));
        Assert.Equal(2, new ClaimContext("T1", new ClaimSettings { Perturbed = true }).Perturb(1, 2));
        Assert.Equal(Verdict.Fail, ClaimRunner.RunOne(new Decay(), new ClaimSettings { Perturbed = true }).Verdict);
    }

    [Fact]
    public void Paper_SourceJoinsSeedFileAttributionAndPlace()
    {
        Assert.Equal("seeds/002_3803d596d04caf0a.txt Lemma 2.1", Papers.Chou.Source("Lemma 2.1"));
        Assert.Equal("seeds/001_7edd35be9dcf12ca.txt (attributed to Ye & Du) eq. (5)", Papers.YeDu.Source("eq. (5)"));
        Assert.Equal("FlowSim's own", Papers.FlowSim.Source("FlowSim's own"));
        Assert.Equal(["W", "Y", "C", "F", "E"], Papers.All.Select(p => p.IdPrefix));
    }

    /// <summary>y' = −y from 1 to T against e^{−T}; the wrong input is a reference at T + 0.01.</summary>
    private sealed class Decay() : PaperClaim<Decay.Parameters>(new("W99", Papers.Wind, "eq. (0)", ClaimKind.ClosedForm, "decay", OwnSettingsNote: true),
        quick => new(quick ? 1.0 : 2.0))
    {
        internal sealed record Parameters(double T, [property: Parameter("tolerance (absolute)")] double Tolerance = 1e-6);

        protected override ClaimOutcome Check(ClaimContext context, Parameters p)
        {
            var sol = context.Solve(new OdeProblem((_, y, dy) => dy[0] = -y[0], 0, p.T, [1.0]), "dop853", new OdeOptions { RelTol = 1e-10, AbsTol = 1e-12 });
            return ClaimOutcome.Agreement(sol.FinalState[0], Math.Exp(-(p.T + context.Perturb(0.0, 0.01))), p.Tolerance);
        }
    }
}

using FlowSim.ClosedForm;
using FlowSim.Scenarios.Checks;
using FlowSim.Theory;
using Xunit;
using static FlowSim.Tests.Scenarios.Checks.CheckFixtures;

namespace FlowSim.Tests.Scenarios.Checks;

/// <summary>
/// Every kind on the scalar deep flow with a known x(t) (DeepScalarFlow): N = 1 gives loss(t) = loss_0·e^{−2t}
/// exactly, N = 2 the logistic law, N = 3 the implicit solution; the expected margins and worst records are
/// computed here from the closed forms.
/// </summary>
public class CheckKindTests
{
    // N = 1, λ = 1, α = 0.1: x(t) = 1 − 0.9e^{−t}, loss(t) = 0.405 e^{−2t}; records t = 0, 0.1, …, 3.
    private static readonly CheckRecordTable DepthOne = FlowRecords(1, 1, 0.1, 0.1, 31);

    private static CheckResult Run(CheckSpec check, ICheckRecords records) => CheckEvaluator.Evaluate(check, Flow, records);

    [Fact]
    public void Upper_HoldsWithTheFactorOfTheBound()
    {
        var check = One(ScalarEnv(1), ("id", "decay"), ("kind", "upper"), ("measured", "loss"), ("bound", "2 * loss_0 * exp(-2 * t)"));
        var r = Run(check, DepthOne);
        Assert.Equal(Verdict.Pass, r.Verdict);
        Assert.Equal(31, r.Records);
        Assert.True(Math.Abs(r.Margin - 2) <= 1e-12, $"margin {r.Margin:R}");
    }

    [Fact]
    public void Upper_TooFastADecayFails_MarginIsTheRatioAtTheLastRecord()
    {
        // bound/measured = e^{−3t}/e^{−2t} = e^{−t}: worst at t = 3, margin e^{−3}.
        var check = One(ScalarEnv(1), ("id", "too-fast"), ("kind", "upper"), ("measured", "loss"), ("bound", "loss_0 * exp(-3 * t)"));
        var r = Run(check, DepthOne);
        Assert.Equal(Verdict.Fail, r.Verdict);
        Assert.Equal(3, r.WorstT!.Value, 12);
        Assert.True(Math.Abs(r.Margin - Math.Exp(-3)) <= 1e-12 * Math.Exp(-3), $"margin {r.Margin:R}, expected {Math.Exp(-3):R}");
        double loss0 = 0.5 * 0.9 * 0.9;
        Assert.True(Math.Abs(r.Measured!.Value - loss0 * Math.Exp(-6)) <= 1e-12 * loss0 * Math.Exp(-6));
        Assert.True(Math.Abs(r.Bound!.Value - loss0 * Math.Exp(-9)) <= 1e-12 * loss0 * Math.Exp(-9));
        Assert.Contains("fails over 31 records; worst at t = 3: measured", r.Message);
    }

    [Fact]
    public void Upper_ToleranceWidensTheBound()
    {
        // loss ≤ 0 + τ: the largest loss is loss_0 at t = 0, so the margin is τ/loss_0.
        double loss0 = 0.405;
        var pass = Run(One(ScalarEnv(1), ("id", "a"), ("kind", "upper"), ("measured", "loss"), ("bound", "0"), ("tolerance", 2 * loss0)), DepthOne);
        Assert.Equal(Verdict.Pass, pass.Verdict);
        Assert.Equal(2, pass.Margin, 12);
        Assert.Equal(0, pass.WorstT);
        var fail = Run(One(ScalarEnv(1), ("id", "a"), ("kind", "upper"), ("measured", "loss"), ("bound", "0"), ("tolerance", loss0 / 4)), DepthOne);
        Assert.Equal(Verdict.Fail, fail.Verdict);
        Assert.Equal(0.25, fail.Margin, 12);
    }

    [Fact]
    public void Lower_HoldsAndFailsWithTheClosedFormRatio()
    {
        var pass = Run(One(ScalarEnv(1), ("id", "floor"), ("kind", "lower"), ("measured", "loss"), ("bound", "loss_0 * exp(-2 * t) / 4")), DepthOne);
        Assert.Equal(Verdict.Pass, pass.Verdict);
        Assert.True(Math.Abs(pass.Margin - 4) <= 4e-12, $"margin {pass.Margin:R}");
        // measured/bound = e^{−2t}/e^{−t} = e^{−t}: worst at t = 3.
        var fail = Run(One(ScalarEnv(1), ("id", "floor"), ("kind", "lower"), ("measured", "loss"), ("bound", "loss_0 * exp(-t)")), DepthOne);
        Assert.Equal(Verdict.Fail, fail.Verdict);
        Assert.Equal(3, fail.WorstT!.Value, 12);
        Assert.True(Math.Abs(fail.Margin - Math.Exp(-3)) <= 1e-12 * Math.Exp(-3), $"margin {fail.Margin:R}");
    }

    [Fact]
    public void Equal_LogisticLawOfDepthTwo()
    {
        // N = 2, λ = 1: π(t) = 1/(1 + (1/α² − 1)e^{−2t}), written independently of DeepScalarFlow's λα²/(α² + (λ − α²)e^{−2λt}).
        var records = FlowRecords(2, 1, 0.1, 0.1, 61);
        var exact = Run(One(ScalarEnv(2), ("id", "logistic"), ("kind", "equal"), ("measured", "sv1"),
            ("bound", "1 / (1 + (1 / (alpha * alpha) - 1) * exp(-2 * t))"), ("tolerance", 1e-12)), records);
        Assert.Equal(Verdict.Pass, exact.Verdict);
        Assert.True(exact.Margin > 100, $"margin {exact.Margin:R}");

        // A wrong rate (1.9 instead of 2) with tolerance 1e-3: margin 1e-3 / max |π − wrong| over the records.
        double worst = 0, worstT = 0;
        for (int i = 0; i < 61; i++)
        {
            double t = i * 0.1, d = Math.Abs(DeepScalarFlow.Product(2, 1, 0.1, t) - 1 / (1 + 99 * Math.Exp(-1.9 * t)));
            if (d > worst) (worst, worstT) = (d, t);
        }
        var wrong = Run(One(ScalarEnv(2), ("id", "logistic"), ("kind", "equal"), ("measured", "sv1"),
            ("bound", "1 / (1 + (1 / (alpha * alpha) - 1) * exp(-1.9 * t))"), ("tolerance", 1e-3)), records);
        Assert.Equal(Verdict.Fail, wrong.Verdict);
        Assert.Equal(worstT, wrong.WorstT!.Value, 12);
        Assert.True(Math.Abs(wrong.Margin - 1e-3 / worst) <= 1e-9 * (1e-3 / worst), $"margin {wrong.Margin:R}, expected {1e-3 / worst:R}");
    }

    [Fact]
    public void Monotone_DepthThreeFlow()
    {
        // N = 3, λ = 1, α = 0.1, t ≤ 8 (before t_* ≈ 8.97): π grows strictly, the loss falls strictly.
        var records = FlowRecords(3, 1, 0.1, 0.25, 33);
        var env = ScalarEnv(3);
        var lossDown = Run(One(env, ("id", "a"), ("kind", "nonincreasing"), ("measured", "loss")), records);
        var productUp = Run(One(env, ("id", "b"), ("kind", "nondecreasing"), ("measured", "sv1")), records);
        Assert.Equal((Verdict.Pass, double.PositiveInfinity, 33), (lossDown.Verdict, lossDown.Margin, lossDown.Records));
        Assert.Equal((Verdict.Pass, double.PositiveInfinity), (productUp.Verdict, productUp.Margin));

        // "π non-increasing" is false: the worst record is the largest step up; margin 0 with τ = 0, τ/Δmax with τ > 0.
        double maxStep = 0, at = 0, from = 0, to = 0;
        for (int i = 1; i < 33; i++)
        {
            double a = DeepScalarFlow.Product(3, 1, 0.1, (i - 1) * 0.25), b = DeepScalarFlow.Product(3, 1, 0.1, i * 0.25);
            if (b - a > maxStep) (maxStep, at, from, to) = (b - a, i * 0.25, a, b);
        }
        var strict = Run(One(env, ("id", "c"), ("kind", "nonincreasing"), ("measured", "sv1")), records);
        Assert.Equal((Verdict.Fail, 0.0), (strict.Verdict, strict.Margin));
        Assert.Equal(at, strict.WorstT!.Value, 12);
        Assert.Equal(to, strict.Measured!.Value, 14);
        Assert.Equal(from, strict.Bound!.Value, 14);
        var slack = Run(One(env, ("id", "c"), ("kind", "nonincreasing"), ("measured", "sv1"), ("tolerance", 0.01)), records);
        Assert.Equal(Verdict.Fail, slack.Verdict);
        Assert.True(Math.Abs(slack.Margin - 0.01 / maxStep) <= 1e-9 * slack.Margin, $"margin {slack.Margin:R}, expected {0.01 / maxStep:R}");
        var wide = Run(One(env, ("id", "c"), ("kind", "nonincreasing"), ("measured", "sv1"), ("tolerance", 2 * maxStep)), records);
        Assert.Equal(Verdict.Pass, wide.Verdict);
        Assert.Equal(2, wide.Margin, 9);
    }

    [Fact]
    public void Window_LimitsTheRecords()
    {
        // The failing bound of Upper_TooFastADecayFails on [0, 1] only: worst at t = 1, margin e^{−1}, 11 records.
        var r = Run(One(ScalarEnv(1), ("id", "early"), ("kind", "upper"), ("measured", "loss"), ("bound", "loss_0 * exp(-3 * t)"), ("to", 1)), DepthOne);
        Assert.Equal((Verdict.Fail, 11), (r.Verdict, r.Records));
        Assert.Equal(1, r.WorstT!.Value, 12);
        Assert.True(Math.Abs(r.Margin - Math.Exp(-1)) <= 1e-12, $"margin {r.Margin:R}");
        // loss_0 stays the dynamics' first record even when the window starts later: [2, 3] has margin e^{−3} at t = 3.
        var late = Run(One(ScalarEnv(1), ("id", "late"), ("kind", "upper"), ("measured", "loss"), ("bound", "loss_0 * exp(-3 * t)"), ("from", 2)), DepthOne);
        Assert.Equal(11, late.Records);
        Assert.True(Math.Abs(late.Margin - Math.Exp(-3)) <= 1e-12 * Math.Exp(-3));
    }

    [Fact]
    public void NothingInTheWindow_Fails()
    {
        var records = FlowRecords(1, 1, 0.1, 0.1, 11);   // t ≤ 1
        var r = Run(One(ScalarEnv(1), ("id", "late"), ("kind", "upper"), ("measured", "loss"), ("bound", "1"), ("from", 2)), records);
        Assert.Equal(Verdict.Fail, r.Verdict);
        Assert.True(double.IsNaN(r.Margin));
        Assert.Equal((0, (double?)null), (r.Records, r.WorstT));
        var one = Run(One(ScalarEnv(1), ("id", "one"), ("kind", "nonincreasing"), ("measured", "loss"), ("from", 1)), records);
        Assert.Equal((Verdict.Fail, 1), (one.Verdict, one.Records));
    }

    [Fact]
    public void Descent_IterateAndStepSize()
    {
        // Descent records t = kη: the identity t = k·eta holds to rounding; the descent loss falls monotonically for
        // η = 0.05 (monotone regime of N = 2, λ = 1, α = 0.1).
        var records = DescentRecords(2, 1, 0.1, 0.05, 100);
        var env = ScalarEnv(2);
        var clock = CheckEvaluator.Evaluate(One(env, ("id", "clock"), ("dynamics", "descent"), ("kind", "equal"), ("measured", "t"),
            ("bound", "k * eta"), ("tolerance", 1e-12)), Descent, records);
        Assert.Equal((Verdict.Pass, 101), (clock.Verdict, clock.Records));
        var falls = CheckEvaluator.Evaluate(One(env, ("id", "falls"), ("dynamics", "descent"), ("kind", "nonincreasing"), ("measured", "loss")), Descent, records);
        Assert.Equal((Verdict.Pass, double.PositiveInfinity), (falls.Verdict, falls.Margin));
        // A wrong clock fails at the last iterate: |t − k·eta·1.01| = 0.01·5 = 0.05 at k = 100, margin 1e-3/0.05.
        var skewed = CheckEvaluator.Evaluate(One(env, ("id", "skew"), ("dynamics", "descent"), ("kind", "equal"), ("measured", "t"),
            ("bound", "1.01 * k * eta"), ("tolerance", 1e-3)), Descent, records);
        Assert.Equal(Verdict.Fail, skewed.Verdict);
        Assert.Equal(5, skewed.WorstT!.Value, 12);
        Assert.Equal(0.02, skewed.Margin, 9);
    }

    [Fact]
    public void NaNFails_AsForTheClaims()
    {
        var table = new CheckRecordTable(["loss", "sv1", "target_distance"]);
        table.Add(0, null, [1, 1, 1]);
        table.Add(1, null, [double.NaN, 1, 1]);
        table.Add(2, null, [0.5, 1, 1]);
        var r = Run(One(ScalarEnv(1), ("id", "nan"), ("kind", "upper"), ("measured", "loss"), ("bound", "2")), table);
        Assert.Equal(Verdict.Fail, r.Verdict);
        Assert.True(double.IsNaN(r.Margin));
        Assert.Equal(1, r.WorstT);
    }

    [Fact]
    public void Margins_AreTheClaimsMargins()
    {
        // The worst record's margin and verdict equal what ClaimOutcome's factories give for its measured and bound values.
        var env = ScalarEnv(1);
        var upper = Run(One(env, ("id", "u"), ("kind", "upper"), ("measured", "loss"), ("bound", "loss_0 * exp(-3 * t)")), DepthOne);
        var lower = Run(One(env, ("id", "l"), ("kind", "lower"), ("measured", "loss"), ("bound", "loss_0 * exp(-t)")), DepthOne);
        var equal = Run(One(env, ("id", "e"), ("kind", "equal"), ("measured", "loss"), ("bound", "loss_0 * exp(-1.9 * t)"), ("tolerance", 1e-3)), DepthOne);
        foreach (var (r, c) in new[]
        {
            (upper, ClaimOutcome.UpperBound(upper.Measured!.Value, upper.Bound!.Value)),
            (lower, ClaimOutcome.LowerBound(lower.Measured!.Value, lower.Bound!.Value)),
            (equal, ClaimOutcome.Agreement(equal.Measured!.Value, equal.Bound!.Value, 1e-3)),
        })
            Assert.Equal((c.Verdict, c.Margin), (r.Verdict, r.Margin));
    }
}

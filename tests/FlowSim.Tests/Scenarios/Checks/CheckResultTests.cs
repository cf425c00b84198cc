using System.Text;
using System.Text.Json;
using FlowSim.Scenarios.Checks;
using FlowSim.Theory;
using Xunit;
using static FlowSim.Tests.Scenarios.Checks.CheckFixtures;

namespace FlowSim.Tests.Scenarios.Checks;

/// <summary>Result JSON keys, another dynamics read at the same time, and no allocation per record.</summary>
public class CheckResultTests
{
    private static string Json(CheckResult r)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer)) r.WriteJson(w);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    [Fact]
    public void Json_HasExactlyTheContractKeys_InfinityAsInReportJson()
    {
        var exact = new CheckResult("decay", "flow", CheckKind.NonIncreasing, Verdict.Pass, double.PositiveInfinity, 0.25, 1.5, 2, 33, "m");
        Assert.Equal("""{"id":"decay","dynamics":"flow","kind":"nonincreasing","verdict":"pass","margin":"Infinity","worst_t":0.25,"measured":1.5,"bound":2,"records":33}""", Json(exact));
        var empty = new CheckResult("late", "descent", CheckKind.Upper, Verdict.Fail, double.NaN, null, null, null, 0, "m");
        Assert.Equal("""{"id":"late","dynamics":"descent","kind":"upper","verdict":"fail","margin":"NaN","worst_t":null,"measured":null,"bound":null,"records":0}""", Json(empty));
    }

    [Fact]
    public void OtherDynamics_AtTheSameTime()
    {
        // N = 1, λ = 1, α = 0.1, η = 0.05: descent x_k − 1 = −0.9(1 − η)^k, flow x(t) − 1 = −0.9e^{−t}. Since 1 − η < e^{−η},
        // descent's loss is below the flow's at t = kη; the ratio flow/descent = (e^{−η}/(1 − η))^{2k} is smallest at k = 1 once k = 0 is left out.
        var env = ScalarEnv(1);
        var flow = FlowRecords(1, 1, 0.1, 0.05, 101);
        var descent = DescentRecords(1, 1, 0.1, 0.05, 100);
        var check = One(env, ("id", "below"), ("dynamics", "descent"), ("kind", "upper"), ("measured", "loss"), ("bound", "flow.loss"), ("from", 0.05));
        var r = CheckEvaluator.Evaluate(check, Descent, descent, name => name == "flow" ? flow : null);
        double expected = Math.Pow(Math.Exp(-0.05) / 0.95, 2);
        Assert.Equal((Verdict.Pass, 100), (r.Verdict, r.Records));
        Assert.Equal(0.05, r.WorstT!.Value, 12);
        Assert.True(Math.Abs(r.Margin - expected) <= 1e-12, $"margin {r.Margin:R}, expected {expected:R}");

        // Flow records every 0.1 leave every other descent record without a partner: NaN, so the check fails there.
        var sparse = FlowRecords(1, 1, 0.1, 0.1, 51);
        var miss = CheckEvaluator.Evaluate(check, Descent, descent, name => sparse);
        Assert.Equal(Verdict.Fail, miss.Verdict);
        Assert.True(double.IsNaN(miss.Margin));
        Assert.Equal(0.05, miss.WorstT!.Value, 12);
        Assert.Throws<ArgumentException>(() => CheckEvaluator.Evaluate(check, Descent, descent));

        var all = CheckEvaluator.EvaluateAll([check], [Flow, Descent, Modified], d => d.Name switch { "flow" => flow, "descent" => descent, _ => null });
        Assert.Equal(r, Assert.Single(all));
    }

    [Fact]
    public void Series_MeasuredAndBoundAgainstTime()
    {
        var check = One(ScalarEnv(1), ("id", "a"), ("kind", "upper"), ("measured", "loss"), ("bound", "loss_0 * exp(-t)"), ("to", 0.3));
        var s = CheckEvaluator.Series(check, Flow, FlowRecords(1, 1, 0.1, 0.1, 31));
        Assert.Equal(4, s.Times.Length);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(0.405 * Math.Exp(-2 * s.Times[i]), s.Measured[i], 14);
            Assert.Equal(0.405 * Math.Exp(-s.Times[i]), s.Bound[i], 14);
        }
    }

    [Fact]
    public void Evaluation_AllocatesNothingPerRecord()
    {
        var env = ScalarEnv(1);
        var check = One(env, ("id", "a"), ("dynamics", "descent"), ("kind", "upper"), ("measured", "loss"), ("bound", "flow.loss + 1e-9 * k * eta * sv1_0"));
        var flow = FlowRecords(1, 1, 0.1, 0.05, 2001);
        ICheckRecords? Others(string _) => flow;
        var shortRun = DescentRecords(1, 1, 0.1, 0.05, 20);
        var longRun = DescentRecords(1, 1, 0.1, 0.05, 2000);
        long few = AllocationMeter.Bytes(() => CheckEvaluator.Evaluate(check, Descent, shortRun, Others), 20);
        long many = AllocationMeter.Bytes(() => CheckEvaluator.Evaluate(check, Descent, longRun, Others), 20);
        Assert.True(many - few <= 0, $"{few} bytes for 21 records, {many} for 2001 records per evaluation ×20");
    }
}

using FlowSim.Scenarios;
using FlowSim.Scenarios.Checks;
using Xunit;
using static FlowSim.Tests.Scenarios.Checks.CheckFixtures;

namespace FlowSim.Tests.Scenarios.Checks;

/// <summary>The checks: list is validated field by field like the rest of the schema.</summary>
public class ScenarioChecksParseTests
{
    private static readonly (string, object)[] Valid = [("id", "decay"), ("kind", "upper"), ("measured", "loss"), ("bound", "loss_0")];

    private static string ErrorWith(params (string Key, object Value)[] changes)
    {
        var fields = Valid.Where(v => !changes.Any(c => c.Key == v.Item1)).Concat(changes.Where(c => c.Value is not null)).ToArray();
        return Error(ScalarEnv(2), fields);
    }

    [Fact]
    public void Defaults_EveryDynamicsWholeRunNoSlack()
    {
        var c = One(ScalarEnv(2), Valid);
        Assert.Equal(("decay", CheckKind.Upper, 0.0, 0.0, double.PositiveInfinity), (c.Id, c.Kind, c.Tolerance, c.From, c.To));
        Assert.Equal(["flow", "descent", "modified-flow"], c.Dynamics);
        Assert.Null(c.Description);
        Assert.Equal("loss_0", c.Bound!.Text);
    }

    [Fact]
    public void UnknownKeysAndValues_DidYouMean()
    {
        Assert.Equal("checks[0].bond: unknown field (did you mean 'bound'? valid: id, description, dynamics, kind, measured, bound, tolerance, from, to)",
            Error(ScalarEnv(2), ("id", "a"), ("kind", "nonincreasing"), ("measured", "loss"), ("bond", "1")));
        Assert.Equal("checks[0].kind: unknown value 'uper' (did you mean 'upper'? valid: upper, lower, equal, nonincreasing, nondecreasing)", ErrorWith(("kind", "uper")));
        Assert.Equal("checks[0].dynamics: unknown dynamics 'flwo' (did you mean 'flow'? valid: flow, descent, modified-flow)", ErrorWith(("dynamics", "flwo")));
        Assert.Equal("checks[0].dynamics[1]: unknown dynamics 'decsent' (did you mean 'descent'? valid: flow, descent, modified-flow)",
            ErrorWith(("dynamics", new[] { "flow", "decsent" })));
        Assert.Equal("checks[0].dynamics[1]: 'flow' is listed twice", ErrorWith(("dynamics", new[] { "flow", "flow" })));
    }

    [Fact]
    public void Ids_RequiredWellFormedUnique()
    {
        Assert.Equal("checks[0].id: is required", Error(ScalarEnv(2), ("kind", "nonincreasing"), ("measured", "loss")));
        Assert.Equal("checks[0].id: must be lower-case letters, digits and '-' only (got 'Decay_1')", ErrorWith(("id", "Decay_1")));
        var (checks, errors) = Parse(ScalarEnv(2), Item(Valid), Item(Valid));
        Assert.Null(checks);
        Assert.Equal(["checks[1].id: 'decay' is used by checks[0]"], errors);
    }

    [Fact]
    public void BoundAndTolerance_FollowTheKind()
    {
        Assert.Equal("checks[0].bound: is required (an expression such as loss_0 * exp(-2 * t))", Error(ScalarEnv(2), ("id", "a"), ("kind", "lower"), ("measured", "loss")));
        Assert.StartsWith("checks[0].bound: does not apply to kind nondecreasing (it compares each record's measured value with the previous record's",
            ErrorWith(("kind", "nondecreasing")));
        Assert.Equal("checks[0].tolerance: is required for kind equal (pass when |measured − bound| ≤ tolerance)", ErrorWith(("kind", "equal")));
        Assert.Equal("checks[0].tolerance: must be finite and ≥ 0 (got Infinity)", ErrorWith(("tolerance", ".inf")));
        Assert.Equal("checks[0].tolerance: expected a number (got 'small')", ErrorWith(("tolerance", "small")));
        Assert.Equal("checks[0].kind: is required (upper, lower, equal, nonincreasing, nondecreasing)", Error(ScalarEnv(2), ("id", "a"), ("measured", "loss")));
    }

    [Fact]
    public void Window_FromBeforeToInsideTheRun()
    {
        Assert.Equal("checks[0].to: must be ≥ from = 2 (got 1)", ErrorWith(("from", 2), ("to", 1)));
        Assert.Equal("checks[0].from: must be finite and ≥ 0 (got -1)", ErrorWith(("from", -1)));
        // descent: 100 steps of 0.05 end at t = 5, like stop.t_end.
        Assert.Equal("checks[0].from: 6 lies after the end of the run (t = 5): the check would see no record", ErrorWith(("from", 6)));
        var c = One(ScalarEnv(2), [.. Valid, ("from", 1), ("to", "2.5")]);
        Assert.Equal((1.0, 2.5), (c.From, c.To));
    }

    [Fact]
    public void EveryProblemIsReported_WithTheSourceLine()
    {
        var errors = new List<ScenarioError>();
        var bad = Item(("id", "A"), ("kind", "upper"), ("measured", "los"), ("bound", "1"), ("frm", 1));
        var checks = ScenarioChecks.Parse(List(Item(Valid), bad, ScenarioNode.Scalar("oops")), ScalarEnv(2), errors);
        Assert.Null(checks);
        Assert.Equal([
            "checks[1].frm: unknown field (did you mean 'from'? valid: id, description, dynamics, kind, measured, bound, tolerance, from, to)",
            "checks[1].id: must be lower-case letters, digits and '-' only (got 'A')",
            "checks[1].measured: unknown variable 'los' at position 1 (did you mean 'loss'?)",
            "checks[2]: expected a mapping with id, kind and measured (got 'oops')",
        ], errors.Select(e => e.ToString()));
        Assert.Equal([14, 10, 12, 0], errors.Select(e => e.Line));
        Assert.Equal(["checks: expected a list of checks (got a mapping)"],
            Run(ScenarioNode.Mapping()));
        Assert.Empty(ScenarioChecks.Parse(null, ScalarEnv(2), errors)!);

        static List<string> Run(ScenarioNode node)
        {
            var e = new List<ScenarioError>();
            Assert.Null(ScenarioChecks.Parse(node, ScalarEnv(2), e));
            return e.Select(x => x.ToString()).ToList();
        }
    }

    [Fact]
    public void Metrics_TheRunnerMustRecord()
    {
        var env = Asymmetric();
        var (checks, errors) = Parse(env,
            Item(("id", "a"), ("kind", "equal"), ("dynamics", "flow"), ("measured", "imbalance"), ("bound", "imbalance_0"), ("tolerance", 1e-6)),
            Item(("id", "b"), ("kind", "upper"), ("measured", "sv4 / sv1"), ("bound", "1 + 0 * target_distance_0")),
            Item(("id", "c"), ("kind", "nonincreasing"), ("measured", "t * rows * columns * hidden * scale")));
        Assert.Empty(errors);
        Assert.Equal(["imbalance"], checks![0].Metrics);
        Assert.Equal(["singular-values", "target-distance"], checks[1].Metrics);
        Assert.Empty(checks[2].Metrics);
        Assert.Equal(["imbalance", "singular-values", "target-distance"], ScenarioChecks.RequiredMetrics(checks));
    }

    [Fact]
    public void ToNode_ReparsesToTheSameChecks()
    {
        var env = ScalarEnv(2);
        var (checks, _) = Parse(env,
            Item(("id", "a"), ("description", "loss decays"), ("kind", "upper"), ("measured", "loss"), ("bound", "loss_0 * exp(-t)"), ("to", 3)),
            Item(("id", "b"), ("dynamics", "descent"), ("kind", "nonincreasing"), ("measured", "loss"), ("tolerance", 1e-12), ("from", 0.5)));
        var again = ScenarioChecks.Parse(ScenarioChecks.ToNode(checks!), env, new List<ScenarioError>());
        Assert.NotNull(again);
        foreach (var (x, y) in checks!.Zip(again!))
        {
            Assert.Equal((x.Id, x.Description, x.Kind, x.Measured.Text, x.Bound?.Text, x.Tolerance, x.From, x.To),
                (y.Id, y.Description, y.Kind, y.Measured.Text, y.Bound?.Text, y.Tolerance, y.From, y.To));
            Assert.Equal(x.Dynamics, y.Dynamics);
        }
        Assert.Equal(["id", "description", "dynamics", "kind", "measured", "bound", "tolerance", "from", "to"],
            ScenarioChecks.ToNode(checks!).Items[0].Entries.Select(e => e.Key));
    }

    [Fact]
    public void SchemaFields_DocumentEveryAcceptedKey()
    {
        var keys = ScenarioChecks.SchemaFields.Select(f => f.Path).Where(p => p.StartsWith("checks[].", StringComparison.Ordinal)).Select(p => p[9..]);
        Assert.Equal(["id", "description", "dynamics", "kind", "measured", "bound", "tolerance", "from", "to"], keys);
    }
}

using FlowSim.ClosedForm;
using FlowSim.Scenarios;
using FlowSim.Scenarios.Checks;
using Xunit;

namespace FlowSim.Tests.Scenarios.Checks;

/// <summary>Scenario pieces, check nodes and closed-form records shared by the check tests.</summary>
internal static class CheckFixtures
{
    public static readonly DynamicsSpec Flow = new(DynamicsTypes.Flow, "flow", "dp5", 1e-8, 1e-10, 0, 0);
    public static readonly DynamicsSpec Descent = new(DynamicsTypes.Descent, "descent", null, 0, 0, 0.05, 100);
    public static readonly DynamicsSpec Modified = new(DynamicsTypes.ModifiedFlow, "modified-flow", "dp5", 1e-8, 1e-10, 0.05, 0);

    /// <summary>The scalar model of depth N (identical initialisation α, t_end 5) with flow, descent and modified flow.</summary>
    public static CheckEnvironment ScalarEnv(int depth, double alpha = 0.1, double tEnd = 5) =>
        CheckEnvironment.For(new ModelSpec(ModelTypes.Scalar, 1, 1, 0, depth, 0), new InitializationSpec("identical", alpha, 0, 0, 0),
            new StopSpec(tEnd, 0, 100_000), [Flow, Descent, Modified]);

    /// <summary>A 5×4 asymmetric factorisation with Gaussian initialisation (scale 0.1), flow and descent.</summary>
    public static CheckEnvironment Asymmetric() =>
        CheckEnvironment.For(new ModelSpec(ModelTypes.AsymmetricFactorization, 5, 4, 4, 2, 0), new InitializationSpec("gaussian", 0.1, 0, 0, 0.1),
            new StopSpec(6, 0, 100_000), [Flow, Descent]);

    /// <summary>A check item as a YAML reader would produce it: plain scalars, string lists as sequences; field i on line 10 + i.</summary>
    public static ScenarioNode Item(params (string Key, object Value)[] fields)
    {
        var node = ScenarioNode.Mapping(line: 10);
        foreach (var (key, value) in fields)
        {
            int line = 10 + node.Entries.Count;
            if (value is string[] list)
            {
                var seq = ScenarioNode.Sequence(line);
                foreach (var s in list) seq.Items.Add(ScenarioNode.Scalar(s, line: line));
                node.Entries.Add(new(key, seq));
            }
            else node.Entries.Add(new(key, ScenarioNode.Scalar(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), line: line)));
        }
        return node;
    }

    public static ScenarioNode List(params ScenarioNode[] items)
    {
        var seq = ScenarioNode.Sequence();
        seq.Items.AddRange(items);
        return seq;
    }

    /// <summary>Parses the items; the errors as "path: message" lines.</summary>
    public static (IReadOnlyList<CheckSpec>? Checks, List<string> Errors) Parse(CheckEnvironment env, params ScenarioNode[] items)
    {
        var errors = new List<ScenarioError>();
        var checks = ScenarioChecks.Parse(List(items), env, errors);
        return (checks, errors.Select(e => e.ToString()).ToList());
    }

    /// <summary>One check that must parse.</summary>
    public static CheckSpec One(CheckEnvironment env, params (string Key, object Value)[] fields)
    {
        var (checks, errors) = Parse(env, Item(fields));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return Assert.Single(checks!);
    }

    /// <summary>The single error of one check item.</summary>
    public static string Error(CheckEnvironment env, params (string Key, object Value)[] fields)
    {
        var (checks, errors) = Parse(env, Item(fields));
        Assert.Null(checks);
        return Assert.Single(errors);
    }

    /// <summary>
    /// Records of the scalar flow x' = x^{N−1}(λ − x^N) from the closed form: product π = x^N, loss ½(π − λ)²,
    /// sv1 = |π|, target_distance = |π − λ|, at t = i·dt for i = 0…count−1.
    /// </summary>
    public static CheckRecordTable FlowRecords(int depth, double lambda, double alpha, double dt, int count)
    {
        var table = new CheckRecordTable(["loss", "sv1", "target_distance"]);
        for (int i = 0; i < count; i++)
        {
            double t = i * dt, p = DeepScalarFlow.Product(depth, lambda, alpha, t);
            table.Add(t, null, [0.5 * (p - lambda) * (p - lambda), Math.Abs(p), Math.Abs(p - lambda)]);
        }
        return table;
    }

    /// <summary>Gradient descent on the scalar model, x_{k+1} = x_k − η x_k^{N−1}(x_k^N − λ), every iterate recorded at t = kη.</summary>
    public static CheckRecordTable DescentRecords(int depth, double lambda, double alpha, double eta, int steps)
    {
        var table = new CheckRecordTable(["loss", "sv1", "target_distance"]);
        double x = alpha;
        for (int k = 0; k <= steps; k++)
        {
            double p = Math.Pow(x, depth);
            table.Add(k * eta, k, [0.5 * (p - lambda) * (p - lambda), Math.Abs(p), Math.Abs(p - lambda)]);
            x -= eta * Math.Pow(x, depth - 1) * (p - lambda);
        }
        return table;
    }
}

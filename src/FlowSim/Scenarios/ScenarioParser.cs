using FlowSim.Ode;

namespace FlowSim.Scenarios;

/// <summary>
/// Turns a <see cref="ScenarioNode"/> tree into a validated <see cref="Scenario"/> with defaults filled in. Every field
/// is checked (types, ranges, sizes, NaN/Inf, unknown keys with the nearest valid name, the target file) before any
/// work starts; all problems are reported together in one <see cref="ScenarioException"/>.
/// </summary>
public static class ScenarioParser
{
    /// <summary>Flow methods a scenario may name: the adaptive ones (fixed-step methods need a step; use descent).</summary>
    public static readonly string[] FlowMethods = [.. OdeMethods.Names.Where(n => n is not ("euler" or "rk4"))];

    /// <summary>Largest m, n, d, h accepted (a scenario is a study, not a stress test).</summary>
    public const int MaxDimension = 1000;

    /// <summary>Largest number of parameters θ accepted.</summary>
    public const long MaxParameters = 5_000_000;

    /// <summary>Largest number of records per dynamics (each keeps its state for the comparisons).</summary>
    public const long MaxRecords = 100_000;

    /// <summary>Largest seed (the range the parser accepted before seeds were derived by <see cref="Randomness.SeedStreams"/>).</summary>
    public const long MaxSeed = long.MaxValue;

    /// <summary>Parses and validates a scenario.</summary>
    /// <param name="root">The file's node tree.</param>
    /// <param name="source">File name used in messages.</param>
    /// <param name="baseDirectory">Directory that relative target files are resolved against.</param>
    /// <param name="seedOverride">Replaces the file's seed (the <c>--seed</c> option).</param>
    /// <exception cref="ScenarioException">One or more fields are invalid; the message lists them all.</exception>
    public static Scenario Parse(ScenarioNode root, string source, string baseDirectory, ulong? seedOverride = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        var errors = new List<ScenarioError>();
        if (root.Kind != ScenarioNodeKind.Mapping)
            throw new ScenarioException(source, [new ScenarioError("", $"expected a mapping of fields at the top level (got {NodeFields.Describe(root)})", root.Line)]);
        var top = new NodeFields(root, "", errors, "");

        ulong seed = seedOverride ?? ScenarioSeedParser.Parse(top);
        if (seed > MaxSeed) errors.Add(new ScenarioError("seed", $"must be between 0 and {MaxSeed} (got {seed})"));
        var model = ParseModel(top, errors);
        var stop = ParseStop(top, errors);
        var init = ParseInitialization(top, errors, model);
        var target = model is null ? null : ScenarioTargetParser.Parse(top, errors, model, baseDirectory, seed);
        var dynamics = ScenarioDynamicsParser.Parse(top, errors, model, stop);
        var record = ScenarioRecordParser.Parse(top, errors, model, stop, dynamics);
        var checks = model is null || dynamics is null ? null
            : Checks.ScenarioChecks.Parse(root.Get(Checks.ScenarioChecks.Key), Checks.CheckEnvironment.For(model, init, stop, dynamics), errors);

        if (errors.Count > 0 || model is null || target is null || init is null || dynamics is null || record is null || stop is null || checks is null)
            throw new ScenarioException(source, errors.Count > 0 ? errors : [new ScenarioError("", "invalid scenario")]);
        return new Scenario { Model = model, Target = target, Initialization = init, Dynamics = dynamics, Record = record, Stop = stop, Seed = seed, Checks = checks };
    }

    private static ModelSpec? ParseModel(NodeFields top, List<ScenarioError> errors)
    {
        var node = top.Mapping("model", required: true);
        if (node is null) return null;
        var f = new NodeFields(node, "model", errors, "model");
        if (!f.Has("type")) { f.Error("type", "is required"); return null; }
        string? type = f.Choice("type", ModelTypes.All);
        int count = errors.Count;
        switch (type)
        {
            case ModelTypes.AsymmetricFactorization or ModelTypes.MatrixSensing:
            {
                f.Reject($"does not apply to model type {type}", "size", "depth");
                if (type == ModelTypes.AsymmetricFactorization) f.Reject($"does not apply to model type {type}", "measurements");
                int? m = Size(f, "rows", required: true), n = Size(f, "columns", required: true);
                int? h = Size(f, "hidden", required: false);
                int meas = 0;
                if (type == ModelTypes.MatrixSensing && m is { } mm && n is { } nn)
                {
                    meas = (int)(f.Integer("measurements", 1, int.MaxValue) ?? 2L * mm * nn);
                    if ((long)meas * mm * nn > 20_000_000)
                        f.Error("measurements", $"M·rows·columns = {(long)meas * mm * nn} exceeds 20000000 (the measurement matrices would not fit comfortably in memory)");
                }
                if (m is not null && n is not null && (long)(m.Value + n.Value) * (h ?? Math.Min(m.Value, n.Value)) > MaxParameters)
                    f.Error("hidden", $"(rows + columns)·hidden = {(long)(m.Value + n.Value) * (h ?? Math.Min(m.Value, n.Value))} parameters exceeds {MaxParameters}");
                if (errors.Count > count || m is null || n is null) return null;
                return new ModelSpec(type, m.Value, n.Value, h ?? Math.Min(m.Value, n.Value), 2, meas);
            }
            case ModelTypes.DeepFactorization or ModelTypes.Scalar:
            {
                f.Reject($"does not apply to model type {type}", "rows", "columns", "hidden", "measurements");
                int depth = (int)(f.Integer("depth", 1, 100) ?? 3);
                int? d = type == ModelTypes.Scalar ? 1 : Size(f, "size", required: true);
                if (type == ModelTypes.Scalar) f.Reject($"does not apply to model type {type}", "size");
                if (d is not null && (long)depth * d.Value * d.Value > MaxParameters)
                    f.Error("size", $"depth·size² = {(long)depth * d.Value * d.Value} parameters exceeds {MaxParameters}");
                if (errors.Count > count || d is null) return null;
                return new ModelSpec(type, d.Value, d.Value, 0, depth, 0);
            }
            default: return null;
        }
    }

    private static int? Size(NodeFields f, string key, bool required)
    {
        if (!f.Has(key))
        {
            if (required) f.Error(key, "is required");
            return null;
        }
        return (int?)f.Integer(key, 1, MaxDimension);
    }

    private static StopSpec? ParseStop(NodeFields top, List<ScenarioError> errors)
    {
        var f = new NodeFields(top.Mapping("stop", required: false), "stop", errors, "stop");
        int count = errors.Count;
        double tEnd = f.Number("t_end") ?? 10;
        f.FinitePositive("t_end", tEnd);
        double loss = f.Number("loss_below") ?? 0;
        f.FiniteNonNegative("loss_below", loss);
        long maxSteps = f.Integer("max_steps", 1, 1_000_000_000) ?? 100_000;
        return errors.Count > count ? null : new StopSpec(tEnd, loss, maxSteps);
    }

    private static InitializationSpec? ParseInitialization(NodeFields top, List<ScenarioError> errors, ModelSpec? model)
    {
        var f = new NodeFields(top.Mapping("initialization", required: false), "initialization", errors, "initialization");
        int count = errors.Count;
        string type = f.Has("type") ? f.Choice("type", ["identical", "perturbed-identical", "gaussian", "spectral"]) ?? "" : "identical";
        double alpha = f.Number("alpha") ?? 0.1;
        double beta = f.Number("beta") ?? alpha / 2;
        double scale = f.Number("scale") ?? 0.01;
        int factor = (int)(f.Integer("factor", 0, 1000) ?? 0);
        switch (type)
        {
            case "identical" or "perturbed-identical":
                f.Reject($"does not apply to initialization type {type} (use alpha)", "scale");
                f.FinitePositive("alpha", alpha);
                if (type == "perturbed-identical")
                {
                    if (!(beta > 0 && beta < alpha)) f.Error("beta", $"must satisfy 0 < beta < alpha = {Fmt(alpha)} (got {Fmt(beta)})");
                    int factors = model is null ? int.MaxValue : model.IsTwoFactor ? 2 : model.Depth;
                    if (factor >= factors) f.Error("factor", $"must be below the number of factors {factors} (got {factor})");
                }
                else f.Reject("applies only to initialization type perturbed-identical", "beta", "factor");
                break;
            case "gaussian" or "spectral":
                f.Reject($"does not apply to initialization type {type} (use scale)", "alpha", "beta", "factor");
                f.FinitePositive("scale", scale);
                break;
        }
        return errors.Count > count || type.Length == 0 ? null : new InitializationSpec(type, alpha, type == "perturbed-identical" ? beta : 0, factor, scale);
    }

    internal static string Fmt(double v) => ScenarioNode.FormatNumber(v);
}

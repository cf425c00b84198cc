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
        var dynamics = ParseDynamics(top, errors, model, stop);
        var record = ParseRecord(top, errors, model, stop, dynamics);
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
                NotFor(f, type, "size", "depth");
                if (type == ModelTypes.AsymmetricFactorization) NotFor(f, type, "measurements");
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
                NotFor(f, type, "rows", "columns", "hidden", "measurements");
                int depth = (int)(f.Integer("depth", 1, 100) ?? 3);
                int? d = type == ModelTypes.Scalar ? 1 : Size(f, "size", required: true);
                if (type == ModelTypes.Scalar) NotFor(f, type, "size");
                if (d is not null && (long)depth * d.Value * d.Value > MaxParameters)
                    f.Error("size", $"depth·size² = {(long)depth * d.Value * d.Value} parameters exceeds {MaxParameters}");
                if (errors.Count > count || d is null) return null;
                return new ModelSpec(type, d.Value, d.Value, 0, depth, 0);
            }
            default: return null;
        }
    }

    private static void NotFor(NodeFields f, string type, params string[] keys)
    {
        foreach (var k in keys)
            if (f.Has(k)) f.Error(k, $"does not apply to model type {type}");
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
        if (!(tEnd > 0) || !double.IsFinite(tEnd)) f.Error("t_end", $"must be finite and > 0 (got {Fmt(tEnd)})");
        double loss = f.Number("loss_below") ?? 0;
        if (!(loss >= 0) || !double.IsFinite(loss)) f.Error("loss_below", $"must be finite and ≥ 0 (got {Fmt(loss)})");
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
                if (f.Has("scale")) f.Error("scale", $"does not apply to initialization type {type} (use alpha)");
                if (!(alpha > 0) || !double.IsFinite(alpha)) f.Error("alpha", $"must be finite and > 0 (got {Fmt(alpha)})");
                if (type == "perturbed-identical")
                {
                    if (!(beta > 0 && beta < alpha)) f.Error("beta", $"must satisfy 0 < beta < alpha = {Fmt(alpha)} (got {Fmt(beta)})");
                    int factors = model is null ? int.MaxValue : model.IsTwoFactor ? 2 : model.Depth;
                    if (factor >= factors) f.Error("factor", $"must be below the number of factors {factors} (got {factor})");
                }
                else foreach (var k in new[] { "beta", "factor" }) if (f.Has(k)) f.Error(k, "applies only to initialization type perturbed-identical");
                break;
            case "gaussian" or "spectral":
                foreach (var k in new[] { "alpha", "beta", "factor" }) if (f.Has(k)) f.Error(k, $"does not apply to initialization type {type} (use scale)");
                if (!(scale > 0) || !double.IsFinite(scale)) f.Error("scale", $"must be finite and > 0 (got {Fmt(scale)})");
                break;
        }
        return errors.Count > count || type.Length == 0 ? null : new InitializationSpec(type, alpha, type == "perturbed-identical" ? beta : 0, factor, scale);
    }

    private static List<DynamicsSpec>? ParseDynamics(NodeFields top, List<ScenarioError> errors, ModelSpec? model, StopSpec? stop)
    {
        var list = top.Raw("dynamics");
        if (list is null) { top.Error("dynamics", "is required (a list with at least one item)"); return null; }
        if (list.Kind != ScenarioNodeKind.Sequence || list.Items.Count == 0)
        {
            top.Error("dynamics", $"expected a non-empty list (got {(list.Kind == ScenarioNodeKind.Sequence ? "an empty list" : NodeFields.Describe(list))})", list.Line);
            return null;
        }
        int count = errors.Count;
        var result = new List<DynamicsSpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < list.Items.Count; i++)
        {
            string path = $"dynamics[{i}]";
            var item = list.Items[i];
            if (item.Kind != ScenarioNodeKind.Mapping)
            {
                errors.Add(new ScenarioError(path, $"expected a mapping with a type (got {NodeFields.Describe(item)})", item.Line));
                continue;
            }
            var f = new NodeFields(item, path, errors, "dynamics[]");
            if (!f.Has("type")) { f.Error("type", "is required"); continue; }
            string? type = f.Choice("type", DynamicsTypes.All);
            if (type is null) continue;
            bool ode = type != DynamicsTypes.Descent, needsEta = type != DynamicsTypes.Flow;
            bool hasSteps = type is DynamicsTypes.Descent or DynamicsTypes.PerturbedFlow;

            string? method = null;
            double rtol = f.Number("rtol") ?? 1e-8, atol = f.Number("atol") ?? 1e-10;
            if (ode)
            {
                // The central flow's right-hand side holds eigensolves: an explicit method, not auto's stiffness switch.
                method = f.Has("method") ? f.Choice("method", FlowMethods) : type == DynamicsTypes.CentralFlow ? "dop853" : "auto";
                if (!(rtol >= OdeOptions.MinimumRelativeTolerance) || !double.IsFinite(rtol) || rtol >= 1)
                    f.Error("rtol", $"must lie in [{OdeOptions.MinimumRelativeTolerance.ToString("G3", System.Globalization.CultureInfo.InvariantCulture)}, 1) (got {Fmt(rtol)})");
                if (!(atol > 0) || !double.IsFinite(atol)) f.Error("atol", $"must be finite and > 0 (got {Fmt(atol)})");
            }
            else foreach (var k in new[] { "method", "rtol", "atol" }) if (f.Has(k)) f.Error(k, "does not apply to descent");

            double eta = 0;
            if (needsEta)
            {
                double? e = f.Number("eta");
                if (e is null && !f.Has("eta")) f.Error("eta", $"is required for {type}");
                else if (e is { } ev && (!(ev > 0) || !double.IsFinite(ev))) f.Error("eta", $"must be > 0 (got {f.Raw("eta")!.Text})");
                else if (e is { } ok) eta = ok;
            }
            else if (f.Has("eta")) f.Error("eta", "does not apply to flow (use descent or modified-flow)");

            int steps = 0;
            if (hasSteps)
            {
                long? s = f.Integer("steps", 1, stop?.MaxSteps ?? 1_000_000_000);
                if (s is not null) steps = (int)s;
                else if (!f.Has("steps") && eta > 0 && stop is not null)
                    steps = (int)Math.Clamp(Math.Ceiling(stop.TEnd / eta), 1, stop.MaxSteps);
            }
            else if (f.Has("steps")) f.Error("steps", $"does not apply to {type} (it runs to stop.t_end)");

            int eigenvalues = ParseEigenvalues(f, type, model);
            if (type == DynamicsTypes.PerturbedFlow && model is not null && model.Type != ModelTypes.MatrixSensing)
                f.Error("type", $"perturbed-flow needs model type matrix-sensing (got {model.Type})");

            string name = f.Text("name") ?? (names.Contains(type) ? $"{type}-{i + 1}" : type);
            if (name.Length == 0 || name.Any(c => char.IsControl(c) || c is ',' or '"'))
                f.Error("name", "must be non-empty without commas, quotes or control characters");
            else if (!names.Add(name)) f.Error("name", $"'{name}' is used by an earlier dynamics");
            result.Add(new DynamicsSpec(type, name, method, ode ? rtol : 0, ode ? atol : 0, eta, steps, eigenvalues));
        }
        return errors.Count > count ? null : result;
    }

    // dynamics[].eigenvalues: the central flow's tracked eigenvalues, 1 … 16 and at most the parameter count.
    private static int ParseEigenvalues(NodeFields f, string type, ModelSpec? model)
    {
        if (type != DynamicsTypes.CentralFlow)
        {
            if (f.Has("eigenvalues")) f.Error("eigenvalues", $"does not apply to {type} (only to central-flow)");
            return 0;
        }
        int k = (int)(f.Integer("eigenvalues", 1, 16) ?? 1);
        long parameters = model is null ? long.MaxValue : model.IsTwoFactor ? (long)(model.Rows + model.Columns) * model.Hidden : (long)model.Depth * model.Rows * model.Columns;
        if (k > parameters) f.Error("eigenvalues", $"{k} tracked eigenvalues exceed the model's {parameters} parameters");
        return k;
    }

    private static RecordSpec? ParseRecord(NodeFields top, List<ScenarioError> errors, ModelSpec? model, StopSpec? stop, List<DynamicsSpec>? dynamics)
    {
        var f = new NodeFields(top.Mapping("record", required: false), "record", errors, "record");
        int count = errors.Count;
        var given = new[] { "times", "every", "points" }.Where(f.Has).ToArray();
        if (given.Length > 1) f.Error(given[1], $"give only one of times, every, points (got {string.Join(" and ", given)})");
        var times = f.NumberList("times");
        if (times is not null)
        {
            if (times.Count == 0) f.Error("times", "must not be empty");
            if (times.Count > MaxRecords) f.Error("times", $"lists {times.Count} times, more than the {MaxRecords} records a dynamics may keep");
            else for (int i = 0; i < times.Count; i++)
            {
                if (!double.IsFinite(times[i]) || times[i] < 0 || (stop is not null && times[i] > stop.TEnd))
                    f.Error($"times[{i}]", $"must lie in [0, t_end = {Fmt(stop?.TEnd ?? double.NaN)}] (got {Fmt(times[i])})");
                else if (i > 0 && !(times[i] > times[i - 1]))
                    f.Error($"times[{i}]", $"times must increase ({Fmt(times[i - 1])} then {Fmt(times[i])})");
            }
        }
        int every = (int)(f.Integer("every", 1, 1_000_000_000) ?? 0);
        if (every > 0 && dynamics is not null && !dynamics.Any(d => d.Type == DynamicsTypes.Descent))
            f.Error("every", "needs a descent dynamics to count iterates (use record.times or record.points)");
        if (every > 0 && dynamics is not null && stop is not null && dynamics.FirstOrDefault(d => d.Type == DynamicsTypes.Descent) is { } first)
        {
            for (int i = 0; i < dynamics.Count; i++)
            {
                // ODE dynamics record at multiples of every·η of the first descent; a descent at every k-th of its own iterates.
                double records = dynamics[i].Type == DynamicsTypes.Descent
                    ? (double)dynamics[i].Steps / every
                    : dynamics[i].EndTime(stop) / (every * first.Eta);
                if (!(records <= MaxRecords))
                {
                    f.Error("every", $"dynamics[{i}] would record more than {MaxRecords} points; raise record.every or lower the end time");
                    break;
                }
            }
        }
        int points = (int)(f.Integer("points", 2, MaxRecords) ?? 51);
        var metrics = f.TextList("metrics") ?? [MetricNames.Loss];
        var seen = new HashSet<string>();
        for (int i = 0; i < metrics.Count; i++)
        {
            var metric = ScenarioMetrics.Find(metrics[i]);
            if (metric is null)
                f.Error($"metrics[{i}]", $"unknown metric '{metrics[i]}' (did you mean '{ScenarioSchema.Nearest(metrics[i], MetricNames.All)}'? valid: {string.Join(", ", MetricNames.All)})");
            else if (!seen.Add(metrics[i])) f.Error($"metrics[{i}]", $"'{metrics[i]}' is listed twice");
            else if (model is not null && metric.NotApplicable(model) is { } why) f.Error($"metrics[{i}]", why);
            else if (ScenarioMetrics.NeedStepSize.Contains(metrics[i]) && dynamics is not null
                     && dynamics.FirstOrDefault(d => d.Eta == 0) is { } flow && !dynamics.Any(d => d.Type == DynamicsTypes.Descent))
                f.Error($"metrics[{i}]", $"{metrics[i]} needs a step size η, which {flow.Name} has not: add a descent dynamics (a flow then uses its η)");
        }
        if (metrics.Count == 0) f.Error("metrics", "must name at least one metric");
        return errors.Count > count ? null : new RecordSpec(times, every, points, metrics);
    }

    internal static string Fmt(double v) => ScenarioNode.FormatNumber(v);
}

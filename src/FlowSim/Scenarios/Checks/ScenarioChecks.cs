namespace FlowSim.Scenarios.Checks;

/// <summary>
/// Parses a scenario's <c>checks:</c> list into <see cref="CheckSpec"/>s with the field-level errors of the rest of
/// the schema (<c>checks[2].bound: unknown variable 'los' at position 1 (did you mean 'loss'?)</c>); the caller adds
/// the file name as for every other field.
/// </summary>
public static class ScenarioChecks
{
    /// <summary>The top-level key.</summary>
    public const string Key = "checks";

    private const string Section = "checks[]";

    private static readonly System.Buffers.SearchValues<char> IdChars = System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-");

    /// <summary>The documented fields of <c>checks</c>, part of <see cref="ScenarioSchema.Fields"/> (which also gives the valid keys of an item).</summary>
    public static readonly IReadOnlyList<ScenarioField> SchemaFields =
    [
        new("checks", "list of mappings", "none", "Bounds checked on every record of each dynamics: a verdict and a margin per check and dynamics."),
        new("checks[].id", "string [a-z0-9-]+", "required", "Unique name of the check."),
        new("checks[].description", "string", "-", "Text for the report."),
        new("checks[].dynamics", "string or list of strings", "every dynamics", "Names of the dynamics the check applies to."),
        new("checks[].kind", "string", "required", "upper (measured ≤ bound), lower (measured ≥ bound), equal (|measured − bound| ≤ tolerance), nonincreasing or nondecreasing (measured from record to record; no bound)."),
        new("checks[].measured", "expression", "required",
            "Over t, k (descent only), eta (not the plain flow), the metrics (loss, effective_rank, stable_rank, imbalance, product_norm, target_distance, sv1, …), "
            + "their first values (loss_0, …) and the scenario constants (rows, columns, hidden, measurements, size, depth, alpha, beta, scale, t_end, where they exist); "
            + "+ - * / ( ), numbers like 1.5e-3, and " + CheckFunctions.NameList + "."),
        new("checks[].bound", "expression", "required (upper, lower, equal)", "The bound, same variables; not allowed for nonincreasing and nondecreasing."),
        new("checks[].tolerance", "number ≥ 0", "0; required for equal", "Absolute slack: measured ≤ bound + tolerance, ≥ bound − tolerance, |measured − bound| ≤ tolerance, or a step of at most tolerance the wrong way."),
        new("checks[].from", "number ≥ 0", "0", "Start of the time window (records with t ≥ from)."),
        new("checks[].to", "number ≥ from", "end of the run", "End of the time window (records with t ≤ to)."),
    ];

    /// <summary>Parses and validates the <c>checks:</c> list (the expressions compile later, once each: <see cref="CompileAll"/>).</summary>
    /// <param name="checks">The value of the top-level <c>checks</c> key (null or a null scalar: no checks).</param>
    /// <param name="environment">The scenario's variables and dynamics (<see cref="CheckEnvironment.For"/>).</param>
    /// <param name="errors">Receives every problem, with field paths <c>checks[i].field</c>.</param>
    /// <returns>The checks in file order, or null when any problem was found.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="environment"/> or <paramref name="errors"/> is null.</exception>
    public static IReadOnlyList<CheckSpec>? Parse(ScenarioNode? checks, CheckEnvironment environment, List<ScenarioError> errors)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(errors);
        if (checks is null || checks.IsNull) return [];
        if (checks.Kind != ScenarioNodeKind.Sequence)
        {
            errors.Add(new ScenarioError(Key, $"expected a list of checks (got {NodeFields.Describe(checks)})", checks.Line));
            return null;
        }
        int count = errors.Count;
        var result = new List<CheckSpec>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (i, path, item) in NodeFields.MappingItems(checks, Key, "id, kind and measured", errors))
            if (ParseItem(ItemFields(item, path, errors), environment, errors, ids, i) is { } spec) result.Add(spec);
        return errors.Count > count ? null : result;
    }

    /// <summary>The metric names (<see cref="MetricNames"/>) any of <paramref name="checks"/> reads, in <see cref="MetricNames.All"/> order.</summary>
    public static IReadOnlyList<string> RequiredMetrics(IEnumerable<CheckSpec> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var used = checks.SelectMany(c => c.Metrics).ToHashSet(StringComparer.Ordinal);
        return [.. MetricNames.All.Where(used.Contains)];
    }

    /// <summary>
    /// Compiles every expression of <paramref name="checks"/> now (otherwise each compiles on first evaluation); safe
    /// to call on another thread while the dynamics run, since evaluation waits for a compilation in progress.
    /// </summary>
    /// <exception cref="CheckExpressionException">The expression library refused a validated expression (a FlowSim bug).</exception>
    public static void CompileAll(IEnumerable<CheckSpec> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        foreach (var c in checks)
        {
            _ = c.Measured.Function;
            _ = c.Bound?.Function;
        }
    }

    /// <summary>The checks as a node list with every default written out (the resolved scenario).</summary>
    public static ScenarioNode ToNode(IEnumerable<CheckSpec> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var list = ScenarioNode.Sequence();
        foreach (var c in checks)
        {
            var node = ScenarioNode.Mapping().Set("id", ScenarioNode.String(c.Id));
            if (c.Description is not null) node.Set("description", ScenarioNode.String(c.Description));
            var dynamics = ScenarioNode.Sequence();
            foreach (var d in c.Dynamics) dynamics.Items.Add(ScenarioNode.String(d));
            node.Set("dynamics", dynamics).Set("kind", ScenarioNode.String(c.Kind.Name())).Set("measured", ScenarioNode.String(c.Measured.Text));
            if (c.Bound is not null) node.Set("bound", ScenarioNode.String(c.Bound.Text));
            node.Set("tolerance", ScenarioNode.Number(c.Tolerance)).Set("from", ScenarioNode.Number(c.From));
            if (double.IsFinite(c.To)) node.Set("to", ScenarioNode.Number(c.To));
            list.Items.Add(node);
        }
        return list;
    }

    private static CheckSpec? ParseItem(NodeFields f, CheckEnvironment env, List<ScenarioError> errors, Dictionary<string, int> ids, int index)
    {
        int count = errors.Count;
        string? id = f.Text("id");
        if (id is null) { if (!f.Has("id")) f.Error("id", "is required"); }
        else if (id.Length == 0 || id.AsSpan().ContainsAnyExcept(IdChars))
            f.Error("id", $"must be lower-case letters, digits and '-' only (got '{id}')", f.Raw("id")!.Line);
        else if (ids.TryGetValue(id, out int first)) f.Error("id", $"'{id}' is used by {Key}[{first}]", f.Raw("id")!.Line);
        else ids[id] = index;
        string? description = f.Text("description");
        var dynamics = CheckDynamics.Parse(f, env);

        CheckKind? kind = null;
        if (!f.Has("kind")) f.Error("kind", $"is required ({string.Join(", ", CheckKinds.Names)})");
        else if (f.Choice("kind", CheckKinds.Names) is { } k) kind = CheckKinds.Parse(k);
        bool monotone = kind?.IsMonotone() == true;

        var measured = Expression(f, "measured", env, dynamics, required: true);
        CheckExpression? bound = null;
        if (monotone && f.Has("bound"))
            f.Error("bound", $"does not apply to kind {kind!.Value.Name()} (it compares each record's measured value with the previous record's; use tolerance for slack)", f.Raw("bound")!.Line);
        else if (!monotone) bound = Expression(f, "bound", env, dynamics, required: kind is not null);

        double tolerance = f.Number("tolerance") ?? 0;
        if (kind == CheckKind.Equal && !f.Has("tolerance")) f.Error("tolerance", "is required for kind equal (pass when |measured − bound| ≤ tolerance)");
        else f.FiniteNonNegative("tolerance", tolerance);

        var (from, to) = CheckDynamics.Window(f, env, dynamics);
        if (errors.Count > count || id is null || kind is null || measured is null || dynamics is null) return null;
        return new CheckSpec(id, description, dynamics, kind.Value, measured, bound, tolerance, from, to);
    }

    /// <summary>Validates one expression field; a variable that is null for an applicable dynamics is an error here, not a NaN later.</summary>
    private static CheckExpression? Expression(NodeFields f, string key, CheckEnvironment env, IReadOnlyList<string>? dynamics, bool required)
    {
        if (!f.Has(key))
        {
            if (required) f.Error(key, "is required (an expression such as loss_0 * exp(-2 * t))");
            return null;
        }
        string? text = f.Text(key);
        if (text is null) return null;
        int line = f.Raw(key)!.Line;
        CheckExpression expression;
        try
        {
            expression = CheckExpression.Parse(text, env);
        }
        catch (CheckExpressionException ex)
        {
            f.Error(key, ex.Message, line);
            return null;
        }
        foreach (var use in expression.Uses)
            foreach (var name in dynamics ?? [])
                if (env.FindDynamics(name) is { } d && !CheckEnvironment.HasValue(use.Variable, d))
                {
                    string why = use.Variable.Source == CheckVariableSource.Iterate
                        ? "k is the descent iterate; only descent dynamics have one"
                        : "the plain flow has no step size";
                    f.Error(key, $"variable '{use.Variable.Name}' at position {use.Position} is null for {d.Type} '{d.Name}' ({why}); "
                                 + $"restrict the check with {f.FieldPath("dynamics")}", line);
                    return null;
                }
        return expression;
    }

    private static NodeFields ItemFields(ScenarioNode item, string path, List<ScenarioError> errors) =>
        new(item, path, errors, Section);
}

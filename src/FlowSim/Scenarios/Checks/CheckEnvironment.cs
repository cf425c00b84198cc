namespace FlowSim.Scenarios.Checks;

/// <summary>
/// The names a scenario's check expressions may use, and which of them are null for which dynamics. Built once per
/// scenario from its model, initialisation, stop rule and dynamics; every check of the scenario compiles against it.
/// </summary>
/// <remarks>
/// Variables: <c>t</c>; <c>k</c> (descent only); <c>eta</c> (every dynamics with a step size, not the plain flow);
/// every metric the model can record, by its trajectory column name (<c>-</c> written <c>_</c>; the singular values
/// as <c>sv1</c> … <c>svr</c>, r = min(rows, columns)), and each with the suffix <c>_0</c> for the dynamics' first
/// record; the scenario constants that exist for this scenario: <c>rows</c>, <c>columns</c>, <c>hidden</c>,
/// <c>measurements</c> (two-factor models), <c>size</c> (deep), <c>depth</c> (deep, scalar), <c>alpha</c>, <c>beta</c>
/// (identical initialisations), <c>scale</c> (gaussian, spectral), <c>t_end</c>. Another dynamics' metric at the
/// same time is <c>&lt;dynamics&gt;.&lt;metric&gt;</c> (<c>flow.loss</c>, <c>modified_flow.sv1</c>, <c>flow.loss_0</c>): the
/// dynamics' name with <c>-</c> written <c>_</c>, for names that are then identifiers (letters, digits, <c>_</c>,
/// not starting with a digit); the value is that dynamics' record whose time equals the checked record's (within
/// 1e-9 relative), NaN when it has none (the check then fails).
/// </remarks>
public sealed class CheckEnvironment
{
    private readonly Dictionary<string, CheckVariable> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _unavailable = new(StringComparer.Ordinal);
    private readonly List<CheckVariable> _variables = [];
    private readonly Dictionary<string, string> _references = new(StringComparer.Ordinal);
    private CheckCompiler? _compiler;

    private CheckEnvironment(ModelSpec model, StopSpec? stop, IReadOnlyList<DynamicsSpec> dynamics)
    {
        Model = model;
        Stop = stop;
        Dynamics = dynamics;
    }

    /// <summary>The scenario's model.</summary>
    public ModelSpec Model { get; }
    /// <summary>The scenario's stop rule (null when it did not validate: windows are then not checked against the end times).</summary>
    public StopSpec? Stop { get; }
    /// <summary>The scenario's dynamics, in order.</summary>
    public IReadOnlyList<DynamicsSpec> Dynamics { get; }
    /// <summary>Every variable; <see cref="CheckVariable.Slot"/> is the index in this list.</summary>
    public IReadOnlyList<CheckVariable> Variables => _variables;

    /// <summary>The environment of a scenario whose model and dynamics validated.</summary>
    /// <param name="model">The model (decides the metrics and the number of singular values).</param>
    /// <param name="initialization">The initialisation (its constants), or null when it did not validate.</param>
    /// <param name="stop">The stop rule (<c>t_end</c>), or null when it did not validate.</param>
    /// <param name="dynamics">The dynamics (names, types, step sizes).</param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="dynamics"/> is null.</exception>
    public static CheckEnvironment For(ModelSpec model, InitializationSpec? initialization, StopSpec? stop, IReadOnlyList<DynamicsSpec> dynamics)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(dynamics);
        var env = new CheckEnvironment(model, stop, dynamics);
        env.Add("t", CheckVariableSource.Time);
        env.Add("k", CheckVariableSource.Iterate);
        env.Add("eta", CheckVariableSource.StepSize);
        env.AddMetrics(model, null, "");
        env.AddConstants(model, initialization, stop);
        env.AddDynamicsReferences(model);
        return env;
    }

    /// <summary>The variable called <paramref name="name"/>, or null.</summary>
    public CheckVariable? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Why a known name is not a variable of this scenario (<c>imbalance</c> of a deep model), or null.</summary>
    public string? WhyUnavailable(string name) => _unavailable.GetValueOrDefault(name);

    /// <summary>Whether <paramref name="variable"/> has a value for every record of <paramref name="dynamics"/>.</summary>
    public static bool HasValue(CheckVariable variable, DynamicsSpec dynamics)
    {
        ArgumentNullException.ThrowIfNull(variable);
        ArgumentNullException.ThrowIfNull(dynamics);
        return variable.Source switch
        {
            CheckVariableSource.Iterate => dynamics.Type == DynamicsTypes.Descent,
            CheckVariableSource.StepSize => dynamics.Type != DynamicsTypes.Flow,
            _ => true,
        };
    }

    /// <summary>The dynamics called <paramref name="name"/>, or null.</summary>
    public DynamicsSpec? FindDynamics(string name)
    {
        foreach (var d in Dynamics) if (d.Name == name) return d;
        return null;
    }

    /// <summary>The compiler shared by every check of the scenario (one expression parser per scenario).</summary>
    internal CheckCompiler Compiler => _compiler ??= new CheckCompiler(this);

    /// <summary>Whether <paramref name="name"/> is a dynamics as written before a <c>.</c> (<c>modified_flow</c>).</summary>
    public bool IsDynamicsReference(string name) => _references.ContainsKey(name);

    /// <summary>The dynamics names as written in expressions, e.g. <c>modified_flow</c>.</summary>
    public IEnumerable<string> DynamicsReferences => _references.Keys;

    private void Add(string name, CheckVariableSource source, string? column = null, string? metric = null, double value = 0, string? dynamics = null)
    {
        var v = new CheckVariable(name, _variables.Count, source, column, metric, value, dynamics);
        _variables.Add(v);
        _byName.Add(name, v);
    }

    private static readonly System.Buffers.SearchValues<char> IdentifierChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

    private void AddDynamicsReferences(ModelSpec model)
    {
        foreach (var d in Dynamics)
        {
            string reference = d.Name.Replace('-', '_');
            bool identifier = reference.Length > 0 && (char.IsAsciiLetter(reference[0]) || reference[0] == '_')
                              && !reference.AsSpan().ContainsAnyExcept(IdentifierChars);
            if (!identifier || !_references.TryAdd(reference, d.Name)) continue;
            AddMetrics(model, d.Name, reference + ".");
        }
    }

    private void AddMetrics(ModelSpec model, string? dynamics, string prefix)
    {
        int r = Math.Min(model.Rows, model.Columns);
        foreach (var metric in MetricNames.All)
        {
            if (metric == MetricNames.Imbalance && !model.IsTwoFactor)
            {
                _unavailable[prefix + Column(metric)] = _unavailable[prefix + Column(metric) + "_0"] =
                    $"imbalance needs a two-factor model (got {model.Type})";
                continue;
            }
            var columns = new List<string>();
            if (metric != MetricNames.SingularValues) columns.Add(Column(metric));
            else for (int i = 1; i <= r; i++) columns.Add($"sv{i}");
            foreach (var c in columns)
            {
                Add(prefix + c, CheckVariableSource.Metric, c, metric, dynamics: dynamics);
                Add(prefix + c + "_0", CheckVariableSource.FirstValue, c, metric, dynamics: dynamics);
            }
        }
        string range = r == 1 ? "sv1" : $"sv1 … sv{r}";
        for (int i = r + 1; i <= r + 8; i++)
            _unavailable[$"{prefix}sv{i}"] = _unavailable[$"{prefix}sv{i}_0"] = $"the {model.Rows}×{model.Columns} product has {r} singular value{(r == 1 ? "" : "s")} ({range})";
    }

    private static string Column(string metric) => metric.Replace('-', '_');

    private void AddConstants(ModelSpec model, InitializationSpec? init, StopSpec? stop)
    {
        // An initialisation or stop rule that did not validate has its own error; its constants stay usable (NaN)
        // so that the checks do not add a second, misleading error about them.
        void Constant(string name, double value, bool exists, string why)
        {
            if (exists) Add(name, CheckVariableSource.Constant, value: value);
            else _unavailable[name] = why;
        }
        bool twoFactor = model.IsTwoFactor;
        Constant("rows", model.Rows, twoFactor, $"rows is a field of two-factor models (got {model.Type}; use size)");
        Constant("columns", model.Columns, twoFactor, $"columns is a field of two-factor models (got {model.Type}; use size)");
        Constant("hidden", model.Hidden, twoFactor, $"hidden is a field of two-factor models (got {model.Type})");
        Constant("measurements", model.Measurements, model.Type == ModelTypes.MatrixSensing, $"measurements is a field of matrix-sensing (got {model.Type})");
        Constant("size", model.Rows, model.Type == ModelTypes.DeepFactorization, $"size is a field of deep-factorization (got {model.Type})");
        Constant("depth", model.Depth, !twoFactor, $"depth is a field of deep-factorization and scalar (got {model.Type})");
        string type = init?.Type ?? "";
        Constant("alpha", init?.Alpha ?? double.NaN, init is null || type is "identical" or "perturbed-identical",
            $"alpha is a field of identical and perturbed-identical initialisation (initialization type {type})");
        Constant("beta", init?.Beta ?? double.NaN, init is null || type == "perturbed-identical",
            $"beta is a field of perturbed-identical initialisation (initialization type {type})");
        Constant("scale", init?.Scale ?? double.NaN, init is null || type is "gaussian" or "spectral",
            $"scale is a field of gaussian and spectral initialisation (initialization type {type})");
        Constant("t_end", stop?.TEnd ?? double.NaN, true, "");
    }
}

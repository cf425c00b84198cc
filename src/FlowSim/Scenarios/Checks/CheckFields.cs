namespace FlowSim.Scenarios.Checks;

/// <summary>
/// Typed access to the fields of one <c>checks:</c> item, recording every problem with its path — the subset of
/// <see cref="NodeFields"/> a check needs, with the same wording. It exists because <see cref="NodeFields"/> takes
/// the valid keys from <see cref="ScenarioSchema.Fields"/>, which does not list <see cref="ScenarioChecks.SchemaFields"/>
/// yet; once it does, <see cref="NodeFields"/> with section <c>checks[]</c> can replace this class.
/// </summary>
internal sealed class CheckFields
{
    private readonly ScenarioNode _node;
    private readonly List<ScenarioError> _errors;

    public CheckFields(ScenarioNode node, string path, List<ScenarioError> errors, IReadOnlyList<string> allowed)
    {
        _node = node;
        Path = path;
        _errors = errors;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in node.Entries)
        {
            if (!seen.Add(key)) Error(key, "appears more than once", value.Line);
            else if (!allowed.Contains(key, StringComparer.Ordinal))
                Error(key, $"unknown field (did you mean '{ScenarioSchema.Nearest(key, allowed)}'? valid: {string.Join(", ", allowed)})", value.Line);
        }
    }

    public string Path { get; }

    public string FieldPath(string key) => $"{Path}.{key}";

    public void Error(string key, string message, int line = 0) => _errors.Add(new ScenarioError(FieldPath(key), message, line));

    public bool Has(string key) => Raw(key) is not null;

    public ScenarioNode? Raw(string key) => _node.Get(key) is { IsNull: false } n ? n : null;

    public double? Number(string key)
    {
        var n = Raw(key);
        if (n is null) return null;
        if (NodeFields.TryNumber(n, out double v)) return v;
        Error(key, $"expected a number (got {NodeFields.Describe(n)})", n.Line);
        return null;
    }

    public string? Text(string key)
    {
        var n = Raw(key);
        if (n is null) return null;
        if (n.Kind == ScenarioNodeKind.Scalar) return n.Text;
        Error(key, $"expected a string (got {NodeFields.Describe(n)})", n.Line);
        return null;
    }

    public string? Choice(string key, IReadOnlyList<string> valid)
    {
        var s = Text(key);
        if (s is null) return null;
        if (valid.Contains(s, StringComparer.Ordinal)) return s;
        Error(key, $"unknown value '{s}' (did you mean '{ScenarioSchema.Nearest(s, valid)}'? valid: {string.Join(", ", valid)})", Raw(key)!.Line);
        return null;
    }
}

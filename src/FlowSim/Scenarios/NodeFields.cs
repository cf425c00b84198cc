using System.Globalization;

namespace FlowSim.Scenarios;

/// <summary>
/// Typed access to the fields of one mapping node that records every problem (with its field path) instead of
/// stopping at the first, so a user sees all mistakes of a file at once.
/// </summary>
internal sealed class NodeFields
{
    private readonly List<ScenarioError> _errors;

    public NodeFields(ScenarioNode? node, string path, List<ScenarioError> errors, string schemaSection)
    {
        Node = node;
        Path = path;
        _errors = errors;
        if (node is null) return;
        var allowed = ScenarioSchema.KeysOf(schemaSection);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in node.Entries)
        {
            if (!seen.Add(key)) Error(key, "appears more than once", value.Line);
            else if (!allowed.Contains(key, StringComparer.Ordinal))
                Error(key, $"unknown field (did you mean '{ScenarioSchema.Nearest(key, allowed)}'? valid: {string.Join(", ", allowed)})", value.Line);
        }
    }

    public ScenarioNode? Node { get; }
    public string Path { get; }

    public string FieldPath(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public void Error(string key, string message, int line = 0) => _errors.Add(new ScenarioError(FieldPath(key), message, line));

    public bool Has(string key) => Node?.Get(key) is { IsNull: false };

    public ScenarioNode? Raw(string key) => Node?.Get(key) is { IsNull: false } n ? n : null;

    public double? Number(string key)
    {
        var n = Raw(key);
        if (n is null) return null;
        if (TryNumber(n, out double v)) return v;
        Error(key, $"expected a number (got {Describe(n)})", n.Line);
        return null;
    }

    public long? Integer(string key, long min, long max)
    {
        var n = Raw(key);
        if (n is null) return null;
        if (!TryNumber(n, out double v) || !double.IsFinite(v) || Math.Floor(v) != v)
        {
            Error(key, $"expected an integer (got {Describe(n)})", n.Line);
            return null;
        }
        if (v < min || v > max)
        {
            Error(key, max == long.MaxValue ? $"must be ≥ {min} (got {n.Text})" : $"must be between {min} and {max} (got {n.Text})", n.Line);
            return null;
        }
        return (long)v;
    }

    public string? Text(string key)
    {
        var n = Raw(key);
        if (n is null) return null;
        if (n.Kind != ScenarioNodeKind.Scalar)
        {
            Error(key, $"expected a string (got {Describe(n)})", n.Line);
            return null;
        }
        return n.Text;
    }

    public string? Choice(string key, IReadOnlyList<string> valid)
    {
        var s = Text(key);
        if (s is null) return null;
        if (valid.Contains(s, StringComparer.Ordinal)) return s;
        Error(key, $"unknown value '{s}' (did you mean '{ScenarioSchema.Nearest(s, valid)}'? valid: {string.Join(", ", valid)})", Raw(key)!.Line);
        return null;
    }

    public List<double>? NumberList(string key) => ItemList<double>(key, "numbers", TryNumber, "a number");

    public List<string>? TextList(string key) => ItemList<string>(key, "strings", TryText, "a string");

    private delegate bool ItemReader<T>(ScenarioNode item, out T value);

    /// <summary>A list whose every item <paramref name="read"/> accepts; each item it refuses is reported (all of them, not
    /// only the first) as <c>key[i]: expected …</c>, and the list is then null.</summary>
    private List<T>? ItemList<T>(string key, string items, ItemReader<T> read, string item)
    {
        var n = Raw(key);
        if (n is null) return null;
        if (n.Kind != ScenarioNodeKind.Sequence)
        {
            Error(key, $"expected a list of {items} (got {Describe(n)})", n.Line);
            return null;
        }
        var list = new List<T>(n.Items.Count);
        bool ok = true;
        for (int i = 0; i < n.Items.Count; i++)
        {
            if (read(n.Items[i], out T value)) list.Add(value);
            else
            {
                _errors.Add(new ScenarioError($"{FieldPath(key)}[{i}]", $"expected {item} (got {Describe(n.Items[i])})", n.Items[i].Line));
                ok = false;
            }
        }
        return ok ? list : null;
    }

    /// <summary>Reports each of <paramref name="keys"/> that is present with <paramref name="message"/> (a field that does
    /// not apply to the type chosen).</summary>
    public void Reject(string message, params string[] keys)
    {
        foreach (var key in keys)
            if (Has(key)) Error(key, message);
    }

    /// <summary>Whether <paramref name="value"/> (of the field <paramref name="key"/>) is finite and &gt; 0; reported when not.</summary>
    public bool FinitePositive(string key, double value)
    {
        bool ok = value > 0 && double.IsFinite(value);
        if (!ok) Error(key, $"must be finite and > 0 (got {ScenarioNode.FormatNumber(value)})");
        return ok;
    }

    /// <summary>Whether <paramref name="value"/> (of the field <paramref name="key"/>) is finite and ≥ 0; reported when not.</summary>
    public bool FiniteNonNegative(string key, double value)
    {
        bool ok = value >= 0 && double.IsFinite(value);
        if (!ok) Error(key, $"must be finite and ≥ 0 (got {ScenarioNode.FormatNumber(value)})");
        return ok;
    }

    /// <summary>
    /// The items of the list <paramref name="list"/> (the value of <paramref name="key"/>) with their paths <c>key[i]</c>;
    /// an item that is not a mapping is reported ("expected a mapping with <paramref name="holding"/>") and skipped.
    /// </summary>
    public static IEnumerable<(int Index, string Path, ScenarioNode Item)> MappingItems(ScenarioNode list, string key, string holding,
        List<ScenarioError> errors)
    {
        for (int i = 0; i < list.Items.Count; i++)
        {
            string path = $"{key}[{i}]";
            var item = list.Items[i];
            if (item.Kind == ScenarioNodeKind.Mapping) yield return (i, path, item);
            else errors.Add(new ScenarioError(path, $"expected a mapping with {holding} (got {Describe(item)})", item.Line));
        }
    }

    /// <summary>A child mapping; an error (and null) when it is present but not a mapping.</summary>
    public ScenarioNode? Mapping(string key, bool required)
    {
        var n = Raw(key);
        if (n is null)
        {
            if (required) Error(key, "is required");
            return null;
        }
        if (n.Kind == ScenarioNodeKind.Mapping) return n;
        Error(key, $"expected a mapping of fields (got {Describe(n)})", n.Line);
        return null;
    }

    /// <summary>Numbers as YAML and JSON write them, plus YAML's .nan/.inf so that NaN and Inf reach the range checks.</summary>
    public static bool TryNumber(ScenarioNode n, out double value)
    {
        value = 0;
        if (n.Kind != ScenarioNodeKind.Scalar || n.Text is null || n.Quoted) return false;
        string t = n.Text.Trim();
        switch (t.ToLowerInvariant())
        {
            case ".nan" or "nan": value = double.NaN; return true;
            case ".inf" or "+.inf" or "inf" or "infinity" or "+infinity": value = double.PositiveInfinity; return true;
            case "-.inf" or "-inf" or "-infinity": value = double.NegativeInfinity; return true;
        }
        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryText(ScenarioNode n, out string value)
    {
        value = n.Text ?? "";
        return n.Kind == ScenarioNodeKind.Scalar && n.Text is not null;
    }

    public static string Describe(ScenarioNode n) => n.Kind switch
    {
        ScenarioNodeKind.Mapping => "a mapping",
        ScenarioNodeKind.Sequence => "a list",
        _ when n.Text is null => "null",
        _ when n.Quoted => $"the string \"{Shorten(n.Text)}\"",
        _ => $"'{Shorten(n.Text)}'",
    };

    private static string Shorten(string s) => s.Length > 40 ? s[..40] + "…" : s;
}

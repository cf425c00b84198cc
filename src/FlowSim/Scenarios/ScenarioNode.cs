using System.Globalization;
using System.Text;

namespace FlowSim.Scenarios;

/// <summary>Kind of a <see cref="ScenarioNode"/>.</summary>
public enum ScenarioNodeKind
{
    /// <summary>A key → node map (YAML mapping, JSON object).</summary>
    Mapping,
    /// <summary>An ordered list (YAML sequence, JSON array).</summary>
    Sequence,
    /// <summary>A single value kept as its source text (numbers are parsed only when a field asks for one).</summary>
    Scalar,
}

/// <summary>
/// A format-neutral tree of a scenario file. YAML and JSON readers both produce it, so validation walks one
/// structure and can name the field path and the source line of every problem.
/// </summary>
public sealed class ScenarioNode
{
    private ScenarioNode() { }

    /// <summary>Mapping, sequence or scalar.</summary>
    public ScenarioNodeKind Kind { get; private init; }
    /// <summary>1-based source line (0 when the node was built in code).</summary>
    public int Line { get; private init; }
    /// <summary>1-based source column (0 when the node was built in code).</summary>
    public int Column { get; private init; }
    /// <summary>Scalar text (null for null scalars and containers).</summary>
    public string? Text { get; private init; }
    /// <summary>Whether the scalar was quoted in the source (a quoted "1" is a string, not a number).</summary>
    public bool Quoted { get; private init; }
    /// <summary>Entries of a mapping, in source order.</summary>
    public List<KeyValuePair<string, ScenarioNode>> Entries { get; } = [];
    /// <summary>Items of a sequence.</summary>
    public List<ScenarioNode> Items { get; } = [];

    /// <summary>Whether this is a null scalar (YAML <c>~</c> or empty, JSON <c>null</c>).</summary>
    public bool IsNull => Kind == ScenarioNodeKind.Scalar && Text is null;

    /// <summary>A new empty mapping.</summary>
    public static ScenarioNode Mapping(int line = 0, int column = 0) => new() { Kind = ScenarioNodeKind.Mapping, Line = line, Column = column };
    /// <summary>A new empty sequence.</summary>
    public static ScenarioNode Sequence(int line = 0, int column = 0) => new() { Kind = ScenarioNodeKind.Sequence, Line = line, Column = column };
    /// <summary>A scalar with its source text (null text: a null value).</summary>
    public static ScenarioNode Scalar(string? text, bool quoted = false, int line = 0, int column = 0) =>
        new() { Kind = ScenarioNodeKind.Scalar, Line = line, Column = column, Text = text, Quoted = quoted };
    /// <summary>A number scalar, written with round-trip precision.</summary>
    public static ScenarioNode Number(double value) => Scalar(FormatNumber(value));
    /// <summary>A string scalar (quoted).</summary>
    public static ScenarioNode String(string value) => Scalar(value, quoted: true);

    /// <summary>The entry with that key, or null.</summary>
    public ScenarioNode? Get(string key)
    {
        foreach (var e in Entries) if (e.Key == key) return e.Value;
        return null;
    }

    /// <summary>Sets (or adds) a mapping entry; returns this node for chaining.</summary>
    public ScenarioNode Set(string key, ScenarioNode value)
    {
        for (int i = 0; i < Entries.Count; i++)
            if (Entries[i].Key == key)
            {
                Entries[i] = new(key, value);
                return this;
            }
        Entries.Add(new(key, value));
        return this;
    }

    /// <summary>Round-trip, culture-invariant text of a number (the same bytes on every machine).</summary>
    public static string FormatNumber(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "Infinity" : double.IsNegativeInfinity(value) ? "-Infinity"
        : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A deep copy.</summary>
    public ScenarioNode Clone()
    {
        var c = new ScenarioNode { Kind = Kind, Line = Line, Column = Column, Text = Text, Quoted = Quoted };
        foreach (var e in Entries) c.Entries.Add(new(e.Key, e.Value.Clone()));
        foreach (var i in Items) c.Items.Add(i.Clone());
        return c;
    }

    /// <summary>
    /// Replaces the value at a field path such as <c>dynamics[0].eta</c> or <c>target.diagonal</c> (creating missing
    /// mapping keys). Used by sweeps. The value is parsed as a plain scalar, or as a list when written <c>[a;b]</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The path is malformed or walks through a missing list item or a scalar.</exception>
    public void SetPath(string path, string value)
    {
        var steps = ParsePath(path);
        var node = this;
        for (int s = 0; s < steps.Count; s++)
        {
            bool last = s == steps.Count - 1;
            var (key, index) = steps[s];
            if (key is not null)
            {
                if (node.Kind != ScenarioNodeKind.Mapping)
                    throw new ArgumentException($"{path}: '{key}' is inside a value that is not a mapping.", nameof(path));
                if (last) { node.Set(key, ParseValue(value)); return; }
                var child = node.Get(key);
                if (child is null)
                {
                    child = steps[s + 1].Key is null ? Sequence() : Mapping();
                    node.Set(key, child);
                }
                node = child;
            }
            else
            {
                if (node.Kind != ScenarioNodeKind.Sequence || index >= node.Items.Count)
                    throw new ArgumentException($"{path}: there is no list item [{index}] there.", nameof(path));
                if (last) { node.Items[index] = ParseValue(value); return; }
                node = node.Items[index];
            }
        }
    }

    private static ScenarioNode ParseValue(string value)
    {
        value = value.Trim();
        if (value.StartsWith('[') && value.EndsWith(']'))
        {
            var seq = Sequence();
            foreach (var part in value[1..^1].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                seq.Items.Add(Scalar(part));
            return seq;
        }
        return Scalar(value);
    }

    /// <summary>Splits <c>a.b[2].c</c> into (key, index) steps; key null means a list index.</summary>
    /// <exception cref="ArgumentException">The path is empty or malformed.</exception>
    public static List<(string? Key, int Index)> ParsePath(string path)
    {
        var steps = new List<(string?, int)>();
        int i = 0;
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("path: empty field path.", nameof(path));
        while (i < path.Length)
        {
            if (path[i] == '[')
            {
                int close = path.IndexOf(']', i);
                if (close < 0 || !int.TryParse(path.AsSpan(i + 1, close - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out int idx))
                    throw new ArgumentException($"{path}: malformed list index at position {i}.", nameof(path));
                steps.Add((null, idx));
                i = close + 1;
                if (i < path.Length && path[i] == '.') i++;
                continue;
            }
            int end = i;
            while (end < path.Length && path[end] != '.' && path[end] != '[') end++;
            if (end == i) throw new ArgumentException($"{path}: empty field name at position {i}.", nameof(path));
            steps.Add((path[i..end], 0));
            i = end;
            if (i < path.Length && path[i] == '.') i++;
        }
        return steps;
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var sb = new StringBuilder();
        Append(sb);
        return sb.ToString();
    }

    private void Append(StringBuilder sb)
    {
        switch (Kind)
        {
            case ScenarioNodeKind.Scalar: sb.Append(Text ?? "null"); break;
            case ScenarioNodeKind.Sequence:
                sb.Append('[');
                for (int i = 0; i < Items.Count; i++) { if (i > 0) sb.Append(", "); Items[i].Append(sb); }
                sb.Append(']');
                break;
            default:
                sb.Append('{');
                for (int i = 0; i < Entries.Count; i++) { if (i > 0) sb.Append(", "); sb.Append(Entries[i].Key).Append(": "); Entries[i].Value.Append(sb); }
                sb.Append('}');
                break;
        }
    }
}

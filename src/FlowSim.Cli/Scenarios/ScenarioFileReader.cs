using FlowSim.Scenarios;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FlowSim.Cli.Scenarios;

/// <summary>
/// Reads a YAML (YamlDotNet) or JSON (System.Text.Json) scenario file into the format-neutral <see cref="ScenarioNode"/>
/// tree, keeping line numbers; syntax errors become <see cref="CliUsageException"/>s naming the file, line and column.
/// </summary>
public static class ScenarioFileReader
{
    /// <summary>Largest node count accepted (YAML aliases can otherwise expand a small file without bound).</summary>
    public const int MaxNodes = (int)YamlEventBudget.MaxNodes;

    /// <summary>Reads a file; JSON when its extension is .json, YAML otherwise.</summary>
    /// <exception cref="CliUsageException">The file cannot be read or is not well-formed.</exception>
    public static ScenarioNode ReadFile(string path)
    {
        string name = Path.GetFileName(path);
        string text;
        try
        {
            text = InputFile.ReadAllText(path, InputFile.MaxScenarioBytes);
        }
        catch (InputFileException ex)
        {
            throw new CliUsageException($"{path}: cannot read the scenario file ({ex.Reason})");
        }
        return Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase) ? ReadJson(text, name) : ReadYaml(text, name);
    }

    /// <summary>Parses YAML text (the first document).</summary>
    /// <exception cref="CliUsageException">Broken YAML (with line and column), an empty file, or a non-scalar key.</exception>
    public static ScenarioNode ReadYaml(string text, string name)
    {
        YamlEventBudget.Check(text, name);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            string inner = ex.InnerException is { } ie && ex.Message.Contains("see inner", StringComparison.OrdinalIgnoreCase) ? ie.Message : ex.Message;
            throw new CliUsageException($"{name}: line {ex.Start.Line}, column {ex.Start.Column}: broken YAML: {OneLine(inner)}");
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException or NullReferenceException)
        {
            // YamlDotNet occasionally fails with a non-YAML exception on malformed input; locate it by replaying the events.
            var (line, column) = LastGoodPosition(text);
            throw new CliUsageException($"{name}: line {line}, column {column}: broken YAML: the parser stopped after this point ({OneLine(ex.Message)})");
        }
        if (stream.Documents.Count == 0) throw new CliUsageException($"{name}: the file is empty");
        int count = 0;
        return Convert(stream.Documents[0].RootNode, name, ref count, 0);
    }

    private static (long Line, long Column) LastGoodPosition(string text)
    {
        var parser = new Parser(new StringReader(text));
        (long, long) last = (1, 1);
        try
        {
            while (parser.MoveNext())
                if (parser.Current is { } e) last = (e.End.Line, e.End.Column);
        }
        catch (Exception)
        {
            // The position of the last event parsed is what we wanted.
        }
        return last;
    }

    private static ScenarioNode Convert(YamlNode node, string name, ref int count, int depth)
    {
        if (++count > MaxNodes || depth > YamlEventBudget.MaxDepth)
            throw new CliUsageException($"{name}: line {node.Start.Line}: the document is too large or too deeply nested");
        int line = (int)node.Start.Line, col = (int)node.Start.Column;
        switch (node)
        {
            case YamlScalarNode s:
            {
                bool quoted = s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded;
                string? value = s.Value;
                if (!quoted && (value is null || value.Length == 0 || value is "~" or "null" or "Null" or "NULL")) value = null;
                return ScenarioNode.Scalar(value, quoted, line, col);
            }
            case YamlSequenceNode seq:
            {
                var result = ScenarioNode.Sequence(line, col);
                foreach (var item in seq.Children) result.Items.Add(Convert(item, name, ref count, depth + 1));
                return result;
            }
            case YamlMappingNode map:
            {
                var result = ScenarioNode.Mapping(line, col);
                foreach (var (k, v) in map.Children)
                {
                    if (k is not YamlScalarNode { Value: { } key })
                        throw new CliUsageException($"{name}: line {k.Start.Line}, column {k.Start.Column}: a mapping key must be a plain name");
                    result.Entries.Add(new(key, Convert(v, name, ref count, depth + 1)));
                }
                return result;
            }
            default:
                throw new CliUsageException($"{name}: line {line}, column {col}: unsupported YAML node");
        }
    }

    /// <summary>Parses JSON text (comments and trailing commas allowed) with the library's reader.</summary>
    /// <exception cref="CliUsageException">Broken JSON, with line and column.</exception>
    public static ScenarioNode ReadJson(string text, string name)
    {
        try
        {
            return ScenarioJson.Read(text, name);
        }
        catch (ScenarioException ex)
        {
            throw new CliUsageException(ex.Message);
        }
    }

    private static string OneLine(string s)
    {
        s = s.ReplaceLineEndings(" ").Trim();
        return s.Length > 300 ? s[..300] + "…" : s;
    }
}

using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace FlowSim.Cli.Scenarios;

/// <summary>
/// Checks the nesting depth and the node count of a YAML text on YamlDotNet's event stream (<see cref="Parser"/>, a
/// state machine without recursion) before any tree is built: the tree loader recurses once per level, so 20,000
/// nested flow mappings in a 100 KB file overflowed the stack before any later check could run. Aliases count as the
/// nodes they stand for (their anchor's expanded size and height), so an alias bomb is refused here too.
/// </summary>
public static class YamlEventBudget
{
    /// <summary>Deepest nesting accepted (a scenario needs 4).</summary>
    public const int MaxDepth = 64;

    /// <summary>Largest node count accepted, aliases expanded.</summary>
    public const long MaxNodes = 1_000_000;

    private sealed class Frame(string? anchor)
    {
        public string? Anchor { get; } = anchor;
        public long Nodes { get; set; } = 1;
        public int Height { get; set; } = 1;
    }

    /// <summary>Scans every document of <paramref name="text"/>. Broken YAML ends the scan quietly: the loader then
    /// reports it with its position (it stops at the same place, within the depth checked so far).</summary>
    /// <exception cref="CliUsageException">Deeper than <see cref="MaxDepth"/> or more than <see cref="MaxNodes"/> nodes; the message names the file and line.</exception>
    public static void Check(string text, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, (long Nodes, int Height)>(StringComparer.Ordinal);
        var stack = new List<Frame>();
        long total = 0;

        void Count(long nodes, long line)
        {
            total += nodes;
            if (total > MaxNodes)
                throw new CliUsageException($"{name}: line {line}: the document has more than {MaxNodes} nodes (aliases expanded); a scenario needs a few dozen");
        }

        void Deep(int depth, long line, bool alias)
        {
            if (depth > MaxDepth)
                throw new CliUsageException($"{name}: line {line}: nested deeper than {MaxDepth} levels{(alias ? " (aliases expanded)" : "")}; a scenario needs 4");
        }

        // A finished child (a scalar, an expanded alias, a closed collection) of the innermost open collection.
        void Child(long nodes, int height)
        {
            if (stack.Count == 0) return;
            var parent = stack[^1];
            parent.Nodes += nodes;
            parent.Height = Math.Max(parent.Height, height + 1);
        }

        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case NodeEvent { } start when start is MappingStart or SequenceStart:
                        Count(1, start.Start.Line);
                        stack.Add(new Frame(start.Anchor.IsEmpty ? null : start.Anchor.Value));
                        Deep(stack.Count, start.Start.Line, alias: false);
                        break;
                    case MappingEnd or SequenceEnd when stack.Count > 0:
                    {
                        var done = stack[^1];
                        stack.RemoveAt(stack.Count - 1);
                        if (done.Anchor is { } a) anchors[a] = (done.Nodes, done.Height);
                        Child(done.Nodes, done.Height);
                        break;
                    }
                    case Scalar scalar:
                        Count(1, scalar.Start.Line);
                        if (!scalar.Anchor.IsEmpty) anchors[scalar.Anchor.Value] = (1, 1);
                        Child(1, 1);
                        break;
                    case AnchorAlias alias when anchors.TryGetValue(alias.Value.Value, out var expanded):
                        Count(expanded.Nodes, alias.Start.Line);
                        Deep(stack.Count + expanded.Height, alias.Start.Line, alias: true);
                        Child(expanded.Nodes, expanded.Height);
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is not CliUsageException)
        {
            // Broken YAML (YamlDotNet throws YamlException, and on some inputs InvalidOperationException and the like):
            // the loader reports it with line and column.
        }
    }
}

namespace FlowSim.Scenarios.Checks;

/// <summary>The <c>dynamics</c>, <c>from</c> and <c>to</c> fields of a check: which records it reads.</summary>
internal static class CheckDynamics
{
    /// <summary>The named dynamics (a name or a list), every dynamics when absent; null after an error.</summary>
    public static IReadOnlyList<string>? Parse(NodeFields f, CheckEnvironment env)
    {
        var all = env.Dynamics.Select(d => d.Name).ToArray();
        var node = f.Raw("dynamics");
        if (node is null) return all;
        bool single = node.Kind == ScenarioNodeKind.Scalar;
        if (!single && node.Kind != ScenarioNodeKind.Sequence)
        {
            f.Error("dynamics", $"expected a dynamics name or a list of names (got {NodeFields.Describe(node)})", node.Line);
            return null;
        }
        if (!single && node.Items.Count == 0)
        {
            f.Error("dynamics", $"must name at least one dynamics (omit it for all: {string.Join(", ", all)})", node.Line);
            return null;
        }
        var result = new List<string>();
        bool ok = true;
        for (int i = 0; i < (single ? 1 : node.Items.Count); i++)
        {
            var item = single ? node : node.Items[i];
            string field = single ? "dynamics" : $"dynamics[{i}]";
            if (item is not { Kind: ScenarioNodeKind.Scalar, Text: { } name })
            {
                f.Error(field, $"expected a dynamics name (got {NodeFields.Describe(item)})", item.Line);
                return null;
            }
            if (!all.Contains(name, StringComparer.Ordinal))
            {
                f.Error(field, $"unknown dynamics '{name}' (did you mean '{ScenarioSchema.Nearest(name, all)}'? valid: {string.Join(", ", all)})", item.Line);
                ok = false;
            }
            else if (result.Contains(name, StringComparer.Ordinal))
            {
                f.Error(field, $"'{name}' is listed twice", item.Line);
                ok = false;
            }
            else result.Add(name);
        }
        return ok ? result : null;
    }

    /// <summary>The time window [from, to] (defaults 0 and +∞), with its errors recorded in <paramref name="f"/>.</summary>
    public static (double From, double To) Window(NodeFields f, CheckEnvironment env, IReadOnlyList<string>? dynamics)
    {
        double from = f.Number("from") ?? 0, to = f.Number("to") ?? double.PositiveInfinity;
        bool fromOk = f.FiniteNonNegative("from", from);
        bool toOk = !f.Has("to") || f.FiniteNonNegative("to", to);
        if (toOk && fromOk && to < from) f.Error("to", $"must be ≥ from = {ScenarioParser.Fmt(from)} (got {ScenarioParser.Fmt(to)})");
        if (fromOk && env.Stop is { } stop && dynamics is { Count: > 0 })
        {
            double end = 0;
            foreach (var name in dynamics) end = Math.Max(end, env.FindDynamics(name)!.EndTime(stop));
            if (from > end) f.Error("from", $"{ScenarioParser.Fmt(from)} lies after the end of the run (t = {ScenarioParser.Fmt(end)}): the check would see no record");
        }
        return (from, to);
    }
}

namespace FlowSim.Scenarios;

/// <summary>The <c>record:</c> section of a scenario: explicit times, every k-th iterate or evenly spaced points (at most
/// <see cref="ScenarioParser.MaxRecords"/> per dynamics), and the metrics, each applicable to the model and dynamics.</summary>
internal static class ScenarioRecordParser
{
    public static RecordSpec? Parse(NodeFields top, List<ScenarioError> errors, ModelSpec? model, StopSpec? stop, List<DynamicsSpec>? dynamics)
    {
        var f = new NodeFields(top.Mapping("record", required: false), "record", errors, "record");
        int count = errors.Count;
        var given = new[] { "times", "every", "points" }.Where(f.Has).ToArray();
        if (given.Length > 1) f.Error(given[1], $"give only one of times, every, points (got {string.Join(" and ", given)})");
        var times = f.NumberList("times");
        if (times is not null)
        {
            if (times.Count == 0) f.Error("times", "must not be empty");
            if (times.Count > ScenarioParser.MaxRecords) f.Error("times", $"lists {times.Count} times, more than the {ScenarioParser.MaxRecords} records a dynamics may keep");
            else for (int i = 0; i < times.Count; i++)
            {
                if (!double.IsFinite(times[i]) || times[i] < 0 || (stop is not null && times[i] > stop.TEnd))
                    f.Error($"times[{i}]", $"must lie in [0, t_end = {ScenarioParser.Fmt(stop?.TEnd ?? double.NaN)}] (got {ScenarioParser.Fmt(times[i])})");
                else if (i > 0 && !(times[i] > times[i - 1]))
                    f.Error($"times[{i}]", $"times must increase ({ScenarioParser.Fmt(times[i - 1])} then {ScenarioParser.Fmt(times[i])})");
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
                if (!(records <= ScenarioParser.MaxRecords))
                {
                    f.Error("every", $"dynamics[{i}] would record more than {ScenarioParser.MaxRecords} points; raise record.every or lower the end time");
                    break;
                }
            }
        }
        int points = (int)(f.Integer("points", 2, ScenarioParser.MaxRecords) ?? 51);
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
}

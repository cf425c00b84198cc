namespace FlowSim.Scenarios.Checks;

/// <summary>One validated item of a scenario's <c>checks:</c> list (its expressions compile once, on first use or in <see cref="ScenarioChecks.CompileAll"/>).</summary>
/// <param name="Id">Unique id, <c>[a-z0-9-]+</c>.</param>
/// <param name="Description">Optional text for the report.</param>
/// <param name="Dynamics">Names of the dynamics it applies to (every dynamics when the file gives none).</param>
/// <param name="Kind">What it compares.</param>
/// <param name="Measured">The measured expression.</param>
/// <param name="Bound">The bound expression; null for the monotone kinds.</param>
/// <param name="Tolerance">Absolute slack, finite and ≥ 0 (0 unless given; required for <see cref="CheckKind.Equal"/>).</param>
/// <param name="From">Start of the time window (records with t ≥ from), 0 unless given.</param>
/// <param name="To">End of the time window (records with t ≤ to), +∞ unless given.</param>
public sealed record CheckSpec(
    string Id, string? Description, IReadOnlyList<string> Dynamics, CheckKind Kind,
    CheckExpression Measured, CheckExpression? Bound, double Tolerance, double From, double To)
{
    /// <summary>Every variable the expressions use, each once (measured first).</summary>
    public IReadOnlyList<CheckVariable> Variables => Collect(Measured, Bound);

    /// <summary>The other dynamics whose records the expressions read (<c>flow.loss</c>), each once.</summary>
    public IReadOnlyList<string> ReferencedDynamics => [.. Variables.Select(v => v.Dynamics).OfType<string>().Distinct()];

    private static CheckVariable[] Collect(CheckExpression measured, CheckExpression? bound)
    {
        var list = new List<CheckVariable>();
        foreach (var u in measured.Uses) list.Add(u.Variable);
        foreach (var u in bound?.Uses ?? [])
            if (!list.Exists(v => ReferenceEquals(v, u.Variable))) list.Add(u.Variable);
        return [.. list];
    }

    /// <summary>
    /// The scenario metric names (<see cref="MetricNames"/>) the expressions read, in <see cref="MetricNames.All"/>
    /// order: the runner records them (for the check's dynamics and those in <see cref="ReferencedDynamics"/>) even when
    /// <c>record.metrics</c> omits them.
    /// </summary>
    public IReadOnlyList<string> Metrics
    {
        get
        {
            var used = Variables.Select(v => v.Metric).OfType<string>().ToHashSet(StringComparer.Ordinal);
            return [.. MetricNames.All.Where(used.Contains)];
        }
    }
}

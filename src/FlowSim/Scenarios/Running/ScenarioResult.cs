using FlowSim.Analysis;

namespace FlowSim.Scenarios;

/// <summary>Everything a scenario run produced: the status, one result per dynamics (in scenario order), the
/// flow-versus-descent comparisons, the checks and the clock.</summary>
public sealed record ScenarioResult
{
    /// <summary>The scenario that ran.</summary>
    public required Scenario Scenario { get; init; }
    /// <summary>Completed, or interrupted by cancellation.</summary>
    public required ScenarioStatus Status { get; init; }
    /// <summary>One result per dynamics, in scenario order (not-run ones included).</summary>
    public required IReadOnlyList<DynamicsResult> Dynamics { get; init; }
    /// <summary>Each descent against each ODE dynamics with dense output.</summary>
    public required IReadOnlyList<ScenarioComparison> Comparisons { get; init; }
    /// <summary>Each check of the scenario on each dynamics it applies to and that ran (check order, then dynamics order).</summary>
    public IReadOnlyList<Checks.CheckResult> Checks { get; init; } = [];
    /// <summary>The metric columns of every dynamics' records.</summary>
    public required IReadOnlyList<string> Columns { get; init; }
    /// <summary>Start (UTC).</summary>
    public DateTime StartedUtc { get; init; }
    /// <summary>End (UTC).</summary>
    public DateTime FinishedUtc { get; init; }
    /// <summary>Wall time of the whole run in seconds.</summary>
    public double WallSeconds { get; init; }

    /// <summary>The dynamics of that name.</summary>
    /// <exception cref="KeyNotFoundException">No dynamics has that name.</exception>
    public DynamicsResult this[string name] => Dynamics.FirstOrDefault(d => d.Name == name)
        ?? throw new KeyNotFoundException($"dynamics: no dynamics named '{name}' (names: {string.Join(", ", Dynamics.Select(d => d.Name))}).");
}

/// <summary>
/// A descent against an ODE dynamics at the descent's recorded iterates: ‖θ_k − θ(kη)‖₂ with θ(t) from the flow's dense
/// output (<see cref="FlowDescentComparison"/>), summarised over the iterates the scenario records.
/// </summary>
/// <param name="Descent">Descent name.</param>
/// <param name="Flow">ODE dynamics name.</param>
/// <param name="Points">Number of recorded iterates compared (those up to the flow's final time).</param>
/// <param name="MaxDistance">Largest distance.</param>
/// <param name="MaxDistanceTime">Time kη of the largest distance.</param>
/// <param name="MaxRelativeDistance">Largest ‖θ_k − θ(kη)‖/‖θ(kη)‖.</param>
/// <param name="FinalDistance">Distance at the last compared iterate.</param>
/// <param name="FinalTime">Time of the last compared iterate.</param>
/// <param name="Comparison">The comparison at every iterate the descent kept (a superset of the recorded ones).</param>
/// <param name="Iterates"><see cref="RawIterates"/> (θ_k) or <see cref="MidpointIterates"/> (the second-order midpoints
/// θ*_k = ¼(2θ_k + θ_{k+1} + θ_{k−1}) of a descent that tracked its sharpness, the average the central flow describes).</param>
public sealed record ScenarioComparison(string Descent, string Flow, int Points, double MaxDistance, double MaxDistanceTime,
    double MaxRelativeDistance, double FinalDistance, double FinalTime, FlowDescentComparison Comparison, string Iterates = ScenarioComparison.RawIterates)
{
    /// <summary>The descent's iterates θ_k.</summary>
    public const string RawIterates = "raw";
    /// <summary>The descent's second-order midpoints θ*_k.</summary>
    public const string MidpointIterates = "midpoints";
}

namespace FlowSim.Scenarios;

/// <summary>Receives the progress of a scenario run: one dynamics after the other.</summary>
public interface IScenarioProgress
{
    /// <summary>A dynamics starts; it runs to <paramref name="endTime"/>.</summary>
    void Begin(string name, double endTime);
    /// <summary>Time reached and steps taken so far (called often; implementations throttle).</summary>
    void Update(double time, long steps);
    /// <summary>The dynamics ended with this status.</summary>
    void End(DynamicsStatus status);
}

/// <summary>A progress sink that ignores everything.</summary>
public sealed class NoProgress : IScenarioProgress
{
    /// <summary>The shared instance.</summary>
    public static NoProgress Instance { get; } = new();

    /// <inheritdoc/>
    public void Begin(string name, double endTime) { }
    /// <inheritdoc/>
    public void Update(double time, long steps) { }
    /// <inheritdoc/>
    public void End(DynamicsStatus status) { }
}

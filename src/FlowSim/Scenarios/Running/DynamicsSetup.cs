namespace FlowSim.Scenarios;

/// <summary>What a dynamics runner gets: the scenario, the dynamics to run, a fresh objective and θ₀, and where it ends.</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="Spec">The dynamics.</param>
/// <param name="Built">A fresh objective (owned by this dynamics) and θ₀.</param>
/// <param name="EndTime">Kη for descent and the perturbed flow, t_end otherwise.</param>
/// <param name="Dense">Keep the dense output of an ODE solution (the scenario compares flows with a descent).</param>
public sealed record DynamicsSetup(Scenario Scenario, DynamicsSpec Spec, BuiltScenario Built, double EndTime, bool Dense)
{
    /// <summary>The most Jacobian entries an <c>auto</c> method's stiffness switch may allocate within the memory budget
    /// (<see cref="ScenarioMemory.AutoJacobianEntries"/>); passed to the engine as <c>OdeOptions.MaxJacobianEntries</c>.</summary>
    public long AutoJacobianEntries { get; init; } = long.MaxValue;
}

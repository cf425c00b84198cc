using FlowSim.Models;
using FlowSim.Randomness;

namespace FlowSim.Scenarios;

/// <summary>The objects a scenario describes: the objective and the initial parameters θ₀.</summary>
/// <param name="Objective">The model's loss (it holds workspaces: one per dynamics, not shared between threads).</param>
/// <param name="Theta0">θ₀.</param>
public sealed record BuiltScenario(IFactorizedObjective Objective, double[] Theta0);

/// <summary>
/// The one place that turns a validated <see cref="Scenario"/> into library objects (model, measurements,
/// initialisation). Every random part draws from its own stream of the scenario's seed,
/// <see cref="SeedStreams.Derive(ulong, string, string?)"/>(seed, "scenario", part) with part <c>target</c>, <c>initialization</c> or
/// <c>measurements</c>, so that changing one part never reshuffles another.
/// </summary>
public static class ScenarioBuilder
{
    /// <summary>Owner name of the scenario seed streams.</summary>
    public const string SeedOwner = "scenario";

    /// <summary>The seed of one random part of a scenario (<c>target</c>, <c>initialization</c>, <c>measurements</c>);
    /// for seeds up to 2³¹ − 1 the same as the int scheme the claims use.</summary>
    public static ulong PartSeed(ulong seed, string part) => (ulong)SeedStreams.Derive(seed, SeedOwner, part);

    /// <summary>Builds a fresh objective and θ₀.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="scenario"/> is null.</exception>
    public static BuiltScenario Build(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var m = scenario.Model;
        IFactorizedObjective objective = m.Type switch
        {
            ModelTypes.AsymmetricFactorization => new AsymmetricFactorization(m.Rows, m.Columns, m.Hidden, scenario.Target.Matrix),
            ModelTypes.MatrixSensing => new MatrixSensing(
                new GaussianMeasurements(m.Measurements, m.Rows, m.Columns, PartSeed(scenario.Seed, "measurements")), scenario.Target.Matrix, m.Hidden),
            _ => new DeepFactorization(m.Depth, m.Rows, scenario.Target.Matrix),
        };
        var init = scenario.Initialization;
        double[] theta0 = init.Type switch
        {
            "identical" => Initializations.Identical(objective, init.Alpha),
            "perturbed-identical" => Initializations.PerturbedIdentical(objective, init.Alpha, init.Beta, init.Factor),
            "gaussian" => Initializations.Gaussian(objective, init.Scale, PartSeed(scenario.Seed, "initialization")),
            _ => Initializations.Spectral(objective, init.Scale),
        };
        return new BuiltScenario(objective, theta0);
    }
}

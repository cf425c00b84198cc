using FlowSim.Dynamics;
using FlowSim.Models;
using FlowSim.Ode;

namespace FlowSim.Scenarios;

/// <summary>Turns the setup of an ODE dynamics and the options the scenario implies into the problem and options to solve.</summary>
public delegate (OdeProblem Problem, OdeOptions Options) OdeDynamicsFactory(DynamicsSetup setup, OdeOptions template);

/// <summary>
/// How each dynamics type runs, in one place: descent is <see cref="GradientDescent.Run(IObjective, ReadOnlySpan{double}, GradientDescentOptions, CancellationToken)"/>,
/// the central flow is <see cref="Dynamics.CentralFlow.CentralFlowSolver"/> (a hybrid system, <see cref="CentralFlowDynamics"/>); every other type is an ODE
/// problem built by its <see cref="OdeDynamicsFactory"/> and solved by the engine with the scenario's method,
/// tolerances, record times, step budget and loss level. A new ODE dynamics is one more entry here.
/// </summary>
public static class ScenarioDynamics
{
    private static readonly Dictionary<string, OdeDynamicsFactory> OdeFactories = new(StringComparer.Ordinal)
    {
        [DynamicsTypes.Flow] = (s, options) => (GradientFlow.CreateProblem(s.Built.Objective, s.Built.Theta0, s.EndTime), options),
        [DynamicsTypes.ModifiedFlow] = (s, options) =>
            (ModifiedGradientFlow.CreateProblem(
                s.Built.Objective as IHessianVectorProduct ?? throw new ArgumentException($"{s.Spec.Name}: modified-flow needs a model with Hessian-vector products."),
                s.Spec.Eta, s.Built.Theta0, s.EndTime), options),
        [DynamicsTypes.PerturbedFlow] = (s, options) =>
        {
            var flow = new PerturbedGradientFlow(
                s.Built.Objective as MatrixSensing ?? throw new ArgumentException($"{s.Spec.Name}: perturbed-flow needs a matrix-sensing model."), s.Spec.Eta);
            return (flow.CreateProblem(s.Built.Theta0, s.Spec.Steps), flow.CreateOptions(s.Spec.Steps, options));
        },
    };

    /// <summary>Whether <paramref name="type"/> is an ODE dynamics FlowSim can run.</summary>
    public static bool IsOde(string type) => OdeFactories.ContainsKey(type);

    /// <summary>Runs one dynamics.</summary>
    /// <exception cref="ArgumentException">The type is unknown.</exception>
    internal static DynamicsResult Run(DynamicsSetup setup, IScenarioProgress progress, CancellationToken cancel)
    {
        if (setup.Spec.Type == DynamicsTypes.Descent) return DescentDynamics.Run(setup, progress, cancel);
        if (setup.Spec.Type == DynamicsTypes.CentralFlow) return CentralFlowDynamics.Run(setup, progress, cancel);
        if (OdeFactories.TryGetValue(setup.Spec.Type, out var factory)) return OdeDynamics.Run(setup, factory, progress, cancel);
        throw new ArgumentException($"{setup.Spec.Name}: unknown dynamics type '{setup.Spec.Type}'.");
    }
}

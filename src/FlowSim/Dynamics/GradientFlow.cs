using FlowSim.Models;
using FlowSim.Ode;

namespace FlowSim.Dynamics;

/// <summary>
/// The gradient flow θ'(t) = −∇L(θ(t)) of an objective, as an ODE right-hand side that any engine method
/// integrates (<see cref="CreateProblem"/>, then <see cref="OdeSolve.Solve(OdeProblem, string, OdeOptions?, CancellationToken)"/>).
/// </summary>
/// <remarks>
/// Gradient descent with step η is the explicit Euler method for this flow, so descent iterate k is compared with
/// θ(kη). An evaluation writes the gradient straight into the solver's buffer and negates it: it allocates nothing.
/// Not thread-safe when the objective is not (objectives share their workspaces between calls).
/// </remarks>
public sealed class GradientFlow : IOdeRhs
{
    /// <summary>Wraps an objective.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> is null.</exception>
    public GradientFlow(IObjective objective)
    {
        ArgumentNullException.ThrowIfNull(objective);
        Objective = objective;
    }

    /// <summary>The objective L.</summary>
    public IObjective Objective { get; }

    /// <summary>Number of right-hand side evaluations so far (one gradient each).</summary>
    public long Evaluations { get; private set; }

    /// <summary>Writes −∇L(y) into <paramref name="dydt"/>.</summary>
    /// <exception cref="ArgumentException">A span's length differs from <see cref="IObjective.ParameterCount"/>.</exception>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        DynamicsChecks.RhsSpans(Objective.ParameterCount, y, dydt);
        Objective.ScaledGradient(y, -1.0, dydt);
        Evaluations++;
    }

    /// <summary>The initial-value problem θ' = −∇L(θ), θ(t0) = θ0, on [t0, t1].</summary>
    /// <exception cref="ArgumentException">θ0 has the wrong length or a non-finite entry, or the time span is invalid
    /// (the message names the parameter).</exception>
    public static OdeProblem CreateProblem(IObjective objective, ReadOnlySpan<double> theta0, double t1, double t0 = 0)
    {
        ArgumentNullException.ThrowIfNull(objective);
        DynamicsChecks.InitialState(objective, theta0);
        DynamicsChecks.TimeSpan(t0, t1);
        return new OdeProblem(new GradientFlow(objective), t0, t1, theta0, name: $"gradient flow of {objective.Name}");
    }

    /// <summary>Integrates the gradient flow on [0, t1] with the method of that name (see <see cref="OdeMethods"/>).</summary>
    /// <exception cref="ArgumentException">Invalid θ0, time span, method name or options (the message names which).</exception>
    public static OdeSolution Solve(IObjective objective, ReadOnlySpan<double> theta0, double t1, string method = "auto",
        OdeOptions? options = null, CancellationToken cancellationToken = default) =>
        OdeSolve.Solve(CreateProblem(objective, theta0, t1), method, options, cancellationToken);
}

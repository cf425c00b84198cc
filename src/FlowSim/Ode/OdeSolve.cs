namespace FlowSim.Ode;

/// <summary>The driver: <see cref="Init"/> for step-by-step control, <see cref="Solve(OdeProblem, OdeAlgorithm, OdeOptions?, CancellationToken)"/> (or by method name) for a whole run.</summary>
public static class OdeSolve
{
    /// <summary>Validates the options and sets up an integration without stepping.</summary>
    /// <exception cref="ArgumentException">An option is invalid (the message names it).</exception>
    public static OdeIntegrator Init(OdeProblem problem, OdeAlgorithm algorithm, OdeOptions? options = null) =>
        new(problem, algorithm, options);

    /// <summary>Integrates from t0 to t1 (or to a terminal event) and returns the solution.</summary>
    /// <exception cref="ArgumentException">An option is invalid (the message names it).</exception>
    public static OdeSolution Solve(OdeProblem problem, OdeAlgorithm algorithm, OdeOptions? options = null, CancellationToken cancellationToken = default) =>
        Init(problem, algorithm, options).Solve(cancellationToken);

    /// <summary>Integrates with a method given by name (see <see cref="OdeMethods.Create"/>).</summary>
    public static OdeSolution Solve(OdeProblem problem, string method, OdeOptions? options = null, CancellationToken cancellationToken = default) =>
        Solve(problem, OdeMethods.Create(method, problem), options, cancellationToken);
}

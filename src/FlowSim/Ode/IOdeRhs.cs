namespace FlowSim.Ode;

/// <summary>
/// Right-hand side f(t, y) of an ODE system y' = f(t, y), evaluated in place.
/// </summary>
/// <remarks>
/// Implementations write every component of <c>dydt</c> and must not keep a reference to <c>y</c> or <c>dydt</c>
/// beyond the call: the solver reuses both buffers.
/// Workspaces belong to the implementing object and are allocated once, so an evaluation allocates nothing.
/// </remarks>
public interface IOdeRhs
{
    /// <summary>Writes f(t, y) into <paramref name="dydt"/>.</summary>
    void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt);
}

/// <summary>Optional analytic Jacobian ∂f/∂y of a right-hand side.</summary>
public interface IOdeJacobian
{
    /// <summary>
    /// Writes ∂f/∂y at (t, y) into <paramref name="jacobian"/>, column-major, n×n (entry (i, j) at j·n + i).
    /// </summary>
    void EvaluateJacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian);
}

/// <summary>Delegate form of <see cref="IOdeRhs.Evaluate"/>.</summary>
public delegate void OdeRhsFunction(double t, ReadOnlySpan<double> y, Span<double> dydt);

/// <summary>Delegate form of <see cref="IOdeJacobian.EvaluateJacobian"/> (column-major n×n).</summary>
public delegate void OdeJacobianFunction(double t, ReadOnlySpan<double> y, Span<double> jacobian);

/// <summary>Analytic ∂f/∂t of a right-hand side at (t, y), written in place (used by the Rosenbrock methods, whose stages
/// take it; the other methods do not need it).</summary>
public delegate void OdeTimeDerivativeFunction(double t, ReadOnlySpan<double> y, Span<double> dfdt);

/// <summary>Exact solution y(t) of a problem, written in place; used by tests and by error measurements.</summary>
public delegate void OdeExactSolution(double t, Span<double> y);

internal sealed class DelegateRhs(OdeRhsFunction f) : IOdeRhs
{
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => f(t, y, dydt);
}

internal sealed class DelegateJacobian(OdeJacobianFunction j) : IOdeJacobian
{
    public void EvaluateJacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian) => j(t, y, jacobian);
}

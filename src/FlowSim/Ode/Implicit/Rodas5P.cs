namespace FlowSim.Ode;

/// <summary>
/// Rodas5P (<c>rodas5p</c>): Steinebach's 8-stage stiffly accurate Rosenbrock method of order 5 with an embedded order-4
/// estimate and a 4th-order continuous extension. Its coefficients were chosen so that it keeps its order on the
/// Prothero–Robinson test equation, where <see cref="Rodas5"/>'s stages lose it, and for a smaller error constant of the
/// dense output. One Jacobian, one ∂f/∂t and one factorisation per step, no Newton iteration.
/// </summary>
/// <remarks>
/// G. Steinebach, "Construction of Rosenbrock–Wanner method Rodas5P and numerical benchmarks within the Julia
/// Differential Equations package", BIT Numerical Mathematics 63, 27 (2023); the transformed formulation of Hairer &amp;
/// Wanner, Solving ODEs II, §IV.7. Coefficients (a, C, c, d, γ and the dense-output matrix H) as tabulated in
/// OrdinaryDiffEq.jl's <c>Rodas5PTableau</c>, checked against the order conditions by the tests.
/// </remarks>
public sealed partial class Rodas5P : RosenbrockAlgorithm
{
    private static RosenbrockTableau? s_tableau;

    /// <inheritdoc/>
    public override string Name => "rodas5p";

    /// <inheritdoc/>
    // Built on first use: the coefficients live in the other part of this partial class.
    public override RosenbrockTableau Tableau => s_tableau ??= new(Gamma, A, C, Nodes, D, H, order: 5, errorOrder: 4, denseOrder: 4);
}

namespace FlowSim.Ode;

/// <summary>
/// Rodas5 (<c>rodas5</c>): an 8-stage stiffly accurate Rosenbrock method of order 5 with an embedded order-4
/// estimate and a 4th-order continuous extension, for stiff problems. One Jacobian, one ∂f/∂t and one LU
/// factorisation per step (a rejected attempt reuses the Jacobian and refactors), no Newton iteration. Its stages lose
/// order on very stiff non-autonomous problems (Prothero–Robinson): <see cref="Rodas5P"/> was built not to.
/// </summary>
/// <remarks>
/// Di Marzo, G. (1993), <i>Rodas5(4) – Méthodes de Rosenbrock d'ordre 5(4) adaptées aux problèmes
/// différentiels-algébriques</i>, Master's thesis, Université de Genève; Hairer &amp; Wanner, Solving ODEs II,
/// §IV.7 (the transformed formulation: W = I/(γh) − J, stages k_i solved with W). Coefficients (a, C, c, d, γ
/// and the dense-output matrix H) as tabulated in OrdinaryDiffEq.jl's <c>Rodas5Tableau</c>.
/// The embedded estimate is the last stage k₈ (the difference of the two stiffly accurate solutions).
/// </remarks>
public sealed partial class Rodas5 : RosenbrockAlgorithm
{
    private static RosenbrockTableau? s_tableau;

    /// <inheritdoc/>
    public override string Name => "rodas5";

    /// <inheritdoc/>
    // Built on first use: the coefficients live in the other part of this partial class (static initialiser order
    // across the files of a partial class is unspecified).
    public override RosenbrockTableau Tableau => s_tableau ??= new(Gamma, A, C, Nodes, D, H, order: 5, errorOrder: 4, denseOrder: 4);
}

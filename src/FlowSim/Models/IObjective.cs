namespace FlowSim.Models;

/// <summary>
/// A differentiable loss L(θ) on one flat parameter vector θ, whose factor matrices are column-major blocks.
/// Implement it to add a model: gradient flow, gradient descent, the flow/descent comparisons, the observed order and
/// the loss metrics then work unchanged. Check it with <see cref="ObjectiveChecks.Run"/>. Add
/// <see cref="IHessianVectorProduct"/> only for the modified flow, and <see cref="IFactorizedObjective"/> for the
/// initialisations and product metrics of factor models.
/// </summary>
/// <remarks>Implementations keep their workspaces as fields, allocated once: a call allocates nothing.
/// They are not thread-safe (the workspaces are shared between calls).</remarks>
public interface IObjective
{
    /// <summary>Short name used in reports.</summary>
    string Name { get; }

    /// <summary>Length of θ.</summary>
    int ParameterCount { get; }

    /// <summary>L(θ).</summary>
    double Loss(ReadOnlySpan<double> theta);

    /// <summary>Writes ∇L(θ) into <paramref name="gradient"/> and returns L(θ).</summary>
    double Gradient(ReadOnlySpan<double> theta, Span<double> gradient);

    /// <summary>
    /// Writes scale·∇L(θ) into <paramref name="result"/> without the loss: the gradient flow's right-hand side is
    /// −∇L. The default calls <see cref="Gradient"/> and scales; a model overrides it to fold the scale into its own
    /// products and skip the loss (the same numbers, one pass over θ fewer).
    /// </summary>
    void ScaledGradient(ReadOnlySpan<double> theta, double scale, Span<double> result)
    {
        Gradient(theta, result);
        if (scale != 1.0) Linalg.LinearAlgebra.Scale(scale, result);
    }
}

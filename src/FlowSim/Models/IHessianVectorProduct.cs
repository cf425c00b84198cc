namespace FlowSim.Models;

/// <summary>
/// An objective that also gives exact Hessian-vector products (analytic or forward-mode). Only the dynamics that need
/// second derivatives ask for it (<see cref="Dynamics.ModifiedGradientFlow"/>); flow, descent, metrics and comparisons
/// take a plain <see cref="IObjective"/>. Check an implementation with
/// <see cref="ObjectiveChecks.HessianVectorProduct(IHessianVectorProduct, ReadOnlySpan{double}, ReadOnlySpan{double}, double, double)"/>.
/// </summary>
public interface IHessianVectorProduct : IObjective
{
    /// <summary>Writes ∇²L(θ)·v into <paramref name="result"/>; allocates nothing, like the gradient.</summary>
    void HessianVectorProduct(ReadOnlySpan<double> theta, ReadOnlySpan<double> v, Span<double> result);
}

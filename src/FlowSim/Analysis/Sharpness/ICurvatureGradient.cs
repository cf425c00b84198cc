namespace FlowSim.Analysis.Sharpness;

/// <summary>
/// The third derivative of a loss contracted twice with one direction: D³L(θ)[v, v, ·] = ∇_θ(vᵀ∇²L(θ)v) with v held
/// fixed. With v the unit eigenvector of a simple top eigenvalue it is ∇S, the gradient of the sharpness (THEORY §6.1);
/// the pairs D³L[u_a, u_b, ·] of several eigenvectors follow by polarisation (<see cref="CurvatureGradients.Pairs"/>).
/// </summary>
/// <remarks>Implementations keep their workspaces as fields: a call allocates nothing and is not thread-safe.</remarks>
public interface ICurvatureGradient
{
    /// <summary>Length of θ (and of v and the result).</summary>
    int ParameterCount { get; }

    /// <summary>Writes D³L(θ)[v, v, ·] into <paramref name="result"/>.</summary>
    void CurvatureGradient(ReadOnlySpan<double> theta, ReadOnlySpan<double> v, Span<double> result);
}

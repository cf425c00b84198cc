namespace FlowSim.Dynamics;

/// <summary>
/// The perturbed gradient flow is undefined on segment k because η‖Γ̃_k‖ ≥ 1: I + ηΓ̃_k has a non-positive
/// eigenvalue and no real logarithm (THEORY §1.4). FlowSim refuses instead of clamping or going complex.
/// </summary>
public sealed class PerturbedFlowDomainException(int step, double eta, double generatorNorm)
    : Exception($"Perturbed gradient flow undefined at step k = {step}: η‖Γ̃_k‖ = {eta:R}·{generatorNorm:R} = {eta * generatorNorm:R} ≥ 1, " +
                "so I + ηΓ̃_k has no real logarithm (use a smaller step size η).")
{
    /// <summary>The descent step k (segment [kη, (k+1)η]).</summary>
    public int Step { get; } = step;
    /// <summary>The step size η.</summary>
    public double Eta { get; } = eta;
    /// <summary>‖Γ̃_k‖ = ‖G_k‖.</summary>
    public double GeneratorNorm { get; } = generatorNorm;
}

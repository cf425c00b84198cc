namespace FlowSim.Models;

/// <summary>
/// A model whose parameters are factor matrices whose product approximates a target matrix (the three models of
/// FlowSim, or one of your own). Initialisations (<see cref="Initializations"/>) and the product metrics
/// (<see cref="Analysis.Metrics"/>) work on any of them; none of them needs second derivatives, so this interface does
/// not ask for <see cref="IHessianVectorProduct"/> — a model that has them implements both.
/// </summary>
public interface IFactorizedObjective : IObjective
{
    /// <summary>The factors, in θ order.</summary>
    IReadOnlyList<FactorShape> Factors { get; }
    /// <summary>Rows of the product (and of the target).</summary>
    int ProductRows { get; }
    /// <summary>Columns of the product (and of the target).</summary>
    int ProductColumns { get; }
    /// <summary>The target matrix, column-major ProductRows×ProductColumns.</summary>
    ReadOnlySpan<double> Target { get; }
    /// <summary>Writes the end-to-end product (UVᵀ, or W_N⋯W_1) of θ into <paramref name="product"/>.</summary>
    void Product(ReadOnlySpan<double> theta, Span<double> product);
}

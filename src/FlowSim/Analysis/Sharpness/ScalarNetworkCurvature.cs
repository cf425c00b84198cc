using FlowSim.Models;

namespace FlowSim.Analysis.Sharpness;

/// <summary>The closed form of D³f[v, v, ·] for a scalar network (<see cref="ScalarNetwork.CurvatureGradient"/>).</summary>
public sealed class ScalarNetworkCurvature : ICurvatureGradient
{
    /// <summary>Wraps the network.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    public ScalarNetworkCurvature(ScalarNetwork network) => Network = network ?? throw new ArgumentNullException(nameof(network));

    /// <summary>The network.</summary>
    public ScalarNetwork Network { get; }

    /// <inheritdoc />
    public int ParameterCount => Network.ParameterCount;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A span does not have N entries.</exception>
    public void CurvatureGradient(ReadOnlySpan<double> theta, ReadOnlySpan<double> v, Span<double> result) =>
        Network.CurvatureGradient(theta, v, result);
}

using FlowSim.Linalg;

namespace FlowSim.Tests;

/// <summary>Sets <see cref="LinearAlgebra.Backend"/> for a using-block and restores the previous one.</summary>
internal sealed class BackendScope : IDisposable
{
    private readonly ILinearAlgebraBackend _previous = LinearAlgebra.Backend;

    public BackendScope(ILinearAlgebraBackend backend) => LinearAlgebra.Backend = backend;

    public void Dispose() => LinearAlgebra.Backend = _previous;
}

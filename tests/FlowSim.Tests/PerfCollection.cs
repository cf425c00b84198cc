using Xunit;

namespace FlowSim.Tests;

/// <summary>
/// Tests that switch process-wide settings — <see cref="FlowSim.Linalg.LinearAlgebra.Backend"/>, the product threads,
/// the vector split length of <see cref="FlowSim.Threading.WorkerPool"/> — run alone, after the parallel collections,
/// so no other test sees a setting it did not ask for. (The name is historical: these tests lived in a Perf folder.)
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PerfCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Perf (switches the linear-algebra backend)";
}

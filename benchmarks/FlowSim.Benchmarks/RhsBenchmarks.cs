using BenchmarkDotNet.Attributes;
using FlowSim.Dynamics;
using FlowSim.Linalg;
using FlowSim.Models;
using FlowSim.Randomness;

namespace FlowSim.Benchmarks;

/// <summary>One gradient-flow RHS of asymmetric MF with d×d factors (3 GEMMs, 6d³ flops): residual once, then RV and RᵀU,
/// on one thread (a native BLAS then uses its own threads) or on FlowSim's two.</summary>
[MemoryDiagnoser]
public class RhsBenchmarks
{
    private GradientFlow _rhs = null!;
    private double[] _theta = [], _dtheta = [];
    private ILinearAlgebraBackend _previous = null!;
    private int _previousThreads;

    [Params(16, 64, 256)]
    public int D { get; set; }

    [Params("managed", "native")]
    public string Backend { get; set; } = "native";

    [Params(1, 2)]
    public int Threads { get; set; } = 2;

    [GlobalSetup]
    public void Setup()
    {
        _previous = LinearAlgebra.Backend;
        _previousThreads = LinearAlgebra.Threads;
        LinearAlgebra.Threads = Threads;
        LinearAlgebra.Backend = BackendParam.Resolve(Backend);
        var rng = new Xoshiro256StarStar(2);
        var sigma = RandomMatrices.Gaussian(rng, D, D);
        _theta = RandomMatrices.Gaussian(rng, 2 * D * D, 1, 1e-3);
        _dtheta = new double[_theta.Length];
        _rhs = new GradientFlow(new AsymmetricFactorization(D, D, D, sigma));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        LinearAlgebra.Backend = _previous;
        LinearAlgebra.Threads = _previousThreads;
    }

    [Benchmark]
    public void Evaluate() => _rhs.Evaluate(0, _theta, _dtheta);
}

using FlowSim.Analysis.Sharpness;
using FlowSim.Dynamics.LargeSteps;
using FlowSim.Models;

namespace FlowSim.Scenarios;

/// <summary>
/// What a scenario's descent records at the edge of stability, seen iterate by iterate (<see cref="Dynamics.GradientDescentOptions.OnIterate"/>):
/// S(θ_k) by a warm-started Lanczos solve until it first reaches 2/η (the onset, <c>eos_onset_k</c>), and the second-order
/// midpoints θ*_k = ¼(2θ_k + θ_{k+1} + θ_{k−1}) at the recorded iterates.
/// </summary>
/// <remarks>S is computed at every iterate only until the onset: a run that never reaches the edge pays a Lanczos solve per
/// step, which is why the scenario asks for it (<see cref="IsOn"/>). Three iterate buffers are reused; a midpoint is
/// copied out only at a recorded iterate.</remarks>
internal sealed class DescentSharpnessTracker
{
    private readonly IHessianVectorProduct _objective;
    private readonly ISet<long> _recorded;
    private readonly double _edge;
    private readonly LanczosEigensolver _lanczos;
    private readonly double[][] _last;

    public DescentSharpnessTracker(IHessianVectorProduct objective, double eta, ISet<long> recorded)
    {
        _objective = objective;
        _recorded = recorded;
        _edge = 2 / eta;
        _lanczos = new LanczosEigensolver(objective.ParameterCount);
        _last = [new double[objective.ParameterCount], new double[objective.ParameterCount], new double[objective.ParameterCount]];
    }

    /// <summary>Whether a scenario's descents track their sharpness: it records <c>sharpness</c> or <c>stability-ratio</c>,
    /// or runs a central flow.</summary>
    public static bool IsOn(Scenario scenario) =>
        scenario.Record.Metrics.Any(m => m is MetricNames.Sharpness or MetricNames.StabilityRatio)
        || scenario.Dynamics.Any(d => d.Type == DynamicsTypes.CentralFlow);

    /// <summary>2/η: the onset is the first k with S(θ_k) at or above it.</summary>
    public double Edge => _edge;

    /// <summary>The first k with S(θ_k) ≥ 2/η, or null.</summary>
    public int? Onset { get; private set; }

    /// <summary>The midpoints θ*_k at recorded iterates, in order of k.</summary>
    public List<(int K, double[] State)> Midpoints { get; } = [];

    /// <summary>Sees iterate k (a view).</summary>
    public void Observe(int k, ReadOnlySpan<double> theta)
    {
        theta.CopyTo(_last[k % 3]);
        if (Onset is null)
        {
            _lanczos.Solve(_objective, theta);
            if (_lanczos.Eigenvalues[0] >= _edge) Onset = k;
        }
        if (k >= 2 && _recorded.Contains(k - 1))
        {
            var midpoint = new double[theta.Length];
            SharpnessTrackedDescent.SecondOrderMidpoint(_last[(k - 2) % 3], _last[(k - 1) % 3], theta, midpoint);
            Midpoints.Add((k - 1, midpoint));
        }
    }
}

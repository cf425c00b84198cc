namespace FlowSim.Dynamics.LargeSteps;

/// <summary>The long-run orbit of gradient descent found by <see cref="DescentOrbits.Classify"/>.</summary>
/// <param name="Regime">Converged, a cycle, chaotic or divergent.</param>
/// <param name="Period">The period found (1 when converged), or null (chaotic, divergent).</param>
/// <param name="Cycle">The iterates of the final cycle in order, the last one last (the final iterate alone when converged;
/// the last <see cref="DescentOrbitOptions.MaxPeriod"/> iterates when chaotic; empty when divergent).</param>
/// <param name="MeanLoss">Mean loss over <paramref name="Cycle"/> (NaN when divergent).</param>
/// <param name="StillConverging">The period was recognised from distances ‖θ_{k+p} − θ_k‖ that still shrink at every
/// step of the window, not yet below the tolerance.</param>
/// <param name="Steps">Steps taken (K, or the step where it diverged).</param>
/// <param name="FinalState">The last iterate computed.</param>
/// <param name="DivergedAt">The iterate that left the bound or became non-finite, or null.</param>
public sealed record DescentOrbit(LargeStepRegime Regime, int? Period, double[][] Cycle, double MeanLoss, bool StillConverging,
    int Steps, double[] FinalState, int? DivergedAt);

/// <summary>Settings of the orbit classification.</summary>
public sealed record DescentOrbitOptions
{
    /// <summary>Longest period searched (default 64).</summary>
    public int MaxPeriod { get; init; } = 64;
    /// <summary>Two iterates p steps apart count as equal when max_i |Δθ_i| ≤ Tolerance·max(1, max_i |θ_i|) (default 1e-9).</summary>
    public double Tolerance { get; init; } = 1e-9;
    /// <summary>An iterate with an entry above this in magnitude counts as divergence (default 1e8).</summary>
    public double DivergenceBound { get; init; } = 1e8;

    /// <summary>Checks the options; throws naming the first invalid one.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public void Validate()
    {
        if (MaxPeriod is < 1 or > 4096) throw new ArgumentException($"MaxPeriod: must be between 1 and 4096 (got {MaxPeriod}).", nameof(MaxPeriod));
        if (!(Tolerance > 0) || !double.IsFinite(Tolerance)) throw new ArgumentException($"Tolerance: must be finite and > 0 (got {Tolerance}).", nameof(Tolerance));
        if (!(DivergenceBound > 0)) throw new ArgumentException($"DivergenceBound: must be > 0 (got {DivergenceBound}).", nameof(DivergenceBound));
    }
}

using FlowSim.Ode;

namespace FlowSim.Dynamics;

/// <summary>
/// Settings of one gradient-descent run θ_{k+1} = θ_k − η∇L(θ_k), k = 0 … K−1: the step, the number of steps, what
/// is recorded, when the run counts as diverged, and progress reporting. Immutable; checked by <see cref="Validate"/>.
/// </summary>
public sealed record GradientDescentOptions
{
    /// <summary>Default <see cref="DivergenceFactor"/>: a loss a million times the initial one is not a transient.</summary>
    public const double DefaultDivergenceFactor = 1e6;

    /// <summary>The step size η (required, finite, &gt; 0). Iterate k belongs to time kη.</summary>
    public required double StepSize { get; init; }

    /// <summary>The number of steps K (required, ≥ 0); iterates 0 … K are produced.</summary>
    public required int Steps { get; init; }

    /// <summary>Record every m-th iterate (k = 0, m, 2m, …), default 1 (every iterate). The last iterate (K, or the one
    /// where the run stopped) is always recorded as well.</summary>
    public int RecordEvery { get; init; } = 1;

    /// <summary>Record this projection of (kη, θ_k) instead of θ_k itself (for instance the loss or singular values).</summary>
    public OdeProjection? Projection { get; init; }

    /// <summary>The run is reported as diverged at the first iterate k with L(θ_k) &gt; factor·|L(θ_0)| (default
    /// <see cref="DefaultDivergenceFactor"/>); +∞ disables the test. Ignored when L(θ_0) = 0 or when
    /// <see cref="DivergenceLossThreshold"/> is set. A non-finite loss or iterate always counts as divergence.</summary>
    public double DivergenceFactor { get; init; } = DefaultDivergenceFactor;

    /// <summary>An absolute loss threshold that overrides <see cref="DivergenceFactor"/>: diverged once L(θ_k) exceeds it.</summary>
    public double? DivergenceLossThreshold { get; init; }

    /// <summary>Called every <see cref="ProgressInterval"/> steps and once at the end.</summary>
    public Action<GradientDescentProgress>? Progress { get; init; }

    /// <summary>Sees every accepted iterate (k, θ_k), k = 0 … K, before the step from it (a view of θ: copy it to keep it). The
    /// scenarios' descent tracks the sharpness and the second-order midpoints through it.</summary>
    public LargeSteps.IterateCallback? OnIterate { get; init; }

    /// <summary>Steps between two <see cref="Progress"/> calls (default 1000, ≥ 1).</summary>
    public int ProgressInterval { get; init; } = 1000;

    /// <summary>Checks the options; throws naming the first invalid one.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public void Validate()
    {
        DynamicsChecks.StepSize(StepSize, nameof(StepSize));
        if (Steps < 0) throw new ArgumentException($"Steps: the number of steps K must be ≥ 0 (got {Steps}).", nameof(Steps));
        if (RecordEvery < 1) throw new ArgumentException($"RecordEvery: must be ≥ 1 (got {RecordEvery}).", nameof(RecordEvery));
        if (Projection is { Size: <= 0 }) throw new ArgumentException($"Projection: size must be > 0 (got {Projection.Size}).", nameof(Projection));
        if (!(DivergenceFactor > 0)) throw new ArgumentException($"DivergenceFactor: must be > 0 (got {DivergenceFactor}).", nameof(DivergenceFactor));
        if (DivergenceLossThreshold is { } th && double.IsNaN(th))
            throw new ArgumentException("DivergenceLossThreshold: must not be NaN.", nameof(DivergenceLossThreshold));
        if (ProgressInterval < 1) throw new ArgumentException($"ProgressInterval: must be ≥ 1 (got {ProgressInterval}).", nameof(ProgressInterval));
    }
}

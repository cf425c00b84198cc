using FlowSim.Analysis.Sharpness;

namespace FlowSim.Dynamics.LargeSteps;

/// <summary>Settings of <see cref="SharpnessTrackedDescent.Run"/>. Immutable; checked by <see cref="Validate"/>.</summary>
public sealed record SharpnessDescentOptions
{
    /// <summary>The step size η (required, finite, &gt; 0).</summary>
    public required double StepSize { get; init; }
    /// <summary>The number of steps K (required, ≥ 1): iterates 0 … K.</summary>
    public required int Steps { get; init; }
    /// <summary>Compute S at every m-th iterate (default 1); the onset step is then found to within m.</summary>
    public int SharpnessEvery { get; init; } = 1;
    /// <summary>Also compute S at the second-order midpoints w*_k = ¼(2w_k + w_{k+1} + w_{k−1}) (default true).</summary>
    public bool Midpoints { get; init; } = true;
    /// <summary>Keep every iterate (default false: only the last three).</summary>
    public bool RecordStates { get; init; }
    /// <summary>Settings of the two warm-started Lanczos solvers (raw iterates, midpoints); default k = 1, tolerance 1e-10.</summary>
    public LanczosOptions? Lanczos { get; init; }
    /// <summary>Called after each Lanczos solve on an iterate with k, θ_k (a view) and the solver, whose eigenpairs are
    /// θ_k's (null: none). For diagnostics, such as the benchmark's accuracy check against a tighter solve.</summary>
    public SharpnessObserver? OnSharpness { get; init; }
    /// <summary>An iterate with an entry above this in magnitude, or a non-finite loss, ends the run as diverged (default 1e8).</summary>
    public double DivergenceBound { get; init; } = 1e8;

    /// <summary>Checks the options; throws naming the first invalid one.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public void Validate()
    {
        DynamicsChecks.StepSize(StepSize, nameof(StepSize));
        if (Steps < 1) throw new ArgumentException($"Steps: must be ≥ 1 (got {Steps}).", nameof(Steps));
        if (SharpnessEvery < 1) throw new ArgumentException($"SharpnessEvery: must be ≥ 1 (got {SharpnessEvery}).", nameof(SharpnessEvery));
        if (!(DivergenceBound > 0)) throw new ArgumentException($"DivergenceBound: must be > 0 (got {DivergenceBound}).", nameof(DivergenceBound));
        Lanczos?.Validate();
    }
}

/// <summary>Sees a Lanczos solve of <see cref="SharpnessTrackedDescent.Run"/>: iterate k, θ_k (a view, valid during the
/// call) and the solver holding θ_k's eigenpairs.</summary>
public delegate void SharpnessObserver(int k, ReadOnlySpan<double> theta, LanczosEigensolver solver);

/// <summary>A descent run with its sharpness along the way (THEORY §6): raw, at the second-order midpoints, and the
/// first step at the edge of stability.</summary>
/// <param name="StepSize">η.</param>
/// <param name="Losses">L(w_k), k = 0 … (K or the divergence step).</param>
/// <param name="Sharpness">S(w_k); NaN where not computed.</param>
/// <param name="MidpointSharpness">S(w*_k) for 1 ≤ k ≤ K − 1; NaN elsewhere or where not computed.</param>
/// <param name="OnsetStep">The first k with S(w_k) ≥ 2/η (among the computed ones), or null.</param>
/// <param name="DivergedAt">The iterate that diverged, or null.</param>
/// <param name="FinalState">The last iterate.</param>
/// <param name="FinalMidpoint">The last midpoint w*_{K−1} (null when fewer than three iterates exist).</param>
/// <param name="States">Every iterate when recorded, else null.</param>
/// <param name="ProductsPerSolve">Hessian-vector products of each Lanczos solve on the raw iterates, in order (the first
/// one cold, the others warm-started).</param>
public sealed record SharpnessDescentResult(double StepSize, double[] Losses, double[] Sharpness, double[] MidpointSharpness,
    int? OnsetStep, int? DivergedAt, double[] FinalState, double[]? FinalMidpoint, double[][]? States, int[] ProductsPerSolve)
{
    /// <summary>2/η.</summary>
    public double Edge => 2 / StepSize;
}

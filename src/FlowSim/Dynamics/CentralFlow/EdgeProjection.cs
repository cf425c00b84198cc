namespace FlowSim.Dynamics.CentralFlow;

/// <summary>Where the central flow starts when descent is unstable from the first step (S(θ0) &gt; 2/η).</summary>
public static class EdgeProjection
{
    /// <summary>Newton steps before the projection gives up.</summary>
    public const int MaxSteps = 50;

    /// <summary>
    /// Moves θ onto the stable set {λ_a ≤ 2/η} of the tracked eigenvalues, the paper's first substep in the limit of a
    /// small substep: each Newton step solves the covariance problem with α = diag(λ_a − 2/η) over the tracked eigenvalues
    /// within the band of the edge, so that the linearised UᵀHU − 𝔅[X] stays ⪯ 2/η with complementarity, and moves
    /// θ ← θ − ½Σ_ab X_ab g_ab. The pairs g_ab (not only ∇λ_a) keep the step right where eigenvalues meet. Stops when
    /// none exceeds 2/η by more than 1e-14 relative; returns the number of steps.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="rhs"/> is null.</exception>
    /// <exception cref="ArgumentException">θ has the wrong length.</exception>
    /// <exception cref="InvalidOperationException"><see cref="MaxSteps"/> steps did not reach the stable set (it may be
    /// empty: ½(xy − λ)² has S ≥ (x² + y²)/2 + |2xy − λ| ≥ |λ|/2 everywhere, so for η > 4/|λ| it is), or more
    /// eigenvalues than are tracked lie above it.</exception>
    public static int Project(CentralFlowRhs rhs, Span<double> theta)
    {
        ArgumentNullException.ThrowIfNull(rhs);
        int n = rhs.Objective.ParameterCount, k = rhs.Options.Eigenvalues;
        if (theta.Length != n) throw new ArgumentException($"theta: expected length {n}, got {theta.Length}.", nameof(theta));
        double edge = rhs.Edge, band = (1 - rhs.Options.CriticalBand) * edge;
        var eigensolver = rhs.Eigensolver;
        var held = new HeldEigenvalues(n, k);
        for (int step = 0; ; step++)
        {
            eigensolver.Solve(rhs.Objective, theta);
            var lambda = eigensolver.Eigenvalues;
            if (lambda[0] <= edge * (1 + 1e-14)) return step;
            if (step == MaxSteps) break;
            int c = 0;
            while (c < k && lambda[c] >= band) c++;
            held.Load(rhs.Curvature, eigensolver, theta, c);
            Array.Clear(held.Alpha);
            for (int a = 0; a < c; a++) held.Alpha[a * c + a] = lambda[a] - edge;
            held.Solve();
            held.AddMove(theta);
        }
        throw new InvalidOperationException(
            $"central flow: no state with S ≤ 2/η = {edge:R} found from the start in {MaxSteps} Newton steps (S = {eigensolver.Eigenvalues[0]:R}): " +
            $"the stable set may be empty for this η, or more than the {k} tracked eigenvalues lie above the edge.");
    }
}

using FlowSim.Linalg;

namespace FlowSim.Dynamics.CentralFlow;

/// <summary>Where the central flow starts when descent is unstable from the first step (S(θ0) &gt; 2/η).</summary>
public static class EdgeProjection
{
    /// <summary>
    /// Moves θ onto the stable set {λ_a ≤ 2/η} of the tracked eigenvalues by Newton steps of least norm in the span of
    /// ∇λ_a = g_aa over the eigenvalues above the edge, θ ← θ − G(GᵀG)⁺(λ − 2/η), until none exceeds 2/η by more than
    /// 1e-14 relative; returns the number of steps. The paper's discretised flow makes the same move in its first substep.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="rhs"/> is null.</exception>
    /// <exception cref="ArgumentException">θ has the wrong length.</exception>
    /// <exception cref="InvalidOperationException">50 steps did not reach the edge (∇λ vanishes there, or more eigenvalues than
    /// are tracked lie above it).</exception>
    public static int Project(CentralFlowRhs rhs, Span<double> theta)
    {
        ArgumentNullException.ThrowIfNull(rhs);
        int n = rhs.Objective.ParameterCount, k = rhs.Options.Eigenvalues;
        double edge = rhs.Edge;
        var eigensolver = rhs.Eigensolver;
        var objective = rhs.Objective;
        if (theta.Length != n) throw new ArgumentException($"theta: expected length {n}, got {theta.Length}.", nameof(theta));
        var gram = new double[k * k];
        var excess = new double[k];
        var gradients = new double[k * n];
        var values = new double[k];
        var vectors = new double[k * k];
        var work = new double[LinearAlgebra.Backend.SymmetricEigenWorkLength(k)];
        for (int step = 0; step <= 50; step++)
        {
            eigensolver.Solve(objective, theta);
            var lambda = eigensolver.Eigenvalues;
            int m = 0;
            while (m < k && lambda[m] > edge * (1 + 1e-14)) m++;
            if (m == 0) return step;
            if (step == 50) break;
            for (int a = 0; a < m; a++)
            {
                excess[a] = lambda[a] - edge;
                rhs.Curvature.CurvatureGradient(theta, eigensolver.Eigenvector(a), gradients.AsSpan(a * n, n));
            }
            for (int b = 0; b < m; b++)
                for (int a = 0; a < m; a++) gram[b * m + a] = LinearAlgebra.Dot(gradients.AsSpan(a * n, n), gradients.AsSpan(b * n, n));
            LinearAlgebra.SymmetricEigen(m, gram, values, vectors, work);
            for (int e = 0; e < m; e++)
            {
                if (!(values[e] > 1e-14 * values[m - 1])) continue;
                double c = 0;
                for (int a = 0; a < m; a++) c += vectors[e * m + a] * excess[a];
                c /= values[e];
                for (int a = 0; a < m; a++) LinearAlgebra.Axpy(-c * vectors[e * m + a], gradients.AsSpan(a * n, n), theta);
            }
        }
        throw new InvalidOperationException($"central flow: could not project the start onto S ≤ 2/η = {edge:R} in 50 Newton steps (S = {eigensolver.Eigenvalues[0]:R}); track more eigenvalues if more than {k} lie above the edge.");
    }
}

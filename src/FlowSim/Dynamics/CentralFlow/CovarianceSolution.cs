namespace FlowSim.Dynamics.CentralFlow;

/// <summary>The complementarity residuals of a solution X of the central flow's covariance problem.</summary>
/// <param name="Trace">tr X = tr Σ (the eigenvectors are orthonormal): σ² for one critical eigenvalue.</param>
/// <param name="PrimalMinEigenvalue">λ_min(X), ≥ 0 for a feasible X.</param>
/// <param name="DualMinEigenvalue">λ_min(𝔅[X] − α), ≥ 0 (up to rounding) at a solution: no critical eigenvalue rises.</param>
/// <param name="Complementarity">⟨X, 𝔅[X] − α⟩, 0 at a solution.</param>
/// <param name="Scale">max |α| in the svec basis: the scale the residuals compare with.</param>
/// <param name="Iterations">Projected-gradient iterations (0 for the closed forms).</param>
/// <param name="Polished">The face polish improved the projected-gradient result and was kept.</param>
public readonly record struct CovarianceSolution(double Trace, double PrimalMinEigenvalue, double DualMinEigenvalue,
    double Complementarity, double Scale, int Iterations, bool Polished)
{
    /// <summary>Whether X ⪰ 0, 𝔅[X] − α ⪰ 0 and ⟨X, 𝔅[X] − α⟩ = 0 hold to <paramref name="relativeTolerance"/>·scale.</summary>
    public bool Satisfies(double relativeTolerance)
    {
        double tol = relativeTolerance * Math.Max(Scale, double.Epsilon);
        return PrimalMinEigenvalue >= -tol && DualMinEigenvalue >= -tol && Math.Abs(Complementarity) <= tol * Math.Max(1, Math.Abs(Trace));
    }
}

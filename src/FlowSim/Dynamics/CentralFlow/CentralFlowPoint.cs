namespace FlowSim.Dynamics.CentralFlow;

/// <summary>
/// The central flow's quantities at one state (THEORY §6.2): the sharpness, the covariance Σ = UXUᵀ of descent's
/// oscillation, and the predictions of descent's time averages it gives.
/// </summary>
/// <param name="Loss">L(θ).</param>
/// <param name="GradientNormSquared">‖∇L(θ)‖².</param>
/// <param name="Sharpness">S(θ), the top Hessian eigenvalue.</param>
/// <param name="CriticalCount">Critical eigenvalues in the covariance problem (0 while inactive or below the band).</param>
/// <param name="Sigma2">tr Σ = tr X (the eigenvectors are orthonormal); for one critical eigenvalue σ², the variance of
/// descent's oscillation along it.</param>
/// <param name="LossPrediction">L + ½⟨Σ, H⟩ = L + tr Σ/η: the predicted time-averaged loss of descent.</param>
/// <param name="GradientNormPrediction">‖∇L‖² + (4/η²)·tr Σ: the predicted time-averaged squared gradient norm.</param>
/// <param name="Covariance">The complementarity residuals of the X solved at this state (default when inactive).</param>
public readonly record struct CentralFlowPoint(double Loss, double GradientNormSquared, double Sharpness, int CriticalCount,
    double Sigma2, double LossPrediction, double GradientNormPrediction, CovarianceSolution Covariance);

using FlowSim.Models;

namespace FlowSim.Analysis.Sharpness;

/// <summary>
/// The sharpness S(θ) = λ_max(∇²L(θ)), its unit eigenvector u and its gradient ∇S = D³L(θ)[u, u, ·] (THEORY §6.1),
/// tracked along a run: each call warm-starts the Lanczos solve from the previous eigenvector.
/// </summary>
/// <remarks>∇S is the gradient of a simple top eigenvalue; where the top two eigenvalues meet S is not differentiable
/// and the value returned is that of whichever eigenvector Lanczos returned. Not thread-safe.</remarks>
public sealed class SharpnessGradient
{
    /// <summary>Tracks the sharpness of <paramref name="objective"/>, with ∇S by <paramref name="curvature"/> (default:
    /// <see cref="CurvatureGradients.For"/>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> is null.</exception>
    /// <exception cref="ArgumentException">The curvature's parameter count differs from the objective's, or a Lanczos option is out of range.</exception>
    public SharpnessGradient(IHessianVectorProduct objective, ICurvatureGradient? curvature = null, LanczosOptions? lanczos = null)
    {
        Objective = objective ?? throw new ArgumentNullException(nameof(objective));
        Curvature = curvature ?? CurvatureGradients.For(objective);
        if (Curvature.ParameterCount != objective.ParameterCount)
            throw new ArgumentException($"curvature: has {Curvature.ParameterCount} parameters, the objective {objective.ParameterCount}.", nameof(curvature));
        Eigensolver = new LanczosEigensolver(objective.ParameterCount, lanczos);
    }

    /// <summary>The objective.</summary>
    public IHessianVectorProduct Objective { get; }
    /// <summary>How D³L[u, u, ·] is computed.</summary>
    public ICurvatureGradient Curvature { get; }
    /// <summary>The warm-started eigensolver (its eigenvectors are those of the last call).</summary>
    public LanczosEigensolver Eigensolver { get; }
    /// <summary>The last solve's statistics.</summary>
    public LanczosResult LastSolve { get; private set; }

    /// <summary>S(θ) (one warm-started Lanczos solve).</summary>
    /// <exception cref="ArgumentException">θ has the wrong length.</exception>
    public double Sharpness(ReadOnlySpan<double> theta)
    {
        LastSolve = Eigensolver.Solve(Objective, theta);
        return Eigensolver.Eigenvalues[0];
    }

    /// <summary>Writes ∇S(θ) into <paramref name="gradient"/> and returns S(θ).</summary>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double s = Sharpness(theta);
        Curvature.CurvatureGradient(theta, Eigensolver.Eigenvector(0), gradient);
        return s;
    }

    /// <summary>The stability ratio S·η/2: descent with step η is linearly stable along the top eigenvector below 1.</summary>
    /// <exception cref="ArgumentException">η is not finite and &gt; 0.</exception>
    public static double StabilityRatio(double sharpness, double eta)
    {
        if (!(eta > 0) || !double.IsFinite(eta)) throw new ArgumentException($"eta: the step size must be finite and > 0 (got {eta}).", nameof(eta));
        return sharpness * eta / 2;
    }
}

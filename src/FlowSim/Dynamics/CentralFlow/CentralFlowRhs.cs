using FlowSim.Analysis.Sharpness;
using FlowSim.Linalg;
using FlowSim.Models;
using FlowSim.Ode;

namespace FlowSim.Dynamics.CentralFlow;

/// <summary>
/// The central flow of Cohen et al. (THEORY §6.2) as an ODE right-hand side in FlowSim's time τ = kη. While
/// <see cref="Active"/> is false it is the gradient flow −∇L; once active,
/// dθ/dτ = −[∇L + ½Σ_ab X_ab g_ab], g_ab = D³L[u_a, u_b, ·] over the critical eigenvectors u_a (tracked eigenvalues at
/// or above <see cref="CentralFlowOptions.CriticalFraction"/>·2/η), with X ⪰ 0 the solution of the covariance problem
/// (<see cref="CovarianceSolver"/>) for α_ab = −⟨g_ab, ∇L⟩ + γ(λ_a − 2/η)δ_ab, γ = c/η the Baumgarte rate.
/// </summary>
/// <remarks>
/// With γ = 0 the problem asks that no critical eigenvalue rises (dλ/dτ = α − 𝔅[X] ⪯ 0, with equality where X acts),
/// which holds S = 2/η exactly along the exact flow; the γ term turns a drift of the integrated state off S = 2/η into
/// an exponential return (THEORY §6.2: "an ODE version needs a stabilisation"). One evaluation costs a warm-started
/// Lanczos solve, k(k + 1)/2 to k² curvature gradients and one small solve; buffers are allocated once, so it allocates
/// nothing. Not thread-safe.
/// </remarks>
public sealed class CentralFlowRhs : IOdeRhs
{
    private readonly int _n, _kMax;
    private readonly double _edge, _gamma;
    private readonly double[] _gradient, _vectors, _pairs, _scratch, _alpha, _gram, _x;
    private readonly CovarianceSolver _solver;

    /// <summary>The central flow of <paramref name="objective"/> for the options' step size; ∇S by
    /// <paramref name="curvature"/> (default <see cref="CurvatureGradients.For"/>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range, more eigenvalues are tracked than there are
    /// parameters, or the curvature's parameter count differs.</exception>
    public CentralFlowRhs(IHessianVectorProduct objective, CentralFlowOptions options, ICurvatureGradient? curvature = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _n = objective.ParameterCount;
        if (options.Eigenvalues > _n)
            throw new ArgumentException($"Eigenvalues: {options.Eigenvalues} tracked eigenvalues exceed the {_n} parameters of '{objective.Name}'.", nameof(options));
        Objective = objective;
        Options = options;
        Curvature = curvature ?? CurvatureGradients.For(objective);
        if (Curvature.ParameterCount != _n)
            throw new ArgumentException($"curvature: has {Curvature.ParameterCount} parameters, the objective {_n}.", nameof(curvature));
        _kMax = options.Eigenvalues;
        _edge = 2 / options.StepSize;
        _gamma = options.ConstraintRate / options.StepSize;
        Eigensolver = new LanczosEigensolver(_n, new LanczosOptions { Count = _kMax, Tolerance = options.EigenTolerance, MaxBasis = Math.Max(48, _kMax + 2) });
        int p = CurvatureGradients.PairCount(_kMax);
        _gradient = new double[_n];
        _vectors = new double[_n * _kMax];
        _pairs = new double[_n * p];
        _scratch = new double[2 * _n];
        _alpha = new double[_kMax * _kMax];
        _gram = new double[p * p];
        _x = new double[_kMax * _kMax];
        _solver = new CovarianceSolver(_kMax);
    }

    /// <summary>The objective L.</summary>
    public IHessianVectorProduct Objective { get; }
    /// <summary>The settings.</summary>
    public CentralFlowOptions Options { get; }
    /// <summary>How D³L[v, v, ·] is computed.</summary>
    public ICurvatureGradient Curvature { get; }
    /// <summary>The warm-started eigensolver shared by every evaluation.</summary>
    public LanczosEigensolver Eigensolver { get; }
    /// <summary>2/η, the edge of stability.</summary>
    public double Edge => _edge;
    /// <summary>False: the gradient flow; true: the constrained flow (set by the driver when S reaches 2/η).</summary>
    public bool Active { get; set; }
    /// <summary>Right-hand side evaluations so far.</summary>
    public long Evaluations { get; private set; }
    /// <summary>Covariance problems solved so far.</summary>
    public long CovarianceSolves { get; private set; }
    /// <summary>Largest complementarity violation (max of −λ_min(X), −λ_min(Z), |⟨X, Z⟩|, relative to the scale of α)
    /// over every covariance solve so far.</summary>
    public double MaxComplementarityViolation { get; private set; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A span's length differs from the parameter count.</exception>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        if (y.Length != _n) throw new ArgumentException($"y: expected length {_n}, got {y.Length}.", nameof(y));
        if (dydt.Length != _n) throw new ArgumentException($"dydt: expected length {_n}, got {dydt.Length}.", nameof(dydt));
        Evaluations++;
        if (!Active)
        {
            Objective.ScaledGradient(y, -1.0, dydt);
            return;
        }
        Objective.Gradient(y, _gradient);
        int c = SolveCovariance(y);
        for (int i = 0; i < _n; i++) dydt[i] = -_gradient[i];
        for (int b = 0; b < c; b++)
            for (int a = 0; a <= b; a++)
            {
                // ½Σ_ab X_ab g_ab over ordered pairs: an off-diagonal pair appears twice.
                double w = (a == b ? 0.5 : 1.0) * _x[b * c + a];
                if (w != 0) LinearAlgebra.Axpy(-w, _pairs.AsSpan(CurvatureGradients.PairIndex(a, b) * _n, _n), dydt);
            }
    }

    /// <summary>S(θ) − 2/η, the event function that switches the flow on (one warm-started Lanczos solve).</summary>
    /// <exception cref="ArgumentException">θ has the wrong length.</exception>
    public double SharpnessGap(ReadOnlySpan<double> theta)
    {
        Eigensolver.Solve(Objective, theta);
        return Eigensolver.Eigenvalues[0] - _edge;
    }

    /// <summary>The central flow's quantities at θ in the current mode (inactive: Σ = 0 and the predictions are L and ‖∇L‖²).</summary>
    /// <exception cref="ArgumentException">θ has the wrong length.</exception>
    public CentralFlowPoint Diagnose(ReadOnlySpan<double> theta)
    {
        if (theta.Length != _n) throw new ArgumentException($"theta: expected length {_n}, got {theta.Length}.", nameof(theta));
        double loss = Objective.Gradient(theta, _gradient);
        double g2 = LinearAlgebra.Dot(_gradient, _gradient);
        if (!Active)
        {
            Eigensolver.Solve(Objective, theta);
            return new CentralFlowPoint(loss, g2, Eigensolver.Eigenvalues[0], 0, 0, loss, g2, default);
        }
        int c = SolveCovariance(theta);
        double trace = 0;
        for (int a = 0; a < c; a++) trace += _x[a * c + a];
        var residuals = c > 0 ? _solver.Residuals(c, _alpha, _gram, _x) : default;
        double eta = Options.StepSize;
        return new CentralFlowPoint(loss, g2, Eigensolver.Eigenvalues[0], c, trace, loss + trace / eta,
            g2 + 4 * trace / (eta * eta), residuals);
    }

    // Eigenpairs, critical set, pair gradients, α (with the Baumgarte term), Γ and X (in _x, c×c); returns c.
    // Expects _gradient to hold ∇L(θ).
    private int SolveCovariance(ReadOnlySpan<double> theta)
    {
        Eigensolver.Solve(Objective, theta);
        var lambda = Eigensolver.Eigenvalues;
        int c = 0;
        while (c < _kMax && lambda[c] >= Options.CriticalFraction * _edge) c++;
        if (c == 0) return 0;
        for (int a = 0; a < c; a++) Eigensolver.Eigenvector(a).CopyTo(_vectors.AsSpan(a * _n, _n));
        CurvatureGradients.Pairs(Curvature, theta, _vectors, c, _pairs, _scratch);
        int p = CurvatureGradients.PairCount(c);
        for (int b = 0; b < c; b++)
            for (int a = 0; a <= b; a++)
            {
                double v = -LinearAlgebra.Dot(_pairs.AsSpan(CurvatureGradients.PairIndex(a, b) * _n, _n), _gradient);
                if (a == b) v += _gamma * (lambda[a] - _edge);
                _alpha[b * c + a] = v;
                _alpha[a * c + b] = v;
            }
        for (int j = 0; j < p; j++)
            for (int i = 0; i <= j; i++)
            {
                double v = LinearAlgebra.Dot(_pairs.AsSpan(i * _n, _n), _pairs.AsSpan(j * _n, _n));
                _gram[j * p + i] = v;
                _gram[i * p + j] = v;
            }
        var r = _solver.Solve(c, _alpha, _gram, _x);
        CovarianceSolves++;
        double scale = Math.Max(r.Scale, double.Epsilon);
        double violation = Math.Max(Math.Max(-r.PrimalMinEigenvalue, -r.DualMinEigenvalue), Math.Abs(r.Complementarity) / Math.Max(1, Math.Abs(r.Trace))) / scale;
        MaxComplementarityViolation = Math.Max(MaxComplementarityViolation, violation);
        return c;
    }
}

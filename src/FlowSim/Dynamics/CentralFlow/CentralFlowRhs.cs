using FlowSim.Analysis.Sharpness;
using FlowSim.Linalg;
using FlowSim.Models;
using FlowSim.Ode;

namespace FlowSim.Dynamics.CentralFlow;

/// <summary>
/// The central flow of Cohen et al. (THEORY §6.2) as an ODE right-hand side in FlowSim's time τ = kη. While
/// <see cref="Active"/> is false it is the gradient flow −∇L; once active,
/// dθ/dτ = −[∇L + ½Σ_ab X_ab g_ab], g_ab = D³L[u_a, u_b, ·] over the critical eigenvectors u_a (tracked eigenvalues
/// λ_a ≥ (1 − δ)·2/η, <see cref="CentralFlowOptions.CriticalBand"/>), with X ⪰ 0 the solution of the covariance problem
/// (<see cref="CovarianceSolver"/>) for α_ab = −⟨g_ab, ∇L⟩.
/// </summary>
/// <remarks>
/// How S = 2/η is held: the problem asks that no critical eigenvalue rises, dλ/dτ = α − 𝔅[X] ⪯ 0, with equality on the
/// range of X. So wherever X acts, S is a first integral of this ODE at every state, on the constraint or off it, and the
/// engine keeps it as it keeps any smooth invariant: to ≈1e-13 relative over τ = 4400 on MF4 at rtol 1e-10 (measured),
/// with no stabilisation term. A Baumgarte term γ(λ_a − 2/η) added to α_aa was measured to make it worse (a stiff
/// normal mode: 2e-12 at γ = 1/η, 1e-5 at the dense output and loss rises of 1e-10 at γ = 10/η), so there is none; a
/// start above the edge is projected onto it instead (<see cref="ProjectToEdge"/>). One evaluation costs a warm-started
/// Lanczos solve, k to k² curvature gradients and one small solve; buffers are allocated once, so it allocates nothing.
/// Not thread-safe.
/// </remarks>
public sealed class CentralFlowRhs : IOdeRhs
{
    private readonly int _n, _kMax;
    private readonly double _edge, _threshold;
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
        _threshold = (1 - options.CriticalBand) * _edge;
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

    /// <summary>
    /// Moves θ onto the stable set {λ_a ≤ 2/η} of the tracked eigenvalues by Newton steps of least norm in the span of
    /// ∇λ_a = g_aa over the eigenvalues above the edge, θ ← θ − G(GᵀG)⁺(λ − 2/η), until none exceeds 2/η by more than
    /// 1e-14 relative; returns the number of steps. The paper's discretised flow makes the same move in its first substep.
    /// </summary>
    /// <exception cref="ArgumentException">θ has the wrong length.</exception>
    /// <exception cref="InvalidOperationException">50 steps did not reach the edge (∇λ vanishes there).</exception>
    public int ProjectToEdge(Span<double> theta)
    {
        if (theta.Length != _n) throw new ArgumentException($"theta: expected length {_n}, got {theta.Length}.", nameof(theta));
        var gram = new double[_kMax * _kMax];
        var values = new double[_kMax];
        var vectors = new double[_kMax * _kMax];
        var work = new double[LinearAlgebra.Backend.SymmetricEigenWorkLength(_kMax)];
        for (int step = 0; step <= 50; step++)
        {
            Eigensolver.Solve(Objective, theta);
            var lambda = Eigensolver.Eigenvalues;
            int m = 0;
            while (m < _kMax && lambda[m] > _edge * (1 + 1e-14)) m++;
            if (m == 0) return step;
            if (step == 50) break;
            for (int a = 0; a < m; a++)
            {
                _alpha[a] = lambda[a] - _edge;
                Curvature.CurvatureGradient(theta, Eigensolver.Eigenvector(a), _pairs.AsSpan(a * _n, _n));
            }
            for (int b = 0; b < m; b++)
                for (int a = 0; a < m; a++) gram[b * m + a] = LinearAlgebra.Dot(_pairs.AsSpan(a * _n, _n), _pairs.AsSpan(b * _n, _n));
            LinearAlgebra.SymmetricEigen(m, gram, values, vectors, work);
            for (int e = 0; e < m; e++)
            {
                if (!(values[e] > 1e-14 * values[m - 1])) continue;
                double c = 0;
                for (int a = 0; a < m; a++) c += vectors[e * m + a] * _alpha[a];
                c /= values[e];
                for (int a = 0; a < m; a++) LinearAlgebra.Axpy(-c * vectors[e * m + a], _pairs.AsSpan(a * _n, _n), theta);
            }
        }
        throw new InvalidOperationException($"central flow: could not project the start onto S ≤ 2/η = {_edge:R} in 50 Newton steps (S = {Eigensolver.Eigenvalues[0]:R}).");
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

    // Eigenpairs, critical set, pair gradients, α, Γ and X (in _x, c×c); returns c.
    // Expects _gradient to hold ∇L(θ).
    private int SolveCovariance(ReadOnlySpan<double> theta)
    {
        Eigensolver.Solve(Objective, theta);
        var lambda = Eigensolver.Eigenvalues;
        int c = 0;
        while (c < _kMax && lambda[c] >= _threshold) c++;
        if (c == 0) return 0;
        for (int a = 0; a < c; a++) Eigensolver.Eigenvector(a).CopyTo(_vectors.AsSpan(a * _n, _n));
        CurvatureGradients.Pairs(Curvature, theta, _vectors, c, _pairs, _scratch);
        int p = CurvatureGradients.PairCount(c);
        for (int b = 0; b < c; b++)
            for (int a = 0; a <= b; a++)
            {
                double v = -LinearAlgebra.Dot(_pairs.AsSpan(CurvatureGradients.PairIndex(a, b) * _n, _n), _gradient);
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

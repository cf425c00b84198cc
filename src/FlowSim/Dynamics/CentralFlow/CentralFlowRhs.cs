using FlowSim.Analysis.Sharpness;
using FlowSim.Linalg;
using FlowSim.Models;
using FlowSim.Ode;

namespace FlowSim.Dynamics.CentralFlow;

/// <summary>
/// The central flow of Cohen et al. (THEORY §6.2) as an ODE right-hand side in FlowSim's time τ = kη. With
/// <see cref="CriticalCount"/> c = 0 it is the gradient flow −∇L; with c &gt; 0 it is
/// dθ/dτ = −[∇L + ½Σ_ab X_ab g_ab], g_ab = D³L[u_a, u_b, ·] over the top c eigenvectors u_a (those held at the edge),
/// with X ⪰ 0 the solution of the covariance problem (<see cref="CovarianceSolver"/>) for
/// α_ab = −⟨g_ab, ∇L⟩ + γ(λ_a − 2/η)δ_ab, γ an optional Baumgarte rate, 0 by default (<see cref="CentralFlowOptions.ConstraintRate"/>).
/// </summary>
/// <remarks>
/// How S = 2/η is held: without the γ term the problem asks that no held eigenvalue rises, dλ/dτ = α − 𝔅[X] ⪯ 0, with
/// equality on the range of X, so wherever X acts S is a first integral of this ODE at every state, on the constraint
/// or off it, and the engine keeps it as it keeps any smooth invariant (measured: 2e-14 relative on MF4 over 400 steps,
/// 6e-12 on Scalar-2 over τ = 30000, rtol 1e-10). A Baumgarte term is available but off by default: a fixed rate is a
/// stiff mode for the engine's long steps and was measured to cost accuracy (<see cref="CentralFlowOptions.ConstraintRate"/>).
/// Which eigenvalues are held changes only at events located by the driver (<see cref="AttachGap"/>,
/// <see cref="DetachGap"/>), never inside a step, so the right-hand side stays smooth where the engine integrates it.
/// One evaluation costs a warm-started Lanczos solve, c to c² curvature gradients and one small solve; buffers are
/// allocated once, so it allocates nothing. Not thread-safe.
/// </remarks>
public sealed class CentralFlowRhs : IOdeRhs
{
    private readonly int _n, _kMax;
    private int _critical;
    private readonly double _edge, _threshold, _gamma;
    private readonly double[] _gradient;
    private readonly HeldEigenvalues _held;

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
        _gamma = options.ConstraintRate / options.StepSize;
        // Successive evaluations are close, so the warm start is good; random noise in it would have to be removed to the
        // tolerance at every evaluation, so it is no larger than the tolerance.
        Eigensolver = new LanczosEigensolver(_n, new LanczosOptions
        {
            Count = _kMax, Tolerance = options.EigenTolerance, MaxBasis = Math.Max(48, _kMax + 2), WarmStartNoise = options.EigenTolerance,
        });
        _gradient = new double[_n];
        _held = new HeldEigenvalues(_n, _kMax);
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
    /// <summary>
    /// c, the number of top eigenvalues held at the edge: 0 is the gradient flow. The driver sets it at events
    /// (<see cref="AttachGap"/>, <see cref="DetachGap"/>); between events it is fixed, so the right-hand side is smooth.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set outside 0 … <see cref="CentralFlowOptions.Eigenvalues"/>.</exception>
    public int CriticalCount
    {
        get => _critical;
        set => _critical = value >= 0 && value <= _kMax ? value
            : throw new ArgumentOutOfRangeException(nameof(value), $"CriticalCount: must be between 0 and {_kMax} (got {value}).");
    }
    /// <summary>Whether any eigenvalue is held at the edge.</summary>
    public bool Active => _critical > 0;
    /// <summary>Right-hand side evaluations so far.</summary>
    public long Evaluations { get; private set; }
    /// <summary>Covariance problems solved so far.</summary>
    public long CovarianceSolves { get; private set; }
    /// <summary>Projected-gradient iterations over all covariance solves (0 while every solve took a closed form or the
    /// whole-space face).</summary>
    public long CovarianceIterations { get; private set; }
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
        if (_critical == 0)
        {
            Objective.ScaledGradient(y, -1.0, dydt);
            return;
        }
        Objective.Gradient(y, _gradient);
        SolveCovariance(y);
        for (int i = 0; i < _n; i++) dydt[i] = -_gradient[i];
        _held.AddMove(dydt);
    }

    /// <summary>S(θ) − 2/η (one warm-started Lanczos solve).</summary>
    /// <exception cref="ArgumentException">θ has the wrong length.</exception>
    public double SharpnessGap(ReadOnlySpan<double> theta) => TrackedEigenvalue(theta, 0) - _edge;

    /// <summary>λ_c(θ) − 2/η for the first eigenvalue not held (c = <see cref="CriticalCount"/> &lt; k): its rising zero
    /// is where that eigenvalue reaches the edge and joins the held ones (the first one: the flow's activation).</summary>
    /// <exception cref="InvalidOperationException">All k tracked eigenvalues are held.</exception>
    public double AttachGap(ReadOnlySpan<double> theta) => _critical < _kMax
        ? TrackedEigenvalue(theta, _critical) - _edge
        : throw new InvalidOperationException($"AttachGap: all {_kMax} tracked eigenvalues are already held.");

    /// <summary>λ_{c−1}(θ) − (1 − δ)·2/η for the lowest held eigenvalue: its falling zero is where that eigenvalue, whose
    /// multiplier has vanished, has left the edge by the band δ and is released.</summary>
    /// <exception cref="InvalidOperationException">No eigenvalue is held.</exception>
    public double DetachGap(ReadOnlySpan<double> theta) => _critical > 0
        ? TrackedEigenvalue(theta, _critical - 1) - _threshold
        : throw new InvalidOperationException("DetachGap: no eigenvalue is held.");

    private double TrackedEigenvalue(ReadOnlySpan<double> theta, int index)
    {
        Eigensolver.Solve(Objective, theta);
        return Eigensolver.Eigenvalues[index];
    }

    /// <summary>The central flow's quantities at θ with the current <see cref="CriticalCount"/> (0: Σ = 0, and the
    /// predictions are L and ‖∇L‖²).</summary>
    /// <exception cref="ArgumentException">θ has the wrong length.</exception>
    public CentralFlowPoint Diagnose(ReadOnlySpan<double> theta)
    {
        if (theta.Length != _n) throw new ArgumentException($"theta: expected length {_n}, got {theta.Length}.", nameof(theta));
        double loss = Objective.Gradient(theta, _gradient);
        double g2 = LinearAlgebra.Dot(_gradient, _gradient);
        if (_critical == 0)
        {
            Eigensolver.Solve(Objective, theta);
            return new CentralFlowPoint(loss, g2, Eigensolver.Eigenvalues[0], 0, 0, loss, g2, default);
        }
        SolveCovariance(theta);
        double trace = _held.Trace(), eta = Options.StepSize;
        return new CentralFlowPoint(loss, g2, Eigensolver.Eigenvalues[0], _critical, trace, loss + trace / eta,
            g2 + 4 * trace / (eta * eta), _held.Residuals());
    }

    // Eigenpairs, pair gradients of the c held ones, α, Γ and X. Expects _gradient to hold ∇L(θ).
    private void SolveCovariance(ReadOnlySpan<double> theta)
    {
        Eigensolver.Solve(Objective, theta);
        var lambda = Eigensolver.Eigenvalues;
        int c = _critical;
        _held.Load(Curvature, Eigensolver, theta, c);
        for (int b = 0; b < c; b++)
            for (int a = 0; a <= b; a++)
            {
                double v = -_held.Dot(a, b, _gradient);
                if (a == b) v += _gamma * (lambda[a] - _edge);
                _held.Alpha[b * c + a] = v;
                _held.Alpha[a * c + b] = v;
            }
        var r = _held.Solve();
        CovarianceSolves++;
        CovarianceIterations += r.Iterations;
        double scale = Math.Max(r.Scale, double.Epsilon);
        double violation = Math.Max(Math.Max(-r.PrimalMinEigenvalue, -r.DualMinEigenvalue), Math.Abs(r.Complementarity) / Math.Max(1, Math.Abs(r.Trace))) / scale;
        MaxComplementarityViolation = Math.Max(MaxComplementarityViolation, violation);
    }
}

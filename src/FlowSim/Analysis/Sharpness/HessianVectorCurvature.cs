using FlowSim.Linalg;
using FlowSim.Models;

namespace FlowSim.Analysis.Sharpness;

/// <summary>
/// D³L(θ)[v, v, ·] for any objective with exact Hessian-vector products, by two of them (THEORY §6.1):
/// [H(θ + hv)v − H(θ − hv)v]/(2h). Exact up to rounding when the product is quadratic in θ (factorisation, sensing);
/// otherwise its error is O(h²), and <see cref="Richardson"/> extrapolation (four products) makes it O(h⁴).
/// </summary>
/// <remarks>The step is h = <see cref="RelativeStep"/>·max(1, ‖θ‖)/‖v‖, so θ moves by a fixed fraction of its size
/// whatever the length of v. Workspaces are fields: a call allocates nothing; not thread-safe.</remarks>
public sealed class HessianVectorCurvature : ICurvatureGradient
{
    private readonly double[] _shifted, _plus, _minus, _half;

    /// <summary>Wraps an objective.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="relativeStep"/> is not finite and &gt; 0.</exception>
    public HessianVectorCurvature(IHessianVectorProduct objective, double relativeStep = 1e-4, bool richardson = false)
    {
        Objective = objective ?? throw new ArgumentNullException(nameof(objective));
        if (!(relativeStep > 0) || !double.IsFinite(relativeStep))
            throw new ArgumentException($"relativeStep: must be finite and > 0 (got {relativeStep}).", nameof(relativeStep));
        RelativeStep = relativeStep;
        Richardson = richardson;
        int n = objective.ParameterCount;
        _shifted = new double[n];
        _plus = new double[n];
        _minus = new double[n];
        _half = new double[n];
    }

    /// <summary>The objective.</summary>
    public IHessianVectorProduct Objective { get; }
    /// <summary>The step relative to max(1, ‖θ‖).</summary>
    public double RelativeStep { get; }
    /// <summary>Whether steps h and h/2 are combined as (4D(h/2) − D(h))/3.</summary>
    public bool Richardson { get; }
    /// <summary>Hessian-vector products so far.</summary>
    public long Products { get; private set; }

    /// <inheritdoc />
    public int ParameterCount => Objective.ParameterCount;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A span's length differs from the parameter count.</exception>
    public void CurvatureGradient(ReadOnlySpan<double> theta, ReadOnlySpan<double> v, Span<double> result)
    {
        int n = ParameterCount;
        if (theta.Length != n) throw new ArgumentException($"theta: expected {n} entries, got {theta.Length}.", nameof(theta));
        if (v.Length != n) throw new ArgumentException($"v: expected {n} entries, got {v.Length}.", nameof(v));
        if (result.Length != n) throw new ArgumentException($"result: expected {n} entries, got {result.Length}.", nameof(result));
        double norm = LinearAlgebra.FrobeniusNorm(v);
        if (norm == 0) { result.Clear(); return; }
        double h = RelativeStep * Math.Max(1, LinearAlgebra.FrobeniusNorm(theta)) / norm;
        CentralDifference(theta, v, h, result);
        if (!Richardson) return;
        CentralDifference(theta, v, h / 2, _half);
        for (int i = 0; i < n; i++) result[i] = (4 * _half[i] - result[i]) / 3;
    }

    private void CentralDifference(ReadOnlySpan<double> theta, ReadOnlySpan<double> v, double h, Span<double> result)
    {
        int n = ParameterCount;
        for (int i = 0; i < n; i++) _shifted[i] = theta[i] + h * v[i];
        Objective.HessianVectorProduct(_shifted, v, _plus);
        for (int i = 0; i < n; i++) _shifted[i] = theta[i] - h * v[i];
        Objective.HessianVectorProduct(_shifted, v, _minus);
        Products += 2;
        double inv = 1 / (2 * h);
        for (int i = 0; i < n; i++) result[i] = (_plus[i] - _minus[i]) * inv;
    }
}

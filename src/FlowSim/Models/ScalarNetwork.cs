namespace FlowSim.Models;

/// <summary>
/// A scalar network f(x₁…x_N) = ½(x₁⋯x_N − λ)² (THEORY §6.1): the N-factor version of P3's scalar dynamics without
/// the identical-initialisation constraint, the smallest model with progressive sharpening and the edge of stability.
/// With p = ∏x_i, r = p − λ, g_i = ∏_{j≠i}x_j and G_ij = ∏_{k∉{i,j}}x_k (G_ii = 0): ∇f = r·g and H = ggᵀ + rG.
/// </summary>
/// <remarks>
/// Every product with factors left out is read off one polynomial in t: ∏_l(x_l + t·v_l) truncated after t², with
/// x_k left out by multiplying a prefix and a suffix of such truncated products. Its coefficients are p (or g_k), gᵀv
/// (or (Gv)_k) and ½vᵀGv (or ½vᵀG⁽ᵏ⁾v), so nothing is divided by an x_i that may be zero, and a call costs O(N).
/// Workspaces are fields: calls allocate nothing and are not thread-safe.
/// </remarks>
public sealed class ScalarNetwork : IHessianVectorProduct
{
    // Truncated polynomials c0 + c1·t + c2·t², three coefficients each: prefix k = ∏_{l<k}, suffix k = ∏_{l≥k}.
    private readonly double[] _prefix, _suffix;
    private readonly double[] _g, _gv;

    /// <summary>Creates ½(x₁⋯x_N − λ)² with N = <paramref name="depth"/> factors.</summary>
    /// <exception cref="ArgumentException"><paramref name="depth"/> is below 1 or <paramref name="lambda"/> is not finite.</exception>
    public ScalarNetwork(int depth, double lambda)
    {
        if (depth < 1) throw new ArgumentException($"depth: a scalar network needs at least 1 factor (got {depth}).", nameof(depth));
        if (!double.IsFinite(lambda)) throw new ArgumentException($"lambda: must be finite (got {lambda}).", nameof(lambda));
        Depth = depth;
        Lambda = lambda;
        _prefix = new double[3 * (depth + 1)];
        _suffix = new double[3 * (depth + 1)];
        _g = new double[depth];
        _gv = new double[depth];
    }

    /// <summary>N, the number of factors.</summary>
    public int Depth { get; }
    /// <summary>The target λ of the product.</summary>
    public double Lambda { get; }
    /// <inheritdoc />
    public string Name => "scalar-network";
    /// <inheritdoc />
    public int ParameterCount => Depth;

    /// <summary>The product p = x₁⋯x_N.</summary>
    /// <exception cref="ArgumentException">x does not have N entries.</exception>
    public double Product(ReadOnlySpan<double> x)
    {
        Check(x, nameof(x));
        double p = 1;
        foreach (double xi in x) p *= xi;
        return p;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">x does not have N entries.</exception>
    public double Loss(ReadOnlySpan<double> theta)
    {
        double r = Product(theta) - Lambda;
        return 0.5 * r * r;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A span does not have N entries.</exception>
    public double Gradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        Check(theta, nameof(theta));
        Check(gradient, nameof(gradient));
        Expand(theta, default);
        double r = _prefix[3 * Depth] - Lambda;
        for (int k = 0; k < Depth; k++) gradient[k] = r * LeaveOut(k, 0);
        return 0.5 * r * r;
    }

    /// <inheritdoc />
    /// <remarks>H·v = g(gᵀv) + r·Gv.</remarks>
    /// <exception cref="ArgumentException">A span does not have N entries.</exception>
    public void HessianVectorProduct(ReadOnlySpan<double> theta, ReadOnlySpan<double> v, Span<double> result)
    {
        Check(theta, nameof(theta));
        Check(v, nameof(v));
        Check(result, nameof(result));
        Expand(theta, v);
        double r = _prefix[3 * Depth] - Lambda, gv = _prefix[3 * Depth + 1];
        for (int k = 0; k < Depth; k++) result[k] = LeaveOut(k, 0) * gv + r * LeaveOut(k, 1);
    }

    /// <summary>
    /// D³f(x)[v, v, ·] = ∇ₓ(vᵀH(x)v) with v held fixed: 2(gᵀv)·Gv + (vᵀGv)·g + r·(vᵀG⁽ᵏ⁾v)_k, where G⁽ᵏ⁾ is G of the
    /// network without x_k. With v the unit top eigenvector of a simple top eigenvalue this is the gradient of the
    /// sharpness (THEORY §6.1).
    /// </summary>
    /// <exception cref="ArgumentException">A span does not have N entries.</exception>
    public void CurvatureGradient(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        Check(x, nameof(x));
        Check(v, nameof(v));
        Check(result, nameof(result));
        Expand(x, v);
        int n = Depth;
        double r = _prefix[3 * n] - Lambda, gv = _prefix[3 * n + 1], vGv = 2 * _prefix[3 * n + 2];
        for (int k = 0; k < n; k++)
        {
            _g[k] = LeaveOut(k, 0);
            _gv[k] = LeaveOut(k, 1);
        }
        for (int k = 0; k < n; k++) result[k] = 2 * gv * _gv[k] + vGv * _g[k] + r * 2 * LeaveOut(k, 2);
    }

    // Fills the prefix and suffix products of (x_l + t·v_l) truncated after t² (v empty: v = 0).
    private void Expand(ReadOnlySpan<double> x, ReadOnlySpan<double> v)
    {
        int n = Depth;
        _prefix[0] = 1; _prefix[1] = 0; _prefix[2] = 0;
        _suffix[3 * n] = 1; _suffix[3 * n + 1] = 0; _suffix[3 * n + 2] = 0;
        for (int l = 0; l < n; l++)
        {
            double a = x[l], b = v.IsEmpty ? 0 : v[l];
            int i = 3 * l, o = 3 * (l + 1);
            _prefix[o] = _prefix[i] * a;
            _prefix[o + 1] = _prefix[i + 1] * a + _prefix[i] * b;
            _prefix[o + 2] = _prefix[i + 2] * a + _prefix[i + 1] * b;
        }
        for (int l = n - 1; l >= 0; l--)
        {
            double a = x[l], b = v.IsEmpty ? 0 : v[l];
            int i = 3 * (l + 1), o = 3 * l;
            _suffix[o] = _suffix[i] * a;
            _suffix[o + 1] = _suffix[i + 1] * a + _suffix[i] * b;
            _suffix[o + 2] = _suffix[i + 2] * a + _suffix[i + 1] * b;
        }
    }

    // Coefficient of t^degree in ∏_{l≠k}(x_l + t·v_l): prefix k times suffix k+1.
    private double LeaveOut(int k, int degree)
    {
        int a = 3 * k, b = 3 * (k + 1);
        return degree switch
        {
            0 => _prefix[a] * _suffix[b],
            1 => _prefix[a + 1] * _suffix[b] + _prefix[a] * _suffix[b + 1],
            _ => _prefix[a + 2] * _suffix[b] + _prefix[a + 1] * _suffix[b + 1] + _prefix[a] * _suffix[b + 2],
        };
    }

    private void Check(ReadOnlySpan<double> span, string name)
    {
        if (span.Length != Depth) throw new ArgumentException($"{name}: expected {Depth} entries (one per factor), got {span.Length}.", name);
    }
}

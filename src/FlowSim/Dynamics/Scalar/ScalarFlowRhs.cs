using FlowSim.ClosedForm;
using FlowSim.Ode;

namespace FlowSim.Dynamics.Scalar;

/// <summary>
/// The base of the one-eigenvalue flows of depth N and eigenvalue λ: the two parameters every such right-hand side
/// carries, checked once.
/// </summary>
public abstract class ScalarFlowRhs : IOdeRhs
{
    /// <summary>Checks and stores N ≥ <paramref name="minimumDepth"/> and a finite λ.</summary>
    /// <exception cref="ArgumentException">The depth is below <paramref name="minimumDepth"/> or λ is not finite.</exception>
    private protected ScalarFlowRhs(int depth, double lambda, int minimumDepth)
    {
        ScalarArguments.Depth(depth, minimumDepth);
        ScalarArguments.Finite(lambda, nameof(lambda));
        Depth = depth;
        Lambda = lambda;
    }

    /// <summary>N.</summary>
    public int Depth { get; }
    /// <summary>λ.</summary>
    public double Lambda { get; }

    /// <inheritdoc />
    public abstract void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt);
}

/// <summary>Flow (28) x' = x^{N−1}(λ − x^N), one component.</summary>
/// <param name="depth">N ≥ 1.</param>
/// <param name="lambda">λ.</param>
public sealed class DeepScalarFlowRhs(int depth, double lambda) : ScalarFlowRhs(depth, lambda, 1), IOdeJacobian
{
    /// <inheritdoc />
    public override void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        double xn1 = DeepScalarDescent.IntPow(y[0], Depth - 1);
        dydt[0] = xn1 * (Lambda - xn1 * y[0]);
    }

    /// <inheritdoc />
    public void EvaluateJacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian)
    {
        double x = y[0];
        jacobian[0] = (Depth - 1) * Lambda * DeepScalarDescent.IntPow(x, Depth - 2)
                    - (2 * Depth - 1) * DeepScalarDescent.IntPow(x, 2 * Depth - 2);
    }
}

/// <summary>Product ODE (62) π' = Nπ^{2−2/N}(λ − π), for π &gt; 0.</summary>
/// <param name="depth">N ≥ 1.</param>
/// <param name="lambda">λ.</param>
public sealed class ProductFlowRhs(int depth, double lambda) : ScalarFlowRhs(depth, lambda, 1)
{
    /// <inheritdoc />
    public override void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) =>
        dydt[0] = Depth * Math.Pow(y[0], 2 - 2.0 / Depth) * (Lambda - y[0]);
}

/// <summary>
/// Continuous perturbed identical system, state (x, y): x' = x^{N−2}y(λ − x^{N−1}y), y' = x^{N−1}(λ − x^{N−1}y),
/// the flow whose Euler steps are (40)–(41).
/// </summary>
/// <param name="depth">N ≥ 2.</param>
/// <param name="lambda">λ.</param>
public sealed class PerturbedScalarFlowRhs(int depth, double lambda) : ScalarFlowRhs(depth, lambda, 2)
{
    /// <inheritdoc />
    public override void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        double xn2 = DeepScalarDescent.IntPow(y[0], Depth - 2);
        double xn1 = xn2 * y[0];
        double residual = Lambda - xn1 * y[1];
        dydt[0] = xn2 * y[1] * residual;
        dydt[1] = xn1 * residual;
    }
}

/// <summary>Symmetric Ye–Du flow per eigen-direction, s_i' = 2s_i(σ_i − s_i), one component per σ_i.</summary>
public sealed class LogisticRhs : IOdeRhs
{
    private readonly double[] _sigma;

    /// <summary>Creates the right-hand side for the given σ_i.</summary>
    public LogisticRhs(params double[] sigma)
    {
        ArgumentNullException.ThrowIfNull(sigma);
        if (sigma.Length == 0) throw new ArgumentException("sigma: at least one value is needed.", nameof(sigma));
        for (int i = 0; i < sigma.Length; i++) ScalarArguments.Finite(sigma[i], $"sigma[{i}]");
        _sigma = (double[])sigma.Clone();
    }

    /// <inheritdoc />
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        for (int i = 0; i < _sigma.Length; i++) dydt[i] = 2 * y[i] * (_sigma[i] - y[i]);
    }
}

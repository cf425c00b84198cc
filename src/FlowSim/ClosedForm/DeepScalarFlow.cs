using System.Globalization;

namespace FlowSim.ClosedForm;

/// <summary>
/// Closed-form solution of the scalar deep-factorisation flow x' = x^{N−1}(λ − x^N), x(0) = α
/// (THEORY §3.2 (28), §3.3), and of the product π = x^N (62). N = 1, λ = 0 and N = 2 are explicit;
/// N ≥ 3 with λ ≠ 0 inverts the implicit solution in x-space (<see cref="ImplicitSolution"/>).
/// </summary>
public static class DeepScalarFlow
{
    /// <summary>The limit of the flow from α &gt; 0: λ^{1/N} if λ &gt; 0, 0 if λ ≤ 0 (N ≥ 2); λ itself for N = 1.</summary>
    public static double FixedPoint(int depth, double lambda)
    {
        ScalarArguments.Depth(depth);
        ScalarArguments.Finite(lambda, nameof(lambda));
        if (depth == 1) return lambda;
        return lambda > 0 ? Math.Pow(lambda, 1.0 / depth) : 0.0;
    }

    /// <summary>x(t) for any N ≥ 1, λ, α &gt; 0, t ≥ 0.</summary>
    public static double X(int depth, double lambda, double alpha, double t) => Solve(depth, lambda, alpha, t).X;

    /// <summary>
    /// x(t) together with whether it is indistinguishable (in double precision) from the fixed point; only the
    /// implicit N ≥ 3 branch can report that (THEORY §3.3 rule 2).
    /// </summary>
    public static ImplicitInversion Solve(int depth, double lambda, double alpha, double t)
    {
        ScalarArguments.Depth(depth);
        ScalarArguments.Finite(lambda, nameof(lambda));
        ScalarArguments.Positive(alpha, nameof(alpha));
        ScalarArguments.NonNegative(t, nameof(t));
        if (depth == 1) return new ImplicitInversion(DepthOne(lambda, alpha, t), false);
        if (lambda == 0) return new ImplicitInversion(ZeroTarget(depth, alpha, t), false);
        if (depth == 2) return new ImplicitInversion(Math.Sqrt(DepthTwoSquared(lambda, alpha, t)), false);
        return ImplicitSolution.Invert(depth, lambda, alpha, t);
    }

    /// <summary>π(t) = x(t)^N, the product eigenvalue.</summary>
    public static double Product(int depth, double lambda, double alpha, double t) => Math.Pow(X(depth, lambda, alpha, t), depth);

    /// <summary>N = 1: x(t) = λ + (α − λ)e^{−t}.</summary>
    public static double DepthOne(double lambda, double alpha, double t)
    {
        ScalarArguments.Finite(lambda, nameof(lambda));
        ScalarArguments.Finite(alpha, nameof(alpha));
        ScalarArguments.NonNegative(t, nameof(t));
        return lambda + (alpha - lambda) * Math.Exp(-t);
    }

    /// <summary>λ = 0, N ≥ 2: x(t) = (α^{−(2N−2)} + (2N−2)t)^{−1/(2N−2)}.</summary>
    public static double ZeroTarget(int depth, double alpha, double t)
    {
        ScalarArguments.Depth(depth, 2);
        ScalarArguments.Positive(alpha, nameof(alpha));
        ScalarArguments.NonNegative(t, nameof(t));
        int m = 2 * depth - 2;
        return Math.Pow(Math.Pow(alpha, -m) + m * t, -1.0 / m);
    }

    /// <summary>N = 2: x(t)² = λα²e^{2λt}/(α²e^{2λt} + λ − α²) (π = x² is logistic).</summary>
    public static double DepthTwoSquared(double lambda, double alpha, double t)
    {
        ScalarArguments.Finite(lambda, nameof(lambda));
        ScalarArguments.Positive(alpha, nameof(alpha));
        ScalarArguments.NonNegative(t, nameof(t));
        double a2 = alpha * alpha;
        if (lambda == 0) return a2 / (1 + 2 * a2 * t);
        // Divide through by e^{2λt} when λ > 0 so that large t does not overflow.
        if (lambda > 0)
        {
            double em = Math.Exp(-2 * lambda * t);
            return lambda * a2 / (a2 + (lambda - a2) * em);
        }
        double e = Math.Exp(2 * lambda * t);
        return lambda * a2 * e / (a2 * e + lambda - a2);
    }

    /// <summary>N = 2: the time at which x² reaches <paramref name="xSquared"/>, t = ln[x²(λ − α²)/(α²(λ − x²))]/(2λ).</summary>
    public static double DepthTwoTime(double lambda, double alpha, double xSquared)
    {
        ScalarArguments.Finite(lambda, nameof(lambda));
        ScalarArguments.Positive(alpha, nameof(alpha));
        ScalarArguments.Positive(xSquared, nameof(xSquared));
        if (lambda == 0) throw new ArgumentException("lambda: the logistic time formula needs λ ≠ 0.", nameof(lambda));
        double a2 = alpha * alpha;
        return Math.Log(xSquared * (lambda - a2) / (a2 * (lambda - xSquared))) / (2 * lambda);
    }

    /// <summary>N = 1 gradient descent: x_k = λ + (1 − η)^k (α − λ).</summary>
    public static double DepthOneDescent(double lambda, double alpha, double eta, int k)
    {
        ScalarArguments.Finite(lambda, nameof(lambda));
        ScalarArguments.Finite(alpha, nameof(alpha));
        ScalarArguments.Positive(eta, nameof(eta));
        if (k < 0) throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"k: the iteration index must be non-negative (got {k})."), nameof(k));
        return lambda + Math.Pow(1 - eta, k) * (alpha - lambda);
    }
}

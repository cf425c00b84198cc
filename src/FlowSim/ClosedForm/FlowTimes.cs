using System.Globalization;

namespace FlowSim.ClosedForm;

/// <summary>
/// Inflection point and flow times of x' = x^{N−1}(λ − x^N) (THEORY §3.5, derived analogs of the paper's T^♯ and T_N):
/// t_* = time to the inflection point x_*, t_ε = first time with |x^N − λ| ≤ ε. GD needs about t_ε/η iterations.
/// </summary>
public static class FlowTimes
{
    /// <summary>x_* = ((N−1)λ/(2N−1))^{1/N}: x(t) is convex below it and concave above it (N ≥ 2, λ &gt; 0).</summary>
    public static double Inflection(int depth, double lambda)
    {
        ScalarArguments.Depth(depth, 2);
        ScalarArguments.Positive(lambda, nameof(lambda));
        return Math.Pow((depth - 1) * lambda / (2 * depth - 1), 1.0 / depth);
    }

    /// <summary>
    /// Flow time from α to x, for x between α (inclusive) and the fixed point (exclusive): explicit for N = 1, λ = 0
    /// and N = 2, the real-form implicit solution for N ≥ 3.
    /// </summary>
    /// <exception cref="ArgumentException">x is not on the trajectory from α.</exception>
    public static double TimeToReach(int depth, double lambda, double alpha, double x)
    {
        ScalarArguments.Depth(depth);
        ScalarArguments.Finite(lambda, nameof(lambda));
        ScalarArguments.Positive(alpha, nameof(alpha));
        ScalarArguments.Finite(x, nameof(x));
        double target = DeepScalarFlow.FixedPoint(depth, lambda);
        if (x == alpha) return 0;
        bool between = alpha < target ? x > alpha && x < target : x < alpha && x > target;
        if (!between)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"x: {x} is not strictly between α = {alpha} and the fixed point {target}."), nameof(x));
        if (depth == 1) return Math.Log((alpha - lambda) / (x - lambda));
        if (lambda == 0)
        {
            int m = 2 * depth - 2;
            return (Math.Pow(x, -m) - Math.Pow(alpha, -m)) / m;
        }
        if (depth == 2) return DeepScalarFlow.DepthTwoTime(lambda, alpha, x * x);
        return ImplicitSolution.Time(depth, lambda, alpha, x);
    }

    /// <summary>t_* = time from α to x_*; null when the flow does not pass x_* (needs λ &gt; α^N and α &lt; x_*).</summary>
    public static double? TimeToInflection(int depth, double lambda, double alpha)
    {
        ScalarArguments.Depth(depth, 2);
        ScalarArguments.Finite(lambda, nameof(lambda));
        ScalarArguments.Positive(alpha, nameof(alpha));
        if (lambda <= 0) return null;
        double xs = Inflection(depth, lambda);
        return alpha < xs ? TimeToReach(depth, lambda, alpha, xs) : null;
    }

    /// <summary>
    /// t_ε = first time with |x(t)^N − λ| ≤ ε (0 if α already qualifies); null when the flow never gets there
    /// (λ ≤ 0 with ε ≤ |λ| for N ≥ 2: the product tends to 0, not λ).
    /// </summary>
    public static double? TimeToEpsilon(int depth, double lambda, double alpha, double epsilon)
    {
        ScalarArguments.Depth(depth);
        ScalarArguments.Finite(lambda, nameof(lambda));
        ScalarArguments.Positive(alpha, nameof(alpha));
        ScalarArguments.Positive(epsilon, nameof(epsilon));
        double p0 = Math.Pow(alpha, depth);
        if (Math.Abs(p0 - lambda) <= epsilon) return 0;
        double x;
        if (depth == 1) x = alpha < lambda ? lambda - epsilon : lambda + epsilon;
        else
        {
            double pEps = p0 < lambda ? lambda - epsilon : lambda + epsilon;
            if (pEps <= 0) return null;
            x = Math.Pow(pEps, 1.0 / depth);
        }
        // |α^N − λ| > ε puts x_ε strictly between α and the fixed point; only rounding (α^N = ε, λ = 0, say: 0.1³ is
        // 0.0010000000000000002) can put the computed x_ε on α or behind it, and then the crossing is at t = 0.
        bool behindAlpha = alpha < DeepScalarFlow.FixedPoint(depth, lambda) ? x <= alpha : x >= alpha;
        return behindAlpha ? 0 : TimeToReach(depth, lambda, alpha, x);
    }
}

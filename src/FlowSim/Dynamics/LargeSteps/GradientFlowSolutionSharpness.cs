namespace FlowSim.Dynamics.LargeSteps;

/// <summary>
/// φ(x), the sharpness of the minimum that the gradient flow of a scalar network ½(x₁⋯x_N − λ)² reaches from x
/// (THEORY §6.1, Kreisler et al.): the flow conserves x_i² − x_j², so its limit has x_i² = w + e_i with
/// e_i = x_i² − min_j x_j² and ∏(w + e_i) = λ², and there H = ggᵀ, S = ‖g‖² = Σ_i ∏_{j≠i}(w + e_j) = λ²Σ_i 1/(w + e_i).
/// For N = 2: φ = √((x² − y²)² + 4λ²).
/// </summary>
/// <remarks>It assumes that the flow reaches a global minimum (not a saddle such as the origin of a balanced start with
/// the wrong sign of the product). w solves the convex, increasing equation ∏(w + e_i) = λ² by Newton's method from
/// w = |λ|^{2/N}, above the root, which then decreases monotonically to it.</remarks>
public static class GradientFlowSolutionSharpness
{
    /// <summary>φ(x) for target λ.</summary>
    /// <exception cref="ArgumentException">x is empty or not finite, or λ is not finite.</exception>
    public static double Evaluate(double lambda, ReadOnlySpan<double> x)
    {
        if (!double.IsFinite(lambda)) throw new ArgumentException($"lambda: must be finite (got {lambda}).", nameof(lambda));
        int n = x.Length;
        if (n == 0) throw new ArgumentException("x: needs at least one factor.", nameof(x));
        double min = double.PositiveInfinity;
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(x[i])) throw new ArgumentException($"x[{i}]: must be finite (got {x[i]}).", nameof(x));
            min = Math.Min(min, x[i] * x[i]);
        }
        Span<double> e = n <= 64 ? stackalloc double[n] : new double[n];
        for (int i = 0; i < n; i++) e[i] = x[i] * x[i] - min;
        double w = LimitOfSmallestSquare(lambda * lambda, e);
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            double p = 1;
            for (int j = 0; j < n; j++) if (j != i) p *= w + e[j];
            s += p;
        }
        return s;
    }

    private static double LimitOfSmallestSquare(double target, ReadOnlySpan<double> e)
    {
        if (target == 0) return 0;
        double w = Math.Pow(target, 1.0 / e.Length);
        for (int it = 0; it < 200; it++)
        {
            double p = 1, dp = 0;
            foreach (double ei in e)
            {
                dp = dp * (w + ei) + p;
                p *= w + ei;
            }
            double step = (p - target) / dp;
            // Newton from above on a convex increasing function only moves down; stop when it no longer does.
            if (!(step > 0) || w - step >= w) return w;
            w -= step;
            if (step <= 1e-17 * w) return w;
        }
        return w;
    }
}

namespace FlowSim.Theory;

/// <summary>
/// The independent references of the E claims for the sharpness: explicit dense Hessians and their eigenvalues by the
/// dense symmetric eigensolver, a route that shares no code with Lanczos, the curvature gradients or the central flow.
/// </summary>
internal static class DenseCurvature
{
    /// <summary>H(θ) column-major, assembled from the products H·e_j and symmetrised.</summary>
    public static double[] Hessian(IHessianVectorProduct model, ReadOnlySpan<double> theta)
    {
        int n = model.ParameterCount;
        var h = new double[n * n];
        var e = new double[n];
        for (int j = 0; j < n; j++)
        {
            Array.Clear(e);
            e[j] = 1;
            model.HessianVectorProduct(theta, e, h.AsSpan(j * n, n));
        }
        Symmetrise(h, n);
        return h;
    }

    /// <summary>
    /// H = ggᵀ + rG of a scalar network ½(x₁⋯x_N − λ)² written out entry by entry (THEORY §6.1): g_i = ∏_{j≠i}x_j,
    /// G_ij = ∏_{k∉{i,j}}x_k for i ≠ j, G_ii = 0, r = ∏x_i − λ. Independent of <see cref="ScalarNetwork"/>'s products.
    /// </summary>
    public static double[] ScalarNetworkHessian(double lambda, ReadOnlySpan<double> x)
    {
        int n = x.Length;
        double p = 1;
        foreach (double v in x) p *= v;
        double r = p - lambda;
        var g = new double[n];
        for (int i = 0; i < n; i++) g[i] = ProductExcept(x, i, -1);
        var h = new double[n * n];
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
                h[j * n + i] = g[i] * g[j] + (i == j ? 0 : r * ProductExcept(x, i, j));
        return h;
    }

    /// <summary>Eigenvalues of a symmetric n×n matrix, descending.</summary>
    public static double[] Eigenvalues(int n, double[] matrix)
    {
        var values = Dense.SymmetricEigenvalues(n, matrix);
        Array.Reverse(values);
        return values;
    }

    /// <summary>S(θ) from the HVP-assembled dense Hessian.</summary>
    public static double Sharpness(IHessianVectorProduct model, ReadOnlySpan<double> theta) =>
        Eigenvalues(model.ParameterCount, Hessian(model, theta))[0];

    /// <summary>S(x) of a scalar network from its written-out Hessian.</summary>
    public static double ScalarNetworkSharpness(double lambda, ReadOnlySpan<double> x) =>
        Eigenvalues(x.Length, ScalarNetworkHessian(lambda, x))[0];

    /// <summary>∇S by central differences of <paramref name="sharpness"/>, Richardson-extrapolated from steps h and h/2 (error O(h⁴)).</summary>
    public static double[] SharpnessGradient(Func<double[], double> sharpness, double[] theta, double h)
    {
        int n = theta.Length;
        var gradient = new double[n];
        var t = (double[])theta.Clone();
        double Difference(int i, double step)
        {
            t[i] = theta[i] + step;
            double plus = sharpness(t);
            t[i] = theta[i] - step;
            double minus = sharpness(t);
            t[i] = theta[i];
            return (plus - minus) / (2 * step);
        }
        for (int i = 0; i < n; i++) gradient[i] = (4 * Difference(i, h / 2) - Difference(i, h)) / 3;
        return gradient;
    }

    private static double ProductExcept(ReadOnlySpan<double> x, int i, int j)
    {
        double p = 1;
        for (int k = 0; k < x.Length; k++) if (k != i && k != j) p *= x[k];
        return p;
    }

    private static void Symmetrise(double[] h, int n)
    {
        for (int j = 0; j < n; j++)
            for (int i = 0; i < j; i++)
            {
                double s = 0.5 * (h[j * n + i] + h[i * n + j]);
                h[j * n + i] = s;
                h[i * n + j] = s;
            }
    }
}

using FlowSim.Linalg;
using FlowSim.Models;

namespace FlowSim.Tests.Analysis.Sharpness;

/// <summary>The independent references for the sharpness: the Hessian assembled from n products with unit vectors and
/// decomposed by the dense eigensolver, and central differences of S with Richardson extrapolation.</summary>
internal static class ExplicitHessian
{
    /// <summary>H(θ) column-major, symmetrised (columns H·e_j).</summary>
    public static double[] Build(IHessianVectorProduct model, ReadOnlySpan<double> theta)
    {
        int n = model.ParameterCount;
        var h = new double[n * n];
        var e = new double[n];
        var column = new double[n];
        for (int j = 0; j < n; j++)
        {
            Array.Clear(e);
            e[j] = 1;
            model.HessianVectorProduct(theta, e, column);
            column.CopyTo(h, j * n);
        }
        for (int j = 0; j < n; j++)
            for (int i = 0; i < j; i++)
            {
                double s = 0.5 * (h[j * n + i] + h[i * n + j]);
                h[j * n + i] = s;
                h[i * n + j] = s;
            }
        return h;
    }

    /// <summary>Eigenvalues of H(θ), descending.</summary>
    public static double[] Eigenvalues(IHessianVectorProduct model, ReadOnlySpan<double> theta)
    {
        var values = Dense.SymmetricEigenvalues(model.ParameterCount, Build(model, theta));
        Array.Reverse(values);
        return values;
    }

    /// <summary>S(θ) = λ_max(H(θ)) by the dense eigensolver.</summary>
    public static double Sharpness(IHessianVectorProduct model, ReadOnlySpan<double> theta) => Eigenvalues(model, theta)[0];

    /// <summary>∇S by central differences of the dense S, Richardson-extrapolated from steps h and h/2 (error O(h⁴)).</summary>
    public static double[] SharpnessGradient(IHessianVectorProduct model, double[] theta, double h = 1e-3)
    {
        int n = theta.Length;
        var g = new double[n];
        var t = (double[])theta.Clone();
        double D(int i, double step)
        {
            t[i] = theta[i] + step;
            double plus = Sharpness(model, t);
            t[i] = theta[i] - step;
            double minus = Sharpness(model, t);
            t[i] = theta[i];
            return (plus - minus) / (2 * step);
        }
        for (int i = 0; i < n; i++) g[i] = (4 * D(i, h / 2) - D(i, h)) / 3;
        return g;
    }

    public static double RelativeDistance(ReadOnlySpan<double> reference, ReadOnlySpan<double> value)
    {
        double d = 0, r = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            d += (reference[i] - value[i]) * (reference[i] - value[i]);
            r += reference[i] * reference[i];
        }
        return Math.Sqrt(d / Math.Max(r, 1e-300));
    }
}

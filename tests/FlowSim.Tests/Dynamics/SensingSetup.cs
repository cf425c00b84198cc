using FlowSim.Models;

namespace FlowSim.Tests.Dynamics;

/// <summary>Setup S1 of THEORY §4 (FlowSim's own): m = 4, n = 3, h = 3, r = 2, X = diag(2, 1) padded,
/// M = 40 Gaussian measurements (seed 1), η = 0.05, W_0 = 0.05·Gaussian (seed 2).</summary>
internal static class SensingSetup
{
    public const int M = 4, N = 3, H = 3, Measurements = 40;
    public const double Eta = 0.05;

    public static MatrixSensing S1() =>
        new(new GaussianMeasurements(Measurements, M, N, seed: 1), MatrixSensing.DiagonalTarget(M, N, [2.0, 1.0]), H);

    public static double[] W0(IObjective model) => Initializations.Gaussian(model, 0.05, seed: 2);

    /// <summary>θ_0 … θ_K of gradient descent θ_{k+1} = θ_k − η∇f(θ_k).</summary>
    public static double[][] Descent(IObjective model, double[] theta0, double eta, int steps)
    {
        var iterates = new double[steps + 1][];
        iterates[0] = (double[])theta0.Clone();
        var g = new double[theta0.Length];
        for (int k = 0; k < steps; k++)
        {
            model.Gradient(iterates[k], g);
            var next = new double[theta0.Length];
            for (int i = 0; i < next.Length; i++) next[i] = iterates[k][i] - eta * g[i];
            iterates[k + 1] = next;
        }
        return iterates;
    }

    public static double MaxAbsDifference(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double d = 0;
        for (int i = 0; i < a.Length; i++) d = Math.Max(d, Math.Abs(a[i] - b[i]));
        return d;
    }
}

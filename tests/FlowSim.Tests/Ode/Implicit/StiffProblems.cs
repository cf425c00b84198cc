using FlowSim.Ode;
using MathNet.Numerics.LinearAlgebra;

namespace FlowSim.Tests.Ode.Implicit;

/// <summary>Stiff test problems and their independent references.</summary>
internal static class StiffProblems
{
    /// <summary>Least-squares slope of log e against log h: the observed order of a convergence study.</summary>
    public static double Slope(double[] h, double[] e)
    {
        var x = h.Select(v => Math.Log(v)).ToArray();
        var y = e.Select(v => Math.Log(v)).ToArray();
        double mx = x.Average(), my = y.Average();
        return x.Zip(y, (a, b) => (a - mx) * (b - my)).Sum() / x.Sum(a => (a - mx) * (a - mx));
    }

    /// <summary>Robertson's chemical kinetics (HNW II, §IV.1 and §IV.10), with or without its analytic Jacobian.</summary>
    public static OdeProblem Robertson(double t1, bool analyticJacobian = true) => new(
        (t, y, dy) =>
        {
            dy[0] = -0.04 * y[0] + 1e4 * y[1] * y[2];
            dy[2] = 3e7 * y[1] * y[1];
            dy[1] = -dy[0] - dy[2];
        }, 0, t1, [1.0, 0.0, 0.0],
        analyticJacobian
            ? (t, y, j) =>
            {
                // Column-major: entry (i, k) at 3k + i.
                j[0] = -0.04; j[1] = 0.04; j[2] = 0;
                j[3] = 1e4 * y[2]; j[4] = -1e4 * y[2] - 6e7 * y[1]; j[5] = 6e7 * y[1];
                j[6] = 1e4 * y[1]; j[7] = -1e4 * y[1]; j[8] = 0;
            }
            : null, "robertson") { IsStiff = true };

    /// <summary>
    /// Robertson y(40) as published by Hairer &amp; Wanner (Solving ODEs II, §IV.1, 10 digits) and reproduced by
    /// independent solvers (SUNDIALS' cvRoberts example to 5 digits).
    /// </summary>
    public static readonly double[] RobertsonAt40 = [0.7158270687, 9.185534764e-6, 0.2841637457];

    /// <summary>Van der Pol y'' = μ((1 − y²)y' − y)… in the form y₁' = y₂, y₂' = μ(1 − y₁²)y₂ − y₁, y(0) = (2, 0).</summary>
    public static OdeProblem VanDerPol(double mu, double t1) => new(
        (t, y, dy) =>
        {
            dy[0] = y[1];
            dy[1] = mu * (1 - y[0] * y[0]) * y[1] - y[0];
        }, 0, t1, [2.0, 0.0],
        (t, y, j) =>
        {
            j[0] = 0; j[1] = -2 * mu * y[0] * y[1] - 1;
            j[2] = 1; j[3] = mu * (1 - y[0] * y[0]);
        }, "vdp") { IsStiff = true };

    /// <summary>The matrix S·diag(−1, −1000, −10⁶)·S⁻¹ of the linear stiff test (S fixed, not orthogonal).</summary>
    public static Matrix<double> LinearStiffMatrix()
    {
        var s = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0.5, 0.2 }, { -0.3, 1, 0.4 }, { 0.1, -0.6, 1 } });
        var lambda = Matrix<double>.Build.DenseOfDiagonalArray([-1.0, -1000.0, -1e6]);
        return s * lambda * s.Inverse();
    }

    /// <summary>y' = A y, y(0) = (1, 1, 1) on [0, t1], with the Jacobian A.</summary>
    public static OdeProblem LinearStiff(double t1, bool analyticJacobian = true)
    {
        var a = LinearStiffMatrix().ToColumnMajorArray();
        return new OdeProblem(
            (t, y, dy) =>
            {
                for (int i = 0; i < 3; i++) dy[i] = a[i] * y[0] + a[3 + i] * y[1] + a[6 + i] * y[2];
            }, 0, t1, [1.0, 1.0, 1.0],
            analyticJacobian ? (t, y, j) => a.CopyTo(j) : null, "linear-stiff") { IsStiff = true };
    }

    /// <summary>exp(A t) y0 from MathNet's eigendecomposition of A (independent of how A was built).</summary>
    public static double[] LinearStiffExact(double t)
    {
        var evd = LinearStiffMatrix().Evd();
        var v = evd.EigenVectors;
        var expL = Matrix<double>.Build.DenseOfDiagonalArray(evd.EigenValues.Select(l => Math.Exp(l.Real * t)).ToArray());
        var y0 = Vector<double>.Build.Dense([1.0, 1.0, 1.0]);
        return (v * expL * v.Inverse() * y0).ToArray();
    }

    /// <summary>
    /// A non-autonomous linear problem with exact solution y = (2e^{−t} + sin t, 2e^{−t} + cos t):
    /// y₁' = −2y₁ + y₂ + 2 sin t, y₂' = y₁ − 2y₂ + 2(cos t − sin t).
    /// </summary>
    public static OdeProblem Forced(double t1) => new(
        (t, y, dy) =>
        {
            dy[0] = -2 * y[0] + y[1] + 2 * Math.Sin(t);
            dy[1] = y[0] - 2 * y[1] + 2 * (Math.Cos(t) - Math.Sin(t));
        }, 0, t1, [2.0, 3.0],
        // Rosenbrock methods need the exact Jacobian for their order: a finite-difference one (error ~1e-8)
        // puts a floor near 1e-11 under the fixed-step errors of the order test.
        (t, y, j) => { j[0] = -2; j[1] = 1; j[2] = 1; j[3] = -2; }, "forced")
    {
        ExactSolution = (t, y) =>
        {
            y[0] = 2 * Math.Exp(-t) + Math.Sin(t);
            y[1] = 2 * Math.Exp(-t) + Math.Cos(t);
        },
    };

    /// <summary>max_i |y_i − ref_i| / (atol + rtol·|ref_i|).</summary>
    public static double ErrorInToleranceUnits(ReadOnlySpan<double> y, ReadOnlySpan<double> reference, double rtol, double atol)
    {
        double m = 0;
        for (int i = 0; i < y.Length; i++)
            m = Math.Max(m, Math.Abs(y[i] - reference[i]) / (atol + rtol * Math.Abs(reference[i])));
        return m;
    }

    public static double MaxAbsDiff(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double m = 0;
        for (int i = 0; i < a.Length; i++) m = Math.Max(m, Math.Abs(a[i] - b[i]));
        return m;
    }
}

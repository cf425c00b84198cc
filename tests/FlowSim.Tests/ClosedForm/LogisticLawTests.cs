using Xunit;
using FlowSim.ClosedForm;
using FlowSim.Dynamics.Scalar;
using Xunit.Abstractions;

namespace FlowSim.Tests.ClosedForm;

/// <summary>Y1 (scalar level) and Y7: the symmetric logistic law and the stage-1 time (9).</summary>
public class LogisticLawTests(ITestOutputHelper output)
{
    [Fact]
    public void Y1_ScalarSymmetricSolution_MatchesIntegration()
    {
        double[] sigma = [5, 4, 3, 2, 1];
        var s0 = Enumerable.Repeat(1e-4, 5).ToArray();
        var s = FlowReference.At(new LogisticRhs(sigma), s0, [1.0])[0];
        for (int i = 0; i < 5; i++)
        {
            double closed = LogisticLaw.S(sigma[i], 1e-4, 1);
            Assert.True(Math.Abs(s[i] - closed) <= 1e-9 * closed, $"σ={sigma[i]}: {s[i]} vs {closed}");
        }
        output.WriteLine($"Y1 s_1(1) = {LogisticLaw.S(5, 1e-4, 1):R}, s_5(1) = {LogisticLaw.S(1, 1e-4, 1):R} (integrated {s[0]:R}, {s[4]:R})");
        // The law is the N = 2 product law with λ = σ, α² = s0 (an algebraically different formula).
        Assert.Equal(DeepScalarFlow.DepthTwoSquared(5, 1e-2, 1), LogisticLaw.S(5, 1e-4, 1), 12);
    }

    [Fact]
    public void Y1_FullMatrixFlowInARotatedBasis_MatchesScalarLaws()
    {
        // Σ = QΛQᵀ with a random orthogonal Q (seed 20261123), S(0) = 1e-4·I: S(t) = Q diag(s_i(t)) Qᵀ by §2.3.
        const int d = 5;
        double[] lambda = [5, 4, 3, 2, 1];
        var q = RandomOrthogonal(d, new Random(20261123));
        var sigma = new double[d * d];
        for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) for (int k = 0; k < d; k++) sigma[j * d + i] += q[k * d + i] * lambda[k] * q[k * d + j];
        var s0 = new double[d * d];
        for (int i = 0; i < d; i++) s0[i * d + i] = 1e-4;
        var s = FlowReference.At(new SymmetricFlowRhs(sigma, d), s0, [1.0])[0];
        double maxRel = 0;
        for (int i = 0; i < d; i++)
        for (int j = 0; j < d; j++)
        {
            double closed = 0;
            for (int k = 0; k < d; k++) closed += q[k * d + i] * LogisticLaw.S(lambda[k], 1e-4, 1) * q[k * d + j];
            maxRel = Math.Max(maxRel, Math.Abs(s[j * d + i] - closed) / LogisticLaw.S(5, 1e-4, 1));
        }
        output.WriteLine($"Y1 full 5x5 flow (5) in a rotated basis: max |S_int − Q diag(s_i) Qᵀ| / s_1(1) = {maxRel:E2}");
        Assert.True(maxRel <= 1e-9);
    }

    // dS/dt = (Σ − S)S + S(Σ − S), column-major d×d.
    private sealed class SymmetricFlowRhs(double[] sigma, int d) : FlowSim.Ode.IOdeRhs
    {
        private readonly double[] _p = new double[d * d];
        public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
        {
            for (int i = 0; i < d * d; i++) _p[i] = sigma[i] - y[i];
            for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++)
            {
                double v = 0;
                for (int k = 0; k < d; k++) v += _p[k * d + i] * y[j * d + k] + y[k * d + i] * _p[j * d + k];
                dydt[j * d + i] = v;
            }
        }
    }

    // Gram–Schmidt on a Gaussian matrix (Box–Muller from System.Random(seed)); column k of Q at q[k·d …].
    private static double[] RandomOrthogonal(int d, Random rng)
    {
        var q = new double[d * d];
        for (int i = 0; i < q.Length; i++) q[i] = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        for (int k = 0; k < d; k++)
        {
            for (int pass = 0; pass < 2; pass++)
                for (int m = 0; m < k; m++)
                {
                    double dot = 0;
                    for (int i = 0; i < d; i++) dot += q[m * d + i] * q[k * d + i];
                    for (int i = 0; i < d; i++) q[k * d + i] -= dot * q[m * d + i];
                }
            double norm = 0;
            for (int i = 0; i < d; i++) norm += q[k * d + i] * q[k * d + i];
            norm = Math.Sqrt(norm);
            for (int i = 0; i < d; i++) q[k * d + i] /= norm;
        }
        return q;
    }

    [Fact]
    public void Y7_StageOneTime_ReachesAlphaSigmaD()
    {
        double t1 = LogisticLaw.StageOneTime(5, 1, 5, 1, 0.01, 0.5);
        double a1 = LogisticLaw.UpperCurve(5, 5, 1, 0.01, t1);
        output.WriteLine($"Y7 t_1 = {t1:R}, a_1^2(t_1) = {a1:R}");
        Assert.True(Math.Abs(a1 - 0.5) <= 4e-16);
        // Cross-check by bisection on a_1²(t) − 0.5 (the curve is increasing).
        double lo = 0, hi = 10;
        for (int i = 0; i < 200; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (LogisticLaw.UpperCurve(5, 5, 1, 0.01, mid) < 0.5) lo = mid; else hi = mid;
        }
        Assert.True(Math.Abs(0.5 * (lo + hi) - t1) <= 1e-14);
        Assert.Equal((Math.Log(9999) + Math.Log(1.0 / 9)) / 10, t1, 15);
    }

    [Fact]
    public void LowerCurve_IsEquation8()
    {
        double sigma = 2, c = 1.5, eps = 0.01, t = 0.7;
        int d = 4;
        double e = Math.Exp(2 * sigma * t);
        Assert.Equal(sigma * e / (e + c * c * d * sigma / (eps * eps) - 1), LogisticLaw.LowerCurve(sigma, d, c, eps, t), 14);
    }

    [Fact]
    public void StageOneTime_RejectsBadArguments()
    {
        Assert.Contains("sigmaD", Assert.Throws<ArgumentException>(() => LogisticLaw.StageOneTime(1, 5, 5, 1, 0.01, 0.5)).Message);
        Assert.Contains("alpha", Assert.Throws<ArgumentException>(() => LogisticLaw.StageOneTime(5, 1, 5, 1, 0.01, 0)).Message);
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using FlowSim.Linalg;
using FlowSim.Linalg.Native;
using FlowSim.Ode;
using FlowSim.Randomness;

namespace FlowSim.Cli.Commands;

/// <summary>What <c>flowsim bench</c> measures with: the shared benchmark problem, the timer (warm-up, repetitions,
/// minimum and median), the RHS clock inside a solve, and the one-line JSON result.</summary>
internal static class BenchMeasurements
{
    /// <summary>Σ = Q₁ diag(linspace(1, 0.1, d)) Q₂ᵀ, U₀ and V₀ with entries 1e-3·N(0, 1); all d×d column-major.</summary>
    internal static (double[] Sigma, double[] U0, double[] V0) BenchmarkProblem(int d, ulong seed, double initScale = 1e-3)
    {
        var rng = new Xoshiro256StarStar(seed);
        var q1 = RandomMatrices.Orthogonal(rng, d);
        var q2 = RandomMatrices.Orthogonal(rng, d);
        var scaled = new double[d * d];
        for (int j = 0; j < d; j++)
        {
            double s = 1.0 - 0.9 * j / (d - 1);
            for (int i = 0; i < d; i++) scaled[j * d + i] = q1[j * d + i] * s;
        }
        var sigma = new double[d * d];
        LinearAlgebra.Gemm(Transpose.No, Transpose.Yes, d, d, d, scaled, q2, sigma);
        var u0 = RandomMatrices.Gaussian(rng, d, d, initScale);
        var v0 = RandomMatrices.Gaussian(rng, d, d, initScale);
        return (sigma, u0, v0);
    }

    /// <summary>Times the right-hand side inside a solve, to split a run into RHS and integrator time.</summary>
    internal sealed class TimedRhs(IOdeRhs inner) : IOdeRhs
    {
        private long _ticks;

        public double Seconds => _ticks / (double)Stopwatch.Frequency;

        public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
        {
            long start = Stopwatch.GetTimestamp();
            inner.Evaluate(t, y, dydt);
            _ticks += Stopwatch.GetTimestamp() - start;
        }
    }

    internal static (double Min, double Median) Time(int repeat, Action action)
    {
        // Untimed warm-up: at least one run, and runs for up to half a second, so that tiered JIT has promoted the hot
        // methods to optimised code (a single warm-up of a 30 ms solve still ran unoptimised tier-0 code: 10x slower).
        long warmStart = Stopwatch.GetTimestamp();
        for (int w = 0; w < 200 && (w == 0 || Stopwatch.GetElapsedTime(warmStart).TotalSeconds < 0.5); w++) action();
        var times = new double[repeat];
        for (int r = 0; r < repeat; r++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            times[r] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        Array.Sort(times);
        return (times[0], times[repeat / 2]);
    }

    internal static void WriteFinal(string? path, ReadOnlySpan<double> theta)
    {
        if (path is null) return;
        var values = theta.ToArray();
        FlowSim.Reports.AtomicFile.Write(path, stream =>
        {
            using var f = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            foreach (double x in values) f.Write(x);
        });
    }

    internal static string Num(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    internal static void Emit(int d, string method, long nfev, double min, double median, double finalLoss, string backend,
        params (string Key, string Value)[] extra)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{{\"d\": {d}, \"method\": \"{method}\", \"nfev\": {nfev}, \"seconds\": {Num(min)}, ");
        sb.Append(CultureInfo.InvariantCulture, $"\"seconds_median\": {Num(median)}, \"final_loss\": {Num(finalLoss)}, \"backend\": \"{backend}\", \"implementation\": \"flowsim\", \"blas_core\": \"{OpenBlasNative.CoreName ?? "none"}\", \"threads\": {LinearAlgebra.Threads}");
        foreach (var (key, value) in extra) sb.Append(CultureInfo.InvariantCulture, $", \"{key}\": {value}");
        sb.Append('}');
        Console.WriteLine(sb.ToString());
    }
}

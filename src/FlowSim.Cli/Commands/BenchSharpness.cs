using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using FlowSim.Analysis.Sharpness;
using FlowSim.Dynamics.LargeSteps;
using FlowSim.Linalg;
using FlowSim.Models;

namespace FlowSim.Cli.Commands;

/// <summary>
/// <c>flowsim bench lanczos</c>: the price of tracking the sharpness along descent at the edge of stability — Hessian-vector
/// products per warm-started Lanczos solve, on the benchmark problem (Σ with singular values linspace(1, 0.1, d), so ηs₁ &gt; 1
/// for η &gt; 1). One JSON line: the cold first solve, the warm solves overall and after the onset (S ≥ 2/η).
/// </summary>
internal static class BenchSharpness
{
    public static Command Build()
    {
        var cmd = new Command("lanczos", "Hessian-vector products per warm-started Lanczos solve along descent at the edge of stability (JSON).");
        var d = new Option<int>("--d") { Description = "Size d of the benchmark problem (U, V d×d).", DefaultValueFactory = _ => 64 };
        var eta = new Option<string>("--eta") { Description = "Step size η (> 1 puts descent at the edge of stability).", DefaultValueFactory = _ => "1.02" };
        var steps = new Option<int>("--steps") { Description = "Descent steps K.", DefaultValueFactory = _ => 400 };
        var tol = new Option<string>("--tolerance") { Description = "Lanczos relative residual tolerance.", DefaultValueFactory = _ => "1e-10" };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the benchmark problem.", DefaultValueFactory = _ => 1UL };
        var spectrum = new Option<string>("--spectrum")
        {
            Description = "linear: the benchmark problem's singular values linspace(1, 0.1, d); harmonic: 1/(1 + i), i = 0 … d − 1 (well separated top).",
            DefaultValueFactory = _ => "linear",
        };
        var count = new Option<int>("--eigenpairs") { Description = "Eigenpairs tracked by Lanczos (its block size; S is the first).", DefaultValueFactory = _ => 1 };
        foreach (var o in new Option[] { d, eta, steps, tol, seed, spectrum, count }) cmd.Options.Add(o);
        cmd.SetAction(p =>
        {
            int size = p.GetValue(d), k = p.GetValue(steps);
            double step = Positive("--eta", p.GetValue(eta)), tolerance = Positive("--tolerance", p.GetValue(tol));
            if (size is < 2 or > 1000) throw new CliUsageException($"--d: must be between 2 and 1000 (got {size}).");
            if (k < 2) throw new CliUsageException($"--steps: must be ≥ 2 (got {k}).");
            var (sigma, u0, v0) = BenchMeasurements.BenchmarkProblem(size, p.GetValue(seed));
            string shape = p.GetValue(spectrum)!;
            if (shape == "harmonic")
                sigma = MatrixSensing.RandomTarget(size, size, [.. Enumerable.Range(0, size).Select(i => 1.0 / (1 + i))], p.GetValue(seed));
            else if (shape != "linear") throw new CliUsageException($"--spectrum: expected linear or harmonic (got '{shape}').");
            var model = new AsymmetricFactorization(size, size, size, sigma);
            long start = Stopwatch.GetTimestamp();
            SharpnessDescentResult run;
            try
            {
                run = SharpnessTrackedDescent.Run(model, [.. u0, .. v0], new SharpnessDescentOptions
                {
                    StepSize = step, Steps = k, Midpoints = false, Lanczos = new LanczosOptions { Tolerance = tolerance, Count = p.GetValue(count) },
                });
            }
            catch (ArgumentException ex) { throw new CliUsageException(ex.Message); }
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var warm = run.ProductsPerSolve.Skip(1).ToArray();
            var after = run.OnsetStep is int onset ? run.ProductsPerSolve.Skip(onset + 1).ToArray() : [];
            string Stats(int[] a) => a.Length == 0 ? "null" : string.Create(CultureInfo.InvariantCulture, $"{{\"mean\": {a.Average():F2}, \"max\": {a.Max()}, \"solves\": {a.Length}}}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"d\": {size}, \"spectrum\": \"{shape}\", \"eigenpairs\": {p.GetValue(count)}, \"parameters\": {model.ParameterCount}, \"eta\": {step:R}, \"steps\": {k}, \"tolerance\": {tolerance:R}, " +
                $"\"onset_k\": {(run.OnsetStep is int o ? o.ToString(CultureInfo.InvariantCulture) : "null")}, \"diverged_at\": {(run.DivergedAt is int dv ? dv.ToString(CultureInfo.InvariantCulture) : "null")}, " +
                $"\"cold_products\": {run.ProductsPerSolve[0]}, \"warm\": {Stats(warm)}, \"warm_after_onset\": {Stats(after)}, " +
                $"\"sharpness_last_two\": [{run.Sharpness[^2]:R}, {run.Sharpness[^1]:R}], \"seconds\": {seconds:F3}, \"backend\": \"{LinearAlgebra.BackendName}\"}}"));
            return 0;
        });
        return cmd;
    }

    private static double Positive(string option, string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > 0 && double.IsFinite(v) ? v
            : throw new CliUsageException($"{option}: must be a positive number (got '{text}').");
}

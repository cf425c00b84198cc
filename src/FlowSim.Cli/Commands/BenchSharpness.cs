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
        var extrapolation = new Option<string>("--extrapolation")
        {
            Description = "Degree p of the same-phase warm start (LanczosOptions.SamePhaseExtrapolation), 0 … 6, or none.", DefaultValueFactory = _ => "3",
        };
        var noise = new Option<string>("--noise") { Description = "Random component added to the warm start (LanczosOptions.WarmStartNoise).", DefaultValueFactory = _ => "1e-6" };
        var check = new Option<bool>("--check") { Description = "Measure the accuracy of S, u and ∇S against a solve at residual 1e-13 (not counted)." };
        var basis = new Option<int>("--max-basis") { Description = "Largest Krylov basis before a thick restart.", DefaultValueFactory = _ => 48 };
        var perSolve = new Option<bool>("--products") { Description = "Add the products of every solve (\"products\": a list, the cold one first)." };
        var init = new Option<string>("--init-scale") { Description = "Standard deviation of the entries of U₀ and V₀ (the benchmark problem's 1e-3 by default).", DefaultValueFactory = _ => "1e-3" };
        foreach (var o in new Option[] { d, eta, steps, tol, seed, spectrum, count, extrapolation, noise, basis, check, perSolve, init }) cmd.Options.Add(o);
        cmd.SetAction(p =>
        {
            int size = p.GetValue(d), k = p.GetValue(steps);
            double step = Positive("--eta", p.GetValue(eta)), tolerance = Positive("--tolerance", p.GetValue(tol));
            if (size is < 2 or > 1000) throw new CliUsageException($"--d: must be between 2 and 1000 (got {size}).");
            if (k < 2) throw new CliUsageException($"--steps: must be ≥ 2 (got {k}).");
            double initScale = Positive("--init-scale", p.GetValue(init));
            var (sigma, u0, v0) = BenchMeasurements.BenchmarkProblem(size, p.GetValue(seed), initScale);
            string shape = p.GetValue(spectrum)!;
            if (shape == "harmonic")
                sigma = MatrixSensing.RandomTarget(size, size, [.. Enumerable.Range(0, size).Select(i => 1.0 / (1 + i))], p.GetValue(seed));
            else if (shape != "linear") throw new CliUsageException($"--spectrum: expected linear or harmonic (got '{shape}').");
            var model = new AsymmetricFactorization(size, size, size, sigma);
            double noiseLevel = NonNegative("--noise", p.GetValue(noise));
            int? degree = Degree(p.GetValue(extrapolation));
            var accuracy = p.GetValue(check) ? new Accuracy(model) : null;
            long start = Stopwatch.GetTimestamp();
            SharpnessDescentResult run;
            try
            {
                run = SharpnessTrackedDescent.Run(model, [.. u0, .. v0], new SharpnessDescentOptions
                {
                    StepSize = step, Steps = k, Midpoints = false, Lanczos = new LanczosOptions { Tolerance = tolerance, Count = p.GetValue(count), SamePhaseExtrapolation = degree, WarmStartNoise = noiseLevel, MaxBasis = p.GetValue(basis) },
                    OnSharpness = accuracy is null ? null : accuracy.Observe,
                });
            }
            catch (ArgumentException ex) { throw new CliUsageException(ex.Message); }
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var warm = run.ProductsPerSolve.Skip(1).ToArray();
            var after = run.OnsetStep is int onset ? run.ProductsPerSolve.Skip(onset + 1).ToArray() : [];
            string Stats(int[] a) => a.Length == 0 ? "null" : string.Create(CultureInfo.InvariantCulture, $"{{\"mean\": {a.Average():F2}, \"max\": {a.Max()}, \"solves\": {a.Length}}}");
            string checkJson = accuracy is null ? "" : accuracy.Json(run.OnsetStep);
            if (p.GetValue(perSolve)) checkJson += $"\"products\": [{string.Join(", ", run.ProductsPerSolve.Select(v => v.ToString(CultureInfo.InvariantCulture)))}], ";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"d\": {size}, \"spectrum\": \"{shape}\", \"init_scale\": {initScale:R}, \"eigenpairs\": {p.GetValue(count)}, \"parameters\": {model.ParameterCount}, \"eta\": {step:R}, \"steps\": {k}, \"tolerance\": {tolerance:R}, " +
                $"\"onset_k\": {(run.OnsetStep is int o ? o.ToString(CultureInfo.InvariantCulture) : "null")}, \"diverged_at\": {(run.DivergedAt is int dv ? dv.ToString(CultureInfo.InvariantCulture) : "null")}, " +
                $"\"cold_products\": {run.ProductsPerSolve[0]}, \"warm\": {Stats(warm)}, \"warm_after_onset\": {Stats(after)}, " +
                $"{checkJson}\"sharpness_last_two\": [{run.Sharpness[^2]:R}, {run.Sharpness[^1]:R}], \"seconds\": {seconds:F3}, \"backend\": \"{LinearAlgebra.BackendName}\"}}"));
            return 0;
        });
        return cmd;
    }

    // S, u and ∇S = D³L[u, u, ·] of each solve against a tighter solve (residual 1e-13) at the same iterate.
    private sealed class Accuracy(AsymmetricFactorization model)
    {
        private readonly LanczosEigensolver _reference = new(model.ParameterCount, new LanczosOptions { Tolerance = 1e-13, MaxProducts = 20000 });
        private readonly TwoFactorCurvature _curvature = new(model);
        private readonly double[] _g = new double[model.ParameterCount], _gRef = new double[model.ParameterCount];
        private readonly List<(int K, double S, double U, double G)> _errors = [];

        public void Observe(int k, ReadOnlySpan<double> theta, LanczosEigensolver solver)
        {
            _reference.Solve(model, theta);
            double s = solver.Eigenvalues[0], sRef = _reference.Eigenvalues[0];
            double cos = Math.Abs(LinearAlgebra.Dot(solver.Eigenvector(0), _reference.Eigenvector(0)));
            _curvature.CurvatureGradient(theta, solver.Eigenvector(0), _g);
            _curvature.CurvatureGradient(theta, _reference.Eigenvector(0), _gRef);
            double diff = 0, norm = 0;
            for (int i = 0; i < _g.Length; i++) { diff += (_g[i] - _gRef[i]) * (_g[i] - _gRef[i]); norm += _gRef[i] * _gRef[i]; }
            _errors.Add((k, Math.Abs(s - sRef) / sRef, Math.Sqrt(Math.Max(0, 1 - cos * cos)), Math.Sqrt(diff / norm)));
        }

        public string Json(int? onset)
        {
            var after = _errors.Where(e => e.K > (onset ?? int.MaxValue)).ToList();
            if (after.Count == 0) after = _errors;
            return string.Create(CultureInfo.InvariantCulture,
                $"\"s_rel_error_max\": {after.Max(e => e.S):E2}, \"u_sin_max\": {after.Max(e => e.U):E2}, \"grad_s_rel_error_max\": {after.Max(e => e.G):E2}, ");
        }
    }

    private static int? Degree(string? text) =>
        text == "none" ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int p) && p <= 6 ? p
        : throw new CliUsageException($"--extrapolation: expected a degree 0 … 6 or none (got '{text}').");

    private static double NonNegative(string option, string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v >= 0 && double.IsFinite(v) ? v
            : throw new CliUsageException($"{option}: must be a number ≥ 0 (got '{text}').");

    private static double Positive(string option, string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > 0 && double.IsFinite(v) ? v
            : throw new CliUsageException($"{option}: must be a positive number (got '{text}').");
}

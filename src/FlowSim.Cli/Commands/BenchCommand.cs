using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using FlowSim.Dynamics;
using FlowSim.Linalg;
using FlowSim.Linalg.Native;
using FlowSim.Models;
using FlowSim.Ode;
using FlowSim.Randomness;

namespace FlowSim.Cli.Commands;

/// <summary>
/// <c>flowsim bench flow|gd|gemm</c>: timed runs on the benchmark problem shared with the NumPy/SciPy baselines in
/// benchmarks/baselines/. Each prints one JSON object. The time is measured inside the process around the solve
/// (start-up, JIT warm-up and problem set-up excluded, as in the baseline), repeated, minimum and median reported.
/// </summary>
/// <remarks>
/// The problem: Σ = Q₁ diag(linspace(1, 0.1, d)) Q₂ᵀ with Haar-random orthogonal Q₁, Q₂, U₀ and V₀ (d×d) with entries
/// 1e-3·N(0, 1), from xoshiro256** seeded with --seed. --write-problem stores Σ, U₀, V₀ as raw little-endian float64,
/// column-major, in that order, so that the baseline (numpy.fromfile) solves the identical problem.
/// </remarks>
public sealed class BenchCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Build()
    {
        var cmd = new Command("bench", "Timed benchmark runs (JSON) on the problem shared with the SciPy/NumPy baselines.");
        cmd.Subcommands.Add(BuildFlow());
        cmd.Subcommands.Add(BuildDescent());
        cmd.Subcommands.Add(BuildGemm());
        cmd.Subcommands.Add(BuildRhs());
        cmd.Subcommands.Add(BuildWorkPrecision());
        cmd.Subcommands.Add(BenchSharpness.Build());
        return cmd;
    }

    private static Command BuildWorkPrecision()
    {
        var problem = new Option<string>("--problem") { Description = "oscillator, kepler or arenstorf.", Required = true };
        var method = new Option<string>("--method") { Description = "Integrator.", Required = true };
        var rtols = new Option<string>("--rtols") { Description = "Comma-separated tolerances (atol = rtol).", DefaultValueFactory = _ => "1e-3,1e-4,1e-5,1e-6,1e-7,1e-8,1e-9,1e-10,1e-11,1e-12,1e-13" };
        return Subcommand("wp", "Work-precision data: final-time error against RHS evaluations on a problem with a known solution (one JSON line per tolerance).",
            [problem, method, rtols], p =>
        {
            var (odeProblem, exact) = WorkPrecisionProblems.Get(p.GetValue(problem)!);
            string name = p.GetValue(method)!;
            foreach (string item in p.GetValue(rtols)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!double.TryParse(item, NumberStyles.Float, CultureInfo.InvariantCulture, out double tol) || !(tol > 0))
                    throw new CliUsageException($"--rtols: '{item}' is not a positive number.");
                OdeSolution sol;
                try
                {
                    sol = OdeSolve.Solve(odeProblem, name, new OdeOptions { RelTol = tol, AbsTol = tol, SaveEveryStep = false });
                }
                catch (ArgumentException ex) { throw new CliUsageException(UserMessages.Of(ex)); }
                double err = 0;
                for (int i = 0; i < exact.Length; i++) err = Math.Max(err, Math.Abs(sol.FinalState[i] - exact[i]));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{{\"problem\": \"{p.GetValue(problem)}\", \"method\": \"{name}\", \"rtol\": {Num(tol)}, \"nfev\": {sol.Statistics.RhsEvaluations}, \"error\": {Num(err)}, \"status\": \"{sol.Status}\"}}"));
            }
        });
    }

    private static Command BuildRhs()
    {
        var count = new Option<int>("--count") { Description = "Evaluations per timed repetition.", DefaultValueFactory = _ => 1000 };
        return OnProblem("rhs", "Time one gradient-flow right-hand side evaluation of the benchmark problem.", [count], (p, c) =>
        {
            var (objective, theta0, d, backend) = Setup(p, c);
            int k = BenchLimits.Check("--count", p.GetValue(count), 1, BenchLimits.MaxCount);
            var rhs = new GradientFlow(objective);
            var dy = new double[theta0.Length];
            var (min, median) = BenchMeasurements.Time(p.GetValue(c.Repeat), () =>
            {
                for (int i = 0; i < k; i++) rhs.Evaluate(0, theta0, dy);
            });
            double flops = 3.0 * 2.0 * d * d * d;
            BenchMeasurements.Emit(d, "rhs", k, min, median, objective.Loss(theta0), backend,
                ("seconds_per_rhs", Num(min / k)), ("gemm_gflops", Num(flops * k / min / 1e9)));
        });
    }

    private sealed record Common(Option<string> Model, Option<int> D, Option<ulong> Seed, Option<int> Repeat,
        Option<string?> WriteProblem, Option<string?> WriteFinal, Option<bool> Json)
    {
        public Option[] All => [Model, D, Seed, Repeat, WriteProblem, WriteFinal, Json];

        public static Common Create() => new(
            new Option<string>("--model") { Description = "Model (only asymmetric-mf).", DefaultValueFactory = _ => "asymmetric-mf" },
            new Option<int>("--d") { Description = "Size d: Σ is d×d, U and V are d×d.", Required = true },
            new Option<ulong>("--seed") { Description = "Seed of the problem.", DefaultValueFactory = _ => 1UL },
            new Option<int>("--repeat") { Description = "Timed repetitions after one untimed warm-up.", DefaultValueFactory = _ => 5 },
            new Option<string?>("--write-problem") { Description = "Write Σ, U₀, V₀ (raw float64, column-major) to this file." },
            new Option<string?>("--write-final") { Description = "Write the final θ = [vec U; vec V] (raw float64) to this file." },
            new Option<bool>("--json") { Description = "Print one JSON object (the only output format)." });
    }

    /// <summary>A subcommand with its options, whose action prints its JSON and exits 0 (errors throw).</summary>
    private static Command Subcommand(string name, string description, Option[] options, Action<ParseResult> action)
    {
        var cmd = new Command(name, description);
        foreach (var o in options) cmd.Options.Add(o);
        cmd.SetAction(p =>
        {
            action(p);
            return 0;
        });
        return cmd;
    }

    /// <summary>A benchmark on the shared problem: the common options first, then its own.</summary>
    private static Command OnProblem(string name, string description, Option[] options, Action<ParseResult, Common> action)
    {
        var common = Common.Create();
        return Subcommand(name, description, [.. common.All, .. options], p => action(p, common));
    }

    private static Command BuildFlow()
    {
        var t1 = new Option<double>("--t1") { Description = "End time.", DefaultValueFactory = _ => 40.0 };
        var method = new Option<string>("--method") { Description = "Integrator (dp5, dop853, vern9, bs3, …).", DefaultValueFactory = _ => "dop853" };
        var rtol = new Option<double>("--rtol") { Description = "Relative tolerance.", DefaultValueFactory = _ => 1e-8 };
        var atol = new Option<double>("--atol") { Description = "Absolute tolerance.", DefaultValueFactory = _ => 1e-10 };
        return OnProblem("flow", "Integrate the gradient flow of the benchmark problem.", [t1, method, rtol, atol], (p, c) =>
        {
            var (objective, theta0, d, backend) = Setup(p, c);
            double t = p.GetValue(t1);
            if (!(t > 0) || !double.IsFinite(t)) throw new CliUsageException($"--t1: must be finite and > 0 (got {t}).");
            string name = p.GetValue(method)!;
            var options = new OdeOptions { RelTol = p.GetValue(rtol), AbsTol = p.GetValue(atol), SaveEveryStep = false };
            OdeSolution? solution = null;
            BenchMeasurements.TimedRhs? timedRhs = null;
            Func<OdeSolution> run = () =>
            {
                try
                {
                    var flow = GradientFlow.CreateProblem(objective, theta0, t);
                    var problem = new OdeProblem(timedRhs = new BenchMeasurements.TimedRhs(flow.Rhs), flow.T0, flow.T1, flow.Y0, name: flow.Name);
                    return OdeSolve.Solve(problem, name, options).EnsureSuccess();
                }
                catch (ArgumentException ex) { throw new CliUsageException(UserMessages.Of(ex)); }
            };
            var (min, median) = BenchMeasurements.Time(p.GetValue(c.Repeat), () => solution = run());
            var final = solution!.FinalState;
            BenchMeasurements.WriteFinal(p.GetValue(c.WriteFinal), final);
            BenchMeasurements.Emit(d, name, solution.Statistics.RhsEvaluations, min, median, objective.Loss(final), backend,
                ("steps", solution.Statistics.AcceptedSteps.ToString(CultureInfo.InvariantCulture)),
                ("rejected", solution.Statistics.RejectedSteps.ToString(CultureInfo.InvariantCulture)),
                ("rhs_seconds", Num(timedRhs!.Seconds)),
                ("t1", Num(t)), ("rtol", Num(options.RelTol)), ("atol", Num(options.AbsTol)));
        });
    }

    private static Command BuildDescent()
    {
        var steps = new Option<int>("--steps") { Description = "Number of steps K.", DefaultValueFactory = _ => 4000 };
        var eta = new Option<double>("--eta") { Description = "Step size η.", DefaultValueFactory = _ => 0.01 };
        return OnProblem("gd", "Run gradient descent on the benchmark problem.", [steps, eta], (p, c) =>
        {
            var (objective, theta0, d, backend) = Setup(p, c);
            int k = BenchLimits.Check("--steps", p.GetValue(steps), 1, BenchLimits.MaxSteps);
            double h = p.GetValue(eta);
            if (!(h > 0) || !double.IsFinite(h)) throw new CliUsageException($"--eta: must be finite and > 0 (got {h}).");
            GradientDescent? gd = null;
            var (min, median) = BenchMeasurements.Time(p.GetValue(c.Repeat), () =>
            {
                gd = new GradientDescent(objective, theta0, h);
                for (int i = 0; i < k; i++) gd.Step();
            });
            BenchMeasurements.WriteFinal(p.GetValue(c.WriteFinal), gd!.Theta);
            BenchMeasurements.Emit(d, "gd", k, min, median, objective.Loss(gd.Theta), backend, ("eta", Num(h)), ("steps", k.ToString(CultureInfo.InvariantCulture)));
        });
    }

    private static Command BuildGemm()
    {
        var n = new Option<int>("--n") { Description = "Order n.", Required = true };
        var repeat = new Option<int>("--repeat") { Description = "Timed repetitions (each long enough to time).", DefaultValueFactory = _ => 5 };
        var json = new Option<bool>("--json") { Description = "JSON output (the only format)." };
        var kernel = new Option<string>("--kernel") { Description = "seam (the backend in use, with its size threshold), managed, or native (OpenBLAS called directly).", DefaultValueFactory = _ => "seam" };
        return Subcommand("gemm", "Time C ← AB for n×n matrices with the backend in use (GFLOP/s).", [n, repeat, json, kernel], p =>
        {
            var backend = SelectBackend();
            int size = BenchLimits.Check("--n", p.GetValue(n), 1, BenchLimits.MaxN);
            int repeats = BenchLimits.Check("--repeat", p.GetValue(repeat), 1, BenchLimits.MaxRepeat);
            var rng = new Xoshiro256StarStar(7);
            var a = RandomMatrices.Gaussian(rng, size, size);
            var b = RandomMatrices.Gaussian(rng, size, size);
            var cm = new double[size * size];
            double flops = 2.0 * size * size * size;
            int inner = (int)Math.Clamp(2e8 / flops, 1, 1_000_000);
            string which = p.GetValue(kernel)!;
            Action one = which switch
            {
                "seam" => () => LinearAlgebra.Gemm(Transpose.No, Transpose.No, size, size, size, a, b, cm),
                "managed" => () => ManagedBackend.Instance.Gemm(Transpose.No, Transpose.No, size, size, size, 1.0, a, size, b, size, 0.0, cm, size),
                "native" when OpenBlasNative.IsAvailable => () => OpenBlasNative.Dgemm(false, false, size, size, size, 1.0, a, size, b, size, 0.0, cm, size),
                "native" => throw new CliUsageException("--kernel: native requested but no native BLAS library was found."),
                _ => throw new CliUsageException($"--kernel: expected seam, managed or native (got '{which}')."),
            };
            if (which != "seam") backend = which == "managed" ? "managed" : $"openblas ({OpenBlasNative.LibraryName}), direct";
            var (min, median) = BenchMeasurements.Time(repeats, () =>
            {
                for (int i = 0; i < inner; i++) one();
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"n\": {size}, \"backend\": \"{backend}\", \"seconds_per_gemm\": {min / inner:R}, \"gflops\": {flops * inner / min / 1e9:F2}, \"gflops_median\": {flops * inner / median / 1e9:F2}}}"));
        });
    }

    private static string SelectBackend()
    {
        try
        {
            LinearAlgebra.Backend = BackendSelection.FromEnvironment();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            throw new CliUsageException(UserMessages.Of(ex));
        }
        catch (TypeInitializationException ex) when (ex.InnerException is { } inner)
        {
            throw new CliUsageException(inner.Message);
        }
        return LinearAlgebra.BackendName;
    }

    private static (AsymmetricFactorization Objective, double[] Theta0, int D, string Backend) Setup(ParseResult p, Common c)
    {
        var backend = SelectBackend();
        string model = p.GetValue(c.Model)!;
        if (model != "asymmetric-mf") throw new CliUsageException($"--model: only asymmetric-mf is benchmarked (got '{model}').");
        int d = BenchLimits.Check("--d", p.GetValue(c.D), 2, BenchLimits.MaxD);
        BenchLimits.Check("--repeat", p.GetValue(c.Repeat), 1, BenchLimits.MaxRepeat);
        var (sigma, u0, v0) = BenchMeasurements.BenchmarkProblem(d, p.GetValue(c.Seed));
        if (p.GetValue(c.WriteProblem) is { } path)
        {
            FlowSim.Reports.AtomicFile.Write(path, stream =>
            {
                using var f = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
                foreach (var block in new[] { sigma, u0, v0 })
                    foreach (double x in block) f.Write(x);
            });
        }
        return (new AsymmetricFactorization(d, d, d, sigma), [.. u0, .. v0], d, backend);
    }

    private static string Num(double x) => BenchMeasurements.Num(x);
}

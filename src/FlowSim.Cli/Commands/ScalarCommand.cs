using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FlowSim.ClosedForm;
using FlowSim.Dynamics.Scalar;
using FlowSim.Ode;

namespace FlowSim.Cli.Commands;

/// <summary>
/// <c>flowsim scalar</c>: one eigenvalue of the deep factorisation under identical (or perturbed identical)
/// initialisation — closed form against integration, flow times, and with <c>--eta</c> the descent regime and counts.
/// </summary>
/// <remarks>
/// <c>regime</c>, <c>cycle</c> and <c>gd_first_hit</c> always describe the identically initialised descent (18);
/// with <c>--beta</c>, <c>phase_transition_k</c> and the limits describe the perturbed system (40)–(41), otherwise the
/// limits are x and x^N of (18) after <c>--steps</c> steps (null when not finite).
/// </remarks>
public sealed class ScalarCommand : ICliCommand
{
    private const double RelTol = 1e-12, AbsTol = 1e-14;

    /// <summary>Largest depth: the implicit solution sums N complex roots per evaluation, so N = 10⁶ ran for minutes.</summary>
    public const int MaxDepth = 1000;

    /// <summary>From this many descent steps on, each long phase is announced on standard error with its time
    /// (from about a third of a second per phase; 2³¹ − 1 steps take about 13 s per phase).</summary>
    public const int ProgressSteps = 50_000_000;

    /// <inheritdoc />
    public Command Build()
    {
        var depth = new Option<int>("--depth") { Description = "Depth N ≥ 1 of the factorisation.", Required = true };
        var lambda = new Option<double>("--lambda") { Description = "Eigenvalue λ of the target.", Required = true };
        var alpha = new Option<double>("--alpha") { Description = "Initial scale α > 0 (every factor starts at αI).", Required = true };
        var beta = new Option<double?>("--beta") { Description = "Perturbed factor's start β, 0 < β < α (perturbed identical initialisation)." };
        var eta = new Option<double?>("--eta") { Description = "Step size η > 0 of gradient descent." };
        var eps = new Option<double>("--eps") { Description = "Accuracy ε > 0 for t_ε and K_ε.", DefaultValueFactory = _ => 1e-3 };
        var times = new Option<string?>("--t") { Description = "Comma-separated times t ≥ 0 at which to compare closed form and integration." };
        var steps = new Option<int>("--steps") { Description = "Descent steps for the regime search window, K_ε/K* search and limits.", DefaultValueFactory = _ => 100_000 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var cmd = new Command("scalar", "Scalar eigenvalue dynamics: closed form vs flow, t_* and t_ε, descent regime, K_ε, K* and limits.");
        foreach (var o in new Option[] { depth, lambda, alpha, beta, eta, eps, times, steps, json }) cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            try
            {
                var input = new Input(parse.GetValue(depth), parse.GetValue(lambda), parse.GetValue(alpha), parse.GetValue(beta),
                    parse.GetValue(eta), parse.GetValue(eps), ParseTimes(parse.GetValue(times)), parse.GetValue(steps));
                input.Validate();
                var result = Compute(input);
                if (parse.GetValue(json)) WriteJson(result);
                else WriteText(input, result);
                return 0;
            }
            catch (CliUsageException ex)
            {
                // System.CommandLine's default exception handler would turn a throw from here into exit code 1.
                Console.Error.WriteLine($"flowsim: {ex.Message}");
                return Program.UsageError;
            }
        });
        return cmd;
    }

    private sealed record Input(int N, double Lambda, double Alpha, double? Beta, double? Eta, double Eps, double[]? Times, int Steps)
    {
        public void Validate()
        {
            if (N < 1) throw new CliUsageException($"--depth: N must be at least 1 (got {N}).");
            if (N > MaxDepth) throw new CliUsageException($"--depth: N must be at most {MaxDepth} (got {N}).");
            if (!double.IsFinite(Lambda)) throw new CliUsageException($"--lambda: must be finite (got {Lambda}).");
            if (!(Alpha > 0) || !double.IsFinite(Alpha)) throw new CliUsageException($"--alpha: α must be positive and finite (got {Alpha}).");
            if (!(Eps > 0) || !double.IsFinite(Eps)) throw new CliUsageException($"--eps: ε must be positive and finite (got {Eps}).");
            if (Eta is double h && (!(h > 0) || !double.IsFinite(h))) throw new CliUsageException($"--eta: η must be positive and finite (got {h}).");
            if (Beta is double b)
            {
                if (!(b > 0)) throw new CliUsageException($"--beta: β must be positive (got {b}).");
                if (b >= Alpha) throw new CliUsageException($"--beta: β must be below α = {Alpha} (got {b}).");
                if (N < 2) throw new CliUsageException("--beta: the perturbed system needs --depth of at least 2.");
            }
            if (Steps < 1) throw new CliUsageException($"--steps: must be at least 1 (got {Steps}).");
        }
    }

    private sealed record Output(
        double[]? XClosed, double[]? XFlow, bool[]? AtFixedPoint, double? TInflection, double? TEps,
        StepSizeRegimeResult? Regime, int? FirstHit, int? PhaseTransition, double? LimitX, double? LimitY, double? LimitProduct);

    private static double[]? ParseTimes(string? text)
    {
        if (text is null) return null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) throw new CliUsageException("--t: give at least one time.");
        var t = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out t[i]) || !(t[i] >= 0) || !double.IsFinite(t[i]))
                throw new CliUsageException($"--t: '{parts[i]}' is not a finite time ≥ 0.");
        return t;
    }

    private static Output Compute(Input p)
    {
        double[]? closed = null, flow = null;
        bool[]? atFixed = null;
        if (p.Times is { } times)
        {
            closed = new double[times.Length];
            atFixed = new bool[times.Length];
            for (int i = 0; i < times.Length; i++)
                (closed[i], atFixed[i]) = DeepScalarFlow.Solve(p.N, p.Lambda, p.Alpha, times[i]);
            flow = Integrate(p, times);
        }
        double? tInflection = p.N >= 2 ? FlowTimes.TimeToInflection(p.N, p.Lambda, p.Alpha) : null;
        double? tEps = FlowTimes.TimeToEpsilon(p.N, p.Lambda, p.Alpha, p.Eps);
        if (p.Eta is not double eta) return new Output(closed, flow, atFixed, tInflection, tEps, null, null, null, null, null, null);

        var regime = StepSizeRegimes.Classify(p.N, p.Lambda, p.Alpha, eta, p.Steps);
        int? hit = Phase(p, "K_eps search", () => DeepScalarDescent.FirstHit(p.N, p.Lambda, p.Alpha, eta, p.Eps, p.Steps));
        if (p.Beta is double beta)
        {
            int? kStar = Phase(p, "K* search", () => PerturbedScalarDescent.PhaseTransitionIndex(p.N, p.Lambda, p.Alpha, beta, eta, p.Steps));
            var (x, y, prod) = Phase(p, "limits", () => PerturbedScalarDescent.Final(p.N, p.Lambda, p.Alpha, beta, eta, p.Steps));
            return new Output(closed, flow, atFixed, tInflection, tEps, regime, hit, kStar, x, y, prod);
        }
        double xFinal = Phase(p, "limits", () => DeepScalarDescent.Final(p.N, p.Lambda, p.Alpha, eta, p.Steps));
        return new Output(closed, flow, atFixed, tInflection, tEps, regime, hit, null, xFinal, null, Math.Pow(xFinal, p.N));
    }

    // A descent pass over --steps steps: announced on stderr with its duration when it is long, like run's dynamics.
    private static T Phase<T>(Input p, string what, Func<T> work)
    {
        if (p.Steps < ProgressSteps) return work();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"flowsim: scalar: {what}: running up to {p.Steps} descent steps"));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = work();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"flowsim: scalar: {what}: done in {clock.Elapsed.TotalSeconds:F2} s"));
        return result;
    }

    // The flow (28) integrated by dop853 at rtol 1e-12: a code path independent of the closed forms.
    private static double[] Integrate(Input p, double[] times)
    {
        var order = Enumerable.Range(0, times.Length).OrderBy(i => times[i]).ToArray();
        var result = new double[times.Length];
        double tMax = times.Max();
        if (tMax == 0) { Array.Fill(result, p.Alpha); return result; }
        var sorted = order.Select(i => times[i]).Distinct().ToArray();
        var problem = new OdeProblem(new DeepScalarFlowRhs(p.N, p.Lambda), 0, tMax, [p.Alpha]);
        var s = OdeSolve.Solve(problem, "dop853", new OdeOptions { RelTol = RelTol, AbsTol = AbsTol, OutputTimes = sorted, Dense = true });
        if (!s.Succeeded) throw new CliUsageException($"--t: the integration failed ({s.Status}: {s.Message}).");
        for (int i = 0; i < times.Length; i++)
        {
            int j = -1;
            for (int k = 0; k < s.Times.Count; k++) if (s.Times[k] == times[i]) { j = k; break; }
            result[i] = j >= 0 ? s.Values[j][0] : s.Evaluate(times[i])[0];
        }
        return result;
    }

    private static void WriteJson(Output r)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            NumberArray(w, "x_closed", r.XClosed);
            NumberArray(w, "x_flow", r.XFlow);
            Number(w, "t_inflection", r.TInflection);
            Number(w, "t_eps", r.TEps);
            if (r.Regime is null) w.WriteNull("regime"); else w.WriteString("regime", r.Regime.Observed.ToString().ToLowerInvariant());
            NumberArray(w, "cycle", r.Regime?.CycleProducts);
            Integer(w, "gd_first_hit", r.FirstHit);
            Integer(w, "phase_transition_k", r.PhaseTransition);
            Number(w, "limit_x", r.LimitX);
            Number(w, "limit_y", r.LimitY);
            Number(w, "limit_product", r.LimitProduct);
            w.WriteEndObject();
        }
        Console.Out.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    // JSON has no NaN/Infinity: a non-finite value (a divergent limit) is written as null.
    private static void Number(Utf8JsonWriter w, string key, double? v)
    {
        if (v is double d && double.IsFinite(d)) w.WriteNumber(key, d); else w.WriteNull(key);
    }

    private static void Integer(Utf8JsonWriter w, string key, int? v)
    {
        if (v is int i) w.WriteNumber(key, i); else w.WriteNull(key);
    }

    private static void NumberArray(Utf8JsonWriter w, string key, double[]? v)
    {
        if (v is null) { w.WriteNull(key); return; }
        w.WriteStartArray(key);
        foreach (double d in v) { if (double.IsFinite(d)) w.WriteNumberValue(d); else w.WriteNullValue(); }
        w.WriteEndArray();
    }

    private static void WriteText(Input p, Output r)
    {
        var o = Console.Out;
        string F(double? v) => v is double d ? d.ToString("R", CultureInfo.InvariantCulture) : "n/a";
        o.WriteLine($"Scalar flow x' = x^(N-1)(λ - x^N), N = {p.N}, λ = {F(p.Lambda)}, α = {F(p.Alpha)}; fixed point {F(DeepScalarFlow.FixedPoint(p.N, p.Lambda))}");
        if (p.Times is { } t)
        {
            o.WriteLine("  t                  x closed form          x integrated (dop853)   |difference|");
            for (int i = 0; i < t.Length; i++)
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {F(t[i]),-18} {F(r.XClosed![i]),-22} {F(r.XFlow![i]),-23} {Math.Abs(r.XClosed[i] - r.XFlow[i]):E2}{(r.AtFixedPoint![i] ? "  (at fixed point)" : "")}"));
        }
        o.WriteLine($"  inflection x_* = {(p.N >= 2 && p.Lambda > 0 ? F(FlowTimes.Inflection(p.N, p.Lambda)) : "n/a")}, t_* = {F(r.TInflection)}");
        o.WriteLine($"  t_eps (ε = {F(p.Eps)}) = {F(r.TEps)}" + (p.N >= 2 && p.Lambda > 0 ? $", asymptotic (derived) {F(AsymptoticConstants.TimeToEpsilon(p.N, p.Lambda, p.Alpha, p.Eps))}" : ""));
        if (p.Eta is not double eta) return;
        var g = r.Regime!;
        o.WriteLine($"Gradient descent, η = {F(eta)}: regime {g.Observed.ToString().ToLowerInvariant()} (observed), predicted [{string.Join(", ", g.Predicted).ToLowerInvariant()}]" +
                    (g.Agrees is bool a ? (a ? " — agrees" : " — DISAGREES") : " — no derived condition applies"));
        o.WriteLine($"  thresholds: 1/(Nλ^(2-2/N)) = {F(g.MonotoneThreshold)}, 2/(Nλ^(2-2/N)) = {F(g.StabilityThreshold)}, c = ηα^(N-2)(|λ|+α^N) = {F(g.NegativeCondition)}, covering = {F(g.CoveringThreshold)}");
        if (g.CycleProducts is { } cyc) o.WriteLine($"  attracting cycle (period {g.Period}) of x^N: {string.Join(", ", cyc.Select(c => F(c)))}");
        o.WriteLine($"  K_eps = {(r.FirstHit is int k ? k.ToString(CultureInfo.InvariantCulture) : $"not reached in {p.Steps} steps")}, predicted t_eps/η = {F(r.TEps / eta)}");
        if (p.Beta is double beta)
            o.WriteLine($"Perturbed system (β = {F(beta)}): K* = {(r.PhaseTransition is int ks ? ks.ToString(CultureInfo.InvariantCulture) : $"∞ (y ≥ 0 for {p.Steps} steps)")}");
        o.WriteLine($"  after {p.Steps} steps: x = {F(r.LimitX)}" + (p.Beta is null ? "" : $", y = {F(r.LimitY)}") + $", product = {F(r.LimitProduct)}");
    }
}

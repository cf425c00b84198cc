using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FlowSim.Analysis.Sharpness;
using FlowSim.Dynamics;
using FlowSim.Dynamics.CentralFlow;
using FlowSim.Dynamics.LargeSteps;
using FlowSim.Models;
using FlowSim.Ode;

namespace FlowSim.Cli.Commands;

/// <summary>
/// <c>flowsim eos</c>: a scalar network ½(x₁⋯x_N − λ)² at a large step η (THEORY §6) — descent's regime and final
/// cycle, the gradient flow, and the central flow from the same start, with their sharpness against 2/η.
/// </summary>
/// <remarks>
/// <c>gd_cycle</c> holds the final cycle's iterates in order (the final iterate alone when converged, the last 64 iterates
/// when chaotic, null when divergent), and <c>gd_mean_loss</c> their mean loss. <c>gd_midpoint_sharpness</c> is S at the
/// last second-order midpoint w*_{K−1}; <c>gf_limit_sharpness</c> is φ(x0), the sharpness of the minimum the gradient flow
/// reaches; <c>cf_sigma2</c> is tr Σ (σ² for one critical eigenvalue). A value that does not apply, or is not finite, is null;
/// the <c>cf_</c> values are null when the central flow cannot exist (no state with S ≤ 2/η near the start; stderr says
/// why), which like descent's divergence is an outcome, not an error.
/// </remarks>
public sealed class EosCommand : ICliCommand
{
    /// <summary>Largest depth accepted: the products stay in range and the table readable.</summary>
    public const int MaxDepth = 32;
    /// <summary>Largest --steps: descent and the central flow to τ = Kη stay within seconds.</summary>
    public const int MaxSteps = 1_000_000;

    /// <inheritdoc />
    public Command Build()
    {
        // Numbers are read as text and parsed with the invariant culture (System.CommandLine would use the current one).
        var lambda = new Option<string>("--lambda") { Description = "Target λ of the product x₁⋯x_N.", Required = true };
        var eta = new Option<string>("--eta") { Description = "Step size η > 0 of gradient descent (the edge is 2/η).", Required = true };
        var x0 = new Option<string>("--x0") { Description = "Comma-separated start x₁,…,x_N (N ≥ 2).", Required = true };
        var steps = new Option<int>("--steps") { Description = $"Descent steps K (1 … {MaxSteps}); the flows run to τ = Kη.", DefaultValueFactory = _ => 10_000 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of the table." };
        var cmd = new Command("eos", "Edge of stability on a scalar network: descent's regime and cycle, gradient flow, and the central flow.");
        foreach (var o in new Option[] { lambda, eta, x0, steps, json }) cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            var input = Input.Parse(parse.GetValue(lambda), parse.GetValue(eta), parse.GetValue(x0), parse.GetValue(steps));
            var result = Compute(input);
            if (parse.GetValue(json)) WriteJson(input, result);
            else WriteText(input, result);
            return 0;
        });
        return cmd;
    }

    private sealed record Input(double Lambda, double Eta, double[] X0, int Steps)
    {
        public int Depth => X0.Length;

        public static Input Parse(string? lambdaText, string? etaText, string? x0Text, int steps)
        {
            double lambda = Number("--lambda", lambdaText), eta = Number("--eta", etaText);
            if (!double.IsFinite(lambda)) throw new CliUsageException($"--lambda: must be finite (got {Format(lambda)}).");
            if (!double.IsFinite(eta) || !(eta > 0)) throw new CliUsageException($"--eta: η must be positive and finite (got {Format(eta)}).");
            if (steps < 1 || steps > MaxSteps) throw new CliUsageException($"--steps: must be between 1 and {MaxSteps} (got {steps}).");
            var parts = (x0Text ?? "").Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length < 2 || parts.Any(p => p.Length == 0))
                throw new CliUsageException($"--x0: give at least 2 comma-separated numbers x₁,x₂[,…] (got '{x0Text}').");
            if (parts.Length > MaxDepth) throw new CliUsageException($"--x0: at most {MaxDepth} entries (got {parts.Length}).");
            var x = new double[parts.Length];
            for (int i = 0; i < parts.Length; i++)
                if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out x[i]) || !double.IsFinite(x[i]))
                    throw new CliUsageException($"--x0: entry {i + 1} '{parts[i]}' is not a finite number.");
            return new Input(lambda, eta, x, steps);
        }

        private static double Number(string option, string? text) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v
                : throw new CliUsageException($"{option}: '{text}' is not a number.");
    }

    private sealed record Output(DescentOrbit Orbit, double? GdLimitSharpness, double? GdMidpointSharpness, double GfLimitSharpness,
        double GfsMaxIncrease, OdeSolution GradientFlow, double GfSharpness, CentralFlowResult? CentralFlow)
    {
        public CentralFlowPoint? Cf { get; } = CentralFlow?.FinalPoint();
    }

    private static Output Compute(Input p)
    {
        var net = new ScalarNetwork(p.Depth, p.Lambda);
        var lanczos = new LanczosEigensolver(p.Depth, new LanczosOptions { Tolerance = 1e-13 });
        double Sharpness(ReadOnlySpan<double> x)
        {
            lanczos.Reset();
            lanczos.Solve(net, x);
            return lanczos.Eigenvalues[0];
        }

        // φ along descent (E7) and the last three iterates for the final second-order midpoint.
        double phiPrevious = double.NaN, maxIncrease = double.NegativeInfinity;
        var last = new double[3][];
        for (int i = 0; i < 3; i++) last[i] = new double[p.Depth];
        int seen = 0;
        var orbit = DescentOrbits.Classify(net, p.X0, p.Eta, p.Steps, onIterate: (k, x) =>
        {
            x.CopyTo(last[k % 3]);
            seen = k + 1;
            if (!IsFinite(x)) return;
            double phi = GradientFlowSolutionSharpness.Evaluate(p.Lambda, x);
            if (double.IsFinite(phi) && double.IsFinite(phiPrevious)) maxIncrease = Math.Max(maxIncrease, phi - phiPrevious);
            phiPrevious = phi;
        });
        bool divergent = orbit.Regime == LargeStepRegime.Divergent;
        double? limit = orbit.Regime == LargeStepRegime.Converged ? Sharpness(orbit.FinalState) : null;
        double? midpoint = null;
        if (!divergent && seen >= 3)
        {
            var mid = new double[p.Depth];
            int k = seen - 1;
            SharpnessTrackedDescent.SecondOrderMidpoint(last[(k - 2) % 3], last[(k - 1) % 3], last[k % 3], mid);
            midpoint = Sharpness(mid);
        }

        double t1 = p.Steps * p.Eta;
        var gf = GradientFlow.Solve(net, p.X0, t1, "dop853", new OdeOptions { RelTol = 1e-10, AbsTol = 1e-12, SaveEveryStep = false });
        if (!gf.Succeeded) throw new InvalidOperationException($"gradient flow: {gf.Status} ({gf.Message}).");
        return new Output(orbit, limit, midpoint, GradientFlowSolutionSharpness.Evaluate(p.Lambda, p.X0),
            maxIncrease, gf, Sharpness(gf.FinalState), CentralFlow(net, p, t1));
    }

    // Like descent at a step beyond divergence, a central flow that cannot exist (no state with S ≤ 2/η near the start)
    // is an outcome, not an error: its fields are null and stderr says why.
    private static CentralFlowResult? CentralFlow(ScalarNetwork net, Input p, double t1)
    {
        try
        {
            // Every eigenvalue of a small network may reach the edge, so all are tracked (up to the solver's 16).
            var cf = CentralFlowSolver.Solve(net, p.X0, t1, new CentralFlowOptions { StepSize = p.Eta, Eigenvalues = Math.Min(p.Depth, 16) });
            if (cf.Succeeded) return cf;
            Console.Error.WriteLine($"flowsim: eos: the central flow stopped at τ = {Format(cf.FinalTime)}: {cf.Status} ({cf.Message}).");
        }
        catch (InvalidOperationException ex)
        {
            Console.Error.WriteLine($"flowsim: eos: {ex.Message}");
        }
        return null;
    }

    private static bool IsFinite(ReadOnlySpan<double> x)
    {
        foreach (double v in x) if (!double.IsFinite(v)) return false;
        return true;
    }

    private static void WriteJson(Input p, Output r)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("depth", p.Depth);
            w.WriteNumber("lambda", p.Lambda);
            w.WriteNumber("eta", p.Eta);
            w.WriteString("gd_regime", r.Orbit.Regime.ToName());
            if (r.Orbit.Regime == LargeStepRegime.Divergent) w.WriteNull("gd_cycle");
            else
            {
                w.WriteStartArray("gd_cycle");
                foreach (var x in r.Orbit.Cycle) NumberArrayValue(w, x);
                w.WriteEndArray();
            }
            Number(w, "gd_mean_loss", r.Orbit.MeanLoss);
            Number(w, "gd_limit_sharpness", r.GdLimitSharpness);
            Number(w, "gd_midpoint_sharpness", r.GdMidpointSharpness);
            Number(w, "gf_limit_sharpness", r.GfLimitSharpness);
            Number(w, "gfs_sharpness_max_increase", r.GfsMaxIncrease);
            w.WritePropertyName("cf_final");
            if (r.CentralFlow is null) w.WriteNullValue(); else NumberArrayValue(w, r.CentralFlow.FinalState);
            Number(w, "cf_sharpness", r.Cf?.Sharpness);
            Number(w, "cf_sigma2", r.Cf?.Sigma2);
            Number(w, "cf_loss_prediction", r.Cf?.LossPrediction);
            Number(w, "cf_active_from", r.CentralFlow?.ActivationTime);
            w.WriteEndObject();
        }
        Console.Out.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    // JSON has no NaN/Infinity: a non-finite value is written as null.
    private static void Number(Utf8JsonWriter w, string key, double? v)
    {
        if (v is double d && double.IsFinite(d)) w.WriteNumber(key, d); else w.WriteNull(key);
    }

    private static void NumberArrayValue(Utf8JsonWriter w, double[] v)
    {
        w.WriteStartArray();
        foreach (double d in v) { if (double.IsFinite(d)) w.WriteNumberValue(d); else w.WriteNullValue(); }
        w.WriteEndArray();
    }

    private static string Format(double? v) => v is double d ? d.ToString("R", CultureInfo.InvariantCulture) : "n/a";
    private static string Vector(double[] x) => "(" + string.Join(", ", x.Select(v => Format(v))) + ")";

    private static void WriteText(Input p, Output r)
    {
        var o = Console.Out;
        double edge = 2 / p.Eta, t1 = p.Steps * p.Eta;
        o.WriteLine($"Scalar network ½(x1⋯xN − λ)², N = {p.Depth}, λ = {Format(p.Lambda)}, η = {Format(p.Eta)}: edge 2/η = {Format(edge)}; " +
                    $"K = {p.Steps} steps, flows to τ = Kη = {Format(t1)}");
        o.WriteLine($"  {"",-15} {"end state",-44} {"loss",-24} {"sharpness S",-24} note");
        var orbit = r.Orbit;
        string gdState = orbit.Regime switch
        {
            LargeStepRegime.Divergent => $"diverged at k = {orbit.DivergedAt}",
            LargeStepRegime.Converged => Vector(orbit.FinalState),
            LargeStepRegime.Chaotic => $"bounded, last {Vector(orbit.Cycle[^1])}",
            _ => $"cycle of {orbit.Period}, last {Vector(orbit.Cycle[^1])}",
        };
        string gdNote = orbit.Regime.ToName() + (orbit.StillConverging ? " (still converging)" : "") +
                        (r.GdMidpointSharpness is double m ? $"; midpoint S = {Format(m)}" : "");
        o.WriteLine($"  {"descent",-15} {gdState,-44} {Format(orbit.MeanLoss) + " (mean)",-24} {Format(r.GdLimitSharpness),-24} {gdNote}");
        o.WriteLine($"  {"gradient flow",-15} {Vector(r.GradientFlow.FinalState),-44} {Format(new ScalarNetwork(p.Depth, p.Lambda).Loss(r.GradientFlow.FinalState)),-24} " +
                    $"{Format(r.GfSharpness),-24} limit φ(x0) = {Format(r.GfLimitSharpness)}");
        if (r.CentralFlow is { } cf && r.Cf is { } point)
        {
            string cfNote = cf.ActivationTime is double a ? $"active from τ = {Format(a)}; σ² = tr Σ = {Format(point.Sigma2)}" : "never active (S < 2/η)";
            o.WriteLine($"  {"central flow",-15} {Vector(cf.FinalState),-44} {Format(point.LossPrediction) + " (L + trΣ/η)",-24} {Format(point.Sharpness),-24} {cfNote}");
        }
        else o.WriteLine($"  {"central flow",-15} {"n/a (see the message above)",-44}");
        if (orbit.Regime is not (LargeStepRegime.Converged or LargeStepRegime.Divergent))
            o.WriteLine($"  descent's final cycle: {string.Join(" → ", orbit.Cycle.Take(8).Select(Vector))}{(orbit.Cycle.Length > 8 ? " → …" : "")}");
        o.WriteLine($"  sharpness of the gradient-flow solution along descent: max_k φ(x_k+1) − φ(x_k) = {Format(r.GfsMaxIncrease)}");
    }
}

namespace FlowSim.Theory;

/// <summary>
/// E11: the modified flow −∇L − (η/2)H∇L of F1 moves the imbalance of a scalar network exactly as descent does to first
/// order, d(x_i² − x_j²)/dτ = −ηr²p²(x_i² − x_j²)/(x_i²x_j²), while gradient flow conserves it; the central flow conserves
/// it only while inactive and moves it on the constraint.
/// </summary>
internal sealed class E11ModifiedFlowBalancing() : PaperClaim<E11ModifiedFlowBalancing.Parameters>(new("E11", Papers.LargeSteps,
    "THEORY.md §6.1 (GF conserves x_i² − x_j²; one GD step's imbalance change) and F1's modified flow", ClaimKind.ExactIdentity,
    "The modified flow reproduces descent's balancing; gradient flow conserves the imbalance", OwnSettingsNote: true),
    quick => new(quick ? 10 : 40))
{
    internal sealed record Parameters([property: Parameter("points per run (descent iterates 0 … K−1)")] int Points,
        [property: Parameter("relative tolerance")] double Tolerance = 1e-10)
    {
        [Parameter("runs (x0; η)")]
        public string[] Runs { get; init; } = [.. Cases.Select(c => $"({string.Join(", ", c.X0)}; {c.Eta})")];
    }

    private static readonly (double[] X0, double Eta)[] Cases = [([1.2, 0.05], 0.9), ([1.4, 0.5, 0.6], 0.6), ([1.5, 0.8, 0.4, 0.9], 0.3)];

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        // Wrong input: the modified flow with half its correction, −∇L − (η/4)H∇L.
        double correction = ctx.Perturb(1.0, 0.5);
        var parts = new List<ClaimOutcome>();
        foreach (var (x0, eta) in Cases)
        {
            int n = x0.Length;
            string label = $"N = {n}, x0 = ({string.Join(", ", x0)}), η = {eta}";
            var net = new ScalarNetwork(n, 1.0);
            var points = GradientDescent.Run(net, x0, eta, q.Points - 1).Values;
            var modified = new ModifiedGradientFlow(net, correction * eta);
            var plain = new GradientFlow(net);
            double worstModified = 0, worstPlain = 0;
            var v = new double[n];
            foreach (var x in points)
            {
                modified.Evaluate(0, x, v);
                worstModified = Math.Max(worstModified, Worst(x, v, (i, j) => -eta * Rate(x, i, j)));
                plain.Evaluate(0, x, v);
                worstPlain = Math.Max(worstPlain, Worst(x, v, (_, _) => 0));
            }
            ctx.AddRhsEvaluations(2 * points.Count);
            ctx.Report($"{label}: modified flow, max relative error", worstModified);
            ctx.Report($"{label}: gradient flow, max relative change", worstPlain);
            parts.Add(ClaimOutcome.UpperBound(worstModified, q.Tolerance, $"{label}: modified flow, d(x_i² − x_j²)/dτ = −ηr²p²(x_i² − x_j²)/(x_i²x_j²) at {points.Count} points"));
            parts.Add(ClaimOutcome.UpperBound(worstPlain, q.Tolerance, $"{label}: gradient flow, d(x_i² − x_j²)/dτ = 0"));
        }
        parts.AddRange(CentralFlowImbalance(ctx, q));
        ctx.AddNote("Each rate is 2x_iẋ_i − 2x_jẋ_j from the flow's own right-hand side, relative to |2x_iẋ_i| + |2x_jẋ_j|, at descent's first iterates " +
                    "(varied points off and on the balanced line). The central flow (Scalar-2 from (1.2, 0.05), η = 0.9) conserves the imbalance before " +
                    "activation and moves it on the constraint, where −½σ²∇S is not a gradient that preserves x² − y².");
        return ClaimOutcome.Combine(parts);
    }

    // −ηr²p²(x_i² − x_j²)/(x_i²x_j²) without η, with p²/(x_i²x_j²) = (∏_{l∉{i,j}} x_l)².
    private static double Rate(double[] x, int i, int j)
    {
        double p = 1, rest = 1;
        for (int l = 0; l < x.Length; l++)
        {
            p *= x[l];
            if (l != i && l != j) rest *= x[l];
        }
        double r = p - 1;
        return r * r * rest * rest * (x[i] * x[i] - x[j] * x[j]);
    }

    private static double Worst(double[] x, double[] v, Func<int, int, double> expected)
    {
        double worst = 0;
        for (int i = 0; i < x.Length; i++)
            for (int j = i + 1; j < x.Length; j++)
            {
                double a = 2 * x[i] * v[i], b = 2 * x[j] * v[j];
                worst = Math.Max(worst, Math.Abs(a - b - expected(i, j)) / (Math.Abs(a) + Math.Abs(b)));
            }
        return worst;
    }

    private static IEnumerable<ClaimOutcome> CentralFlowImbalance(ClaimContext ctx, Parameters q)
    {
        var net = LargeStepsSetup.Scalar2();
        const double eta = 0.9;
        var options = new CentralFlowOptions { StepSize = eta };
        var cf = CentralFlowRuns.Solve(ctx, net, [1.2, 0.05], 200 * eta, options);
        var rhs = new CentralFlowRhs(net, options);
        var v = new double[2];
        double inactive = 0, activeMin = double.PositiveInfinity;
        int counted = 0;
        foreach (var s in CentralFlowRuns.Samples(cf, net, options))
        {
            rhs.CriticalCount = s.Held;
            rhs.Evaluate(s.Time, s.State, v);
            double change = Worst(s.State, v, (_, _) => 0);
            if (s.Held == 0) inactive = Math.Max(inactive, change);
            else if (s.Point.Sigma2 > 0 && s.Point.GradientNormSquared > 1e-6) { activeMin = Math.Min(activeMin, change); counted++; }
        }
        ctx.Report("central flow (Scalar-2, η = 0.9): activation τ", cf.ActivationTime ?? double.NaN);
        ctx.Report("central flow: max relative imbalance rate before activation", inactive);
        ctx.Report("central flow: min relative imbalance rate while active, away from its endpoint", activeMin);
        yield return ClaimOutcome.UpperBound(inactive, q.Tolerance, "central flow before activation: d(x² − y²)/dτ = 0");
        yield return ClaimOutcome.Condition(counted > 0 && activeMin > 1e-3,
            $"central flow on the constraint moves x² − y² (relative rate ≥ {activeMin:G3} at {counted} active points with ‖∇L‖² > 1e-6)", activeMin, "central flow");
    }
}

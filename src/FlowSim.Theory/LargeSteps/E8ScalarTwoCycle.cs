namespace FlowSim.Theory;

/// <summary>
/// E8: for 1 &lt; η &lt; √5 − 1 descent on Scalar-2 from (1.3, 0.7) ends on a balanced 2-cycle x = y, which is the closed
/// form a, b = (√(1 + 3/η) ± √(1 − 1/η))/2 and the fixed point of GD∘GD found by Newton's method; past √5 − 1 the period
/// doubles.
/// </summary>
internal sealed class E8ScalarTwoCycle() : PaperClaim<E8ScalarTwoCycle.Parameters>(new("E8", Papers.LargeSteps,
    "THEORY.md §6.3 E8 (GD's 2-cycle on ½(xy − 1)²; closed form and period doubling derived)", ClaimKind.ClosedForm,
    "Descent's balanced 2-cycle on Scalar-2: closed form, Newton on GD∘GD, period doubling past √5 − 1", OwnSettingsNote: true),
    quick => new(quick ? [1.05, 1.2] : [1.02, 1.05, 1.1, 1.2], quick ? 61 : 241))
{
    internal sealed record Parameters([property: Parameter("η")] double[] Eta, [property: Parameter("bifurcation diagram: η values on [0.8, 1.4]")] int DiagramPoints,
        [property: Parameter("K (steps)")] int Steps = 20000, [property: Parameter("tolerance")] double Tolerance = 1e-9)
    {
        [Parameter("x0")]
        public double[] Start { get; init; } = [1.3, 0.7];
    }

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        var net = LargeStepsSetup.Scalar2();
        var parts = new List<ClaimOutcome>();
        foreach (double eta in q.Eta)
        {
            string label = $"η = {eta}";
            var orbit = DescentOrbits.Classify(net, q.Start, eta, q.Steps);
            ctx.AddRhsEvaluations(orbit.Steps);
            parts.Add(ClaimOutcome.Condition(orbit.Regime == LargeStepRegime.Period2, $"{label}: period 2 (found {orbit.Regime.ToName()})", orbit.Period ?? double.NaN, label));
            if (orbit.Regime != LargeStepRegime.Period2) continue;
            // Wrong input: √(1 + 1/η) for √(1 − 1/η) in the closed form.
            var (a, b) = ctx.Perturb(LargeStepsSetup.TwoCycle(eta),
                ((Math.Sqrt(1 + 3 / eta) + Math.Sqrt(1 + 1 / eta)) / 2, (Math.Sqrt(1 + 3 / eta) - Math.Sqrt(1 + 1 / eta)) / 2));
            var high = orbit.Cycle.MaxBy(x => x[0])!;
            var low = orbit.Cycle.MinBy(x => x[0])!;
            ctx.Report($"{label}: cycle high x", high[0]);
            ctx.Report($"{label}: cycle low x", low[0]);
            ctx.Report($"{label}: mean loss over the cycle", orbit.MeanLoss);
            parts.Add(ClaimOutcome.Agreement(high[0], a, q.Tolerance, $"{label}: upper cycle value against (√(1 + 3/η) + √(1 − 1/η))/2"));
            parts.Add(ClaimOutcome.Agreement(low[0], b, q.Tolerance, $"{label}: lower cycle value against (√(1 + 3/η) − √(1 − 1/η))/2"));
            parts.Add(ClaimOutcome.UpperBound(Math.Max(Math.Abs(high[0] - high[1]), Math.Abs(low[0] - low[1])), q.Tolerance, $"{label}: balanced, |x − y| on the cycle"));
            // Newton on F(x) = G(G(x)) − x from descent's iterate 50, far from the cycle's final accuracy.
            var start = DescentOrbits.Classify(net, q.Start, eta, 50).FinalState;
            var root = NewtonTwoStep(eta, start);
            var nearest = orbit.Cycle.MinBy(x => Math.Abs(x[0] - root[0]))!;
            double distance = Math.Max(Math.Abs(nearest[0] - root[0]), Math.Abs(nearest[1] - root[1]));
            ctx.Report($"{label}: Newton fixed point of GD∘GD, x", root[0]);
            parts.Add(ClaimOutcome.UpperBound(distance, q.Tolerance, $"{label}: cycle point against Newton's fixed point of GD∘GD"));
        }
        // Period doubling: the 2-cycle's multiplier along x = y is 9 − 2(1 + η)², which passes −1 at η = √5 − 1 [derived].
        var beyond = new (double Eta, LargeStepRegime Expected)[] { (1.23, LargeStepRegime.Period2), (1.24, LargeStepRegime.Period4) };
        foreach (var (eta, expected) in beyond)
        {
            var r = DescentOrbits.Classify(net, q.Start, eta, q.Steps).Regime;
            parts.Add(ClaimOutcome.Condition(r == expected, $"η = {eta} ({(eta < LargeStepsSetup.PeriodDoubling ? "below" : "above")} √5 − 1 = {LargeStepsSetup.PeriodDoubling:G6}): {r.ToName()}",
                (int)r, $"η = {eta}"));
        }
        foreach (double eta in new[] { 1.29, 1.32, 1.35, 1.4 })
        {
            var r = DescentOrbits.Classify(net, q.Start, eta, q.Steps);
            ctx.Report($"η = {eta}: period (NaN: chaotic) [{r.Regime.ToName()}]", r.Period ?? double.NaN);
        }
        ctx.AddFigure(BifurcationFigures.Diagram(ctx, net, q.Start, q.DiagramPoints));
        ctx.AddNote("Closed form [derived, re-derived here from phase A]: on x = y = s descent is s ↦ s − ηs(s² − 1); a 2-cycle {a, b} has a + b = √(1 + 3/η) and " +
                    "ab = 1/η, hence a, b = (√(1 + 3/η) ± √(1 − 1/η))/2; its multiplier f'(a)f'(b) = 9 − 2(1 + η)² is 1 at η = 1 (birth) and −1 at " +
                    "η = √5 − 1 (period doubling). Newton's method uses the exact Jacobian (I − ηH(x₁))(I − ηH(x₀)) of GD∘GD with H written out.");
        return ClaimOutcome.Combine(parts);
    }

    /// <summary>Newton's method on F(x) = G(G(x)) − x for G(x) = x − η∇L(x), L = ½(xy − 1)², with the exact Jacobian.</summary>
    private static double[] NewtonTwoStep(double eta, double[] start)
    {
        double x = start[0], y = start[1];
        for (int it = 0; it < 100; it++)
        {
            var (x1, y1, j1) = Step(eta, x, y);
            var (x2, y2, j2) = Step(eta, x1, y1);
            // J = j2·j1 − I (2×2, row-major [a b; c d])
            double a = j2[0] * j1[0] + j2[1] * j1[2] - 1, b = j2[0] * j1[1] + j2[1] * j1[3];
            double c = j2[2] * j1[0] + j2[3] * j1[2], d = j2[2] * j1[1] + j2[3] * j1[3] - 1;
            double fx = x2 - x, fy = y2 - y, det = a * d - b * c;
            double dx = (d * fx - b * fy) / det, dy = (a * fy - c * fx) / det;
            x -= dx;
            y -= dy;
            if (Math.Abs(dx) + Math.Abs(dy) <= 1e-16 * (Math.Abs(x) + Math.Abs(y))) break;
        }
        return [x, y];
    }

    // One step of descent on ½(xy − 1)² and its Jacobian I − ηH, H = [y², 2xy − 1; 2xy − 1, x²].
    private static (double X, double Y, double[] J) Step(double eta, double x, double y)
    {
        double r = x * y - 1;
        return (x - eta * r * y, y - eta * r * x, [1 - eta * y * y, -eta * (2 * x * y - 1), -eta * (2 * x * y - 1), 1 - eta * x * x]);
    }
}

namespace FlowSim.Theory;

/// <summary>C1: the N = 2 logistic solution x(t)² = e^{2t}/(e^{2t} + 99) (λ = 1, α = 0.1) against an integrator.</summary>
internal sealed class C1LogisticSolution() : PaperClaim<C1LogisticSolution.Parameters>(new("C1", Papers.Chou,
    "Remark 2.6 (N = 2 explicit solution), eq. (28)", ClaimKind.ClosedForm, "N = 2 logistic solution against an integrator"), _ => new())
{
    internal sealed record Parameters(int N = 2, double λ = 1, double α = 0.1);

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        const double printedX1Squared = 0.0694531596563805, printedHalfTime = 2.2975599250672;
        double shift = ctx.Perturb(0.0, 1e-6); // wrong input: a closed form shifted by 1e−6
        double closedX1 = DeepScalarFlow.DepthTwoSquared(q.λ, q.α, 1) + shift;
        double closedHalf = DeepScalarFlow.DepthTwoTime(q.λ, q.α, 0.5) + shift;
        double printedFormula = Math.Exp(2) / (Math.Exp(2) + 99);

        var rhs = new DeepScalarFlowRhs(q.N, q.λ);
        double xInt = ChouScalar.SolveAt(ctx, rhs, [q.α], [1.0], "dp5", 1e-10, 1e-14)[0];
        double tHalf = ChouScalar.EventTime(ctx, rhs, [q.α], 5, (_, y) => y[0] * y[0] - 0.5, EventDirection.Rising, "dp5", 1e-10, 1e-14);
        ctx.Report("x(1)² closed form", closedX1);
        ctx.Report("x(1)² integrated", xInt * xInt);
        ctx.Report("t(x² = 0.5) integrated", tHalf);
        return ClaimOutcome.Combine(
            ClaimOutcome.Agreement(closedX1, printedX1Squared, 2e-16, "closed-form x(1)² vs printed 0.0694531596563805"),
            ClaimOutcome.Agreement(closedX1, printedFormula, 2e-16, "closed-form x(1)² vs e²/(e² + 99)"),
            ClaimOutcome.Agreement(closedHalf, printedHalfTime, 1.5e-13, "closed-form t(x² = 0.5) vs printed 2.2975599250672 (13 decimals, truncated)"),
            ClaimOutcome.Agreement(closedHalf, Math.Log(99) / 2, 1e-15, "closed-form t(x² = 0.5) vs ln(99)/2"),
            ClaimOutcome.Agreement(xInt * xInt, closedX1, 1e-8, "integrated x(1)² vs closed form"),
            ClaimOutcome.Agreement(tHalf, closedHalf, 1e-8, "integrated event time of x² = 0.5 vs closed form"));
    }
}

namespace FlowSim.Theory;

/// <summary>C5: λ = 0, N = 3, α = 0.5: x(1) = 20^{−1/4}.</summary>
internal sealed class C5ZeroTarget() : PaperClaim<C5ZeroTarget.Parameters>(new("C5", Papers.Chou,
    "Lemma 2.5 (case λ = 0), eq. (28)", ClaimKind.ClosedForm, "λ = 0 closed form x(t) = (α^(−(2N−2)) + (2N−2)t)^(−1/(2N−2))"), _ => new())
{
    internal sealed record Parameters(int N = 3, double λ = 0.0, double α = 0.5);

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        double closed = DeepScalarFlow.ZeroTarget(q.N, q.α, 1);
        double xInt = ChouScalar.FlowAt(ctx, q.N, q.λ, q.α + ctx.Perturb(0.0, 1e-9), [1.0])[0]; // wrong input: α off by 1e−9 in the integration
        ctx.Report("x(1) closed form", closed);
        ctx.Report("x(1) integrated", xInt);
        return ClaimOutcome.Combine(
            ClaimOutcome.Agreement(closed, 0.4728708045, 5e-11, "closed-form x(1) vs printed 0.4728708045"),
            ClaimOutcome.Agreement(closed, Math.Pow(20, -0.25), 2e-16, "closed-form x(1) vs 20^(−1/4)"),
            ClaimOutcome.Agreement(xInt, closed, 1e-11, "dop853 x(1) vs closed form"));
    }
}

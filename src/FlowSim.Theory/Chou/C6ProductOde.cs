namespace FlowSim.Theory;

/// <summary>C6: the product ODE (62) and the factor ODE (28) give the same π = x^N.</summary>
internal sealed class C6ProductOde() : PaperClaim<C6ProductOde.Parameters>(new("C6", Papers.Chou,
    "eq. (62) (product ODE) and eq. (28)", ClaimKind.ExactIdentity, "Product ODE (62) agrees with x^N from (28)"), _ => new())
{
    internal sealed record Parameters(int N = 3, double λ = 2, double α = 0.1);

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        const double printed = 1.81796472;
        double[] times = [5, 15];
        double pi0 = Math.Pow(q.α, q.N) * ctx.Perturb(1.0, 1 + 1e-6); // wrong input: π(0) off by 1e−6 relative
        var pi = ChouScalar.SolveAt(ctx, new ProductFlowRhs(q.N, q.λ), [pi0], times, "vern9", 1e-12, 1e-15);
        var x = ChouScalar.FlowAt(ctx, q.N, q.λ, q.α, times);
        double pix5 = Math.Pow(x[0], q.N), pix15 = Math.Pow(x[1], q.N);
        double implicit5 = DeepScalarFlow.Product(q.N, q.λ, q.α, 5);
        ctx.Report("π(5) from (62)", pi[0]);
        ctx.Report("x(5)³ from (28)", pix5);
        ctx.Report("π(5) implicit solution", implicit5);
        ctx.Report("π(15) from (62)", pi[1]);
        return ClaimOutcome.Combine(
            ClaimOutcome.Agreement(pi[0], printed, 5e-9, "π(5) from (62) vs printed 1.81796472"),
            ClaimOutcome.Agreement(pix5, printed, 5e-9, "x(5)³ from (28) vs printed 1.81796472"),
            ClaimOutcome.Agreement(pi[0], pix5, 1e-10, "π(5) from (62) vs x(5)³ from (28)"),
            ClaimOutcome.Agreement(implicit5, pix5, 1e-10, "implicit-solution π(5) vs x(5)³ integrated"),
            ClaimOutcome.Agreement(pi[1], q.λ, 1e-8, "π(15) from (62) vs λ = 2"),
            ClaimOutcome.Agreement(pix15, q.λ, 1e-8, "x(15)³ from (28) vs λ = 2"));
    }
}

namespace FlowSim.Theory;

/// <summary>C2: the N = 2 closed form on a grid of λ, α, t against dop853 at rtol 1e−12.</summary>
internal sealed class C2DepthTwoGrid() : PaperClaim<C2DepthTwoGrid.Parameters>(new("C2", Papers.Chou,
    "Remark 2.6 (N = 2 explicit solution), eq. (28)", ClaimKind.ClosedForm, "N = 2 closed form on a (λ, α, t) grid"),
    _ => new([1, -1, 3], [0.1, 0.7, 2.0], [0.3, 1, 4]))
{
    internal sealed record Parameters(double[] λ, double[] α, double[] t, int N = 2);

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        double shift = ctx.Perturb(0.0, 1e-11); // wrong input: a closed form shifted by 1e−11
        var parts = new List<ClaimOutcome>();
        foreach (double lambda in q.λ)
            foreach (double alpha in q.α)
            {
                var x = ChouScalar.FlowAt(ctx, q.N, lambda, alpha, q.t);
                for (int i = 0; i < q.t.Length; i++)
                    parts.Add(ClaimOutcome.UpperBound(Math.Abs(x[i] * x[i] - (DeepScalarFlow.DepthTwoSquared(lambda, alpha, q.t[i]) + shift)), 4e-12,
                        $"λ={lambda}, α={alpha}, t={q.t[i]}: |x_int² − closed form|"));
            }
        ctx.Report("max |x_int² − closed form|", parts.Max(p => p.Measured));
        return ClaimOutcome.Combine(parts);
    }
}

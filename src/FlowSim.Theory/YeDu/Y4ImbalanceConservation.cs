namespace FlowSim.Theory;

/// <summary>Y4: UᵀU − VᵀV is conserved by (1)–(2) from a random start (THEORY §2.1, derived).</summary>
internal sealed class Y4ImbalanceConservation() : PaperClaim<Y4ImbalanceConservation.Parameters>(new("Y4", Papers.YeDu,
    "flow (1)–(2); conservation of UᵀU − VᵀV (derived)", ClaimKind.ExactIdentity, "UᵀU − VᵀV is conserved by the flow (1)–(2)", OwnSettingsNote: true),
    _ => new())
{
    internal sealed record Parameters([property: Parameter("U₀, V₀ scale")] double Scale = 0.3, double T = 12,
        [property: Parameter("tolerance (max abs entry)")] double Tolerance = 1e-10);

    protected override ClaimOutcome Check(ClaimContext ctx, Parameters q)
    {
        const int d = YeDuSetup.D;
        ctx.Record(YeDuSetup.Default);
        var model = YeDuSetup.Model(YeDuSetup.Spectrum);
        var theta0 = YeDuSetup.Stack(YeDuSetup.Gaussian(ctx, Id, "U0", q.Scale), YeDuSetup.Gaussian(ctx, Id, "V0", q.Scale));
        var sol = ctx.Solve(GradientFlow.CreateProblem(model, theta0, q.T), "dop853", new OdeOptions { RelTol = 1e-12, AbsTol = 1e-14 });
        var i0 = new double[d * d];
        var it = new double[d * d];
        model.Imbalance(theta0, i0);
        i0[0] += ctx.Perturb(0.0, 1e-9); // wrong input: a reference imbalance off by 1e−9 in one entry
        double drift = 0;
        foreach (var y in sol.Values)
        {
            model.Imbalance(y, it);
            for (int i = 0; i < i0.Length; i++) drift = Math.Max(drift, Math.Abs(it[i] - i0[i]));
        }
        ctx.Report("f(0)/f(T) (the flow moves)", model.Loss(theta0) / model.Loss(sol.FinalState));
        ctx.Report("output steps", sol.Times.Count);
        return ClaimOutcome.UpperBound(drift, q.Tolerance, $"max drift of UᵀU − VᵀV over [0, {q.T}]");
    }
}

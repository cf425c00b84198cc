namespace FlowSim.Theory;

/// <summary>The central flow's state and quantities at one recorded time of a run.</summary>
/// <param name="Time">τ.</param>
/// <param name="State">θ(τ).</param>
/// <param name="Held">Eigenvalues held at the edge at τ (0 before activation).</param>
/// <param name="Point">L, S, σ², the predictions, with <paramref name="Held"/> critical eigenvalues.</param>
internal sealed record CentralFlowSample(double Time, double[] State, int Held, CentralFlowPoint Point);

/// <summary>How the E claims run the central flow: recorded like an integration (<see cref="ClaimContext.RecordIntegrator"/>,
/// counted right-hand-side evaluations, a failed run an error) and diagnosed at its recorded times.</summary>
internal static class CentralFlowRuns
{
    /// <summary>Runs <see cref="CentralFlowSolver.Solve"/> and records it; throws when the run did not reach t1.</summary>
    public static CentralFlowResult Solve(ClaimContext ctx, IHessianVectorProduct model, double[] theta0, double t1, CentralFlowOptions options,
        ICurvatureGradient? curvature = null)
    {
        ctx.RecordIntegrator($"central flow by {options.Method}", new OdeOptions { RelTol = options.RelTol, AbsTol = options.AbsTol });
        var cf = CentralFlowSolver.Solve(model, theta0, t1, options, curvature, ctx.CancellationToken);
        ctx.AddRhsEvaluations(cf.Statistics.RhsEvaluations);
        if (!cf.Succeeded) throw new InvalidOperationException($"central flow of {model.Name} (η = {options.StepSize}): {cf.Status} at τ = {cf.FinalTime} ({cf.Message}).");
        return cf;
    }

    /// <summary>The central flow's quantities at every recorded time, each diagnosed with the eigenvalues held then.</summary>
    public static List<CentralFlowSample> Samples(CentralFlowResult cf, IHessianVectorProduct model, CentralFlowOptions options, ICurvatureGradient? curvature = null)
    {
        var rhs = new CentralFlowRhs(model, options, curvature);
        var samples = new List<CentralFlowSample>(cf.Times.Count);
        for (int i = 0; i < cf.Times.Count; i++)
        {
            int held = cf.HeldAt(cf.Times[i]);
            rhs.CriticalCount = held;
            samples.Add(new CentralFlowSample(cf.Times[i], cf.States[i], held, rhs.Diagnose(cf.States[i])));
        }
        return samples;
    }
}

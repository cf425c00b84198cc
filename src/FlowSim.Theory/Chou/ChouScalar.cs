namespace FlowSim.Theory;

/// <summary>
/// Pieces shared by the scalar P3 claims: independent integrations of the eigenvalue flows with the engine (through
/// <see cref="ClaimContext.Solve"/>, so each records its method and tolerances) and the runs of the perturbed
/// initialization that C14 and C15 both examine.
/// </summary>
internal static class ChouScalar
{
    /// <summary>Integrates x' = x^{N−1}(λ − x^N), x(0) = α; returns x at <paramref name="times"/> (ascending, &gt; 0).</summary>
    public static double[] FlowAt(ClaimContext ctx, int depth, double lambda, double alpha, IReadOnlyList<double> times,
        string method = "dop853", double relTol = 1e-12, double absTol = 1e-15) =>
        SolveAt(ctx, new DeepScalarFlowRhs(depth, lambda), [alpha], times, method, relTol, absTol);

    /// <summary>Integrates <paramref name="rhs"/> from <paramref name="y0"/>; returns the first component at the output times.</summary>
    public static double[] SolveAt(ClaimContext ctx, IOdeRhs rhs, double[] y0, IReadOnlyList<double> times, string method, double relTol, double absTol)
    {
        var solution = ctx.Solve(new OdeProblem(rhs, 0, times[^1], y0), method,
            new OdeOptions { RelTol = relTol, AbsTol = absTol, OutputTimes = times, MaxSteps = 10_000_000 });
        if (!solution.Times.SequenceEqual(times)) throw new InvalidOperationException("the solver did not record exactly the output times asked for.");
        return solution.Values.Select(y => y[0]).ToArray();
    }

    /// <summary>
    /// Integrates until <paramref name="g"/> first crosses zero in <paramref name="direction"/> (a terminal event located on
    /// the dense output); the event time, or NaN when it does not happen before <paramref name="tMax"/>.
    /// </summary>
    public static double EventTime(ClaimContext ctx, IOdeRhs rhs, double[] y0, double tMax, EventFunction g, EventDirection direction,
        string method = "dop853", double relTol = 1e-12, double absTol = 1e-15)
    {
        var solution = ctx.Solve(new OdeProblem(rhs, 0, tMax, y0), method, new OdeOptions
        {
            RelTol = relTol, AbsTol = absTol, SaveEveryStep = false, MaxSteps = 10_000_000,
            Events = [new OdeEvent(g, direction, Terminal: true, Name: "target")],
        });
        return solution.Events.Count > 0 ? solution.Events[0].T : double.NaN;
    }

    /// <summary>Logarithmically spaced values from <paramref name="from"/> to <paramref name="to"/>, both ends exact.</summary>
    public static double[] LogSpace(double from, double to, int count)
    {
        var v = new double[count];
        double a = Math.Log(from), b = Math.Log(to);
        for (int i = 0; i < count; i++) v[i] = Math.Exp(a + (b - a) * i / (count - 1));
        v[0] = from;
        v[^1] = to;
        return v;
    }

    /// <summary>x^n by repeated multiplication (exact sign for negative x).</summary>
    public static double Pow(double x, int n)
    {
        double r = 1;
        for (int i = 0; i < n; i++) r *= x;
        return r;
    }

    /// <summary>(N, λ, α, β, η) of every perturbed-initialization run of C14 and C15; the first is THEORY's headline case.</summary>
    public static readonly (int N, double Lambda, double Alpha, double Beta, double Eta)[] PerturbedRuns =
    [
        (3, -1, 0.5, 0.25, 0.05), (3, -1, 0.5, 0.5, 0.05), (2, -1, 0.5, 0.25, 0.05), (3, -1, 0.1, 0.05, 0.05),
        (4, -1, 0.5, 0.4, 0.02), (2, -2, 0.3, 0.1, 0.05), (3, 1, 0.1, 0.05, 0.01),
    ];

    /// <summary>Steps of every perturbed run: 4·10⁵ as THEORY states (|p − λ| &lt; 1e−8 needs them).</summary>
    public const int PerturbedSteps = 400_000;

    public static string Label((int N, double Lambda, double Alpha, double Beta, double Eta) c) =>
        $"N={c.N}, λ={c.Lambda}, α={c.Alpha}, β={c.Beta}, η={c.Eta}";

    public static string[] PerturbedRunLabels => PerturbedRuns.Select(Label).ToArray();
}

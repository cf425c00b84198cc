namespace FlowSim.Theory;

/// <summary>
/// Descent, gradient flow and the central flow on MF4 from one start, compared at every step kη: what E12 measures and
/// its figures show. Index k runs over 0 … K; midpoint quantities are NaN at k = 0 and k = K.
/// </summary>
internal sealed class Mf4EdgeRun
{
    private Mf4EdgeRun(double eta, int steps) => (Eta, Steps) = (eta, steps);

    public double Eta { get; }
    public int Steps { get; }
    public double Edge => 2 / Eta;
    /// <summary>Descent's losses, raw and midpoint sharpness and onset step, k = 0 … K.</summary>
    public SharpnessDescentResult Descent { get; private set; } = null!;
    public double? ActivationTime { get; private set; }
    public double[] FlowLoss { get; private set; } = [];
    public double[] FlowSharpness { get; private set; } = [];
    public double[] CentralLoss { get; private set; } = [];
    public double[] CentralLossPrediction { get; private set; } = [];
    public double[] CentralSharpness { get; private set; } = [];
    /// <summary>‖w*_k − θ_CF(kη)‖.</summary>
    public double[] MidpointToCentral { get; private set; } = [];
    /// <summary>‖w*_k − θ_GF(kη)‖.</summary>
    public double[] MidpointToFlow { get; private set; } = [];
    /// <summary>‖w_k − θ_CF(kη)‖.</summary>
    public double[] DescentToCentral { get; private set; } = [];
    /// <summary>‖w_k − θ_GF(kη)‖.</summary>
    public double[] DescentToFlow { get; private set; } = [];

    /// <summary>Runs the three dynamics (flows by dop853 at rtol 1e-10, recorded on the grid kη) and compares them.</summary>
    public static Mf4EdgeRun Measure(ClaimContext ctx, double eta, int steps)
    {
        var (model, theta0) = LargeStepsSetup.Mf4(ctx);
        var run = new Mf4EdgeRun(eta, steps);
        var grid = LargeStepsSetup.Grid(eta, steps);
        var gd = SharpnessTrackedDescent.Run(model, theta0, new SharpnessDescentOptions { StepSize = eta, Steps = steps, RecordStates = true });
        ctx.AddRhsEvaluations(gd.Losses.Length);
        if (gd.DivergedAt is int k0 || gd.States is null) throw new InvalidOperationException($"MF4, η = {eta}: descent diverged at k = {gd.DivergedAt}.");
        var gf = ctx.Solve(GradientFlow.CreateProblem(model, theta0, steps * eta), "dop853",
            new OdeOptions { RelTol = 1e-10, AbsTol = 1e-12, OutputTimes = grid, SaveEveryStep = false });
        var options = new CentralFlowOptions { StepSize = eta, OutputTimes = grid };
        var cf = CentralFlowRuns.Solve(ctx, model, theta0, steps * eta, options);
        // The central flow also records the states at its events; keep the grid points.
        var onGrid = CentralFlowRuns.Samples(cf, model, options).ToDictionary(s => s.Time);
        var samples = grid.Select(t => onGrid.GetValueOrDefault(t)).ToList();
        if (gf.Times.Count != grid.Length || samples.Any(s => s is null))
            throw new InvalidOperationException($"MF4, η = {eta}: the flows did not record the {grid.Length} grid points kη.");
        var lanczos = new LanczosEigensolver(model.ParameterCount);
        var midpoint = new double[model.ParameterCount];
        int n = steps + 1;
        (run.MidpointToCentral, run.MidpointToFlow, run.DescentToFlow, run.DescentToCentral) = (Nan(n), Nan(n), Nan(n), Nan(n));
        run.FlowSharpness = new double[n];
        run.FlowLoss = new double[n];
        for (int k = 0; k < n; k++)
        {
            lanczos.Solve(model, gf.Values[k]);
            run.FlowSharpness[k] = lanczos.Eigenvalues[0];
            run.FlowLoss[k] = model.Loss(gf.Values[k]);
            run.DescentToFlow[k] = LargeStepsSetup.Distance(gd.States[k], gf.Values[k]);
            run.DescentToCentral[k] = LargeStepsSetup.Distance(gd.States[k], samples[k]!.State);
            if (k == 0 || k == steps) continue;
            SharpnessTrackedDescent.SecondOrderMidpoint(gd.States[k - 1], gd.States[k], gd.States[k + 1], midpoint);
            run.MidpointToCentral[k] = LargeStepsSetup.Distance(midpoint, samples[k]!.State);
            run.MidpointToFlow[k] = LargeStepsSetup.Distance(midpoint, gf.Values[k]);
        }
        run.Descent = gd;
        run.ActivationTime = cf.ActivationTime;
        run.CentralLoss = [.. samples.Select(s => s!.Point.Loss)];
        run.CentralLossPrediction = [.. samples.Select(s => s!.Point.LossPrediction)];
        run.CentralSharpness = [.. samples.Select(s => s!.Point.Sharpness)];
        return run;
    }

    /// <summary>The largest value of <paramref name="values"/> over k = K − window … K − 1.</summary>
    public double MaxOverFinalWindow(double[] values, int window) => values.Skip(Steps - window).Take(window).Max();

    private static double[] Nan(int n)
    {
        var a = new double[n];
        Array.Fill(a, double.NaN);
        return a;
    }
}

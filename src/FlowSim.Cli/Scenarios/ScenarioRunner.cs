using System.Diagnostics;
using FlowSim.Cli.Output;
using FlowSim.Dynamics;
using FlowSim.Models;
using FlowSim.Ode;
using FlowSim.Scenarios;

namespace FlowSim.Cli.Scenarios;

/// <summary>Runs every dynamics of a validated scenario, in order, recording the scenario's metrics.</summary>
public static class ScenarioRunner
{
    /// <summary>A descent whose loss exceeds this is declared diverged (well before overflow).</summary>
    public const double DivergedLoss = 1e100;

    /// <summary>Runs the scenario; stops early (keeping what finished) when <paramref name="cancel"/> fires.</summary>
    public static IReadOnlyList<DynamicsRun> Run(Scenario scenario, IRunProgress progress, CancellationToken cancel)
    {
        var columns = new MetricColumns(scenario);
        bool needDense = scenario.Dynamics.Any(d => d.Type == DynamicsTypes.Descent) && scenario.Dynamics.Any(d => d.IsOde);
        var runs = new List<DynamicsRun>();
        foreach (var spec in scenario.Dynamics)
        {
            var run = new DynamicsRun { Name = spec.Name, Type = spec.Type };
            runs.Add(run);
            if (cancel.IsCancellationRequested) continue;
            var built = ScenarioBuilder.Build(scenario);
            var clock = Stopwatch.StartNew();
            progress.Begin(spec.Name, spec.EndTime(scenario.Stop));
            try
            {
                if (spec.Type == DynamicsTypes.Descent) RunDescent(scenario, spec, built, columns, run, progress, cancel);
                else RunOde(scenario, spec, built, columns, run, progress, cancel, needDense);
            }
            catch (Exception ex) when (ex is ArgumentException or PerturbedFlowDomainException or ArithmeticException or InvalidOperationException)
            {
                // A model-level failure during the run (e.g. η‖Γ̃‖ ≥ 1 for the perturbed flow) ends this dynamics, not the run.
                run.Status = RunStatus.Failed;
                run.Message = ex.Message;
            }
            run.WallSeconds = clock.Elapsed.TotalSeconds;
            progress.End(run.Status);
        }
        return runs;
    }

    /// <summary>The record times of an ODE dynamics that ends at <paramref name="end"/>.</summary>
    public static double[] RecordTimes(Scenario s, double end)
    {
        var r = s.Record;
        if (r.Times is { } times) return times.Where(t => t <= end).ToArray();
        if (r.Every > 0)
        {
            double eta = s.Dynamics.First(d => d.Type == DynamicsTypes.Descent).Eta;
            var list = new List<double>();
            for (long j = 0; j * r.Every * eta <= end; j++) list.Add(j * r.Every * eta);
            if (list[^1] < end) list.Add(end);
            return list.ToArray();
        }
        var pts = new double[r.Points];
        for (int i = 0; i < r.Points; i++) pts[i] = i == r.Points - 1 ? end : end * i / (r.Points - 1);
        return pts;
    }

    /// <summary>The recorded iterates of a descent with K steps.</summary>
    public static SortedSet<long> RecordIterates(Scenario s, double eta, long steps)
    {
        var set = new SortedSet<long> { 0, steps };
        if (s.Record.Every > 0)
            for (long k = 0; k <= steps; k += s.Record.Every) set.Add(k);
        else
            foreach (var t in RecordTimes(s, steps * eta)) set.Add(Math.Min(steps, (long)Math.Round(t / eta)));
        return set;
    }

    private static void Add(DynamicsRun run, MetricColumns columns, IFactorizedObjective objective, double t, long iterate, ReadOnlySpan<double> theta)
    {
        run.Times.Add(t);
        run.Iterates.Add(iterate);
        run.States.Add(theta.ToArray());
        run.Metrics.Add(columns.Evaluate(objective, theta));
    }

    private static void RunDescent(Scenario s, DynamicsSpec spec, BuiltScenario built, MetricColumns columns, DynamicsRun run,
        IRunProgress progress, CancellationToken cancel)
    {
        var objective = built.Objective;
        var gd = new GradientDescent(objective, built.Theta0, spec.Eta);
        var record = RecordIterates(s, spec.Eta, spec.Steps);
        double lossBelow = s.Stop.LossBelow;
        run.Status = RunStatus.Completed;
        double loss = double.NaN;
        while (true)
        {
            long k = gd.Iteration;
            if (record.Contains(k)) Add(run, columns, objective, gd.Time, k, gd.Theta);
            if (k >= spec.Steps) { loss = objective.Loss(gd.Theta); break; }
            if (cancel.IsCancellationRequested)
            {
                // Keep the last iterate reached, so an interrupted descent still shows how far it got.
                run.Status = RunStatus.Interrupted;
                run.Message = $"interrupted at iterate {k}";
                if (!record.Contains(k)) Add(run, columns, objective, gd.Time, k, gd.Theta);
                loss = objective.Loss(gd.Theta);
                break;
            }
            loss = gd.Step();
            if (!double.IsFinite(loss) || loss > DivergedLoss)
            {
                run.Status = RunStatus.Diverged;
                run.Message = $"loss {ScenarioNode.FormatNumber(loss)} at iterate {k}";
                if (!record.Contains(k)) Add(run, columns, objective, k * spec.Eta, k, Previous(gd));
                loss = double.NaN;
                break;
            }
            if (loss < lossBelow)
            {
                // The iterate θ_k that reached the level is the one before the step just taken: record it and stop there.
                run.Status = RunStatus.LossReached;
                if (!record.Contains(k)) Add(run, columns, objective, k * spec.Eta, k, Previous(gd));
                run.FinalTime = k * spec.Eta;
                run.Steps = k;
                run.FinalLoss = loss;
                run.Evaluations = gd.Evaluations;
                return;
            }
            if ((k & 255) == 0) progress.Update(gd.Time, k);
        }
        run.FinalTime = gd.Time;
        run.Steps = gd.Iteration;
        run.FinalLoss = loss;
        if (run.Status == RunStatus.Completed && !(loss <= DivergedLoss))
        {
            // The last step itself blew up: nothing after it would have tested the loss.
            run.Status = RunStatus.Diverged;
            run.Message = $"loss {ScenarioNode.FormatNumber(loss)} at the last iterate {gd.Iteration}";
        }
        run.Evaluations = gd.Evaluations;
        if (run.Status == RunStatus.Diverged) run.FinalTime = run.Times[^1];
    }

    /// <summary>θ_k recovered from θ_{k+1} and the gradient of the step just taken (exact up to rounding).</summary>
    private static double[] Previous(GradientDescent gd)
    {
        var theta = gd.Theta.ToArray();
        var g = gd.LastGradient;
        for (int i = 0; i < theta.Length; i++) theta[i] += gd.StepSize * g[i];
        return theta;
    }

    private static void RunOde(Scenario s, DynamicsSpec spec, BuiltScenario built, MetricColumns columns, DynamicsRun run,
        IRunProgress progress, CancellationToken cancel, bool dense)
    {
        var objective = built.Objective;
        double end = spec.EndTime(s.Stop);
        var template = new OdeOptions
        {
            RelTol = spec.RelTol,
            AbsTol = spec.AbsTol,
            MaxSteps = s.Stop.MaxSteps,
            OutputTimes = RecordTimes(s, end),
            SaveEveryStep = false,
            Dense = dense,
            Events = s.Stop.LossBelow > 0
                ? [new OdeEvent((t, y) => objective.Loss(y) - s.Stop.LossBelow, EventDirection.Falling, Terminal: true, Name: "loss_below")]
                : null,
        };
        OdeProblem problem;
        OdeOptions options;
        switch (spec.Type)
        {
            case DynamicsTypes.Flow:
                problem = GradientFlow.CreateProblem(objective, built.Theta0, end);
                options = template;
                break;
            case DynamicsTypes.ModifiedFlow:
                problem = ModifiedGradientFlow.CreateProblem((IHessianVectorProduct)objective, spec.Eta, built.Theta0, end);
                options = template;
                break;
            default:
                var pf = new PerturbedGradientFlow((MatrixSensing)objective, spec.Eta);
                problem = pf.CreateProblem(built.Theta0, spec.Steps);
                options = pf.CreateOptions(spec.Steps, template);
                break;
        }
        var algorithm = OdeMethods.Create(spec.Method!, problem);
        run.Method = algorithm.Name;
        var integrator = OdeSolve.Init(problem, algorithm, options);
        bool interrupted = false;
        while (!integrator.IsFinished)
        {
            if (cancel.IsCancellationRequested) { interrupted = true; break; }
            integrator.Step();
            if ((integrator.Statistics.AcceptedSteps & 63) == 0) progress.Update(integrator.T, integrator.Statistics.AcceptedSteps);
        }
        var sol = integrator.GetSolution();
        for (int i = 0; i < sol.Times.Count; i++) Add(run, columns, objective, sol.Times[i], -1, sol.Values[i]);
        if (interrupted && (run.Times.Count == 0 || run.Times[^1] < sol.FinalTime))
            Add(run, columns, objective, sol.FinalTime, -1, sol.FinalState);
        if (sol.Status == OdeStatus.TerminatedByEvent && (run.Times.Count == 0 || run.Times[^1] < sol.FinalTime))
            Add(run, columns, objective, sol.FinalTime, -1, sol.FinalState);
        run.Status = interrupted ? RunStatus.Interrupted : sol.Status switch
        {
            OdeStatus.Success => RunStatus.Completed,
            OdeStatus.TerminatedByEvent => RunStatus.LossReached,
            OdeStatus.MaxStepsExceeded => RunStatus.MaxSteps,
            OdeStatus.NonFiniteState => RunStatus.Diverged,
            _ => RunStatus.Failed,
        };
        run.Message = interrupted ? $"interrupted at t = {ScenarioNode.FormatNumber(sol.FinalTime)}" : sol.Message;
        run.FinalTime = sol.FinalTime;
        run.FinalLoss = sol.FinalState.All(double.IsFinite) ? objective.Loss(sol.FinalState) : double.NaN;
        run.Steps = sol.Statistics.AcceptedSteps;
        run.RejectedSteps = sol.Statistics.RejectedSteps;
        run.Evaluations = sol.Statistics.RhsEvaluations;
        if (dense && sol.HasDenseOutput && sol.Statistics.AcceptedSteps > 0) run.Interpolate = t => sol.Evaluate(Math.Min(t, sol.FinalTime));
    }
}

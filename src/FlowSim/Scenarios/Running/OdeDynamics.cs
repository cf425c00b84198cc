using FlowSim.Ode;

namespace FlowSim.Scenarios;

/// <summary>
/// A scenario's ODE dynamics: the problem from its <see cref="OdeDynamicsFactory"/>, solved step by step (for progress
/// and cancellation) with the scenario's method and tolerances, recording at the record times, stopping at the loss
/// level by a terminal event and at <c>stop.max_steps</c>.
/// </summary>
internal static class OdeDynamics
{
    public static DynamicsResult Run(DynamicsSetup setup, OdeDynamicsFactory factory, IScenarioProgress progress, CancellationToken cancel)
    {
        var (scenario, spec, built) = (setup.Scenario, setup.Spec, setup.Built);
        var objective = built.Objective;
        double level = scenario.Stop.LossBelow;
        var template = new OdeOptions
        {
            RelTol = spec.RelTol,
            AbsTol = spec.AbsTol,
            MaxSteps = scenario.Stop.MaxSteps,
            OutputTimes = RecordSchedule.Times(scenario, setup.EndTime),
            SaveEveryStep = false,
            Dense = setup.Dense,
            Events = level > 0 ? [new OdeEvent((t, y) => objective.Loss(y) - level, EventDirection.Falling, Terminal: true, Name: "loss_below")] : null,
            // auto's stiffness switch allocates the stiff method's Jacobian mid-run: the engine refuses a switch beyond
            // the memory left (it keeps dp5, counts the refusal and says so in the solution's message).
            MaxJacobianEntries = ScenarioMemory.SwitchesToStiff(spec.Method!) ? setup.AutoJacobianEntries : long.MaxValue,
        };
        var (problem, options) = factory(setup, template);
        var algorithm = OdeMethods.Create(spec.Method!, problem);
        var integrator = OdeSolve.Init(problem, algorithm, options);
        bool interrupted = false;
        while (!integrator.IsFinished)
        {
            if (cancel.IsCancellationRequested)
            {
                interrupted = true;
                break;
            }
            integrator.Step();
            if ((integrator.Statistics.AcceptedSteps & 63) == 0) progress.Update(integrator.T, integrator.Statistics.AcceptedSteps);
        }
        var solution = integrator.GetSolution();

        var records = new DynamicsRecords(ScenarioMetrics.Columns(scenario));
        void Add(double t, double[] theta) => records.Add(t, null, theta, ScenarioMetrics.Evaluate(scenario, spec, objective, theta));
        for (int i = 0; i < solution.Times.Count; i++) Add(solution.Times[i], solution.Values[i]);
        // Where an interruption or the loss level stopped the solve, the state reached is recorded as well.
        if ((interrupted || solution.Status == OdeStatus.TerminatedByEvent) && (records.Count == 0 || records.Times[^1] < solution.FinalTime))
            Add(solution.FinalTime, solution.FinalState);

        return new DynamicsResult
        {
            Spec = spec,
            Status = interrupted ? DynamicsStatus.Interrupted : solution.Status.ToDynamicsStatus(),
            Message = interrupted ? Join(OdeDynamicsStatus.InterruptedAt(solution.FinalTime), solution.Message) : solution.Message,
            Records = records,
            FinalTime = solution.FinalTime,
            FinalLoss = solution.FinalState.All(double.IsFinite) ? objective.Loss(solution.FinalState) : double.NaN,
            Steps = solution.Statistics.AcceptedSteps,
            RejectedSteps = solution.Statistics.RejectedSteps,
            Evaluations = solution.Statistics.RhsEvaluations,
            Method = algorithm.Name,
            Solution = solution,
        };
    }

    private static string? Join(string? a, string? b) => a is null ? b : b is null ? a : $"{a}; {b}";
}

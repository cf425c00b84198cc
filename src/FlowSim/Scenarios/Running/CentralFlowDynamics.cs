using FlowSim.Dynamics.CentralFlow;
using FlowSim.Models;
using FlowSim.Ode;

namespace FlowSim.Scenarios;

/// <summary>
/// A scenario's central flow (<c>type: central-flow</c>): <see cref="CentralFlowSolver.Solve"/> with the dynamics' η,
/// method, tolerances and tracked eigenvalues, recording at the record times with its predictions (<c>cf-loss-prediction</c>,
/// <c>cf-sigma2</c>) from the eigenvalues held at each. It is a hybrid system (segments between events), not one ODE
/// problem, so it has its own runner beside <see cref="OdeDynamics"/>.
/// </summary>
/// <remarks><c>stop.max_steps</c> bounds the accepted steps of each segment; <c>stop.loss_below</c> ends the records at
/// the first recorded state below the level (the solver has no loss event); cancellation stops the current segment.</remarks>
internal static class CentralFlowDynamics
{
    public static DynamicsResult Run(DynamicsSetup setup, IScenarioProgress progress, CancellationToken cancel)
    {
        var (scenario, spec, built) = (setup.Scenario, setup.Spec, setup.Built);
        var objective = built.Objective as IHessianVectorProduct
            ?? throw new ArgumentException($"{spec.Name}: central-flow needs a model with Hessian-vector products.");
        var times = RecordSchedule.Times(scenario, setup.EndTime);
        var options = new CentralFlowOptions
        {
            StepSize = spec.Eta,
            Method = spec.Method ?? "dop853",
            RelTol = spec.RelTol,
            AbsTol = spec.AbsTol,
            Eigenvalues = spec.Eigenvalues,
            OutputTimes = times,
            Dense = setup.Dense,
            MaxSteps = scenario.Stop.MaxSteps,
        };
        var cf = CentralFlowSolver.Solve(objective, built.Theta0, setup.EndTime, options, cancellationToken: cancel);
        progress.Update(cf.FinalTime, cf.Statistics.AcceptedSteps);

        // The solver also records the states at its events; the records are those at the record times and the state reached.
        var scheduled = new HashSet<double>(times);
        var rhs = new CentralFlowRhs(objective, options);
        var records = new DynamicsRecords(ScenarioMetrics.Columns(scenario));
        double level = scenario.Stop.LossBelow;
        bool levelReached = false;
        for (int i = 0; i < cf.Times.Count && !levelReached; i++)
        {
            double t = cf.Times[i];
            if (!scheduled.Contains(t) && i != cf.Times.Count - 1) continue;
            var theta = cf.States[i];
            CentralFlowPoint? point = null;
            if (theta.All(double.IsFinite))
            {
                rhs.CriticalCount = cf.HeldAt(t);
                point = rhs.Diagnose(theta);
            }
            records.Add(t, null, theta, ScenarioMetrics.Evaluate(scenario, spec, built.Objective, theta, point));
            levelReached = level > 0 && point is { } p && p.Loss < level;
        }

        bool interrupted = cf.Status == OdeStatus.Cancelled || cancel.IsCancellationRequested;
        var status = interrupted ? DynamicsStatus.Interrupted : levelReached ? DynamicsStatus.LossReached : cf.Status switch
        {
            OdeStatus.Success => DynamicsStatus.Completed,
            OdeStatus.MaxStepsExceeded => DynamicsStatus.MaxSteps,
            OdeStatus.NonFiniteState => DynamicsStatus.Diverged,
            _ => DynamicsStatus.Failed,
        };
        return new DynamicsResult
        {
            Spec = spec,
            Status = status,
            Message = interrupted ? $"interrupted at t = {ScenarioNode.FormatNumber(cf.FinalTime)}" : cf.Message,
            Records = records,
            FinalTime = levelReached ? records.Times[^1] : cf.FinalTime,
            FinalLoss = levelReached ? built.Objective.Loss(records.States[^1])
                : cf.FinalState.All(double.IsFinite) ? built.Objective.Loss(cf.FinalState) : double.NaN,
            Steps = cf.Statistics.AcceptedSteps,
            RejectedSteps = cf.Statistics.RejectedSteps,
            Evaluations = cf.Statistics.RhsEvaluations,
            Method = options.Method,
            CentralFlow = cf,
        };
    }
}

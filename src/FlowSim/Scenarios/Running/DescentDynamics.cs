using FlowSim.Dynamics;

namespace FlowSim.Scenarios;

/// <summary>
/// A scenario's descent: one <see cref="GradientDescent.Run(Models.IObjective, ReadOnlySpan{double}, GradientDescentOptions, CancellationToken)"/>, so the divergence rule is the library's
/// (a non-finite iterate or loss, or a loss beyond <see cref="GradientDescentOptions.DefaultDivergenceFactor"/>·L(θ₀)).
/// It keeps every m-th iterate, m the largest common divisor of the iterates the scenario records, and stops at the
/// first iterate whose loss is below <c>stop.loss_below</c>.
/// </summary>
internal static class DescentDynamics
{
    public static DynamicsResult Run(DynamicsSetup setup, IScenarioProgress progress, CancellationToken cancel)
    {
        var (scenario, spec, built) = (setup.Scenario, setup.Spec, setup.Built);
        var record = RecordSchedule.Iterates(scenario, spec.Eta, spec.Steps);
        double level = scenario.Stop.LossBelow;
        bool levelReached = false;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var tracker = DescentSharpnessTracker.IsOn(scenario) && built.Objective is Models.IHessianVectorProduct hvp
            ? new DescentSharpnessTracker(hvp, spec.Eta, record) : null;
        var options = new GradientDescentOptions
        {
            StepSize = spec.Eta,
            Steps = spec.Steps,
            RecordEvery = RecordSchedule.CommonStride(record),
            ProgressInterval = 1,
            OnIterate = tracker is null ? null : tracker.Observe,
            Progress = p =>
            {
                // The loss level ends the run at the iterate that reached it: Run checks the token right after this call.
                if (level > 0 && p.Loss < level && p.Iteration < p.Steps && !stop.IsCancellationRequested)
                {
                    levelReached = true;
                    stop.Cancel();
                }
                if ((p.Iteration & 255) == 0) progress.Update(p.Time, p.Iteration);
            },
        };
        var run = GradientDescent.Run(built.Objective, built.Theta0, options, stop.Token);

        var records = new DynamicsRecords(ScenarioMetrics.Columns(scenario));
        for (int i = 0; i < run.Iterations.Count; i++)
        {
            int k = run.Iterations[i];
            if (!record.Contains(k) && k != run.LastIteration) continue;
            var theta = run.Values[i];
            records.Add(k * spec.Eta, k, theta, ScenarioMetrics.Evaluate(scenario, spec, built.Objective, theta));
        }
        DynamicsRecords? midpoints = null;
        if (tracker is not null)
        {
            midpoints = new DynamicsRecords(ScenarioMetrics.Columns(scenario));
            foreach (var (k, state) in tracker.Midpoints)
                midpoints.Add(k * spec.Eta, k, state, ScenarioMetrics.Evaluate(scenario, spec, built.Objective, state));
        }
        var status = run.Status switch
        {
            GradientDescentStatus.Completed => DynamicsStatus.Completed,
            GradientDescentStatus.Diverged => DynamicsStatus.Diverged,
            _ => levelReached ? DynamicsStatus.LossReached : DynamicsStatus.Interrupted,
        };
        return new DynamicsResult
        {
            Spec = spec,
            Status = status,
            Message = status switch
            {
                DynamicsStatus.Diverged => run.Message,
                DynamicsStatus.Interrupted => $"interrupted at iterate {run.LastIteration}",
                _ => null,
            },
            Records = records,
            FinalTime = run.LastIteration * spec.Eta,
            FinalLoss = status == DynamicsStatus.Diverged ? double.NaN : run.Losses[run.LastIteration],
            Steps = run.LastIteration,
            Evaluations = run.GradientEvaluations,
            Descent = run,
            SharpnessTracked = tracker is not null,
            EosOnsetK = tracker?.Onset,
            StabilityThreshold = tracker?.Edge,
            Midpoints = midpoints,
        };
    }
}

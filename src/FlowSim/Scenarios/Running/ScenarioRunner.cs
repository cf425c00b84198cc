using System.Diagnostics;
using FlowSim.Dynamics;

namespace FlowSim.Scenarios;

/// <summary>
/// Runs a validated scenario: every dynamics in order, each from a fresh objective and θ₀, recording the scenario's
/// metrics (and those its checks read), then each descent against each ODE dynamics, then the checks.
/// </summary>
/// <example>
/// <code>
/// var scenario = ScenarioJson.Parse(File.ReadAllText("scalar.json"), "scalar.json");   // parse and validate
/// var result = ScenarioRunner.Run(scenario);
/// foreach (var d in result.Dynamics) Console.WriteLine($"{d.Name}: {d.Status.Name()}, final loss {d.FinalLoss}");
/// double[] loss = result["descent"].Records.Values("loss");
/// </code>
/// </example>
public static class ScenarioRunner
{
    /// <summary>Runs the scenario; on cancellation it stops the running dynamics where it is, keeps its records, and
    /// marks the rest not run.</summary>
    /// <param name="scenario">A scenario from <see cref="ScenarioParser"/> (or built and validated likewise).</param>
    /// <param name="progress">Progress sink (default none).</param>
    /// <param name="cancel">Cancellation (Ctrl+C).</param>
    /// <exception cref="ArgumentNullException"><paramref name="scenario"/> is null.</exception>
    /// <exception cref="ScenarioBudgetException">The run would need more than <see cref="ScenarioMemory.DefaultLimitBytes"/>.</exception>
    public static ScenarioResult Run(Scenario scenario, IScenarioProgress? progress = null, CancellationToken cancel = default) =>
        Run(scenario, ScenarioMemory.DefaultLimitBytes, progress, cancel);

    /// <summary>Runs the scenario within a memory budget, checked before any work (<see cref="ScenarioMemory"/>): a
    /// scenario whose estimate exceeds it is refused, and an <c>auto</c> flow whose stiffness switch would exceed it
    /// keeps dp5 where it would switch (the engine's <c>OdeOptions.MaxJacobianEntries</c>), saying so in its <see cref="DynamicsResult.Message"/>.</summary>
    /// <param name="scenario">A scenario from <see cref="ScenarioParser"/>.</param>
    /// <param name="maxMemoryBytes">The budget in bytes.</param>
    /// <param name="progress">Progress sink (default none).</param>
    /// <param name="cancel">Cancellation (Ctrl+C).</param>
    /// <exception cref="ArgumentNullException"><paramref name="scenario"/> is null.</exception>
    /// <exception cref="ScenarioBudgetException">The estimate exceeds <paramref name="maxMemoryBytes"/>.</exception>
    /// <exception cref="Checks.CheckExpressionException">The expression library refused a check the parser validated (a FlowSim bug).</exception>
    public static ScenarioResult Run(Scenario scenario, long maxMemoryBytes, IScenarioProgress? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        using var invariant = InvariantCultureScope.Enter();   // solver and model messages read the same in every culture
        var estimate = ScenarioMemory.Estimate(scenario);
        if (estimate.TotalBytes > maxMemoryBytes) throw new ScenarioBudgetException("scenario", estimate, maxMemoryBytes);
        long autoJacobianEntries = ScenarioMemory.AutoJacobianEntries(estimate, maxMemoryBytes);
        progress ??= NoProgress.Instance;
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        var columns = ScenarioMetrics.Columns(scenario);
        bool dense = scenario.Dynamics.Any(d => d.Type == DynamicsTypes.Descent) && scenario.Dynamics.Any(d => d.IsOde);
        var compiling = ScenarioCheckRun.StartCompiling(scenario);
        var results = new List<DynamicsResult>();
        foreach (var spec in scenario.Dynamics)
        {
            if (cancel.IsCancellationRequested)
            {
                results.Add(new DynamicsResult { Spec = spec, Records = new DynamicsRecords(columns) });
                continue;
            }
            double end = spec.EndTime(scenario.Stop);
            var dynamicsClock = Stopwatch.StartNew();
            progress.Begin(spec.Name, end);
            DynamicsResult result;
            try
            {
                var setup = new DynamicsSetup(scenario, spec, ScenarioBuilder.Build(scenario), end, dense) { AutoJacobianEntries = autoJacobianEntries };
                result = ScenarioDynamics.Run(setup, progress, cancel);
            }
            catch (Exception ex) when (ex is ArgumentException or PerturbedFlowDomainException or ArithmeticException or InvalidOperationException)
            {
                // A model-level failure during the run (η‖Γ̃‖ ≥ 1 for the perturbed flow, say) ends this dynamics, not the run.
                result = new DynamicsResult { Spec = spec, Status = DynamicsStatus.Failed, Message = ex.Message, Records = new DynamicsRecords(columns) };
            }
            result = result with { WallSeconds = dynamicsClock.Elapsed.TotalSeconds };
            results.Add(result);
            progress.End(result.Status);
        }
        return new ScenarioResult
        {
            Scenario = scenario,
            Status = cancel.IsCancellationRequested ? ScenarioStatus.Interrupted : ScenarioStatus.Completed,
            Dynamics = results,
            Comparisons = ScenarioComparisons.All(scenario, results),
            Checks = ScenarioCheckRun.Evaluate(scenario, results, compiling),
            Columns = columns,
            StartedUtc = started,
            FinishedUtc = DateTime.UtcNow,
            WallSeconds = clock.Elapsed.TotalSeconds,
        };
    }
}

using FlowSim.Scenarios.Checks;

namespace FlowSim.Scenarios;

/// <summary>
/// A scenario's checks around its run: their expressions compile on a worker thread while the dynamics run (loading
/// the expression library costs tens of milliseconds in a fresh process, the dynamics of a small scenario not much
/// more), and after the run every check is evaluated on the records of each dynamics it applies to.
/// </summary>
internal static class ScenarioCheckRun
{
    /// <summary>
    /// Starts compiling the checks' expressions and warming up their evaluation on a worker thread; a completed task
    /// when there are none.
    /// </summary>
    public static Task StartCompiling(Scenario scenario) =>
        scenario.Checks.Count == 0 ? Task.CompletedTask : Task.Run(() =>
        {
            ScenarioChecks.CompileAll(scenario.Checks);
            WarmUp(scenario);
        });

    /// <summary>
    /// Evaluates every check once on two made-up records, so that the evaluation code and the compiled expressions are
    /// jitted here, while the dynamics run, and not after them (a few tens of milliseconds in a fresh process).
    /// </summary>
    private static void WarmUp(Scenario scenario)
    {
        var columns = ScenarioMetrics.Columns(scenario);
        var values = new double[columns.Count];
        Array.Fill(values, 1.0);
        foreach (var check in scenario.Checks)
        {
            var table = new CheckRecordTable(columns);
            table.Add(check.From, 0, values);
            table.Add(check.From, 1, values);
            var dynamics = scenario.Dynamics.First(d => check.Dynamics.Contains(d.Name));
            _ = CheckEvaluator.Evaluate(check, dynamics, table, _ => table);
            _ = CheckEvaluator.Series(check, dynamics, table, _ => table);
        }
    }

    /// <summary>
    /// Every check on every dynamics it applies to (check order, then dynamics order). A dynamics that did not run is
    /// left out; one that ran but recorded nothing fails its checks (<see cref="CheckEvaluator.Evaluate"/>).
    /// </summary>
    /// <exception cref="CheckExpressionException">The expression library refused a validated expression (a FlowSim bug).</exception>
    public static IReadOnlyList<CheckResult> Evaluate(Scenario scenario, IReadOnlyList<DynamicsResult> results, Task compiling)
    {
        if (scenario.Checks.Count == 0) return [];
        compiling.GetAwaiter().GetResult();
        var tables = new Dictionary<string, ICheckRecords>(StringComparer.Ordinal);
        foreach (var r in results)
            if (r.Status != DynamicsStatus.NotRun) tables[r.Name] = Table(r.Records);
        return CheckEvaluator.EvaluateAll(scenario.Checks, scenario.Dynamics, d => tables.GetValueOrDefault(d.Name));
    }

    /// <summary>The records as the checks read them (every recorded column).</summary>
    public static CheckRecordTable Table(DynamicsRecords records)
    {
        var table = new CheckRecordTable(records.Columns);
        for (int i = 0; i < records.Count; i++) table.Add(records.Times[i], records.Iterations[i], records.Rows[i]);
        return table;
    }
}

using System.Diagnostics;
using FlowSim.Ode;

namespace FlowSim.OdeSuite;

/// <summary>
/// Runs a method over the suite. Which problems a method is meant for: an adaptive method runs every problem —
/// an explicit one on a stiff problem is expected to stop at <see cref="DefaultMaxSteps"/> and is reported with
/// that status rather than hanging; a fixed-step method (euler, rk4) runs only the non-stiff problems (stiff ones
/// are reported <c>Skipped</c>) with N = ⌈10·rtol^(−1/order)⌉ equal steps, at most maxSteps (rk4 at rtol 1e-6: 317 steps;
/// euler: the cap). A fixed step is not controlled by the tolerance, so its err/tol measures the rule, not the method.
/// </summary>
public static class OdeSuiteRunner
{
    /// <summary>Cap on accepted steps per problem: 200,000.</summary>
    public const long DefaultMaxSteps = 200_000;

    /// <summary>Default atol = rtol·1e-3, the ratio of the SciPy measurement quoted in issue 3.</summary>
    public const double DefaultAbsTolRatio = 1e-3;

    /// <summary>Status reported for a problem the method is not meant for.</summary>
    public const string Skipped = "Skipped";

    /// <summary>Runs <paramref name="method"/> over <paramref name="problems"/> (default: the whole suite).</summary>
    /// <exception cref="ArgumentException">Unknown method, rtol ≤ 0, atol &lt; 0 or maxSteps ≤ 0 (the message names it).</exception>
    public static OdeSuiteReport Run(string method, double relTol, double? absTol = null, long maxSteps = DefaultMaxSteps,
        IEnumerable<SuiteProblem>? problems = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (!(relTol > 0) || !double.IsFinite(relTol)) throw new ArgumentException($"rtol: must be a finite number > 0 (got {relTol}).", nameof(relTol));
        double atol = absTol ?? relTol * DefaultAbsTolRatio;
        if (!(atol >= 0) || !double.IsFinite(atol)) throw new ArgumentException($"atol: must be a finite number ≥ 0 (got {atol}).", nameof(absTol));
        if (maxSteps <= 0) throw new ArgumentException($"maxSteps: must be > 0 (got {maxSteps}).", nameof(maxSteps));
        OdeMethods.Create(method); // validates the name before any work
        // One untimed run so that the first problem's seconds do not include JIT compilation of the method.
        RunOne(OdeSuiteProblems.All[0], method, relTol, atol, maxSteps);
        var results = (problems ?? OdeSuiteProblems.All).Select(p => RunOne(p, method, relTol, atol, maxSteps)).ToList();
        return new OdeSuiteReport(method, relTol, atol, results);
    }

    /// <summary>Runs one problem; see the class remarks for which problems a method is meant for.</summary>
    public static OdeSuiteResult RunOne(SuiteProblem suiteProblem, string method, double relTol, double absTol, long maxSteps = DefaultMaxSteps)
    {
        ArgumentNullException.ThrowIfNull(suiteProblem);
        var problem = suiteProblem.CreateProblem();
        var algorithm = OdeMethods.Create(method, problem);
        double? h = null;
        if (!algorithm.IsAdaptive)
        {
            if (suiteProblem.IsStiff) return new OdeSuiteResult(suiteProblem.Name, true, Skipped, 0, 0, 0, double.NaN, 0)
            {
                AbsTol = suiteProblem.AbsoluteTolerance ?? absTol,
            };
            double span = Math.Abs(problem.T1 - problem.T0);
            double n = Math.Min(maxSteps, Math.Ceiling(10 * Math.Pow(relTol, -1.0 / algorithm.Order)));
            h = span / n;
        }
        absTol = suiteProblem.AbsoluteTolerance ?? absTol;
        var options = suiteProblem.CreateOptions(problem, relTol, absTol, maxSteps, h);
        var watch = Stopwatch.StartNew();
        var solution = OdeSolve.Solve(problem, algorithm, options);
        watch.Stop();
        var stats = solution.Statistics;
        double err = solution.Status == OdeStatus.Success
            ? suiteProblem.ErrorOverTolerance(solution.FinalState, relTol, absTol)
            : double.NaN;
        return new OdeSuiteResult(suiteProblem.Name, suiteProblem.IsStiff, solution.Status.ToString(), stats.RhsEvaluations,
            stats.AcceptedSteps, stats.RejectedSteps, err, watch.Elapsed.TotalSeconds)
        {
            AbsTol = absTol,
            JacobianEvaluations = stats.JacobianEvaluations,
            LuDecompositions = stats.LuDecompositions,
        };
    }
}

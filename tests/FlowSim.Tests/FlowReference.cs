using Xunit;
using FlowSim.Ode;

namespace FlowSim.Tests;

/// <summary>
/// Independent reference for the closed forms: the engine's 8th-order Dormand–Prince (dop853) at rtol 1e-12,
/// a code path that shares nothing with the closed-form formulas.
/// </summary>
internal static class FlowReference
{
    public const double RelTol = 1e-12;
    public const double AbsTol = 1e-14;

    /// <summary>States at the requested (ascending, positive) times, integrating from t = 0.</summary>
    public static double[][] At(IOdeRhs rhs, double[] y0, IReadOnlyList<double> times, string method = "dop853", double relTol = RelTol)
    {
        var problem = new OdeProblem(rhs, 0, times[^1], y0);
        var s = OdeSolve.Solve(problem, method, new OdeOptions { RelTol = relTol, AbsTol = AbsTol, OutputTimes = times }).EnsureSuccess();
        var result = new double[times.Count][];
        for (int i = 0; i < times.Count; i++)
        {
            int idx = -1;
            for (int j = 0; j < s.Times.Count; j++) if (s.Times[j] == times[i]) { idx = j; break; }
            Assert.True(idx >= 0, $"output time {times[i]} missing");
            result[i] = s.Values[idx];
        }
        return result;
    }

    /// <summary>First time at which component <paramref name="component"/> crosses <paramref name="level"/> (event location).</summary>
    public static double CrossingTime(IOdeRhs rhs, double[] y0, int component, double level, double tMax)
    {
        var ev = new OdeEvent((t, y) => y[component] - level, EventDirection.Any, Terminal: true, Name: "level");
        var problem = new OdeProblem(rhs, 0, tMax, y0);
        var s = OdeSolve.Solve(problem, "dop853", new OdeOptions { RelTol = RelTol, AbsTol = AbsTol, Events = [ev] }).EnsureSuccess();
        Assert.NotEmpty(s.Events);
        return s.Events[0].T;
    }
}

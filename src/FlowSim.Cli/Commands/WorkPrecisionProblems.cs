using FlowSim.Ode;
using FlowSim.OdeSuite;

namespace FlowSim.Cli.Commands;

/// <summary>
/// The three problems of the work-precision figure, taken from the ODE suite (benchmarks/baselines/work_precision.py
/// defines the same ones for SciPy), each with its exact final state: the harmonic oscillator y'' = −y on [0, 20]; a
/// Kepler orbit of eccentricity 0.5 (DETEST D3) over one period 2π; the Arenstorf orbit over its period, both returning
/// to the start.
/// </summary>
internal static class WorkPrecisionProblems
{
    /// <summary>The problem of that name and its exact state at t1.</summary>
    /// <exception cref="CliUsageException">The name is not oscillator, kepler or arenstorf.</exception>
    public static (OdeProblem Problem, double[] Exact) Get(string name)
    {
        var problem = name switch
        {
            "oscillator" => ClassicalProblems.HarmonicOscillator(omega: 1, t1: 20, name: "oscillator"),
            "kepler" => WithOnePeriod(DetestProblems.Kepler("kepler", 0.5), 2 * Math.PI),
            "arenstorf" => ClassicalProblems.Arenstorf(),
            _ => throw new CliUsageException($"--problem: expected oscillator, kepler or arenstorf (got '{name}')."),
        };
        var exact = new double[problem.Dimension];
        // The Arenstorf orbit has no closed form; it is periodic, so y(T) = y(0) (the suite's reference).
        if (problem.ExactSolution is { } solution) solution(problem.T1, exact);
        else OdeSuiteProblems.Get(problem.Name).Reference.ToArray().CopyTo(exact, 0);
        return (problem, exact);
    }

    private static OdeProblem WithOnePeriod(OdeProblem p, double period) => p.WithTimeSpan(p.T0, p.T0 + period, p.Y0);
}

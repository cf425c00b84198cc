namespace FlowSim.OdeSuite;

/// <summary>
/// The built-in problem set of <c>flowsim ode-suite</c>: 19 problems, 11 non-stiff and 8 stiff, each with an
/// independent reference at t1 — a closed-form solution or a published value (sources in each problem's docs).
/// Includes a discontinuous right-hand side (square-wave, 19 breakpoints), problems of dimension ≥ 20
/// (pleiades 28, heat-24, heat-stiff-100, diffusion-1000 with a banded Jacobian), a linear matrix ODE
/// (matrix-rotation), the order-reduction test of Prothero and Robinson, and E5, whose components fall to 1e-290.
/// </summary>
public static class OdeSuiteProblems
{
    private static readonly Lazy<IReadOnlyList<SuiteProblem>> Lazy = new(Build);

    /// <summary>All problems, non-stiff first.</summary>
    public static IReadOnlyList<SuiteProblem> All => Lazy.Value;

    private static List<SuiteProblem> Build()
    {
        const string detest = "closed form; Hull, Enright, Fellen, Sedgwick, SIAM J. Numer. Anal. 9 (1972) 603–637 (DETEST)";
        const string testSet = "Test Set for IVP Solvers, release 2.4 (Mazzia, Magherini, Bari 2008)";
        return
        [
            SuiteProblem.FromExactSolution(DetestProblems.A1, detest + ", A1"),
            SuiteProblem.FromExactSolution(DetestProblems.A3, detest + ", A3"),
            SuiteProblem.FromExactSolution(ClassicalProblems.HarmonicOscillator, "closed form cos(2t)"),
            SuiteProblem.FromExactSolution(() => DetestProblems.Kepler("kepler-d1", 0.1), detest + ", D1 (Kepler's equation)"),
            SuiteProblem.FromExactSolution(() => DetestProblems.Kepler("kepler-d3", 0.5), detest + ", D3 (Kepler's equation)"),
            SuiteProblem.FromExactSolution(() => DetestProblems.Kepler("kepler-d5", 0.9), detest + ", D5 (Kepler's equation)"),
            new SuiteProblem(ClassicalProblems.Arenstorf, [0.994, 0, 0, ClassicalProblems.ArenstorfInitialVelocity],
                "periodic orbit: y(T) = y(0); Hairer, Nørsett, Wanner, Solving ODEs I, §II.0, (0.1)–(0.2)"),
            new SuiteProblem(ClassicalProblems.Pleiades, PublishedReferences.Pleiades, testSet + ", PLEI at t = 3"),
            SuiteProblem.FromExactSolution(() => LinearProblems.HeatEquation("heat-24", 24, 0.01, 10, stiff: false),
                "closed form (discrete sine eigenbasis of the 1-D Laplacian)"),
            SuiteProblem.FromExactSolution(LinearProblems.MatrixRotation, "closed form exp(tA)Y0 (Rodrigues' formula)"),
            SuiteProblem.FromExactSolution(LinearProblems.SquareWave, "closed form, piecewise exponential",
                LinearProblems.SquareWaveBreakpoints(), LinearProblems.SquareWaveSegmentStart),
            new SuiteProblem(StiffTestSetProblems.Robertson, PublishedReferences.Robertson, testSet + ", ROBER at t = 1e11"),
            new SuiteProblem(StiffTestSetProblems.Hires, PublishedReferences.Hires, testSet + ", HIRES at t = 321.8122"),
            new SuiteProblem(StiffTestSetProblems.Orego, PublishedReferences.Orego, testSet + ", OREGO at t = 360"),
            new SuiteProblem(StiffTestSetProblems.VanDerPol, PublishedReferences.VanDerPol, testSet + ", VDPOL (ε = 1e-6) at t = 2"),
            SuiteProblem.FromExactSolution(() => LinearProblems.HeatEquation("heat-stiff-100", 100, 1, 0.5, stiff: true),
                "closed form (discrete sine eigenbasis of the 1-D Laplacian)"),
            SuiteProblem.FromExactSolution(ProtheroRobinson.Create, "closed form sin t; Prothero & Robinson, Math. Comp. 28 (1974)"),
            new SuiteProblem(StiffTestSetProblems.E5, PublishedReferences.E5, testSet + ", E5 at t = 1e13 (atol 1.7e-24)",
                absoluteTolerance: StiffTestSetProblems.E5AbsoluteTolerance),
            SuiteProblem.FromExactSolution(LinearProblems.BandedDiffusion,
                "closed form (discrete sine eigenbasis of the 1-D Laplacian), 1,000 points, banded"),
        ];
    }

    /// <summary>The problem of that name (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No problem has that name.</exception>
    public static SuiteProblem Get(string name) =>
        All.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"name: no suite problem '{name}' (valid: {string.Join(", ", All.Select(p => p.Name))}).", nameof(name));
}

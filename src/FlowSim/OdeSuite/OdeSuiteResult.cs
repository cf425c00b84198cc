namespace FlowSim.OdeSuite;

/// <summary>Outcome of one method on one suite problem.</summary>
/// <param name="Problem">Problem name.</param>
/// <param name="Stiff">Whether the problem is stiff.</param>
/// <param name="Status">The solver's status (<c>Success</c>, <c>MaxStepsExceeded</c>, …) or <c>Skipped</c> when the method is not meant for the problem.</param>
/// <param name="Nfev">Right-hand side evaluations.</param>
/// <param name="Steps">Accepted steps.</param>
/// <param name="Rejected">Rejected steps.</param>
/// <param name="ErrorOverTolerance">max over components of |y − ref| / (atol + rtol·|ref|) at t1; NaN when t1 was not reached.</param>
/// <param name="Seconds">Wall-clock time of the solve (a report figure, never a test assertion).</param>
public sealed record OdeSuiteResult(string Problem, bool Stiff, string Status, long Nfev, long Steps, long Rejected,
    double ErrorOverTolerance, double Seconds)
{
    /// <summary>The absolute tolerance the problem ran with (the run's, or the problem's own).</summary>
    public double AbsTol { get; init; }
    /// <summary>Jacobian evaluations (analytic, or finite-difference approximations whose right-hand side calls are in <see cref="Nfev"/>).</summary>
    public long JacobianEvaluations { get; init; }
    /// <summary>LU factorisations.</summary>
    public long LuDecompositions { get; init; }
}

/// <summary>One suite run: a method at one tolerance pair over every problem.</summary>
public sealed record OdeSuiteReport(string Method, double RelTol, double AbsTol, IReadOnlyList<OdeSuiteResult> Problems);

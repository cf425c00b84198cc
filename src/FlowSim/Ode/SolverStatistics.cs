namespace FlowSim.Ode;

/// <summary>Work counters of one integration, maintained by every method.</summary>
public sealed class SolverStatistics
{
    /// <summary>Right-hand side evaluations (including those for the initial step, finite-difference Jacobians and dense output).</summary>
    public long RhsEvaluations { get; set; }
    /// <summary>Analytic Jacobian evaluations, or finite-difference Jacobian approximations.</summary>
    public long JacobianEvaluations { get; set; }
    /// <summary>LU factorisations.</summary>
    public long LuDecompositions { get; set; }
    /// <summary>Linear solves with an existing factorisation.</summary>
    public long LinearSolves { get; set; }
    /// <summary>Accepted steps.</summary>
    public long AcceptedSteps { get; set; }
    /// <summary>Rejected step attempts.</summary>
    public long RejectedSteps { get; set; }
    /// <summary>Evaluations of event functions (including during root location).</summary>
    public long EventEvaluations { get; set; }
    /// <summary>Method switches by an automatic (stiffness-detecting) method.</summary>
    public long MethodSwitches { get; set; }
    /// <summary>Times an automatic method detected stiffness (or started on a problem marked stiff) but kept its explicit
    /// method because the stiff method's Jacobian exceeds <see cref="OdeOptions.MaxJacobianEntries"/>.</summary>
    public long StiffSwitchesRefused { get; set; }
    /// <summary>Newton iterations of an implicit method (each solves its linear systems once).</summary>
    public long NewtonIterations { get; set; }
    /// <summary>Newton iterations that diverged or converged too slowly, each followed by a retry with a smaller step.</summary>
    public long NewtonFailures { get; set; }

    /// <summary>Accepted plus rejected steps.</summary>
    public long TotalSteps => AcceptedSteps + RejectedSteps;

    /// <summary>A copy of the counters.</summary>
    public SolverStatistics Clone() => (SolverStatistics)MemberwiseClone();

    /// <summary>Adds another set of counters to this one.</summary>
    public void Add(SolverStatistics other)
    {
        RhsEvaluations += other.RhsEvaluations;
        JacobianEvaluations += other.JacobianEvaluations;
        LuDecompositions += other.LuDecompositions;
        LinearSolves += other.LinearSolves;
        AcceptedSteps += other.AcceptedSteps;
        RejectedSteps += other.RejectedSteps;
        EventEvaluations += other.EventEvaluations;
        MethodSwitches += other.MethodSwitches;
        StiffSwitchesRefused += other.StiffSwitchesRefused;
        NewtonIterations += other.NewtonIterations;
        NewtonFailures += other.NewtonFailures;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"nfev={RhsEvaluations} njev={JacobianEvaluations} nlu={LuDecompositions} accepted={AcceptedSteps} rejected={RejectedSteps}";
}

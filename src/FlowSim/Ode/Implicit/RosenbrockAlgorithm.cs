namespace FlowSim.Ode;

/// <summary>Base of the Rodas-type Rosenbrock methods: a <see cref="RosenbrockTableau"/> plus the controller settings;
/// one shared stepper does the work.</summary>
public abstract class RosenbrockAlgorithm : OdeAlgorithm
{
    /// <summary>The method's coefficients.</summary>
    public abstract RosenbrockTableau Tableau { get; }

    /// <inheritdoc/>
    public override int Order => Tableau.Order;

    /// <inheritdoc/>
    public override bool IsAdaptive => FixedStep is null;

    /// <inheritdoc/>
    public override bool IsStiff => true;

    /// <summary>When set, every step has this size (convergence studies); no error control.</summary>
    public double? FixedStep { get; init; }

    /// <summary>β of the PI step-size controller (0 gives the I controller).</summary>
    public double ControllerBeta { get; init; } = 0.04;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException"><see cref="FixedStep"/> is not finite and positive, or the Jacobian exceeds
    /// <see cref="OdeOptions.MaxJacobianEntries"/>.</exception>
    public override OdeStepper CreateStepper(OdeProblem problem, OdeOptions options, SolverStatistics statistics)
    {
        if (FixedStep is { } h && !(h > 0 && double.IsFinite(h)))
            throw new ArgumentException($"FixedStep: must be finite and > 0 (got {h}).", nameof(FixedStep));
        JacobianBudget.Check(problem, options, Name);
        return new RosenbrockStepper(problem, options, statistics, Tableau, FixedStep,
            FixedStep is null ? new PiStepSizeController { Beta = ControllerBeta } : null);
    }
}

namespace FlowSim.Ode;

/// <summary>
/// The step-attempt loop shared by every one-step method (explicit Runge–Kutta, Rosenbrock, Radau IIA): plan an
/// attempt that lands exactly on the bound, let the method attempt it, let the step-size controller judge it, and
/// accept it or retry with the controller's (or, after a failed Newton iteration, the method's) smaller step.
/// </summary>
/// <remarks>
/// Contract for a method on top of <see cref="OdeStepper"/>'s: implement <c>Attempt</c> (compute the step from
/// (T, Y) with the given signed size into the method's own buffers, and return its weighted error norm when the run
/// is adaptive), <c>Accept</c> (make the attempt the current state, e.g. with <see cref="OdeStepper.AdvanceBySwap"/>,
/// and return the next step size) and optionally <c>BeginStep</c> (work done once per step whatever the number of
/// attempts: a Rosenbrock method's Jacobian). The loop counts rejected attempts; neither the loop nor a method may
/// allocate per step.
/// </remarks>
public abstract class OneStepStepper : OdeStepper
{
    /// <summary>Attempts whose state stays non-finite before the step gives up.</summary>
    private const int MaxNonFiniteAttempts = 40;

    private readonly IStepSizeController? _controller;
    private readonly double _fixedStep;

    /// <summary>Sets up the loop; a caller's controller (<see cref="OdeOptions.StepSizeController"/>) replaces the
    /// method's default one.</summary>
    /// <param name="problem">Problem.</param>
    /// <param name="options">Validated options.</param>
    /// <param name="statistics">Counters.</param>
    /// <param name="controller">The method's default controller; null for a fixed-step run.</param>
    /// <param name="fixedStep">Step of a fixed-step run (ignored when adaptive).</param>
    /// <exception cref="ArgumentException">The options' controller factory returned null.</exception>
    private protected OneStepStepper(OdeProblem problem, OdeOptions options, SolverStatistics statistics,
        IStepSizeController? controller, double fixedStep)
        : base(problem, options, statistics)
    {
        if (controller is not null && options.StepSizeController is { } create)
            controller = create() ?? throw new ArgumentException("StepSizeController: the factory returned null.", nameof(options));
        _controller = controller;
        _fixedStep = fixedStep;
    }

    /// <summary>Whether the step size adapts (a controller judges every attempt).</summary>
    private protected bool IsAdaptiveRun => _controller is not null;

    /// <summary>Step of a fixed-step run.</summary>
    private protected double FixedStepSize => _fixedStep;

    /// <summary>Order q of the error estimate (the local error behaves like h^(q+1)), handed to the controller.</summary>
    private protected abstract int ErrorOrder { get; }

    /// <summary>Newton iterations an attempt may take (0 for a method without Newton iteration).</summary>
    private protected virtual int MaxNewtonIterations => 0;

    /// <summary>Work done once per step before its first attempt, from (t, Y) with the planned size h (magnitude).</summary>
    private protected virtual void BeginStep(double t, double h) { }

    /// <summary>Attempts the step from (t, Y) of signed size <paramref name="hSigned"/>; the error norm is only needed
    /// when <paramref name="adaptive"/>.</summary>
    private protected abstract StepAttempt Attempt(double t, double hSigned, bool adaptive);

    /// <summary>Makes the last attempt the current state and returns the size (magnitude) to try next;
    /// <paramref name="hNext"/> is the controller's proposal (the fixed step of a fixed-step run).</summary>
    private protected abstract double Accept(double t, double tNew, double hSigned, double hNext);

    /// <summary>Forgets the controller's error history (after a restart).</summary>
    private protected void ResetController() => _controller?.Reset();

    /// <inheritdoc/>
    public sealed override StepOutcome Step(double tBound)
    {
        double t = T;
        double h = Math.Min(ProposedStep, Options.MaxStep);
        bool adaptive = _controller is not null;
        BeginStep(t, h);
        int nonFiniteAttempts = 0;
        while (true)
        {
            if (!PlanStep(t, tBound, adaptive, ref h, out double tNew)) return StepOutcome.StepSizeTooSmall;
            double hs = tNew - t;
            var attempt = Attempt(t, hs, adaptive);
            if (attempt.Status == AttemptStatus.Failed) return StepOutcome.Failed;
            if (attempt.Status == AttemptStatus.NotConverged)
            {
                if (!adaptive)
                {
                    FailureMessage = $"the Newton iteration did not converge in the fixed step from t = {t:R} to {tNew:R}";
                    return StepOutcome.Failed;
                }
                Statistics.RejectedSteps++;
                h *= attempt.StepFactor;
                continue;
            }
            bool finite = attempt.Status == AttemptStatus.Completed;
            double err = finite ? attempt.ErrorNorm : double.PositiveInfinity;
            bool accepted = true;
            double hNext = h;
            if (adaptive) hNext = _controller!.Propose(h, err, ErrorOrder, attempt.NewtonIterations, MaxNewtonIterations, out accepted);
            else if (!finite)
            {
                FailureMessage = $"the state became non-finite in the step from t = {t:R} to {tNew:R}";
                return StepOutcome.NonFinite;
            }
            if (accepted)
            {
                ProposedStep = Accept(t, tNew, hs, adaptive ? hNext : _fixedStep);
                return StepOutcome.Accepted;
            }
            Statistics.RejectedSteps++;
            if (!finite && ++nonFiniteAttempts > MaxNonFiniteAttempts)
            {
                FailureMessage = $"the state or f(t, y) stays non-finite near t = {t:R} however small the step";
                return StepOutcome.NonFinite;
            }
            h = hNext;
        }
    }
}

/// <summary>How an attempt of a one-step method ended.</summary>
internal enum AttemptStatus
{
    /// <summary>The step was computed; its error norm is set.</summary>
    Completed,
    /// <summary>The step or a stage is not finite.</summary>
    NonFinite,
    /// <summary>The Newton iteration of an implicit method diverged or was too slow; retry with a smaller step.</summary>
    NotConverged,
    /// <summary>The method cannot continue; it has set <see cref="OdeStepper.FailureMessage"/>.</summary>
    Failed,
}

/// <summary>What one attempt produced: its status, its weighted error norm, the step factor to retry with after a
/// failed Newton iteration, and the Newton iterations it took.</summary>
internal readonly record struct StepAttempt(AttemptStatus Status, double ErrorNorm, double StepFactor = 1.0, int NewtonIterations = 0)
{
    /// <summary>A computed step with error norm <paramref name="errorNorm"/>.</summary>
    public static StepAttempt Completed(double errorNorm, int newtonIterations = 0) => new(AttemptStatus.Completed, errorNorm, 1.0, newtonIterations);

    /// <summary>A step whose state is not finite.</summary>
    public static StepAttempt NonFinite => new(AttemptStatus.NonFinite, double.PositiveInfinity);

    /// <summary>A failure the step size cannot cure (the method has set its failure message).</summary>
    public static StepAttempt Failed => new(AttemptStatus.Failed, double.NaN);

    /// <summary>A Newton failure: retry with the step multiplied by <paramref name="factor"/>.</summary>
    public static StepAttempt NotConverged(double factor) => new(AttemptStatus.NotConverged, double.NaN, factor);
}

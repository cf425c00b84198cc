namespace FlowSim.Ode;

/// <summary>The per-run state of <see cref="AutoSwitch"/>: a stiffness-detecting DOPRI5 and, once needed, the stiff method.</summary>
internal sealed class AutoSwitchStepper : OdeStepper
{
    private readonly AutoSwitch _settings;
    private readonly bool _stiffAllowed;
    private readonly StiffnessDetectingDp5Stepper _explicit;
    private OdeStepper? _stiff;
    private OdeStepper _active;
    private OdeStepper _lastStepper;
    private int _stiffCount, _nonStiffCount;

    /// <summary>The stepper of one <c>auto</c> run: DOPRI5 with Hairer's stiffness test, switching to the stiff method when it fires.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="options">The run's options.</param>
    /// <param name="statistics">The run's counters.</param>
    /// <param name="settings">The algorithm (stiff method, switch thresholds).</param>
    /// <param name="stiffAllowed">False when the stiff method's Jacobian exceeds <see cref="OdeOptions.MaxJacobianEntries"/>:
    /// the run then stays with DOPRI5 and notes every refused switch.</param>
    public AutoSwitchStepper(OdeProblem problem, OdeOptions options, SolverStatistics statistics, AutoSwitch settings, bool stiffAllowed)
        : base(problem, options, statistics)
    {
        _settings = settings;
        _stiffAllowed = stiffAllowed;
        if (!stiffAllowed && problem.IsStiff) Refuse("the problem is marked stiff");
        _explicit = new StiffnessDetectingDp5Stepper(problem, options, statistics, new DormandPrince54());
        _active = _lastStepper = _explicit;
        ProposedStep = _explicit.ProposedStep;
    }

    /// <summary>Whether the integration has switched to the stiff method.</summary>
    public bool IsStiffPhase => _active == _stiff;

    public override int Order => _active.Order;

    public override StepOutcome Step(double tBound)
    {
        var stepper = _active;
        var outcome = stepper.Step(tBound);
        FailureMessage = stepper.FailureMessage;
        if (outcome != StepOutcome.Accepted) return outcome;
        _lastStepper = stepper;
        TOld = stepper.TOld;
        T = stepper.T;
        Array.Copy(stepper.YOld, YOld, N);
        Array.Copy(stepper.Y, Y, N);
        ProposedStep = stepper.ProposedStep;
        if (stepper == _explicit && DetectsStiffness())
        {
            if (!_stiffAllowed)
            {
                Refuse(null);
                _stiffCount = 0;
                return outcome;
            }
            Statistics.MethodSwitches++;
            _stiff ??= _settings.StiffMethodOf(Options.RelTol).CreateStepper(Problem, Options, Statistics);
            // The stiff method takes over at the current point with the step DOPRI5 would have tried: stability no longer limits it.
            _stiff.TakeOver(T, Y, _explicit.ProposedStep);
            _active = _stiff;
        }
        return outcome;
    }

    /// <summary>Counts a switch the Jacobian budget forbids and notes the first one (the reason: the problem's stiff
    /// mark, or null for detected stiffness at T).</summary>
    private void Refuse(string? reason)
    {
        Statistics.StiffSwitchesRefused++;
        if (Note is not null) return;
        reason ??= FormattableString.Invariant($"stiffness was detected at t = {T:R}");
        Note = $"auto kept dp5: {reason}, but {_settings.StiffMethodOf(Options.RelTol).Name} would store {JacobianBudget.Describe(Problem)}, more than MaxJacobianEntries = {Options.MaxJacobianEntries.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)}";
    }

    private bool DetectsStiffness()
    {
        if (_explicit.StiffnessEstimate() > _settings.Threshold)
        {
            _nonStiffCount = 0;
            return ++_stiffCount >= _settings.StiffSteps;
        }
        if (++_nonStiffCount >= _settings.NonStiffSteps) _stiffCount = 0;
        return false;
    }

    public override void Restart(double t, ReadOnlySpan<double> y)
    {
        MoveTo(t, y);
        _active.Restart(t, y);
        _stiffCount = _nonStiffCount = 0;
    }

    // Both methods write PolynomialInterpolant data of the same degree, so one dense solution holds segments of either.
    public override IDenseInterpolant Interpolant => PolynomialInterpolant.Instance;

    public override int DenseDataLength => _lastStepper.DenseDataLength;

    public override void CaptureDense(Span<double> data) => _lastStepper.CaptureDense(data);

    public override void Interpolate(double t, Span<double> y) => _lastStepper.Interpolate(t, y);
}

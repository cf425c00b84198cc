namespace FlowSim.Ode;

/// <summary>
/// The per-run state of one method (SciML's "cache", SciPy's <c>OdeSolver</c> instance): it advances the
/// solution one accepted step at a time and offers that step's continuous extension. The integrator
/// (<see cref="OdeIntegrator"/>) drives it and adds breakpoints, output, events and statistics.
/// </summary>
/// <remarks>
/// Contract for a new method:
/// <list type="number">
/// <item>Allocate every buffer in the constructor; <see cref="Step"/> allocates nothing.</item>
/// <item><see cref="Step"/> takes one accepted step (retrying rejected attempts internally), never passes
/// <c>tBound</c>, and lands on it exactly (T = tBound, bit for bit) when it gets there.</item>
/// <item>Before a step, copy (T, Y) to (TOld, YOld); after it, <see cref="Interpolate"/> covers [TOld, T].</item>
/// <item>Count every right-hand side call through <see cref="EvaluateRhs"/> and maintain
/// accepted/rejected steps, Jacobian evaluations and LU factorisations in <see cref="Statistics"/>.</item>
/// <item><see cref="Restart"/> forgets anything that assumes a smooth right-hand side (FSAL values,
/// multistep history, Jacobians) because the right-hand side may jump there.</item>
/// </list>
/// </remarks>
public abstract class OdeStepper
{
    private readonly double[] _atol;
    private WeightedErrorNorm? _errorNorm;

    /// <summary>Sets up the shared state; <see cref="OdeOptions.Validate"/> must have passed.</summary>
    protected OdeStepper(OdeProblem problem, OdeOptions options, SolverStatistics statistics)
    {
        Problem = problem;
        Options = options;
        Statistics = statistics;
        N = problem.Dimension;
        Direction = problem.T1 > problem.T0 ? 1 : -1;
        T = TOld = problem.T0;
        Y = (double[])problem.Y0.Clone();
        YOld = (double[])problem.Y0.Clone();
        _atol = options.AbsTolVector is { } v ? (double[])v.Clone() : Enumerable.Repeat(options.AbsTol, N).ToArray();
        RelTol = options.RelTol;
    }

    /// <summary>The problem.</summary>
    public OdeProblem Problem { get; }
    /// <summary>The options.</summary>
    public OdeOptions Options { get; }
    /// <summary>Counters shared with the integrator.</summary>
    public SolverStatistics Statistics { get; }
    /// <summary>Dimension.</summary>
    public int N { get; }
    /// <summary>+1 forward in time, −1 backward.</summary>
    public int Direction { get; }
    /// <summary>Time reached.</summary>
    public double T { get; protected set; }
    /// <summary>Start of the last accepted step.</summary>
    public double TOld { get; protected set; }
    /// <summary>State at <see cref="T"/>; owned by the stepper (copy before storing; the array itself may change
    /// from step to step, so read this property again after a step).</summary>
    public double[] Y { get; private set; }
    /// <summary>State at <see cref="TOld"/>.</summary>
    public double[] YOld { get; private set; }
    /// <summary>Relative tolerance.</summary>
    public double RelTol { get; }
    /// <summary>Absolute tolerance per component.</summary>
    public ReadOnlySpan<double> AbsTol => _atol;
    /// <summary>The absolute tolerances as the stepper's own array (for kernels that need an array).</summary>
    private protected double[] AbsTolArray => _atol;
    /// <summary>Set when <see cref="Step"/> returns <see cref="StepOutcome.Failed"/> or <see cref="StepOutcome.NonFinite"/>.</summary>
    public string? FailureMessage { get; protected set; }
    /// <summary>A remark about a run that did not fail (e.g. <c>auto</c> kept its explicit method), or null; the
    /// integrator reports it in <see cref="OdeSolution.Message"/>.</summary>
    public string? Note { get; protected set; }
    /// <summary>Size the stepper would try next (magnitude).</summary>
    public double ProposedStep { get; protected set; }

    /// <summary>Classical order of the method (the order of the propagated solution).</summary>
    public abstract int Order { get; }

    /// <summary>Takes one accepted step without passing <paramref name="tBound"/>.</summary>
    public abstract StepOutcome Step(double tBound);

    /// <summary>Restarts at (t, y) after a discontinuity of the right-hand side.</summary>
    public abstract void Restart(double t, ReadOnlySpan<double> y);

    /// <summary>The interpolant shared by all steps of this method.</summary>
    public abstract IDenseInterpolant Interpolant { get; }

    /// <summary>Length of the data <see cref="CaptureDense"/> writes.</summary>
    public abstract int DenseDataLength { get; }

    /// <summary>Writes the last step's interpolation data (may cost extra right-hand side evaluations, e.g. DOP853).</summary>
    public abstract void CaptureDense(Span<double> data);

    /// <summary>Writes y(t) for t in [TOld, T] from the last step's continuous extension.</summary>
    public abstract void Interpolate(double t, Span<double> y);

    /// <summary>Evaluates the right-hand side and counts it.</summary>
    protected void EvaluateRhs(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        Statistics.RhsEvaluations++;
        Problem.Rhs.Evaluate(t, y, dydt);
    }

    /// <summary>Hairer's RMS error norm of <paramref name="err"/> weighted by atol + rtol·max(|y0|, |y1|)
    /// (<see cref="WeightedErrorNorm"/>, the engine's one norm kernel).</summary>
    protected double ErrorNorm(double[] err, double[] y0, double[] y1) => ErrorNormKernel.Rms(err, y0, y1, _atol, RelTol);

    /// <summary>The stepper's weighted-norm kernel, created on first use for combinations of up to
    /// <see cref="ErrorNormTerms"/> vectors.</summary>
    private protected WeightedErrorNorm ErrorNormKernel => _errorNorm ??= new WeightedErrorNorm(N, ErrorNormTerms);

    /// <summary>Most vectors one error estimate combines (an explicit tableau's stages and f(t + h, y_new)).</summary>
    private protected virtual int ErrorNormTerms => 1;

    /// <summary>Smallest step allowed at time t: <see cref="OdeOptions.MinStep"/> or the resolution of t.</summary>
    protected double MinimumStepAt(double t) => Math.Max(Options.MinStep, 10 * Math.Abs(Math.BitIncrement(Math.Abs(t)) - Math.Abs(t)));

    /// <summary>
    /// Plans an attempt of size <paramref name="h"/> from <paramref name="t"/>: shortens it to land exactly on
    /// <paramref name="tBound"/>, and refuses (setting <see cref="FailureMessage"/>) an adaptive step below the minimum.
    /// </summary>
    protected bool PlanStep(double t, double tBound, bool adaptive, ref double h, out double tNew)
    {
        double hMin = MinimumStepAt(t);
        if (adaptive && h < hMin)
        {
            FailureMessage = $"step size {h:G3} fell below the minimum {hMin:G3} at t = {t:R}";
            tNew = t;
            return false;
        }
        tNew = t + Direction * h;
        // A fixed-step run whose steps add up to tBound up to rounding lands there instead of adding a step of a few ulp.
        double slack = adaptive ? 0.0 : 1e-6 * h;
        if (Direction * (tNew - tBound) >= -slack)
        {
            tNew = tBound;
            h = Math.Abs(tBound - t);
        }
        return true;
    }

    /// <summary>Sets (T, Y) and (TOld, YOld) to (t, y) without counting a step: the common part of every <see cref="Restart"/>.</summary>
    protected void MoveTo(double t, ReadOnlySpan<double> y)
    {
        T = TOld = t;
        y.CopyTo(Y);
        y.CopyTo(YOld);
    }

    /// <summary>Restarts at (t, y) and tries <paramref name="step"/> next: another method hands over to this one.</summary>
    internal void TakeOver(double t, ReadOnlySpan<double> y, double step)
    {
        Restart(t, y);
        ProposedStep = step;
    }

    /// <summary>Accepts a step: (TOld, YOld) ← (t, Y), (T, Y) ← (tNew, yNew), and counts it.</summary>
    protected void Advance(double t, double tNew, ReadOnlySpan<double> yNew)
    {
        TOld = t;
        Array.Copy(Y, YOld, N);
        yNew.CopyTo(Y);
        T = tNew;
        Statistics.AcceptedSteps++;
    }

    /// <summary>Accepts a step like <see cref="Advance"/> but by rotating buffers instead of copying them: the old
    /// <see cref="YOld"/> array becomes the caller's next <paramref name="yNew"/> buffer (two state copies fewer per step).</summary>
    protected void AdvanceBySwap(double t, double tNew, ref double[] yNew)
    {
        TOld = t;
        (YOld, Y, yNew) = (Y, yNew, YOld);
        T = tNew;
        Statistics.AcceptedSteps++;
    }
}

namespace FlowSim.Ode;

/// <summary>
/// A running integration (SciML's integrator): <see cref="Step"/> advances one accepted step and handles
/// breakpoints, output times, events and statistics around the method's <see cref="OdeStepper"/>;
/// <see cref="StepTo"/> lands exactly on a time; <see cref="Solve"/> runs to the end.
/// Create it with <see cref="OdeSolve.Init"/>.
/// </summary>
public sealed class OdeIntegrator
{
    private readonly OdeStepper _stepper;
    private readonly double[] _breakpoints;
    private int _nextBreakpoint;
    private int _segment;
    private readonly List<double> _times = [];
    private readonly List<double[]> _values = [];
    private readonly DenseSolution? _dense;
    private readonly IReadOnlyList<double>? _outputTimes;
    private int _nextOutput;
    private readonly bool _recordEveryStep;
    private readonly OdeEvent[] _events;
    private readonly double[] _gOld;
    private readonly List<OdeEventRecord> _eventRecords = [];
    private readonly double[] _work;
    private readonly double[] _outputBuffer;
    private double? _target;
    private readonly int _direction;
    private double _finalTime;
    private double[]? _finalState;

    internal OdeIntegrator(OdeProblem problem, OdeAlgorithm algorithm, OdeOptions? options)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(algorithm);
        options ??= new OdeOptions();
        options.Validate(problem);
        Algorithm = algorithm;
        Options = options;
        _direction = problem.T1 > problem.T0 ? 1 : -1;
        Statistics = new SolverStatistics();
        _work = new double[problem.Dimension];
        _outputBuffer = new double[problem.Dimension];

        if (options.OnSegmentStart is { } onStart)
        {
            // The callback may prepare the right-hand side for segment 0 (and may change y0) before f is first called.
            var y0 = (double[])problem.Y0.Clone();
            onStart(0, problem.T0, y0);
            if (!y0.AsSpan().SequenceEqual(problem.Y0)) problem = problem.WithTimeSpan(problem.T0, problem.T1, y0);
        }
        Problem = problem;
        _breakpoints = (options.Breakpoints ?? [])
            .Where(b => _direction * (b - problem.T0) > 0 && _direction * (problem.T1 - b) > 0)
            .Distinct()
            .OrderBy(b => _direction * b)
            .ToArray();
        _stepper = algorithm.CreateStepper(problem, options, Statistics);
        if (options.Dense) _dense = new DenseSolution(_stepper.Interpolant, problem.Dimension, _direction);
        _outputTimes = options.OutputTimes;
        _recordEveryStep = options.RecordsEveryStep;
        _events = options.Events?.ToArray() ?? [];
        _gOld = new double[_events.Length];
        for (int e = 0; e < _events.Length; e++) _gOld[e] = EvaluateEvent(e, problem.T0, _stepper.Y);

        if (_recordEveryStep) Record(problem.T0, _stepper.Y);
        RecordOutputTimesUpTo(problem.T0, inclusive: true, interpolate: false);
    }

    /// <summary>The problem (with y0 as changed by a segment-0 callback).</summary>
    public OdeProblem Problem { get; }
    /// <summary>The method.</summary>
    public OdeAlgorithm Algorithm { get; }
    /// <summary>The options.</summary>
    public OdeOptions Options { get; }
    /// <summary>Work counters so far.</summary>
    public SolverStatistics Statistics { get; }
    /// <summary>Current status; <see cref="OdeStatus.Running"/> until the end.</summary>
    public OdeStatus Status { get; private set; } = OdeStatus.Running;
    /// <summary>Why the integration stopped, when it did not succeed, and the method's note about the run, if any.</summary>
    public string? Message { get; private set; }
    /// <summary>Current time.</summary>
    public double T => _finalState is null ? _stepper.T : _finalTime;
    /// <summary>Current state (a view; copy it to keep it).</summary>
    public ReadOnlySpan<double> Y => _finalState ?? _stepper.Y;
    /// <summary>Start of the last step.</summary>
    public double TPrevious => _stepper.TOld;
    /// <summary>Index of the current segment between breakpoints.</summary>
    public int Segment => _segment;
    /// <summary>Whether the integration has ended.</summary>
    public bool IsFinished => Status != OdeStatus.Running;
    /// <summary>Events located so far.</summary>
    public IReadOnlyList<OdeEventRecord> Events => _eventRecords;

    /// <summary>Writes y(t) for t within the last step, from the method's continuous extension.</summary>
    public void Interpolate(double t, Span<double> y) => _stepper.Interpolate(t, y);

    /// <summary>Takes one accepted step; returns false once the integration has ended.</summary>
    public bool Step()
    {
        if (IsFinished) return false;
        double tBound = Problem.T1;
        if (_nextBreakpoint < _breakpoints.Length) tBound = Closer(tBound, _breakpoints[_nextBreakpoint]);
        if (_target is { } target) tBound = Closer(tBound, target);

        var outcome = _stepper.Step(tBound);
        if (outcome != StepOutcome.Accepted)
        {
            Finish(outcome switch
            {
                StepOutcome.StepSizeTooSmall => OdeStatus.StepSizeTooSmall,
                StepOutcome.NonFinite => OdeStatus.NonFiniteState,
                _ => OdeStatus.Failed,
            }, _stepper.FailureMessage);
            return false;
        }

        if (_dense is not null)
            _stepper.CaptureDense(_dense.Append(_stepper.TOld, _stepper.T, _stepper.T - _stepper.TOld, _stepper.DenseDataLength));

        if (_events.Length > 0 && LocateEvents(out double tEvent))
        {
            _stepper.Interpolate(tEvent, _work);
            RecordOutputTimesUpTo(tEvent, inclusive: true, interpolate: true);
            if (_recordEveryStep) Record(tEvent, _work);
            _dense?.TruncateLast(tEvent);
            _finalTime = tEvent;
            _finalState = (double[])_work.Clone();
            Finish(OdeStatus.TerminatedByEvent, $"terminal event '{_eventRecords[^1].Name}' at t = {tEvent:R}");
            return false;
        }

        RecordOutputTimesUpTo(_stepper.T, inclusive: true, interpolate: true);
        if (_recordEveryStep) Record(_stepper.T, _stepper.Y);

        if (_stepper.T == Problem.T1)
        {
            Finish(OdeStatus.Success, null);
            return false;
        }
        if (_nextBreakpoint < _breakpoints.Length && _stepper.T == _breakpoints[_nextBreakpoint])
        {
            _nextBreakpoint++;
            _segment++;
            _stepper.Y.CopyTo(_work, 0);
            Options.OnSegmentStart?.Invoke(_segment, _stepper.T, _work);
            _stepper.Restart(_stepper.T, _work);
            for (int e = 0; e < _events.Length; e++) _gOld[e] = EvaluateEvent(e, _stepper.T, _stepper.Y);
        }
        if (Statistics.AcceptedSteps >= Options.MaxSteps)
        {
            Finish(OdeStatus.MaxStepsExceeded, $"reached MaxSteps = {Options.MaxSteps} at t = {_stepper.T:R} before t1 = {Problem.T1:R}");
            return false;
        }
        return true;
    }

    /// <summary>Integrates until exactly time <paramref name="t"/> (between the current time and t1); returns false if the integration ended before.</summary>
    /// <exception cref="ArgumentOutOfRangeException">t lies behind the current time or beyond t1.</exception>
    public bool StepTo(double t)
    {
        if (_direction * (t - T) < 0 || _direction * (t - Problem.T1) > 0)
            throw new ArgumentOutOfRangeException(nameof(t), t, $"t must lie between the current time {T} and t1 = {Problem.T1}.");
        _target = t;
        try
        {
            while (!IsFinished && _stepper.T != t) Step();
        }
        finally
        {
            _target = null;
        }
        return _stepper.T == t && (!IsFinished || Status == OdeStatus.Success);
    }

    /// <summary>Runs to the end (or until cancelled) and returns the solution.</summary>
    public OdeSolution Solve(CancellationToken cancellationToken = default)
    {
        while (!IsFinished)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                Finish(OdeStatus.Cancelled, $"cancelled at t = {T:R}");
                break;
            }
            Step();
        }
        return GetSolution();
    }

    /// <summary>The solution so far (complete once <see cref="IsFinished"/>).</summary>
    public OdeSolution GetSolution() =>
        new(Problem, Algorithm.Name, Options, _times, _values, _dense, _eventRecords, Status, Message,
            Statistics.Clone(), T, Y.ToArray());

    /// <summary>A lazy stream of (t, y) after every accepted step, starting with (t0, y0): OSLO's solution stream.</summary>
    public IEnumerable<(double T, double[] Y)> Points()
    {
        yield return (T, Y.ToArray());
        while (!IsFinished)
        {
            long before = Statistics.AcceptedSteps;
            Step();
            if (Statistics.AcceptedSteps > before) yield return (T, Y.ToArray());
        }
    }

    private double Closer(double a, double b) => _direction * (a - b) <= 0 ? a : b;

    private void Finish(OdeStatus status, string? message)
    {
        Status = status;
        Message = message is null ? _stepper.Note : _stepper.Note is null ? message : $"{message}; {_stepper.Note}";
    }

    private void Record(double t, ReadOnlySpan<double> y)
    {
        _times.Add(t);
        if (Options.Projection is { } p)
        {
            var v = new double[p.Size];
            p.Project(t, y, v);
            _values.Add(v);
        }
        else _values.Add(y.ToArray());
    }

    private void RecordOutputTimesUpTo(double tEnd, bool inclusive, bool interpolate)
    {
        if (_outputTimes is null) return;
        var buffer = _outputBuffer;
        while (_nextOutput < _outputTimes.Count)
        {
            double to = _outputTimes[_nextOutput];
            double d = _direction * (to - tEnd);
            if (d > 0 || (d == 0 && !inclusive)) break;
            if (!interpolate || to == _stepper.T) _stepper.Y.CopyTo(buffer, 0);
            else _stepper.Interpolate(to, buffer);
            Record(to, buffer);
            _nextOutput++;
        }
    }

    private double EvaluateEvent(int e, double t, ReadOnlySpan<double> y)
    {
        Statistics.EventEvaluations++;
        return _events[e].Function(t, y);
    }

    /// <summary>Finds sign changes in the last step; records non-terminal ones; returns the first terminal time.</summary>
    private bool LocateEvents(out double terminalTime)
    {
        terminalTime = double.NaN;
        double tOld = _stepper.TOld, tNew = _stepper.T;
        Span<double> gNew = _events.Length <= 64 ? stackalloc double[_events.Length] : new double[_events.Length];
        var found = new List<(double T, int E, bool Rising)>();
        for (int e = 0; e < _events.Length; e++)
        {
            gNew[e] = EvaluateEvent(e, tNew, _stepper.Y);
            double g0 = _gOld[e], g1 = gNew[e];
            if (g0 == 0 || double.IsNaN(g0) || double.IsNaN(g1)) continue;
            bool rising = g0 < 0 && g1 >= 0, falling = g0 > 0 && g1 <= 0;
            var dir = _events[e].Direction;
            if ((rising && dir != EventDirection.Falling) || (falling && dir != EventDirection.Rising))
            {
                double te = g1 == 0 ? tNew : FindRoot(e, tOld, tNew, g0, g1);
                found.Add((te, e, rising));
            }
        }
        for (int e = 0; e < _events.Length; e++) _gOld[e] = gNew[e];
        if (found.Count == 0) return false;
        found.Sort((a, b) => (_direction * a.T).CompareTo(_direction * b.T));
        foreach (var (te, e, rising) in found)
        {
            var y = new double[Problem.Dimension];
            if (te == tNew) _stepper.Y.CopyTo(y, 0); else _stepper.Interpolate(te, y);
            _eventRecords.Add(new OdeEventRecord(e, _events[e].Name, te, y, rising));
            if (_events[e].Terminal)
            {
                terminalTime = te;
                return true;
            }
        }
        return false;
    }

    /// <summary>The root of event <paramref name="e"/> in [a, b] on the last step's dense output.</summary>
    private double FindRoot(int e, double a, double b, double fa, double fb)
    {
        var y = _work;
        return BrentRoot.Find(t =>
        {
            _stepper.Interpolate(t, y);
            return EvaluateEvent(e, t, y);
        }, a, b, fa, fb);
    }
}

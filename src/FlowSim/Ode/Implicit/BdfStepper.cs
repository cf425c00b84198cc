namespace FlowSim.Ode;

/// <summary>
/// The per-run state of <see cref="Bdf"/>: the backward differences (<see cref="BdfDifferences"/>), the Jacobian and
/// the LU of I − (h/α_k) J. The formulas and the history are SciPy's (NDF, quasi-constant step); the corrector test,
/// the Jacobian refresh and the choice of order and step are LSODE's (Hindmarsh's DSTODE): the convergence rate of the
/// simplified Newton iteration is carried from step to step, so that a step whose first correction is already small
/// against the error tolerance stops after one iteration; the Jacobian is re-evaluated every 20 steps, when h/α moved by
/// more than 30 % since it was taken, and after a corrector failure.
/// </summary>
internal sealed class BdfStepper : OdeStepper
{
    public const int MaxOrder = 5;

    private readonly int _maxOrder;
    private readonly double[] _gamma = new double[MaxOrder + 2];
    private readonly double[] _alpha = new double[MaxOrder + 2];
    private readonly double[] _errorConst = new double[MaxOrder + 2];
    private readonly JacobianEvaluator _jacobian;
    private readonly RealShiftedSystem _lu;
    private readonly double[] _jac;
    private readonly BdfDifferences _d;
    private readonly double[] _yPredict, _psi, _yNew, _dSum, _dy, _f, _work;
    private int _order;
    private int _equalSteps;
    private double _hAbs;
    private double _rate = LsodeStrategy.InitialRate, _cAtJacobian = double.NaN, _maxGrowth = LsodeStrategy.MaxGrowth;
    private int _stepsSinceJacobian;

    public BdfStepper(OdeProblem problem, OdeOptions options, SolverStatistics statistics, bool ndf, int maxOrder)
        : base(problem, options, statistics)
    {
        int n = N;
        _maxOrder = maxOrder;
        // NDF coefficients κ of Shampine & Reichelt (1997), Table 1; κ = 0 gives the classical BDF.
        double[] kappa = ndf ? [0, -0.1850, -1.0 / 9, -0.0823, -0.0415, 0] : new double[MaxOrder + 1];
        for (int k = 1; k <= MaxOrder; k++) _gamma[k] = _gamma[k - 1] + 1.0 / k;
        for (int k = 0; k <= MaxOrder; k++)
        {
            _alpha[k] = (1 - kappa[k]) * _gamma[k];
            _errorConst[k] = kappa[k] * _gamma[k] + 1.0 / (k + 1);
        }
        var layout = JacobianLayout.For(problem);
        _jacobian = new JacobianEvaluator(problem, statistics, layout);
        _lu = layout.CreateRealSystem(statistics);
        _jac = new double[layout.Length];
        _d = new BdfDifferences(n, MaxOrder);
        _yPredict = new double[n];
        _psi = new double[n];
        _yNew = new double[n];
        _dSum = new double[n];
        _dy = new double[n];
        _f = new double[n];
        _work = new double[n];
        Start();
    }

    /// <summary>Order of the last step (varies between 1 and <see cref="Bdf.MaxOrder"/>).</summary>
    public override int Order => _order;

    /// <summary>Order 1 from (T, Y): f, first step, the difference array and a fresh Jacobian.</summary>
    private void Start()
    {
        EvaluateRhs(T, Y, _f);
        _hAbs = Options.InitialStep ?? InitialStep.Select((t, y, f) => EvaluateRhs(t, y, f), T, Y, _f, Direction, 2,
            RelTol, AbsTol, Options.MaxStep, _work, _dy);
        _hAbs = Math.Min(_hAbs, Options.MaxStep);
        ProposedStep = _hAbs;
        _d.Reset(Y, _f, _hAbs * Direction);
        _order = 1;
        _equalSteps = 0;
        _maxGrowth = LsodeStrategy.MaxGrowth;
        _lu.Invalidate();
        _jacobian.Evaluate(T, Y, _f, _jac);
        _rate = LsodeStrategy.InitialRate;
        _stepsSinceJacobian = 0;
        _cAtJacobian = _hAbs * Direction / _alpha[1];
    }

    public override StepOutcome Step(double tBound)
    {
        double t = T;
        int n = N;
        double hMin = MinimumStepAt(t);
        double hAbs = _hAbs;
        if (hAbs > Options.MaxStep)
        {
            _d.Rescale(_order, Options.MaxStep / hAbs);
            hAbs = Options.MaxStep;
            _equalSteps = 0;
            _lu.Invalidate();
        }
        else if (hAbs < hMin)
        {
            _d.Rescale(_order, hMin / hAbs);
            hAbs = hMin;
            _equalSteps = 0;
            _lu.Invalidate();
        }
        int order = _order;
        bool jacobianCurrent = false;
        bool sawNonFinite = false;
        int errorFailures = 0;
        while (true)
        {
            if (hAbs < hMin)
            {
                if (sawNonFinite)
                {
                    FailureMessage = $"the right-hand side stays non-finite near t = {t:R} however small the step";
                    return StepOutcome.NonFinite;
                }
                FailureMessage = $"step size {hAbs:G3} fell below the minimum {hMin:G3} at t = {t:R}";
                return StepOutcome.StepSizeTooSmall;
            }
            double tNew = t + Direction * hAbs;
            if (Direction * (tNew - tBound) >= 0)
            {
                if (tNew != tBound)
                {
                    tNew = tBound;
                    Resize(order, Math.Abs(tNew - t) / hAbs);
                }
                hAbs = Math.Abs(tNew - t);
            }
            // The formula uses the step D is spaced for, not the rounded tNew − t: the two differ by up to an ulp of t,
            // and mixing them (SciPy takes c = (tNew − t)/α with D on the unrounded spacing) puts an error of
            // (rounding)·y' into every step that no smaller step removes — on Van der Pol's fast transition at rtol
            // 1e-10 the step shrank below 1e-15 and the run stopped. tNew only labels the new point (and is where f is
            // evaluated).
            double h = Direction * hAbs;

            // Predictor: the interpolating polynomial extrapolated one step; ψ carries the history terms.
            _d.Predict(order, _gamma, _alpha[order], _yPredict, _psi);
            double c = h / _alpha[order];
            if (!jacobianCurrent && (_stepsSinceJacobian >= LsodeStrategy.StepsPerJacobian || !(Math.Abs(c / _cAtJacobian - 1) <= LsodeStrategy.MaxCoefficientChange)))
            {
                RefreshJacobian(tNew, _yPredict, c);
                jacobianCurrent = true;
            }
            bool converged = false;
            while (!converged)
            {
                if (!_lu.IsValid && !_lu.FactorShifted(1.0, -c, _jac))
                {
                    // A singular iteration matrix: a fresher Jacobian may help; otherwise shrink the step.
                    if (jacobianCurrent) break;
                    RefreshJacobian(tNew, _yPredict, c);
                    jacobianCurrent = true;
                    continue;
                }
                converged = SolveCorrector(tNew, c, order, ref sawNonFinite);
                if (!converged)
                {
                    if (jacobianCurrent) break;
                    RefreshJacobian(tNew, _yPredict, c);
                    jacobianCurrent = true;
                }
            }
            if (!converged)
            {
                Statistics.NewtonFailures++;
                Statistics.RejectedSteps++;
                _maxGrowth = LsodeStrategy.MaxGrowthAfterFailure;
                hAbs *= LsodeStrategy.ConvergenceFailureFactor;
                Resize(order, LsodeStrategy.ConvergenceFailureFactor);
                continue;
            }

            double errorNorm = _errorConst[order] * Norm(_dSum, _yNew);
            if (errorNorm > 1)
            {
                Statistics.RejectedSteps++;
                errorFailures++;
                _maxGrowth = LsodeStrategy.MaxGrowthAfterFailure;
                if (errorFailures >= 3)
                {
                    // LSODE: a third failure in a row restarts at order 1 from f(t, y) with a tenth of the step.
                    hAbs *= LsodeStrategy.ThirdFailureRatio;
                    EvaluateRhs(t, Y, _f);
                    _d.Reset(Y, _f, hAbs * Direction);
                    order = _order = 1;
                    _equalSteps = 0;
                    _lu.Invalidate();
                    continue;
                }
                // Same order, or one lower when its estimate (from D_k) allows a longer step, but never a longer step
                // than the failed one; from the second failure on at least a factor 5 shorter.
                double lower = order > 1 ? _errorConst[order - 1] * Norm(_d[order], _yNew) : double.PositiveInfinity;
                var (delta, ratio) = LsodeStrategy.Choose(order, lower, errorNorm, double.PositiveInfinity);
                ratio = Math.Min(ratio, errorFailures >= 2 ? LsodeStrategy.SecondFailureBound : 1);
                order = _order = order + delta;
                hAbs *= ratio;
                Resize(order, ratio);
                continue;
            }
            _equalSteps++;
            _stepsSinceJacobian++;
            TOld = t;
            Array.Copy(Y, YOld, n);
            Array.Copy(_yNew, Y, n);
            T = tNew;
            _hAbs = hAbs;
            Statistics.AcceptedSteps++;

            _d.Advance(order, _dSum);

            if (_equalSteps >= order + 1)
            {
                // Order and step from the error estimates of orders k−1, k, k+1 (SciPy's estimates, LSODE's rule).
                double errM = order > 1 ? _errorConst[order - 1] * Norm(_d[order], _yNew) : double.PositiveInfinity;
                double errP = order < _maxOrder ? _errorConst[order + 1] * Norm(_d[order + 2], _yNew) : double.PositiveInfinity;
                var (delta, ratio) = LsodeStrategy.Choose(order, errM, errorNorm, errP);
                if (ratio < LsodeStrategy.MinimumGain) _equalSteps = order + 1 - LsodeStrategy.StepsBeforeNextLook;
                else
                {
                    ratio = Math.Min(ratio, _maxGrowth);
                    _maxGrowth = LsodeStrategy.MaxGrowth;
                    _order = order + delta;
                    _hAbs *= ratio;
                    Resize(_order, ratio);
                }
            }
            ProposedStep = _hAbs;
            return StepOutcome.Accepted;
        }
    }

    /// <summary>Re-expresses the history for a step ratio and restarts the count of steps at this step size.</summary>
    private void Resize(int order, double ratio)
    {
        _d.Rescale(order, ratio);
        _equalSteps = 0;
        _lu.Invalidate();
    }

    private void RefreshJacobian(double t, ReadOnlySpan<double> y, double c)
    {
        if (!_jacobian.IsAnalytic) EvaluateRhs(t, y, _f);
        _jacobian.Evaluate(t, y, _f, _jac);
        _lu.Invalidate();
        _rate = LsodeStrategy.InitialRate;
        _stepsSinceJacobian = 0;
        _cAtJacobian = c;
    }

    /// <summary>LSODE's corrector: simplified Newton from the predictor, y_new in _yNew and the correction d in _dSum.
    /// Converged when the iteration error left, estimated as ‖Δ‖·min(1, 1.5·rate) with the rate carried over from the
    /// earlier steps, adds at most 0.5/(k + 2) to the error estimate (LSODE's CONIT); fails after three corrections or
    /// when a correction more than doubles.</summary>
    private bool SolveCorrector(double tNew, double c, int order, ref bool sawNonFinite)
    {
        int n = N;
        Array.Copy(_yPredict, _yNew, n);
        Array.Clear(_dSum);
        double previous = 0, allowed = 0.5 / (order + 2) / _errorConst[order];
        for (int m = 0; m < LsodeStrategy.MaxCorrections; m++)
        {
            EvaluateRhs(tNew, _yNew, _f);
            Statistics.NewtonIterations++;
            if (!Kernels.VectorKernels.AllFinite(_f))
            {
                sawNonFinite = true;
                return false;
            }
            for (int i = 0; i < n; i++) _dy[i] = c * _f[i] - _psi[i] - _dSum[i];
            _lu.Solve(_dy);
            double correction = Norm(_dy, _yPredict);
            if (!double.IsFinite(correction)) return false;
            for (int i = 0; i < n; i++)
            {
                _yNew[i] += _dy[i];
                _dSum[i] += _dy[i];
            }
            if (m > 0) _rate = Math.Max(0.2 * _rate, correction / previous);
            if (correction * Math.Min(1, 1.5 * _rate) <= allowed) return true;
            if (m >= 1 && correction > 2 * previous) return false;
            previous = correction;
        }
        return false;
    }

    /// <summary>‖v‖ weighted by atol + rtol·|y| (the engine's norm kernel with y as both states).</summary>
    private double Norm(double[] v, double[] y) => ErrorNorm(v, y, y);

    public override void Restart(double t, ReadOnlySpan<double> y)
    {
        MoveTo(t, y);
        Start();
    }

    public override IDenseInterpolant Interpolant => BdfInterpolant.Instance;

    public override int DenseDataLength => 2 + (_order + 1) * N;

    public override void CaptureDense(Span<double> data) => _d.Capture(_order, T, _hAbs * Direction, data);

    public override void Interpolate(double t, Span<double> y) => _d.Interpolate(_order, T, _hAbs * Direction, t, y);
}

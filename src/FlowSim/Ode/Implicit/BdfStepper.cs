namespace FlowSim.Ode;

/// <summary>
/// The per-run state of <see cref="Bdf"/>: the backward differences (<see cref="BdfDifferences"/>), the Jacobian and
/// the LU of I − (h/α_k) J, both reused until the Newton iteration stops converging or h or the order change.
/// </summary>
internal sealed class BdfStepper : OdeStepper
{
    public const int MaxOrder = 5;
    /// <summary>Newton iterations per attempt before the attempt counts as not converging (SciPy's NEWTON_MAXITER).</summary>
    private const int NewtonMaxIterations = 4;
    /// <summary>Bounds of the step-size change after an error test (SciPy's MIN_FACTOR, MAX_FACTOR).</summary>
    private const double MinFactor = 0.2, MaxFactor = 10;

    private readonly int _maxOrder;
    private readonly double[] _gamma = new double[MaxOrder + 2];
    private readonly double[] _alpha = new double[MaxOrder + 2];
    private readonly double[] _errorConst = new double[MaxOrder + 2];
    private readonly double _newtonTol;
    private readonly JacobianEvaluator _jacobian;
    private readonly RealShiftedSystem _lu;
    private readonly double[] _jac;
    private readonly BdfDifferences _d;
    private readonly double[] _yPredict, _psi, _yNew, _dSum, _dy, _f, _work;
    private int _order;
    private int _equalSteps;
    private double _hAbs;

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
        // Newton stops well below the tolerance, but not below what rounding allows (SciPy's choice).
        _newtonTol = Math.Max(10 * 2.220446049250313e-16 / RelTol, Math.Min(0.03, Math.Sqrt(RelTol)));
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
        _lu.Invalidate();
        _jacobian.Evaluate(T, Y, _f, _jac);
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
        double tNew, errorNorm;
        int iterations;
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
            tNew = t + Direction * hAbs;
            if (Direction * (tNew - tBound) >= 0)
            {
                if (tNew != tBound)
                {
                    tNew = tBound;
                    _d.Rescale(order, Math.Abs(tNew - t) / hAbs);
                    _equalSteps = 0;
                    _lu.Invalidate();
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
            bool converged = false;
            iterations = 0;
            while (!converged)
            {
                if (!_lu.IsValid && !_lu.FactorShifted(1.0, -c, _jac))
                {
                    // A singular iteration matrix: a fresher Jacobian may help; otherwise shrink the step.
                    if (jacobianCurrent) break;
                    RefreshJacobian(tNew, _yPredict);
                    jacobianCurrent = true;
                    continue;
                }
                converged = SolveNewton(tNew, c, out iterations, ref sawNonFinite);
                if (!converged)
                {
                    if (jacobianCurrent) break;
                    RefreshJacobian(tNew, _yPredict);
                    jacobianCurrent = true;
                }
            }
            if (!converged)
            {
                const double factor = 0.5;
                hAbs *= factor;
                _d.Rescale(order, factor);
                _equalSteps = 0;
                _lu.Invalidate();
                Statistics.RejectedSteps++;
                continue;
            }

            double safety = 0.9 * (2 * NewtonMaxIterations + 1) / (2 * NewtonMaxIterations + iterations);
            errorNorm = _errorConst[order] * Norm(_dSum, _yNew);
            if (errorNorm > 1)
            {
                Statistics.RejectedSteps++;
                _equalSteps = 0;
                errorFailures++;
                double factor = Math.Max(MinFactor, safety * Math.Pow(errorNorm, -1.0 / (order + 1)));
                if (errorFailures >= 2 && order > 1)
                {
                    // A second failure in a row: take order − 1 when its error estimate (from D_k) allows a longer step, as
                    // LSODE and VODE do (SciPy keeps the order until k + 1 steps have passed).
                    double lower = _errorConst[order - 1] * Norm(_d[order], _yNew);
                    double lowerFactor = Math.Max(MinFactor, safety * Math.Pow(lower, -1.0 / order));
                    if (lowerFactor > factor)
                    {
                        order = _order = order - 1;
                        factor = lowerFactor;
                        _lu.Invalidate();
                    }
                }
                hAbs *= factor;
                _d.Rescale(order, factor);
                // The Newton iteration converged, so the LU is kept up to the new c: SciPy keeps it too.
                continue;
            }
            _equalSteps++;
            TOld = t;
            Array.Copy(Y, YOld, n);
            Array.Copy(_yNew, Y, n);
            T = tNew;
            _hAbs = hAbs;
            Statistics.AcceptedSteps++;

            _d.Advance(order, _dSum);

            if (_equalSteps >= order + 1)
            {
                // Order selection from the error estimates of orders k−1, k, k+1, as SciPy does.
                double errM = order > 1 ? _errorConst[order - 1] * Norm(_d[order], _yNew) : double.PositiveInfinity;
                double errP = order < _maxOrder ? _errorConst[order + 1] * Norm(_d[order + 2], _yNew) : double.PositiveInfinity;
                double fM = Math.Pow(errM, -1.0 / order);
                double f0 = Math.Pow(errorNorm, -1.0 / (order + 1));
                double fP = Math.Pow(errP, -1.0 / (order + 2));
                int delta = 0;
                double best = f0;
                if (fM > best) { best = fM; delta = -1; }
                if (fP > best) { best = fP; delta = 1; }
                if (double.IsNaN(best)) best = f0;
                _order = order + delta;
                double factor = Math.Min(MaxFactor, safety * best);
                _hAbs *= factor;
                _d.Rescale(_order, factor);
                _equalSteps = 0;
                _lu.Invalidate();
            }
            ProposedStep = _hAbs;
            return StepOutcome.Accepted;
        }
    }

    private void RefreshJacobian(double t, ReadOnlySpan<double> y)
    {
        if (!_jacobian.IsAnalytic) EvaluateRhs(t, y, _f);
        _jacobian.Evaluate(t, y, _f, _jac);
        _lu.Invalidate();
    }

    /// <summary>Simplified Newton for y = ψ-corrected BDF equation; y_new in _yNew, the correction d in _dSum.</summary>
    private bool SolveNewton(double tNew, double c, out int iterations, ref bool sawNonFinite)
    {
        int n = N;
        Array.Copy(_yPredict, _yNew, n);
        Array.Clear(_dSum);
        double dyNormOld = double.NaN;
        bool converged = false;
        int k;
        for (k = 0; k < NewtonMaxIterations; k++)
        {
            EvaluateRhs(tNew, _yNew, _f);
            if (!Kernels.VectorKernels.AllFinite(_f))
            {
                sawNonFinite = true;
                break;
            }
            for (int i = 0; i < n; i++) _dy[i] = c * _f[i] - _psi[i] - _dSum[i];
            _lu.Solve(_dy);
            double dyNorm = Norm(_dy, _yPredict);
            double rate = double.IsNaN(dyNormOld) ? double.NaN : dyNorm / dyNormOld;
            if (!double.IsNaN(rate) && (rate >= 1 || Math.Pow(rate, NewtonMaxIterations - k) / (1 - rate) * dyNorm > _newtonTol))
                break;
            if (!double.IsFinite(dyNorm)) break;
            for (int i = 0; i < n; i++)
            {
                _yNew[i] += _dy[i];
                _dSum[i] += _dy[i];
            }
            if (dyNorm == 0 || (!double.IsNaN(rate) && rate / (1 - rate) * dyNorm < _newtonTol))
            {
                converged = true;
                break;
            }
            dyNormOld = dyNorm;
        }
        iterations = Math.Min(k + 1, NewtonMaxIterations);
        return converged;
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

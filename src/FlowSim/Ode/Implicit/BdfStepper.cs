namespace FlowSim.Ode;

/// <summary>
/// The per-run state of <see cref="Bdf"/>: the backward-difference array D (SciPy's layout: D_0 = y_n,
/// D_j = ∇^j y_n on a grid of constant spacing h), the Jacobian and the LU of I − (h/α_k) J, both reused
/// until the Newton iteration stops converging or h or the order change.
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
    private readonly double[][] _d;
    private readonly double[] _yPredict, _psi, _yNew, _dSum, _dy, _f, _scale, _work;
    private readonly double[,] _r = new double[MaxOrder + 1, MaxOrder + 1];
    private readonly double[,] _u = new double[MaxOrder + 1, MaxOrder + 1];
    private readonly double[,] _ru = new double[MaxOrder + 1, MaxOrder + 1];
    private readonly double[][] _dNew;
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
        _d = new double[MaxOrder + 3][];
        for (int i = 0; i < _d.Length; i++) _d[i] = new double[n];
        _dNew = new double[MaxOrder + 1][];
        for (int i = 0; i < _dNew.Length; i++) _dNew[i] = new double[n];
        _yPredict = new double[n];
        _psi = new double[n];
        _yNew = new double[n];
        _dSum = new double[n];
        _dy = new double[n];
        _f = new double[n];
        _scale = new double[n];
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
        Array.Copy(Y, _d[0], N);
        for (int i = 0; i < N; i++) _d[1][i] = _f[i] * _hAbs * Direction;
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
            ChangeD(_order, Options.MaxStep / hAbs);
            hAbs = Options.MaxStep;
            _equalSteps = 0;
            _lu.Invalidate();
        }
        else if (hAbs < hMin)
        {
            ChangeD(_order, hMin / hAbs);
            hAbs = hMin;
            _equalSteps = 0;
            _lu.Invalidate();
        }
        int order = _order;
        bool jacobianCurrent = false;
        bool sawNonFinite = false;
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
                    ChangeD(order, Math.Abs(tNew - t) / hAbs);
                    _equalSteps = 0;
                    _lu.Invalidate();
                }
            }
            double h = tNew - t;
            hAbs = Math.Abs(h);

            // Predictor: the interpolating polynomial extrapolated one step; ψ carries the history terms.
            for (int i = 0; i < n; i++)
            {
                double yp = 0, psi = 0;
                for (int j = 0; j <= order; j++) yp += _d[j][i];
                for (int j = 1; j <= order; j++) psi += _gamma[j] * _d[j][i];
                _yPredict[i] = yp;
                _psi[i] = psi / _alpha[order];
                _scale[i] = AbsTol[i] + RelTol * Math.Abs(yp);
            }
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
                ChangeD(order, factor);
                _equalSteps = 0;
                _lu.Invalidate();
                Statistics.RejectedSteps++;
                continue;
            }

            double safety = 0.9 * (2 * NewtonMaxIterations + 1) / (2 * NewtonMaxIterations + iterations);
            for (int i = 0; i < n; i++) _scale[i] = AbsTol[i] + RelTol * Math.Abs(_yNew[i]);
            errorNorm = _errorConst[order] * WeightedRms(_dSum, _scale);
            if (errorNorm > 1)
            {
                double factor = Math.Max(MinFactor, safety * Math.Pow(errorNorm, -1.0 / (order + 1)));
                hAbs *= factor;
                ChangeD(order, factor);
                _equalSteps = 0;
                // The Newton iteration converged, so the LU is kept up to the new c: SciPy keeps it too.
                Statistics.RejectedSteps++;
                continue;
            }
            _equalSteps++;
            TOld = t;
            Array.Copy(Y, YOld, n);
            Array.Copy(_yNew, Y, n);
            T = tNew;
            _hAbs = hAbs;
            Statistics.AcceptedSteps++;

            // D^{j+1} y_n = D^j y_n − D^j y_{n−1}; d = D^{k+1} y_n, and D held the previous step's differences.
            var dk2 = _d[order + 2];
            var dk1 = _d[order + 1];
            for (int i = 0; i < n; i++)
            {
                dk2[i] = _dSum[i] - dk1[i];
                dk1[i] = _dSum[i];
            }
            for (int j = order; j >= 0; j--)
            {
                var dj = _d[j];
                var dn = _d[j + 1];
                for (int i = 0; i < n; i++) dj[i] += dn[i];
            }

            if (_equalSteps >= order + 1)
            {
                // Order selection from the error estimates of orders k−1, k, k+1, as SciPy does.
                double errM = order > 1 ? _errorConst[order - 1] * WeightedRms(_d[order], _scale) : double.PositiveInfinity;
                double errP = order < _maxOrder ? _errorConst[order + 1] * WeightedRms(_d[order + 2], _scale) : double.PositiveInfinity;
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
                ChangeD(_order, factor);
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
            double dyNorm = WeightedRms(_dy, _scale);
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

    private static double WeightedRms(ReadOnlySpan<double> v, ReadOnlySpan<double> scale)
    {
        double sum = 0;
        for (int i = 0; i < v.Length; i++)
        {
            double r = v[i] / scale[i];
            sum += r * r;
        }
        return Math.Sqrt(sum / v.Length);
    }

    /// <summary>Re-expresses D_0…D_order for a grid of spacing factor·h: D ← (R·U)ᵀ D (SciPy's <c>change_D</c>).</summary>
    private void ChangeD(int order, double factor)
    {
        FillR(_r, order, factor);
        FillR(_u, order, 1.0);
        int m = order + 1;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++)
            {
                double s = 0;
                for (int l = 0; l < m; l++) s += _r[i, l] * _u[l, j];
                _ru[i, j] = s;
            }
        int n = N;
        for (int j = 0; j < m; j++)
        {
            var dst = _dNew[j];
            Array.Clear(dst);
            for (int i = 0; i < m; i++)
            {
                double w = _ru[i, j];
                if (w == 0) continue;
                var src = _d[i];
                for (int q = 0; q < n; q++) dst[q] += w * src[q];
            }
        }
        for (int j = 0; j < m; j++) Array.Copy(_dNew[j], _d[j], n);
    }

    /// <summary>R[i, j] = Π_{l=1..i} (l − 1 − factor·j)/l, R[0, j] = 1 (SciPy's <c>compute_R</c>).</summary>
    private static void FillR(double[,] r, int order, double factor)
    {
        for (int j = 0; j <= order; j++) r[0, j] = 1;
        for (int i = 1; i <= order; i++)
        {
            r[i, 0] = 0;
            for (int j = 1; j <= order; j++) r[i, j] = r[i - 1, j] * (i - 1 - factor * j) / i;
        }
    }

    public override void Restart(double t, ReadOnlySpan<double> y)
    {
        MoveTo(t, y);
        Start();
    }

    public override IDenseInterpolant Interpolant => BdfInterpolant.Instance;

    public override int DenseDataLength => 2 + (_order + 1) * N;

    public override void CaptureDense(Span<double> data)
    {
        data[0] = T;
        data[1] = _hAbs * Direction;
        for (int j = 0; j <= _order; j++) _d[j].CopyTo(data.Slice(2 + j * N, N));
    }

    public override void Interpolate(double t, Span<double> y)
    {
        int n = N;
        double hD = _hAbs * Direction;
        Array.Copy(_d[0], _work, n);
        double p = 1;
        for (int j = 1; j <= _order; j++)
        {
            p *= (t - (T - (j - 1) * hD)) / (j * hD);
            var dj = _d[j];
            for (int i = 0; i < n; i++) _work[i] += p * dj[i];
        }
        _work.AsSpan().CopyTo(y);
    }
}

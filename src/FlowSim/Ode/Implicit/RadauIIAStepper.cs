using FlowSim.Kernels;

namespace FlowSim.Ode;

/// <summary>
/// The per-run state of a <see cref="RadauIIA"/> method of s stages: stage increments Z (= stage values − y) and their
/// transform W = T⁻¹Z, the Jacobian and the factorisations of the real and the (s − 1)/2 complex iteration matrices, and
/// the collocation polynomial of the last step (the dense output and the Newton predictor of the next step). Follows
/// Hairer's RADAU5 (and, for five stages, RADAU) step for step; the step-attempt loop is <see cref="OneStepStepper"/>'s.
/// </summary>
internal sealed class RadauIIAStepper : OneStepStepper
{
    private const double Eps = 2.220446049250313e-16;
    /// <summary>Singular iteration matrices in a row before the run fails (RADAU5 stops at 5).</summary>
    private const int MaxSingular = 5;

    private readonly RadauIIA _method;
    private readonly RadauIIATableau _tableau;
    private readonly int _s;
    private readonly JacobianEvaluator _jacobian;
    private readonly double[] _jac;
    private readonly RealShiftedSystem _real;
    private readonly ComplexShiftedSystem[] _complex;
    private readonly double[] _atol;
    private readonly double _rtol, _newtonTolerance, _recomputeRate;
    private readonly double[] _f0, _err, _zAccepted, _coefficients, _stageScalars, _alphaOverH, _betaOverH;
    private readonly double[][] _z, _w, _r;
    private double[] _stage;
    private readonly double[] _dense;
    private double _factoredH = double.NaN, _hAccepted, _faccon = 1, _theta;
    private bool _needJacobian = true, _jacobianFresh, _first = true, _havePolynomial, _attemptPending, _retry;
    private int _singular;

    public RadauIIAStepper(OdeProblem problem, OdeOptions options, SolverStatistics statistics, RadauIIA method,
        IStepSizeController? controller)
        : base(problem, options, statistics, controller, method.FixedStep ?? 0)
    {
        int n = N;
        _method = method;
        _tableau = method.Tableau;
        _s = _tableau.Stages;
        var layout = JacobianLayout.For(problem);
        _jacobian = new JacobianEvaluator(problem, statistics, layout);
        _jac = new double[layout.Length];
        _real = layout.CreateRealSystem(statistics);
        _complex = new ComplexShiftedSystem[(_s - 1) / 2];
        for (int p = 0; p < _complex.Length; p++) _complex[p] = layout.CreateComplexSystem(statistics);
        // RADAU5's transformed tolerances (see RadauIIA's remarks).
        double rtol = options.RelTol;
        _rtol = method.TransformTolerances ? 0.1 * Math.Pow(rtol, 2.0 / 3) : rtol;
        _atol = AbsTol.ToArray();
        for (int i = 0; i < n; i++) _atol[i] *= _rtol / rtol;
        _newtonTolerance = Math.Max(10 * Eps / _rtol, Math.Min(0.03, Math.Sqrt(_rtol)));
        _recomputeRate = method.JacobianRecomputeRate ?? (_jacobian.IsAnalytic ? 0.001 : 0.1);
        _f0 = new double[n];
        _z = NewStageVectors(_s, n);
        _w = NewStageVectors(_s, n);
        _r = NewStageVectors(_s, n);
        _coefficients = new double[_s];
        _stageScalars = new double[_s];
        _alphaOverH = new double[_complex.Length];
        _betaOverH = new double[_complex.Length];
        _err = new double[n];
        _zAccepted = new double[n];
        _stage = new double[n];
        _dense = new double[(_s + 1) * n];
        EvaluateRhs(T, Y, _f0);
        ProposedStep = method.FixedStep ?? options.InitialStep ?? InitialStep.Select((t, y, f) => EvaluateRhs(t, y, f), T, Y, _f0,
            Direction, _tableau.ErrorOrder + 1, _rtol, _atol, options.MaxStep, new double[n], new double[n]);
    }

    private static double[][] NewStageVectors(int s, int n)
    {
        var v = new double[s][];
        for (int i = 0; i < s; i++) v[i] = new double[n];
        return v;
    }

    public override int Order => _tableau.Order;

    private protected override int ErrorOrder => _tableau.ErrorOrder;

    private protected override int MaxNewtonIterations => _method.MaxNewtonIterations;

    private protected override StepAttempt Attempt(double t, double hSigned, bool adaptive)
    {
        if (_attemptPending)
        {
            // A retry of this step: RADAU5 takes a fresh Jacobian unless the one in use was computed for this step.
            _retry = true;
            if (!_jacobianFresh) _needJacobian = true;
        }
        _attemptPending = true;
        if (_needJacobian)
        {
            _jacobian.Evaluate(t, Y, _f0, _jac);
            _needJacobian = false;
            _jacobianFresh = true;
            _factoredH = double.NaN;
        }
        if (hSigned != _factoredH)
        {
            if (!Factor(hSigned))
            {
                _factoredH = double.NaN;
                if (++_singular >= MaxSingular)
                {
                    FailureMessage = $"the iteration matrix was singular {MaxSingular} times in a row at t = {t:R}";
                    return StepAttempt.Failed;
                }
                return StepAttempt.NotConverged(0.5);
            }
            _factoredH = hSigned;
        }
        Predict(hSigned);
        var newton = SolveCollocation(t, hSigned);
        if (newton.Status != AttemptStatus.Completed) return newton;
        return StepAttempt.Completed(adaptive ? EstimateError(t, hSigned) : 0.0, newton.NewtonIterations);
    }

    private bool Factor(double h)
    {
        if (!_real.FactorShifted(_tableau.Gamma / h, -1.0, _jac)) return false;
        for (int p = 0; p < _complex.Length; p++)
            if (!_complex[p].FactorShifted(_tableau.Alpha[p] / h, _tableau.Beta[p] / h, -1.0, _jac)) return false;
        return true;
    }

    /// <summary>Starting values: the last step's collocation polynomial extrapolated to the new stages (zero at the
    /// start and after a restart), Z_i = u(t + c_i h) − y, and W = T⁻¹Z.</summary>
    private void Predict(double h)
    {
        int n = N, s = _s;
        if (!_havePolynomial)
        {
            for (int j = 0; j < s; j++) { Array.Clear(_z[j]); Array.Clear(_w[j]); }
            return;
        }
        double ratio = h / _hAccepted;
        var c = _tableau.C;
        var z = _coefficients;
        var theta = _stageScalars;
        for (int j = 0; j < s; j++) theta[j] = 1 + c[j] * ratio;
        for (int i = 0; i < n; i++)
        {
            double zl = _zAccepted[i];
            for (int j = 0; j < s; j++)
            {
                // u(θ) − y_new = Σ_k Q_k θ^k − Z_s of the last step (θ measured on the last step), by Horner.
                double th = theta[j], acc = _dense[s * n + i];
                for (int k = s - 1; k >= 1; k--) acc = _dense[k * n + i] + th * acc;
                z[j] = th * acc - zl;
                _z[j][i] = z[j];
            }
            TransformInverse(i, z);
        }
    }

    /// <summary>W[·][i] = T⁻¹·z for component i.</summary>
    private void TransformInverse(int i, double[] z)
    {
        var ti = _tableau.TInverse;
        for (int j = 0; j < _s; j++)
        {
            double acc = ti[j, 0] * z[0];
            for (int l = 1; l < _s; l++) acc += ti[j, l] * z[l];
            _w[j][i] = acc;
        }
    }

    /// <summary>RADAU5's simplified Newton iteration in the transformed variables, with its convergence monitor:
    /// stops when the predicted remaining error is below the Newton tolerance, and gives up early (with a step factor
    /// from the observed contraction rate) when the iteration would not get there within the allowed iterations.</summary>
    private StepAttempt SolveCollocation(double t, double h)
    {
        int n = N, s = _s, maxIterations = _method.MaxNewtonIterations;
        var ti = _tableau.TInverse;
        var tm = _tableau.T;
        var c = _tableau.C;
        double gamma = _tableau.Gamma / h;
        _faccon = Math.Pow(Math.Max(_faccon, Eps), 0.8);
        _theta = _recomputeRate;
        double dyNormOld = 0, rateOld = 0;
        var a = _coefficients;
        for (int p = 0; p < _complex.Length; p++)
        {
            _alphaOverH[p] = _tableau.Alpha[p] / h;
            _betaOverH[p] = _tableau.Beta[p] / h;
        }
        for (int iteration = 1; ; iteration++)
        {
            if (iteration > maxIterations) return NewtonFailed(0.5);
            for (int j = 0; j < s - 1; j++) StageDerivative(t + c[j] * h, _z[j], _r[j]);
            StageDerivative(t + h, _z[s - 1], _r[s - 1]);
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < s; j++) a[j] = _r[j][i];
                for (int j = 0; j < s; j++)
                {
                    double acc = ti[j, 0] * a[0];
                    for (int l = 1; l < s; l++) acc += ti[j, l] * a[l];
                    _r[j][i] = acc;
                }
                _r[0][i] -= gamma * _w[0][i];
                for (int p = 0, j = 1; j < s; p++, j += 2)
                {
                    double alpha = _alphaOverH[p], beta = _betaOverH[p], wRe = _w[j][i], wIm = _w[j + 1][i];
                    _r[j][i] = _r[j][i] - alpha * wRe + beta * wIm;
                    _r[j + 1][i] = _r[j + 1][i] - beta * wRe - alpha * wIm;
                }
            }
            _real.Solve(_r[0]);
            for (int p = 0; p < _complex.Length; p++) _complex[p].Solve(_r[1 + 2 * p], _r[2 + 2 * p]);
            Statistics.NewtonIterations++;
            var norm = ErrorNormKernel;
            double sum = norm.MeanSquare(_r[0], Y, Y, _atol, _rtol);
            for (int j = 1; j < s; j++) sum += norm.MeanSquare(_r[j], Y, Y, _atol, _rtol);
            double dyNorm = Math.Sqrt(sum / s);
            if (!double.IsFinite(dyNorm)) return StepAttempt.NonFinite;
            if (iteration > 1 && iteration < maxIterations)
            {
                double rate = dyNorm / dyNormOld;
                _theta = iteration == 2 ? rate : Math.Sqrt(rate * rateOld);
                rateOld = rate;
                if (!(_theta < 0.99)) return NewtonFailed(0.5);
                _faccon = _theta / (1 - _theta);
                // Predicted error after the remaining iterations; hopeless → a smaller step at once.
                double predicted = _faccon * dyNorm * Math.Pow(_theta, maxIterations - 1 - iteration) / _newtonTolerance;
                if (predicted >= 1)
                {
                    double q = Math.Clamp(predicted, 1e-4, 20);
                    return NewtonFailed(0.8 * Math.Pow(q, -1.0 / (4 + maxIterations - 1 - iteration)));
                }
            }
            dyNormOld = Math.Max(dyNorm, Eps);
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < s; j++)
                {
                    double w = _w[j][i] + _r[j][i];
                    _w[j][i] = w;
                    a[j] = w;
                }
                for (int j = 0; j < s; j++)
                {
                    double acc = tm[j, 0] * a[0];
                    for (int l = 1; l < s; l++) acc += tm[j, l] * a[l];
                    _z[j][i] = acc;
                }
            }
            if (_faccon * dyNorm <= _newtonTolerance) return StepAttempt.Completed(0.0, iteration);
        }
    }

    private StepAttempt NewtonFailed(double factor)
    {
        Statistics.NewtonFailures++;
        return StepAttempt.NotConverged(factor);
    }

    /// <summary>dest = f(t, y + z).</summary>
    private void StageDerivative(double t, double[] z, double[] dest)
    {
        var stage = _stage;
        for (int i = 0; i < stage.Length; i++) stage[i] = Y[i] + z[i];
        EvaluateRhs(t, stage, dest);
    }

    /// <summary>Hairer's estimate err = (γ/h − J)⁻¹ (f(t, y) + Σ E_i Z_i/h); when it rejects the first step or a
    /// retried one, filtered once more through f (RADAU5's ESTRAD), which tames the estimate on very stiff components.</summary>
    private double EstimateError(double t, double h)
    {
        int n = N, s = _s;
        var e = _coefficients;
        for (int j = 0; j < s; j++) e[j] = _tableau.E[j] / h;
        var combinationStore = _r[1];
        for (int i = 0; i < n; i++)
        {
            double combination = e[0] * _z[0][i];
            for (int j = 1; j < s; j++) combination += e[j] * _z[j][i];
            combinationStore[i] = combination;
            _err[i] = combination + _f0[i];
        }
        _real.Solve(_err);
        double err = Math.Max(ErrorNormKernel.Rms(_err, Y, Y, _atol, _rtol), 1e-10);
        if (err < 1 || !(_first || _retry)) return err;
        for (int i = 0; i < n; i++) _stage[i] = Y[i] + _err[i];
        EvaluateRhs(t, _stage, _r[0]);
        for (int i = 0; i < n; i++) _err[i] = _r[0][i] + combinationStore[i];
        _real.Solve(_err);
        return Math.Max(ErrorNormKernel.Rms(_err, Y, Y, _atol, _rtol), 1e-10);
    }

    private protected override double Accept(double t, double tNew, double hSigned, double hNext)
    {
        int n = N, s = _s;
        var p = _tableau.DenseP;
        var last = _z[s - 1];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < s; k++)
            {
                double acc = p[0, k] * _z[0][i];
                for (int j = 1; j < s; j++) acc += p[j, k] * _z[j][i];
                _dense[(k + 1) * n + i] = acc;
            }
            _stage[i] = Y[i] + last[i];
        }
        Array.Copy(last, _zAccepted, n);
        AdvanceBySwap(t, tNew, ref _stage);
        YOld.CopyTo(_dense, 0);
        EvaluateRhs(tNew, Y, _f0);
        double hAbs = Math.Abs(hSigned);
        _hAccepted = hSigned;
        _havePolynomial = true;
        _first = _attemptPending = _jacobianFresh = false;
        _singular = 0;
        if (!IsAdaptiveRun) return hNext;
        hNext = Math.Min(hNext, Options.MaxStep);
        if (_retry) hNext = Math.Min(hNext, hAbs);
        _retry = false;
        // Newton converged fast: keep the Jacobian, and keep h itself (and with it both factorisations) when the
        // controller asks for a step only slightly larger.
        bool keepJacobian = _theta <= _recomputeRate;
        if (keepJacobian && hNext >= hAbs && hNext <= _method.KeepStepRatio * hAbs) hNext = hAbs;
        _needJacobian = !keepJacobian;
        return hNext;
    }

    public override void Restart(double t, ReadOnlySpan<double> y)
    {
        MoveTo(t, y);
        EvaluateRhs(t, Y, _f0);
        _needJacobian = true;
        _factoredH = double.NaN;
        _first = true;
        _havePolynomial = _attemptPending = _retry = false;
        _faccon = 1;
        ResetController();
    }

    public override IDenseInterpolant Interpolant => PolynomialInterpolant.Instance;

    public override int DenseDataLength => _dense.Length;

    public override void CaptureDense(Span<double> data) => _dense.CopyTo(data);

    public override void Interpolate(double t, Span<double> y) => PolynomialInterpolant.Instance.Evaluate(TOld, _hAccepted, _dense, t, y);
}

using FlowSim.Kernels;

namespace FlowSim.Ode;

/// <summary>
/// The per-run state of <see cref="RadauIIA5"/>: stage increments Z (= stage values − y) and their transform W = T⁻¹Z,
/// the Jacobian and the factorisations of the real and the complex iteration matrix, and the collocation polynomial
/// of the last step (the dense output and the Newton predictor of the next step). Follows Hairer's RADAU5 step for
/// step; the step-attempt loop is <see cref="OneStepStepper"/>'s.
/// </summary>
internal sealed class RadauIIA5Stepper : OneStepStepper
{
    private const double Eps = 2.220446049250313e-16;
    /// <summary>Singular iteration matrices in a row before the run fails (RADAU5 stops at 5).</summary>
    private const int MaxSingular = 5;

    private readonly RadauIIA5 _method;
    private readonly JacobianEvaluator _jacobian;
    private readonly double[] _jac;
    private readonly RealShiftedSystem _real;
    private readonly ComplexShiftedSystem _complex;
    private readonly double[] _atol;
    private readonly double _rtol, _newtonTolerance, _recomputeRate;
    private readonly double[] _f0, _z1, _z2, _z3, _w1, _w2, _w3, _r1, _r2, _r3, _err, _zAccepted;
    private double[] _stage;
    private readonly double[] _dense;
    private double _factoredH = double.NaN, _hAccepted, _faccon = 1, _theta;
    private bool _needJacobian = true, _jacobianFresh, _first = true, _havePolynomial, _attemptPending, _retry;
    private int _singular;

    public RadauIIA5Stepper(OdeProblem problem, OdeOptions options, SolverStatistics statistics, RadauIIA5 method,
        IStepSizeController? controller)
        : base(problem, options, statistics, controller, method.FixedStep ?? 0)
    {
        int n = N;
        _method = method;
        var layout = JacobianLayout.For(problem);
        _jacobian = new JacobianEvaluator(problem, statistics, layout);
        _jac = new double[layout.Length];
        _real = layout.CreateRealSystem(statistics);
        _complex = layout.CreateComplexSystem(statistics);
        // RADAU5's transformed tolerances (see RadauIIA5's remarks).
        double rtol = options.RelTol;
        _rtol = method.TransformTolerances ? 0.1 * Math.Pow(rtol, 2.0 / 3) : rtol;
        _atol = AbsTol.ToArray();
        for (int i = 0; i < n; i++) _atol[i] *= _rtol / rtol;
        _newtonTolerance = Math.Max(10 * Eps / _rtol, Math.Min(0.03, Math.Sqrt(_rtol)));
        _recomputeRate = method.JacobianRecomputeRate ?? (_jacobian.IsAnalytic ? 0.001 : 0.1);
        _f0 = new double[n];
        _z1 = new double[n]; _z2 = new double[n]; _z3 = new double[n];
        _w1 = new double[n]; _w2 = new double[n]; _w3 = new double[n];
        _r1 = new double[n]; _r2 = new double[n]; _r3 = new double[n];
        _err = new double[n];
        _zAccepted = new double[n];
        _stage = new double[n];
        _dense = new double[4 * n];
        EvaluateRhs(T, Y, _f0);
        ProposedStep = method.FixedStep ?? options.InitialStep ?? InitialStep.Select((t, y, f) => EvaluateRhs(t, y, f), T, Y, _f0,
            Direction, 4, _rtol, _atol, options.MaxStep, new double[n], new double[n]);
    }

    public override int Order => 5;

    private protected override int ErrorOrder => 3;

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
            double gamma = RadauIIA5.Gamma / hSigned, alpha = RadauIIA5.Alpha / hSigned, beta = RadauIIA5.Beta / hSigned;
            if (!_real.FactorShifted(gamma, -1.0, _jac) || !_complex.FactorShifted(alpha, beta, -1.0, _jac))
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

    /// <summary>Starting values: the last step's collocation polynomial extrapolated to the new stages (zero at the
    /// start and after a restart), Z_i = u(t + c_i h) − y, and W = T⁻¹Z.</summary>
    private void Predict(double h)
    {
        int n = N;
        var ti = RadauIIA5.TInverse;
        if (!_havePolynomial)
        {
            Array.Clear(_z1); Array.Clear(_z2); Array.Clear(_z3);
            Array.Clear(_w1); Array.Clear(_w2); Array.Clear(_w3);
            return;
        }
        double ratio = h / _hAccepted;
        double th1 = 1 + RadauIIA5.C[0] * ratio, th2 = 1 + RadauIIA5.C[1] * ratio, th3 = 1 + ratio;
        var q = _dense.AsSpan(n);
        for (int i = 0; i < n; i++)
        {
            double q1 = q[i], q2 = q[n + i], q3 = q[2 * n + i], zl = _zAccepted[i];
            // u(θ) − y_new = Σ_k Q_k θ^k − Z₃ of the last step (θ measured on the last step).
            double z1 = th1 * (q1 + th1 * (q2 + th1 * q3)) - zl;
            double z2 = th2 * (q1 + th2 * (q2 + th2 * q3)) - zl;
            double z3 = th3 * (q1 + th3 * (q2 + th3 * q3)) - zl;
            _z1[i] = z1; _z2[i] = z2; _z3[i] = z3;
            _w1[i] = ti[0, 0] * z1 + ti[0, 1] * z2 + ti[0, 2] * z3;
            _w2[i] = ti[1, 0] * z1 + ti[1, 1] * z2 + ti[1, 2] * z3;
            _w3[i] = ti[2, 0] * z1 + ti[2, 1] * z2 + ti[2, 2] * z3;
        }
    }

    /// <summary>RADAU5's simplified Newton iteration in the transformed variables, with its convergence monitor:
    /// stops when the predicted remaining error is below the Newton tolerance, and gives up early (with a step factor
    /// from the observed contraction rate) when the iteration would not get there within the allowed iterations.</summary>
    private StepAttempt SolveCollocation(double t, double h)
    {
        int n = N, maxIterations = _method.MaxNewtonIterations;
        var ti = RadauIIA5.TInverse;
        var tm = RadauIIA5.T;
        double gamma = RadauIIA5.Gamma / h, alpha = RadauIIA5.Alpha / h, beta = RadauIIA5.Beta / h;
        _faccon = Math.Pow(Math.Max(_faccon, Eps), 0.8);
        _theta = _recomputeRate;
        double dyNormOld = 0, rateOld = 0;
        for (int iteration = 1; ; iteration++)
        {
            if (iteration > maxIterations) return NewtonFailed(0.5);
            StageDerivative(t + RadauIIA5.C[0] * h, _z1, _r1);
            StageDerivative(t + RadauIIA5.C[1] * h, _z2, _r2);
            StageDerivative(t + h, _z3, _r3);
            for (int i = 0; i < n; i++)
            {
                double a1 = _r1[i], a2 = _r2[i], a3 = _r3[i], w2 = _w2[i], w3 = _w3[i];
                _r1[i] = ti[0, 0] * a1 + ti[0, 1] * a2 + ti[0, 2] * a3 - gamma * _w1[i];
                _r2[i] = ti[1, 0] * a1 + ti[1, 1] * a2 + ti[1, 2] * a3 - alpha * w2 + beta * w3;
                _r3[i] = ti[2, 0] * a1 + ti[2, 1] * a2 + ti[2, 2] * a3 - beta * w2 - alpha * w3;
            }
            _real.Solve(_r1);
            _complex.Solve(_r2, _r3);
            Statistics.NewtonIterations++;
            var norm = ErrorNormKernel;
            double dyNorm = Math.Sqrt((norm.MeanSquare(_r1, Y, Y, _atol, _rtol) + norm.MeanSquare(_r2, Y, Y, _atol, _rtol)
                + norm.MeanSquare(_r3, Y, Y, _atol, _rtol)) / 3);
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
                double w1 = _w1[i] + _r1[i], w2 = _w2[i] + _r2[i], w3 = _w3[i] + _r3[i];
                _w1[i] = w1; _w2[i] = w2; _w3[i] = w3;
                _z1[i] = tm[0, 0] * w1 + tm[0, 1] * w2 + tm[0, 2] * w3;
                _z2[i] = tm[1, 0] * w1 + tm[1, 1] * w2 + tm[1, 2] * w3;
                _z3[i] = tm[2, 0] * w1 + w2;
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
        int n = N;
        double e1 = RadauIIA5.E[0] / h, e2 = RadauIIA5.E[1] / h, e3 = RadauIIA5.E[2] / h;
        for (int i = 0; i < n; i++)
        {
            double combination = e1 * _z1[i] + e2 * _z2[i] + e3 * _z3[i];
            _r2[i] = combination;
            _err[i] = combination + _f0[i];
        }
        _real.Solve(_err);
        double err = Math.Max(ErrorNormKernel.Rms(_err, Y, Y, _atol, _rtol), 1e-10);
        if (err < 1 || !(_first || _retry)) return err;
        for (int i = 0; i < n; i++) _stage[i] = Y[i] + _err[i];
        EvaluateRhs(t, _stage, _r1);
        for (int i = 0; i < n; i++) _err[i] = _r1[i] + _r2[i];
        _real.Solve(_err);
        return Math.Max(ErrorNormKernel.Rms(_err, Y, Y, _atol, _rtol), 1e-10);
    }

    private protected override double Accept(double t, double tNew, double hSigned, double hNext)
    {
        int n = N;
        var p = RadauIIA5.DenseP;
        var q = _dense.AsSpan(n);
        for (int i = 0; i < n; i++)
        {
            double z1 = _z1[i], z2 = _z2[i], z3 = _z3[i];
            q[i] = p[0, 0] * z1 + p[1, 0] * z2 + p[2, 0] * z3;
            q[n + i] = p[0, 1] * z1 + p[1, 1] * z2 + p[2, 1] * z3;
            q[2 * n + i] = p[0, 2] * z1 + p[1, 2] * z2 + p[2, 2] * z3;
            _stage[i] = Y[i] + z3;
        }
        Array.Copy(_z3, _zAccepted, n);
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

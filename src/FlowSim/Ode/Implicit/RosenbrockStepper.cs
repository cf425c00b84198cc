namespace FlowSim.Ode;

/// <summary>The per-run state of a stiffly accurate Rosenbrock method of the Rodas family (<see cref="Rodas5"/>,
/// <see cref="Rodas5P"/>): stages, Jacobian, ∂f/∂t, the LU of W = I/(γh) − J and the dense-output data. One Jacobian
/// and ∂f/∂t per step, one factorisation per attempt, one solve per stage.</summary>
internal sealed class RosenbrockStepper : OneStepStepper
{
    private readonly RosenbrockTableau _tab;
    private readonly int _stages;
    private readonly JacobianEvaluator _jacobian;
    private readonly RealShiftedSystem _lu;
    private readonly double[] _jac;
    private readonly double[] _dfdt;
    private readonly double[] _f0;
    private readonly double[][] _k;
    private readonly double[] _u, _du, _yNew;
    private readonly double[] _dense;
    private bool _f0Valid, _jacobianValid;
    private double _lastH;

    public RosenbrockStepper(OdeProblem problem, OdeOptions options, SolverStatistics statistics, RosenbrockTableau tableau,
        double? fixedStep, IStepSizeController? controller)
        : base(problem, options, statistics, controller, fixedStep ?? 0)
    {
        int n = N;
        _tab = tableau;
        _stages = tableau.Stages;
        var layout = JacobianLayout.For(problem);
        _jacobian = new JacobianEvaluator(problem, statistics, layout);
        _lu = layout.CreateRealSystem(statistics);
        _jac = new double[layout.Length];
        _dfdt = new double[n];
        _f0 = new double[n];
        _k = new double[_stages][];
        for (int s = 0; s < _stages; s++) _k[s] = new double[n];
        _u = new double[n];
        _du = new double[n];
        _yNew = new double[n];
        _dense = new double[5 * n];
        EvaluateRhs(T, Y, _f0);
        _f0Valid = true;
        if (fixedStep is { } h) ProposedStep = h;
        else
        {
            // Hairer's choice for the order of the error estimate (order 4: local error ~ h^5).
            ProposedStep = options.InitialStep ?? InitialStep.Select((t, y, f) => EvaluateRhs(t, y, f), T, Y, _f0, Direction, tableau.ErrorOrder + 1,
                RelTol, AbsTol, options.MaxStep, new double[n], new double[n]);
        }
    }

    public override int Order => _tab.Order;

    private protected override int ErrorOrder => _tab.ErrorOrder;

    private protected override void BeginStep(double t, double h)
    {
        if (!_f0Valid)
        {
            EvaluateRhs(t, Y, _f0);
            _f0Valid = true;
        }
        if (!_jacobianValid)
        {
            _jacobian.Evaluate(t, Y, _f0, _jac);
            _jacobian.EvaluateTimeDerivative(t, Y, _f0, Direction * h, _dfdt);
            _jacobianValid = true;
        }
    }

    private protected override StepAttempt Attempt(double t, double hSigned, bool adaptive)
    {
        if (!_lu.FactorShifted(1.0 / (_tab.Gamma * hSigned), -1.0, _jac) || !ComputeStages(t, hSigned)) return StepAttempt.NonFinite;
        return StepAttempt.Completed(adaptive ? EstimateError() : 0.0);
    }

    /// <summary>‖k_s‖ (the difference of the two stiffly accurate solutions), or ‖Σ e_i k_i‖ for a tableau with its own weights.</summary>
    private double EstimateError()
    {
        if (_tab.ErrorWeights is not { } e) return ErrorNorm(_k[_stages - 1], Y, _yNew);
        var norm = ErrorNormKernel;
        norm.Clear();
        for (int s = 0; s < _stages; s++) norm.AddFirst(e[s], _k[s]);
        return Math.Sqrt(norm.SumsOfSquares(Y, _yNew, AbsTolArray, RelTol).First / N);
    }

    private protected override int ErrorNormTerms => _stages;

    private protected override double Accept(double t, double tNew, double hSigned, double hNext)
    {
        Advance(t, tNew, _yNew);
        _lastH = hSigned;
        BuildDense();
        _f0Valid = false;
        _jacobianValid = false;
        return hNext;
    }

    /// <summary>The stages in the transformed form W k_i = f(t + c_i h, u_i) + Σ_j (C_ij/h) k_j + h γ_i ∂f/∂t; writes y_new.</summary>
    /// <returns>False when a stage is not finite.</returns>
    private bool ComputeStages(double t, double hs)
    {
        int n = N;
        var y = Y;
        for (int s = 0; s < _stages; s++)
        {
            var du = _du;
            if (s == 0) Array.Copy(_f0, du, n);
            else
            {
                // _stages 2 … s−2 start from y_old; the last two add the previous stage to the last point (stiff accuracy).
                if (s < _tab.A.Length)
                {
                    var a = _tab.A[s];
                    for (int i = 0; i < n; i++)
                    {
                        double acc = y[i];
                        for (int j = 0; j < a.Length; j++) acc += a[j] * _k[j][i];
                        _u[i] = acc;
                    }
                }
                else
                {
                    var kPrev = _k[s - 1];
                    for (int i = 0; i < n; i++) _u[i] += kPrev[i];
                }
                EvaluateRhs(t + _tab.Nodes[s] * hs, _u, du);
            }
            var ks = _k[s];
            double dt = s < _tab.D.Length ? hs * _tab.D[s] : 0.0;
            var c = _tab.C[s];
            for (int i = 0; i < n; i++)
            {
                double acc = du[i] + dt * _dfdt[i];
                for (int j = 0; j < c.Length; j++) acc += c[j] / hs * _k[j][i];
                ks[i] = acc;
            }
            _lu.Solve(ks);
            if (!Kernels.VectorKernels.AllFinite(ks)) return false;
        }
        var k8 = _k[_stages - 1];
        for (int i = 0; i < n; i++) _yNew[i] = _u[i] + k8[i];
        return Kernels.VectorKernels.AllFinite(_yNew);
    }

    /// <summary>Writes [y₀ | Q₁ | … | Q₄] with y(θ) = y₀ + Σ Q_j θ^j, expanded from the tableau's H-matrix form.</summary>
    private void BuildDense()
    {
        int n = N;
        var d = _dense;
        for (int i = 0; i < n; i++)
        {
            double k1 = 0, k2 = 0, k3 = 0;
            for (int s = 0; s < _stages; s++)
            {
                double ks = _k[s][i];
                k1 += _tab.H[0][s] * ks;
                k2 += _tab.H[1][s] * ks;
                k3 += _tab.H[2][s] * ks;
            }
            // (1−θ)y₀ + θ(y₁ + (1−θ)(K₁ + θK₂ + θ²K₃)) = y₀ + θ(y₁−y₀+K₁) + θ²(K₂−K₁) + θ³(K₃−K₂) − θ⁴K₃.
            d[i] = YOld[i];
            d[n + i] = Y[i] - YOld[i] + k1;
            d[2 * n + i] = k2 - k1;
            d[3 * n + i] = k3 - k2;
            d[4 * n + i] = -k3;
        }
    }

    public override void Restart(double t, ReadOnlySpan<double> y)
    {
        MoveTo(t, y);
        EvaluateRhs(t, Y, _f0);
        _f0Valid = true;
        _jacobianValid = false;
        ResetController();
    }

    public override IDenseInterpolant Interpolant => PolynomialInterpolant.Instance;

    public override int DenseDataLength => _dense.Length;

    public override void CaptureDense(Span<double> data) => _dense.CopyTo(data);

    public override void Interpolate(double t, Span<double> y) => PolynomialInterpolant.Instance.Evaluate(TOld, _lastH, _dense, t, y);
}

namespace FlowSim.Ode;

/// <summary>
/// One explicit Runge–Kutta core shared by every tableau (SciPy's <c>RungeKutta</c>): stages, embedded
/// error estimate, step-size control, landing on bounds, and a continuous extension (the tableau's P
/// matrix or cubic Hermite). Allocation-free per step.
/// </summary>
public class ExplicitRungeKuttaStepper : OneStepStepper
{
    private readonly ButcherTableau _tab;
    /// <summary>Stage derivatives of the last attempt; K[0] is f at (TOld, YOld) after a step.</summary>
    protected readonly double[][] K;
    /// <summary>f at (T, Y).</summary>
    protected double[] F;
    // f(t_new, y_new) of the current attempt (the last stage or _stage), for the error estimate.
    private double[] _fNew = [];
    private double[] _yNew, _stage;
    // True while K[0] holds f(T, Y) and F is a spare buffer (from the first attempt of a step until it is accepted).
    private bool _k0HoldsF;
    private readonly bool _isFsal;
    private readonly StageSum _stageSum;
    // Dense-output buffers are allocated on first use: a run without output times or events never touches them, and
    // for DOP853 they are 11 state-sized vectors (11 MB at d = 256) to zero per solve.
    private readonly int _denseLength;
    private double[]? _dense;
    private readonly double[]?[] _denseStages;
    private bool _denseValid;
    /// <summary>y_new of the last attempt.</summary>
    protected double[] YNew => _yNew;
    /// <summary>Signed size of the last accepted step.</summary>
    protected double LastH;

    /// <summary>Creates the stepper and evaluates f(t0, y0); chooses the first step unless given.</summary>
    /// <param name="problem">Problem.</param>
    /// <param name="options">Validated options.</param>
    /// <param name="statistics">Counters.</param>
    /// <param name="tableau">The method.</param>
    /// <param name="controller">Step-size controller; null for a fixed-step method.</param>
    /// <param name="fixedStep">Step of a fixed-step method (ignored when adaptive).</param>
    public ExplicitRungeKuttaStepper(OdeProblem problem, OdeOptions options, SolverStatistics statistics,
        ButcherTableau tableau, IStepSizeController? controller, double fixedStep = 0)
        : base(problem, options, statistics, controller, fixedStep)
    {
        _tab = tableau;
        int n = N;
        K = new double[tableau.Stages][];
        for (int s = 0; s < K.Length; s++) K[s] = new double[n];
        F = new double[n];
        _yNew = new double[n];
        _stage = new double[n];
        _stageSum = new StageSum(K.Length);
        _isFsal = tableau.C[^1] == 1.0 && tableau.A[^1].Length == tableau.Stages - 1 && RowEqualsB(tableau);
        int degree = tableau.Dense?.GetLength(1) ?? 3;
        _denseLength = (degree + 1) * n;
        _denseStages = new double[tableau.DenseStageA.Length][];
        EvaluateRhs(T, Y, F);
        ProposedStep = controller is null ? fixedStep : options.InitialStep ?? SelectInitialStep();
    }

    /// <inheritdoc/>
    public override int Order => _tab.Order;

    private protected override int ErrorOrder => _tab.ErrorOrder;

    private protected override int ErrorNormTerms => _tab.Stages + 1;

    /// <summary>Weighted error norm of the last attempt (one fused pass of the engine's norm kernel); a method with a
    /// special estimate (DOP853) overrides it.</summary>
    protected virtual double EstimateError(double hSigned, ReadOnlySpan<double> y, ReadOnlySpan<double> yNew, ReadOnlySpan<double> fNew)
    {
        var e = _tab.ErrorWeights!;
        var sums = ErrorNormKernel;
        sums.Clear();
        for (int s = 0; s < _tab.Stages; s++) sums.AddFirst(hSigned * e[s], K[s]);
        if (e.Length > _tab.Stages) sums.AddFirst(hSigned * e[^1], _fNew);
        var (sum, _) = sums.SumsOfSquares(Y, _yNew, AbsTolArray, RelTol);
        return Math.Sqrt(sum / N);
    }

    private double SelectInitialStep()
    {
        var w1 = new double[N];
        var w2 = new double[N];
        int errOrder = _tab.ErrorWeights is null ? _tab.Order : _tab.ErrorOrder;
        return InitialStep.Select((t, y, f) => EvaluateRhs(t, y, f), T, Y, F, Direction, errOrder + 1, RelTol, AbsTol, Options.MaxStep, w1, w2);
    }

    private protected override StepAttempt Attempt(double t, double hSigned, bool adaptive)
    {
        double tNew = t + hSigned;
        ComputeStages(t, hSigned);
        // f(tNew, yNew): the last stage for FSAL tableaus, otherwise one more evaluation (reused as the next K[0]).
        var fNew = K[^1];
        if (!IsFsal)
        {
            fNew = _stage;
            EvaluateRhs(tNew, _yNew, fNew);
        }
        _fNew = fNew;
        if (!Kernels.VectorKernels.AllFinite(_yNew) || !Kernels.VectorKernels.AllFinite(fNew)) return StepAttempt.NonFinite;
        return StepAttempt.Completed(adaptive ? EstimateError(hSigned, Y, _yNew, fNew) : 0.0);
    }

    private protected override double Accept(double t, double tNew, double hSigned, double hNext)
    {
        var fNew = _fNew;
        AdvanceBySwap(t, tNew, ref _yNew);
        LastH = hSigned;
        // K[0] keeps f(TOld, YOld) for the interpolant; F becomes f(T, Y) by taking fNew's buffer (for an FSAL
        // tableau the last stage then lives in F: see ExtendedStage).
        if (IsFsal) (F, K[^1]) = (fNew, F);
        else (F, _stage) = (fNew, F);
        _k0HoldsF = false;
        _denseValid = false;
        return hNext;
    }

    /// <summary>Whether the last stage is f(t + h, y_new) (first-same-as-last).</summary>
    protected bool IsFsal => _isFsal;

    private static bool RowEqualsB(ButcherTableau tab)
    {
        var row = tab.A[^1];
        for (int j = 0; j < row.Length; j++) if (row[j] != tab.B[j]) return false;
        return tab.B[^1] == 0;
    }

    private void ComputeStages(double t, double hs)
    {
        if (!_k0HoldsF)
        {
            // K[0] ← f(T, Y) by exchanging buffers; a retried attempt finds it there already.
            (K[0], F) = (F, K[0]);
            _k0HoldsF = true;
        }
        for (int s = 1; s < _tab.Stages; s++)
        {
            _stageSum.Compute(Y, hs, _tab.A[s], K, _stage);
            EvaluateRhs(t + _tab.C[s] * hs, _stage, K[s]);
        }
        _stageSum.Compute(Y, hs, _tab.B, K, _yNew);
    }

    /// <summary>y += a·x (vectorised).</summary>
    protected static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y) =>
        Kernels.VectorKernels.Axpy(a, x[..y.Length], y);

    /// <inheritdoc/>
    public override void Restart(double t, ReadOnlySpan<double> y)
    {
        MoveTo(t, y);
        EvaluateRhs(t, Y, F);
        _k0HoldsF = false;
        ResetController();
        _denseValid = false;
    }

    /// <inheritdoc/>
    public override IDenseInterpolant Interpolant => PolynomialInterpolant.Instance;

    /// <inheritdoc/>
    public override int DenseDataLength => _denseLength;

    /// <inheritdoc/>
    public override void CaptureDense(Span<double> data)
    {
        EnsureDense();
        _dense!.CopyTo(data);
    }

    /// <inheritdoc/>
    public override void Interpolate(double t, Span<double> y)
    {
        EnsureDense();
        PolynomialInterpolant.Instance.Evaluate(TOld, LastH, _dense!, t, y);
    }

    private void EnsureDense()
    {
        if (_denseValid) return;
        _dense ??= new double[_denseLength];
        BuildDense(_dense);
        _denseValid = true;
    }

    /// <summary>Writes [y_old | Q_1 | … | Q_q] for the last step; methods with extra dense stages override it.</summary>
    protected virtual void BuildDense(Span<double> data)
    {
        int n = N;
        double h = LastH;
        YOld.CopyTo(data);
        var p = _tab.Dense;
        if (p is null)
        {
            // Cubic Hermite from the end values and slopes.
            var f0 = K[0];
            for (int i = 0; i < n; i++)
            {
                double dy = Y[i] - YOld[i];
                data[n + i] = h * f0[i];
                data[2 * n + i] = 3 * dy - h * (2 * f0[i] + F[i]);
                data[3 * n + i] = -2 * dy + h * (f0[i] + F[i]);
            }
            return;
        }
        int q = p.GetLength(1);
        int rows = p.GetLength(0);
        ComputeDenseStages(h);
        for (int j = 0; j < q; j++)
        {
            var block = data.Slice((j + 1) * n, n);
            block.Clear();
            for (int s = 0; s < rows; s++)
            {
                double w = p[s, j];
                if (w != 0) Axpy(h * w, ExtendedStage(s), block);
            }
        }
    }

    /// <summary>Stage s of the extended list: the method's stages, then f(T, Y), then the extra dense-output stages.</summary>
    protected double[] ExtendedStage(int s) =>
        s < _tab.Stages - 1 || (s == _tab.Stages - 1 && !IsFsal) ? K[s] : s < _tab.Stages ? F
        : s == _tab.Stages ? F : _denseStages[s - _tab.Stages - 1] ??= new double[N];

    /// <summary>Evaluates the tableau's extra dense-output stages for the last step (step size h, signed).</summary>
    protected void ComputeDenseStages(double h)
    {
        for (int e = 0; e < _denseStages.Length; e++)
        {
            var a = _tab.DenseStageA[e];
            Array.Copy(YOld, _stage, N);
            for (int s = 0; s < a.Length; s++)
                if (a[s] != 0) Axpy(h * a[s], ExtendedStage(s), _stage);
            EvaluateRhs(TOld + _tab.DenseStageC[e] * h, _stage, _denseStages[e] ??= new double[N]);
        }
    }
}

namespace FlowSim.Ode;

/// <summary>
/// The DOP853 stepper: the shared explicit Runge–Kutta core with Hairer's combined error estimate
/// err = ‖e5‖² / sqrt(‖e5‖² + 0.01‖e3‖²) (RMS norms), which behaves like h^8 but stays reliable for large steps
/// where the 5th-order estimate alone underestimates; and Hairer's evaluation of the 7th-order continuous
/// extension, which keeps y(t_old + h) = y_new to rounding (the P-matrix form would lose ~1e-13 relative there,
/// because the d coefficients reach several hundred).
/// </summary>
internal sealed class DormandPrince853Stepper : ExplicitRungeKuttaStepper
{
    private readonly double[] _e5, _e3;
    private double[]? _blocks;

    public DormandPrince853Stepper(OdeProblem problem, OdeOptions options, SolverStatistics statistics, ButcherTableau tableau,
        double[] errorWeights3, IStepSizeController? controller, double fixedStep)
        : base(problem, options, statistics, tableau, controller, fixedStep)
    {
        _e5 = tableau.ErrorWeights!;
        _e3 = errorWeights3;
    }

    /// <inheritdoc/>
    protected override void BuildDense(Span<double> data)
    {
        int n = N;
        double h = LastH;
        ComputeDenseStages(h);
        YOld.CopyTo(data);
        var blocks = (_blocks ??= new double[7 * N]).AsSpan();
        var k1 = K[0];
        for (int i = 0; i < n; i++)
        {
            double dy = Y[i] - YOld[i];
            blocks[i] = dy;
            blocks[n + i] = h * k1[i] - dy;
            blocks[2 * n + i] = 2 * dy - h * (k1[i] + F[i]);
        }
        var d = DormandPrince853.DenseD;
        for (int m = 0; m < d.Length; m++)
        {
            var block = blocks.Slice((3 + m) * n, n);
            block.Clear();
            for (int s = 0; s < d[m].Length; s++)
                if (d[m][s] != 0) Axpy(h * d[m][s], ExtendedStage(s), block);
        }
        var w = DormandPrince853.BasisToPower;
        for (int j = 0; j < 7; j++)
        {
            var q = data.Slice((j + 1) * n, n);
            q.Clear();
            for (int m = 0; m < 7; m++)
                if (w[m, j] != 0) Axpy(w[m, j], blocks.Slice(m * n, n), q);
        }
    }

    /// <inheritdoc/>
    /// <remarks>Both error vectors in one fused pass (<see cref="WeightedErrorNorm"/>): each stage is read once and no error
    /// vector is stored (the separate axpys and norms made up a third of the integrator's memory traffic at
    /// n = 131,072).</remarks>
    protected override double EstimateError(double hSigned, ReadOnlySpan<double> y, ReadOnlySpan<double> yNew, ReadOnlySpan<double> fNew)
    {
        var sums = ErrorNormKernel;
        sums.Clear();
        for (int s = 0; s < _e5.Length; s++)
        {
            sums.AddFirst(hSigned * _e5[s], K[s]);
            sums.AddSecond(hSigned * _e3[s], K[s]);
        }
        var (n5, n3) = sums.SumsOfSquares(Y, YNew, AbsTolArray, RelTol);
        n5 /= N;
        n3 /= N;
        if (n5 == 0 && n3 == 0) return 0.0;
        return n5 / Math.Sqrt(n5 + 0.01 * n3);
    }
}

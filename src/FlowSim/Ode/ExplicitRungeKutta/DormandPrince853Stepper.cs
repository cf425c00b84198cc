using System.Numerics;

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
    private readonly double[] _c5, _c3;
    private readonly double[][] _k5, _k3;
    private readonly double[] _partial5, _partial3;
    private readonly ErrorJob _errorJob;
    private int _terms5, _terms3, _errorPieces;
    private double[]? _blocks;

    public DormandPrince853Stepper(OdeProblem problem, OdeOptions options, SolverStatistics statistics, ButcherTableau tableau,
        double[] errorWeights3, IStepSizeController? controller, double fixedStep)
        : base(problem, options, statistics, tableau, controller, fixedStep)
    {
        _e5 = tableau.ErrorWeights!;
        _e3 = errorWeights3;
        _c5 = new double[_e5.Length];
        _c3 = new double[_e3.Length];
        _k5 = new double[_e5.Length][];
        _k3 = new double[_e3.Length][];
        int blocks = (N + ErrorBlock - 1) / ErrorBlock;
        _partial5 = new double[blocks];
        _partial3 = new double[blocks];
        _errorJob = new ErrorJob(this);
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
    /// <remarks>One fused, vectorised pass: both error vectors are summed in registers from the stages and weighed
    /// at once, so each stage is read once and no error vector is stored (the separate axpys and norms made up a third
    /// of the integrator's memory traffic at n = 131,072). The sums of squares are taken per fixed block of
    /// <see cref="ErrorBlock"/> entries and the blocks added in order, so the estimate is the same whether the blocks
    /// run on one thread or several.</remarks>
    protected override double EstimateError(double hSigned, ReadOnlySpan<double> y, ReadOnlySpan<double> yNew, ReadOnlySpan<double> fNew)
    {
        int terms5 = 0, terms3 = 0;
        for (int s = 0; s < _e5.Length; s++)
        {
            if (_e5[s] != 0) { _c5[terms5] = hSigned * _e5[s]; _k5[terms5++] = K[s]; }
            if (_e3[s] != 0) { _c3[terms3] = hSigned * _e3[s]; _k3[terms3++] = K[s]; }
        }
        _terms5 = terms5;
        _terms3 = terms3;
        int blocks = _partial5.Length;
        if (N >= ParallelLength && Threading.WorkerPool.Current is { } pool)
        {
            _errorPieces = pool.Threads;
            pool.Run(_errorJob, pool.Threads);
        }
        else ErrorBlocks(0, blocks);
        double n5 = 0, n3 = 0;
        for (int b = 0; b < blocks; b++)
        {
            n5 += _partial5[b];
            n3 += _partial3[b];
        }
        n5 /= N;
        n3 /= N;
        if (n5 == 0 && n3 == 0) return 0.0;
        return n5 / Math.Sqrt(n5 + 0.01 * n3);
    }

    /// <summary>Entries per block of the error sums.</summary>
    private const int ErrorBlock = 2048;

    private void ErrorBlocks(int firstBlock, int endBlock)
    {
        int n = N, terms5 = _terms5, terms3 = _terms3;
        double rtol = RelTol;
        var atol = AbsTol;
        ReadOnlySpan<double> y = Y, yNew = YNew;
        var vr = new Vector<double>(rtol);
        for (int b = firstBlock; b < endBlock; b++)
        {
            int i = b * ErrorBlock, end = Math.Min(n, i + ErrorBlock);
            double n5 = 0, n3 = 0;
            if (Vector.IsHardwareAccelerated)
            {
                int w = Vector<double>.Count;
                var acc5 = Vector<double>.Zero;
                var acc3 = Vector<double>.Zero;
                for (; i <= end - w; i += w)
                {
                    var e5 = Vector<double>.Zero;
                    for (int j = 0; j < terms5; j++) e5 += new Vector<double>(_c5[j]) * new Vector<double>(_k5[j], i);
                    var e3 = Vector<double>.Zero;
                    for (int j = 0; j < terms3; j++) e3 += new Vector<double>(_c3[j]) * new Vector<double>(_k3[j], i);
                    var sc = new Vector<double>(atol[i..]) + vr * Vector.Max(Vector.Abs(new Vector<double>(y[i..])), Vector.Abs(new Vector<double>(yNew[i..])));
                    e5 /= sc;
                    e3 /= sc;
                    acc5 += e5 * e5;
                    acc3 += e3 * e3;
                }
                n5 = Vector.Sum(acc5);
                n3 = Vector.Sum(acc3);
            }
            for (; i < end; i++)
            {
                double e5 = 0, e3 = 0;
                for (int j = 0; j < terms5; j++) e5 += _c5[j] * _k5[j][i];
                for (int j = 0; j < terms3; j++) e3 += _c3[j] * _k3[j][i];
                double sc = atol[i] + rtol * Math.Max(Math.Abs(y[i]), Math.Abs(yNew[i]));
                n5 += e5 / sc * (e5 / sc);
                n3 += e3 / sc * (e3 / sc);
            }
            _partial5[b] = n5;
            _partial3[b] = n3;
        }
    }

    private sealed class ErrorJob(DormandPrince853Stepper owner) : Threading.IPieceWork
    {
        public void RunPiece(int piece)
        {
            int blocks = owner._partial5.Length, pieces = owner._errorPieces;
            owner.ErrorBlocks((int)((long)blocks * piece / pieces), (int)((long)blocks * (piece + 1) / pieces));
        }
    }
}

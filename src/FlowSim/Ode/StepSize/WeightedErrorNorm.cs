using FlowSim.Kernels;
using FlowSim.Threading;

namespace FlowSim.Ode;

/// <summary>
/// The one weighted error norm of the engine, Hairer's RMS norm ‖e‖ = sqrt(Σ_i (e_i / sc_i)² / n) with
/// sc_i = atol_i + rtol·max(|y_i|, |y_new,i|), computed in one fused, vectorised pass
/// (<see cref="VectorKernels.WeightedSquares"/>) for one error vector or for one or two linear combinations of stage
/// vectors at once (DOP853 needs its 5th- and 3rd-order errors; an explicit tableau's error is Σ_j e_j k_j, never
/// stored). The sums are taken per fixed block of <see cref="Block"/> entries and the blocks added in order, so the
/// result is the same whether the blocks run on one thread or several (from <see cref="WorkerPool.VectorLength"/>
/// entries on, on FlowSim's threads). Allocation-free per call.
/// </summary>
internal sealed class WeightedErrorNorm : IPieceWork
{
    /// <summary>Entries per block.</summary>
    internal const int Block = 2048;

    private readonly int _n;
    private readonly double[] _c1, _c2;
    private readonly double[][] _v1, _v2;
    private readonly double[] _partial1, _partial2;
    private int _terms1, _terms2, _pieces;
    private double[] _y = [], _yNew = [], _atol = [];
    private double _rtol;

    /// <summary>Norms over n entries of combinations of at most <paramref name="capacity"/> vectors each.</summary>
    public WeightedErrorNorm(int n, int capacity)
    {
        _n = n;
        _c1 = new double[capacity];
        _c2 = new double[capacity];
        _v1 = new double[capacity][];
        _v2 = new double[capacity][];
        int blocks = (n + Block - 1) / Block;
        _partial1 = new double[blocks];
        _partial2 = new double[blocks];
    }

    /// <summary>‖err‖ weighted by atol + rtol·max(|y|, |yNew|).</summary>
    public double Rms(double[] err, double[] y, double[] yNew, double[] atol, double rtol) => Math.Sqrt(MeanSquare(err, y, yNew, atol, rtol));

    /// <summary>‖v‖² (the mean of the squared weighted entries), to combine the norms of several vectors.</summary>
    public double MeanSquare(double[] v, double[] y, double[] yNew, double[] atol, double rtol)
    {
        Clear();
        _c1[0] = 1.0;
        _v1[0] = v;
        _terms1 = 1;
        var (sum, _) = SumsOfSquares(y, yNew, atol, rtol);
        return sum / _n;
    }

    /// <summary>Forgets the terms of the last estimate.</summary>
    public void Clear() => _terms1 = _terms2 = 0;

    /// <summary>Adds c·v to the first combination (a zero coefficient is skipped).</summary>
    public void AddFirst(double c, double[] v)
    {
        if (c == 0) return;
        _c1[_terms1] = c;
        _v1[_terms1++] = v;
    }

    /// <summary>Adds c·v to the second combination (a zero coefficient is skipped).</summary>
    public void AddSecond(double c, double[] v)
    {
        if (c == 0) return;
        _c2[_terms2] = c;
        _v2[_terms2++] = v;
    }

    /// <summary>The two weighted sums of squares Σ_i (combination_i / sc_i)² (the second is 0 when it has no terms).</summary>
    public (double First, double Second) SumsOfSquares(double[] y, double[] yNew, double[] atol, double rtol)
    {
        _y = y;
        _yNew = yNew;
        _atol = atol;
        _rtol = rtol;
        int blocks = _partial1.Length;
        if (WorkerPool.ForVector(_n) is { } pool)
        {
            _pieces = pool.Threads;
            pool.Run(this, pool.Threads);
        }
        else SumBlocks(0, blocks);
        double s1 = 0, s2 = 0;
        for (int b = 0; b < blocks; b++)
        {
            s1 += _partial1[b];
            s2 += _partial2[b];
        }
        return (s1, s2);
    }

    void IPieceWork.RunPiece(int piece)
    {
        int blocks = _partial1.Length;
        SumBlocks((int)((long)blocks * piece / _pieces), (int)((long)blocks * (piece + 1) / _pieces));
    }

    private void SumBlocks(int firstBlock, int endBlock)
    {
        for (int b = firstBlock; b < endBlock; b++)
        {
            int start = b * Block;
            (_partial1[b], _partial2[b]) = VectorKernels.WeightedSquares(_c1, _v1, _terms1, _c2, _v2, _terms2,
                _y, _yNew, _atol, _rtol, start, Math.Min(_n, start + Block));
        }
    }
}

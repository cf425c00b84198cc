using System.Numerics;
using FlowSim.Threading;

namespace FlowSim.Ode;

/// <summary>
/// The weighted sums of squares behind an explicit Runge–Kutta error estimate, in one fused, vectorised pass:
/// S = Σ_i (Σ_j c_j v_j[i] / sc_i)² with sc_i = atol_i + rtol·max(|y_i|, |y_new,i|), for one or two linear
/// combinations of the stages at once (DOP853 needs its 5th- and 3rd-order errors). Each stage is read once and no
/// error vector is stored. The sums are taken per fixed block of <see cref="Block"/> entries and the blocks added in
/// order, so the result is the same whether the blocks run on one thread or several (from
/// <see cref="WorkerPool.VectorLength"/> entries on, on FlowSim's threads).
/// </summary>
internal sealed class ErrorSums : IPieceWork
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

    /// <summary>Sums over n entries of combinations of at most <paramref name="capacity"/> vectors each.</summary>
    public ErrorSums(int n, int capacity)
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

    /// <summary>The two sums of squares (the second is 0 when it has no terms).</summary>
    public (double First, double Second) Compute(double[] y, double[] yNew, double[] atol, double rtol)
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
        int terms1 = _terms1, terms2 = _terms2;
        double rtol = _rtol;
        double[] y = _y, yNew = _yNew, atol = _atol;
        var vr = new Vector<double>(rtol);
        for (int b = firstBlock; b < endBlock; b++)
        {
            int i = b * Block, end = Math.Min(_n, i + Block);
            double s1 = 0, s2 = 0;
            if (Vector.IsHardwareAccelerated)
            {
                int w = Vector<double>.Count;
                var acc1 = Vector<double>.Zero;
                var acc2 = Vector<double>.Zero;
                for (; i <= end - w; i += w)
                {
                    var sc = new Vector<double>(atol, i) + vr * Vector.Max(Vector.Abs(new Vector<double>(y, i)), Vector.Abs(new Vector<double>(yNew, i)));
                    var e1 = Vector<double>.Zero;
                    for (int j = 0; j < terms1; j++) e1 += new Vector<double>(_c1[j]) * new Vector<double>(_v1[j], i);
                    e1 /= sc;
                    acc1 += e1 * e1;
                    if (terms2 > 0)
                    {
                        var e2 = Vector<double>.Zero;
                        for (int j = 0; j < terms2; j++) e2 += new Vector<double>(_c2[j]) * new Vector<double>(_v2[j], i);
                        e2 /= sc;
                        acc2 += e2 * e2;
                    }
                }
                s1 = Vector.Sum(acc1);
                s2 = Vector.Sum(acc2);
            }
            for (; i < end; i++)
            {
                double sc = atol[i] + rtol * Math.Max(Math.Abs(y[i]), Math.Abs(yNew[i]));
                double e1 = 0, e2 = 0;
                for (int j = 0; j < terms1; j++) e1 += _c1[j] * _v1[j][i];
                for (int j = 0; j < terms2; j++) e2 += _c2[j] * _v2[j][i];
                s1 += e1 / sc * (e1 / sc);
                s2 += e2 / sc * (e2 / sc);
            }
            _partial1[b] = s1;
            _partial2[b] = s2;
        }
    }
}

using FlowSim.Kernels;
using FlowSim.Threading;

namespace FlowSim.Ode;

/// <summary>
/// dest = y + Σ_j c_j·v_j for the stage sums of a step (<see cref="VectorKernels.Combine"/>: every v_j read once, dest
/// written once). From <see cref="WorkerPool.VectorLength"/> entries on, contiguous slices run on FlowSim's threads;
/// each entry is computed the same way wherever it runs, so the result does not depend on the thread count.
/// Allocation-free per call.
/// </summary>
internal sealed class StageSum : IPieceWork
{
    private readonly double[] _coefficients;
    private readonly double[][] _vectors;
    private double[]? _base, _dest;
    private int _terms, _pieces;

    /// <summary>Sums of at most <paramref name="capacity"/> terms.</summary>
    public StageSum(int capacity)
    {
        _coefficients = new double[capacity];
        _vectors = new double[capacity][];
    }

    /// <summary>dest = y + Σ_j scale·a_j·v_j over the first <c>a.Length</c> vectors, skipping zero coefficients; terms
    /// are added in the order j = 0, 1, … as a sequence of axpys would.</summary>
    public void Compute(double[] y, double scale, double[] a, double[][] v, double[] dest)
    {
        int m = 0;
        for (int j = 0; j < a.Length; j++)
            if (a[j] != 0) { _coefficients[m] = scale * a[j]; _vectors[m] = v[j]; m++; }
        _terms = m;
        _base = y;
        _dest = dest;
        if (WorkerPool.ForVector(dest.Length) is { } pool)
        {
            _pieces = pool.Threads;
            pool.Run(this, pool.Threads);
        }
        else VectorKernels.Combine(y, _coefficients, _vectors, m, dest, 0, dest.Length);
    }

    void IPieceWork.RunPiece(int piece)
    {
        int n = _dest!.Length;
        VectorKernels.Combine(_base!, _coefficients, _vectors, _terms, _dest, WorkerPool.SliceStart(n, piece, _pieces),
            WorkerPool.SliceStart(n, piece + 1, _pieces));
    }
}

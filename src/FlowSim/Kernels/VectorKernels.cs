using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FlowSim.Kernels;

/// <summary>
/// The element-wise vector kernels every layer shares (the ODE engine's stage sums and error norms, the managed
/// linear-algebra backend, descent updates): axpy, scale, dot, a fused linear combination and fused weighted sums of
/// squares, vectorised with <see cref="Vector{T}"/>. They depend on nothing but the runtime, so the engine and the
/// linear-algebra layer both use them without depending on each other.
/// </summary>
/// <remarks>
/// No kernel contracts a·b + c into a fused multiply-add (RyuJIT never does so implicitly), so the vector body and the
/// scalar tail round every entry the same way: a result does not depend on where a vector chunk starts, which is what
/// lets callers split a vector across threads without changing a bit.
/// </remarks>
internal static class VectorKernels
{
    /// <summary>y ← y + alpha·x (lengths equal).</summary>
    public static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        int n = x.Length, i = 0;
        ref double xr = ref MemoryMarshal.GetReference(x);
        ref double yr = ref MemoryMarshal.GetReference(y);
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var va = new Vector<double>(alpha);
            int w = Vector<double>.Count;
            for (; i <= n - w; i += w)
                (Vector.LoadUnsafe(ref yr, (nuint)i) + Vector.LoadUnsafe(ref xr, (nuint)i) * va).StoreUnsafe(ref yr, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref yr, i) += alpha * Unsafe.Add(ref xr, i);
    }

    /// <summary>xᵀy (lengths equal).</summary>
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int n = x.Length, i = 0;
        ref double xr = ref MemoryMarshal.GetReference(x);
        ref double yr = ref MemoryMarshal.GetReference(y);
        double sum = 0.0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var acc = Vector<double>.Zero;
            int w = Vector<double>.Count;
            for (; i <= n - w; i += w) acc += Vector.LoadUnsafe(ref xr, (nuint)i) * Vector.LoadUnsafe(ref yr, (nuint)i);
            sum = Vector.Sum(acc);
        }
        for (; i < n; i++) sum += Unsafe.Add(ref xr, i) * Unsafe.Add(ref yr, i);
        return sum;
    }

    /// <summary>x ← alpha·x.</summary>
    public static void Scale(double alpha, Span<double> x)
    {
        int n = x.Length, i = 0;
        ref double xr = ref MemoryMarshal.GetReference(x);
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var va = new Vector<double>(alpha);
            int w = Vector<double>.Count;
            for (; i <= n - w; i += w) (Vector.LoadUnsafe(ref xr, (nuint)i) * va).StoreUnsafe(ref xr, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref xr, i) *= alpha;
    }

    /// <summary>
    /// dest[i] = y[i] + Σ_j c[j]·v[j][i] for i in [start, end), the first <paramref name="terms"/> terms added in order
    /// j = 0, 1, … as a sequence of axpys would, but each vector-width chunk summed in a register and stored once: every
    /// v[j] is read once and dest is not re-read per term (the stage sums are memory-bound for large states).
    /// </summary>
    public static void Combine(double[] y, double[] c, double[][] v, int terms, double[] dest, int start, int end)
    {
        int i = start;
        ref double yr = ref MemoryMarshal.GetArrayDataReference(y);
        ref double dr = ref MemoryMarshal.GetArrayDataReference(dest);
        if (Vector.IsHardwareAccelerated)
        {
            int w = Vector<double>.Count;
            for (; i <= end - w; i += w)
            {
                var acc = Vector.LoadUnsafe(ref yr, (nuint)i);
                for (int j = 0; j < terms; j++)
                    acc += new Vector<double>(c[j]) * Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(v[j]), (nuint)i);
                acc.StoreUnsafe(ref dr, (nuint)i);
            }
        }
        for (; i < end; i++)
        {
            double acc = y[i];
            for (int j = 0; j < terms; j++) acc += c[j] * v[j][i];
            dest[i] = acc;
        }
    }

    /// <summary>
    /// Weighted sums of squares of one or two linear combinations over [start, end), in one pass:
    /// S₁ = Σ_i (Σ_j c1[j]·v1[j][i] / sc_i)², S₂ likewise with c2, v2 (0 when <paramref name="terms2"/> is 0), where
    /// sc_i = atol_i + rtol·max(|y_i|, |yNew_i|) is Hairer's error scale. No combination is stored: each vector is read
    /// once. The vector lanes are summed with <see cref="Vector.Sum{T}(Vector{T})"/> before the scalar tail is added.
    /// </summary>
    public static (double First, double Second) WeightedSquares(double[] c1, double[][] v1, int terms1, double[] c2, double[][] v2, int terms2,
        double[] y, double[] yNew, double[] atol, double rtol, int start, int end)
    {
        int i = start;
        double s1 = 0, s2 = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int w = Vector<double>.Count;
            var vr = new Vector<double>(rtol);
            var acc1 = Vector<double>.Zero;
            var acc2 = Vector<double>.Zero;
            for (; i <= end - w; i += w)
            {
                var sc = new Vector<double>(atol, i) + vr * Vector.Max(Vector.Abs(new Vector<double>(y, i)), Vector.Abs(new Vector<double>(yNew, i)));
                var e1 = Vector<double>.Zero;
                for (int j = 0; j < terms1; j++) e1 += new Vector<double>(c1[j]) * new Vector<double>(v1[j], i);
                e1 /= sc;
                acc1 += e1 * e1;
                if (terms2 > 0)
                {
                    var e2 = Vector<double>.Zero;
                    for (int j = 0; j < terms2; j++) e2 += new Vector<double>(c2[j]) * new Vector<double>(v2[j], i);
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
            for (int j = 0; j < terms1; j++) e1 += c1[j] * v1[j][i];
            for (int j = 0; j < terms2; j++) e2 += c2[j] * v2[j][i];
            s1 += e1 / sc * (e1 / sc);
            s2 += e2 / sc * (e2 / sc);
        }
        return (s1, s2);
    }

    /// <summary>True when every entry is finite: x·0 is NaN exactly when x is ±∞ or NaN, so one multiply-add per
    /// vector and no branch.</summary>
    public static bool AllFinite(ReadOnlySpan<double> v)
    {
        int i = 0;
        double check = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var acc = Vector<double>.Zero;
            for (; i <= v.Length - Vector<double>.Count; i += Vector<double>.Count) acc += new Vector<double>(v[i..]) * Vector<double>.Zero;
            check = Vector.Sum(acc);
        }
        for (; i < v.Length; i++) check += v[i] * 0.0;
        return check == 0.0;
    }
}

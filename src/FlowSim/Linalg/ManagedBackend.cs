using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FlowSim.Linalg;

/// <summary>
/// Pure managed kernels: a register-blocked, <see cref="Vector{T}"/>-vectorised GEMM and cyclic Jacobi for the
/// symmetric eigenproblem. Runs everywhere; the fallback when no native BLAS is found.
/// </summary>
/// <remarks>
/// GEMM: a register-blocked kernel computes a (2w)×4 block of C (w = Vector&lt;double&gt;.Count) with its eight vector
/// accumulators in registers, over depth blocks of 256 so the A panel stays in L1; op(B) is read by strides (no copy),
/// op(A) = Aᵀ is packed once into a per-thread buffer (grown, never shrunk: no allocation after warm-up).
/// The symmetric eigenproblem uses Jacobi (Rutishauser's threshold strategy, Numerical Recipes §11.1) up to order
/// 16 and Householder tridiagonalisation + implicit QL (EISPACK tred2/tql2) above, where Jacobi's ~10 sweeps of 4n³
/// flops lose (measured: n = 512 took 6.4 s by Jacobi, MathNet's Evd 0.5 s).
/// </remarks>
public sealed class ManagedBackend : ILinearAlgebraBackend
{
    [ThreadStatic] private static double[]? t_pack;

    /// <summary>The shared instance.</summary>
    public static ManagedBackend Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "managed";

    /// <inheritdoc />
    public void Gemm(Transpose transA, Transpose transB, int m, int n, int k, double alpha,
        ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc)
    {
        if (m == 0 || n == 0) return;
        for (int j = 0; j < n; j++)
        {
            var col = c.Slice(j * ldc, m);
            if (beta == 0.0) col.Clear();
            else if (beta != 1.0) Scale(beta, col);
        }
        if (k == 0 || alpha == 0.0) return;
        ReadOnlySpan<double> opA = a;
        int ldOpA = lda;
        if (transA == Transpose.Yes)
        {
            // Pack Aᵀ once (O(mk) against O(mnk) work) so that one register kernel serves every case.
            var packed = PackBuffer(m * k);
            for (int i = 0; i < m; i++)
            {
                var acol = a.Slice(i * lda, k);
                for (int p = 0; p < k; p++) packed[p * m + i] = acol[p];
            }
            opA = packed;
            ldOpA = m;
        }
        // op(B)(p, j) = b[p·strideP + j·strideJ].
        int strideP = transB == Transpose.No ? 1 : ldb, strideJ = transB == Transpose.No ? ldb : 1;
        GemmKernelLoop(m, n, k, alpha, ref MemoryMarshal.GetReference(opA), ldOpA,
            ref MemoryMarshal.GetReference(b), strideP, strideJ, ref MemoryMarshal.GetReference(c), ldc);
    }

    private const int DepthBlock = 256;

    private static void GemmKernelLoop(int m, int n, int k, double alpha, ref double a, int lda,
        ref double b, int strideP, int strideJ, ref double c, int ldc)
    {
        int w = Vector<double>.Count;
        bool vec = Vector.IsHardwareAccelerated;
        for (int p0 = 0; p0 < k; p0 += DepthBlock)
        {
            int kc = Math.Min(DepthBlock, k - p0);
            ref double aBlock = ref Unsafe.Add(ref a, (nint)p0 * lda);
            ref double bBlock = ref Unsafe.Add(ref b, (nint)p0 * strideP);
            int j0 = 0;
            for (; j0 + 4 <= n; j0 += 4)
            {
                ref double bj = ref Unsafe.Add(ref bBlock, (nint)j0 * strideJ);
                ref double cj = ref Unsafe.Add(ref c, (nint)j0 * ldc);
                int i0 = 0;
                if (vec)
                {
                    for (; i0 + 2 * w <= m; i0 += 2 * w)
                        Kernel2x4(kc, ref Unsafe.Add(ref aBlock, i0), lda, ref bj, strideP, strideJ, alpha, ref Unsafe.Add(ref cj, i0), ldc);
                    for (; i0 + w <= m; i0 += w)
                        Kernel1x4(kc, ref Unsafe.Add(ref aBlock, i0), lda, ref bj, strideP, strideJ, alpha, ref Unsafe.Add(ref cj, i0), ldc);
                }
                for (; i0 < m; i0++)
                    for (int jj = 0; jj < 4; jj++)
                        Unsafe.Add(ref cj, (nint)jj * ldc + i0) += alpha * ScalarDot(kc, ref Unsafe.Add(ref aBlock, i0), lda, ref Unsafe.Add(ref bj, (nint)jj * strideJ), strideP);
            }
            for (; j0 < n; j0++)
            {
                ref double bj = ref Unsafe.Add(ref bBlock, (nint)j0 * strideJ);
                ref double cj = ref Unsafe.Add(ref c, (nint)j0 * ldc);
                for (int p = 0; p < kc; p++)
                {
                    double bp = alpha * Unsafe.Add(ref bj, (nint)p * strideP);
                    if (bp == 0.0) continue;
                    ref double ap = ref Unsafe.Add(ref aBlock, (nint)p * lda);
                    int i = 0;
                    if (vec)
                    {
                        var vb = new Vector<double>(bp);
                        for (; i + w <= m; i += w)
                            (Vector.LoadUnsafe(ref cj, (nuint)i) + Vector.LoadUnsafe(ref ap, (nuint)i) * vb).StoreUnsafe(ref cj, (nuint)i);
                    }
                    for (; i < m; i++) Unsafe.Add(ref cj, i) += bp * Unsafe.Add(ref ap, i);
                }
            }
        }
    }

    /// <summary>C[i0 : i0+2w, j0 : j0+4] += alpha·A[i0 : i0+2w, block]·op(B)[block, j0 : j0+4] with the 8 accumulators in registers.</summary>
    private static void Kernel2x4(int kc, ref double a, int lda, ref double b, int strideP, int strideJ, double alpha, ref double c, int ldc)
    {
        int w = Vector<double>.Count;
        Vector<double> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector<double> c10 = default, c11 = default, c12 = default, c13 = default;
        for (int p = 0; p < kc; p++)
        {
            ref double ap = ref Unsafe.Add(ref a, (nint)p * lda);
            var a0 = Vector.LoadUnsafe(ref ap);
            var a1 = Vector.LoadUnsafe(ref ap, (nuint)w);
            ref double bp = ref Unsafe.Add(ref b, (nint)p * strideP);
            var b0 = new Vector<double>(bp);
            var b1 = new Vector<double>(Unsafe.Add(ref bp, strideJ));
            var b2 = new Vector<double>(Unsafe.Add(ref bp, 2 * strideJ));
            var b3 = new Vector<double>(Unsafe.Add(ref bp, 3 * strideJ));
            c00 += a0 * b0; c10 += a1 * b0;
            c01 += a0 * b1; c11 += a1 * b1;
            c02 += a0 * b2; c12 += a1 * b2;
            c03 += a0 * b3; c13 += a1 * b3;
        }
        var va = new Vector<double>(alpha);
        Store(ref c, 0, c00 * va); Store(ref c, w, c10 * va);
        Store(ref c, ldc, c01 * va); Store(ref c, ldc + w, c11 * va);
        Store(ref c, 2 * ldc, c02 * va); Store(ref c, 2 * ldc + w, c12 * va);
        Store(ref c, 3 * ldc, c03 * va); Store(ref c, 3 * ldc + w, c13 * va);
    }

    private static void Kernel1x4(int kc, ref double a, int lda, ref double b, int strideP, int strideJ, double alpha, ref double c, int ldc)
    {
        Vector<double> c0 = default, c1 = default, c2 = default, c3 = default;
        for (int p = 0; p < kc; p++)
        {
            var a0 = Vector.LoadUnsafe(ref Unsafe.Add(ref a, (nint)p * lda));
            ref double bp = ref Unsafe.Add(ref b, (nint)p * strideP);
            c0 += a0 * new Vector<double>(bp);
            c1 += a0 * new Vector<double>(Unsafe.Add(ref bp, strideJ));
            c2 += a0 * new Vector<double>(Unsafe.Add(ref bp, 2 * strideJ));
            c3 += a0 * new Vector<double>(Unsafe.Add(ref bp, 3 * strideJ));
        }
        var va = new Vector<double>(alpha);
        Store(ref c, 0, c0 * va);
        Store(ref c, ldc, c1 * va);
        Store(ref c, 2 * ldc, c2 * va);
        Store(ref c, 3 * ldc, c3 * va);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref double c, int offset, Vector<double> add)
    {
        ref double t = ref Unsafe.Add(ref c, offset);
        (Vector.LoadUnsafe(ref t) + add).StoreUnsafe(ref t);
    }

    private static double ScalarDot(int kc, ref double a, int lda, ref double b, int strideP)
    {
        double s = 0;
        for (int p = 0; p < kc; p++) s += Unsafe.Add(ref a, (nint)p * lda) * Unsafe.Add(ref b, (nint)p * strideP);
        return s;
    }

    private static Span<double> PackBuffer(int length)
    {
        var buf = t_pack;
        if (buf is null || buf.Length < length) t_pack = buf = new double[Math.Max(length, 64)];
        return buf.AsSpan(0, length);
    }

    private static void Scale(double alpha, Span<double> x) => Kernels.VectorKernels.Scale(alpha, x);

    /// <inheritdoc />
    public void Gemv(Transpose transA, int m, int n, double alpha, ReadOnlySpan<double> a, int lda,
        ReadOnlySpan<double> x, double beta, Span<double> y)
    {
        int ylen = transA == Transpose.No ? m : n;
        var yv = y[..ylen];
        if (beta == 0.0) yv.Clear();
        else if (beta != 1.0) Scale(beta, yv);
        if (alpha == 0.0 || m == 0 || n == 0) return;
        if (transA == Transpose.No)
        {
            for (int j = 0; j < n; j++)
            {
                double xj = alpha * x[j];
                if (xj != 0.0) Kernels.VectorKernels.Axpy(xj, a.Slice(j * lda, m), yv);
            }
        }
        else
        {
            var xv = x[..m];
            for (int j = 0; j < n; j++) yv[j] += alpha * Kernels.VectorKernels.Dot(a.Slice(j * lda, m), xv);
        }
    }

    /// <inheritdoc />
    public int SymmetricEigenWorkLength(int n) => n * n + n;

    /// <summary>Orders up to this use Jacobi (most accurate, as fast at this size); larger ones Householder + implicit QL.</summary>
    internal const int JacobiMaxOrder = 16;

    /// <inheritdoc />
    public void SymmetricEigen(int n, ReadOnlySpan<double> a, Span<double> eigenvalues, Span<double> eigenvectors, Span<double> work)
    {
        if (n > JacobiMaxOrder) SymmetricTridiagonalQl.Decompose(n, a, eigenvalues, eigenvectors, work[..n]);
        else Jacobi(n, a, eigenvalues, eigenvectors, work);
    }

    /// <summary>Cyclic Jacobi with Rutishauser's threshold strategy; <paramref name="work"/> holds n² entries.</summary>
    internal static void Jacobi(int n, ReadOnlySpan<double> a, Span<double> eigenvalues, Span<double> eigenvectors, Span<double> work)
    {
        var s = work[..(n * n)];
        a[..(n * n)].CopyTo(s);
        // Symmetrise from the average so that rounding asymmetry in the input cannot bias the result.
        for (int j = 0; j < n; j++)
            for (int i = j + 1; i < n; i++)
            {
                double v = 0.5 * (s[j * n + i] + s[i * n + j]);
                s[j * n + i] = v;
                s[i * n + j] = v;
            }
        var v_ = eigenvectors[..(n * n)];
        v_.Clear();
        for (int i = 0; i < n; i++) v_[i * n + i] = 1.0;

        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0.0;
            for (int q = 1; q < n; q++)
                for (int p = 0; p < q; p++) off += s[q * n + p] * s[q * n + p];
            if (off == 0.0) break;
            for (int q = 1; q < n; q++)
            {
                for (int p = 0; p < q; p++)
                {
                    double apq = s[q * n + p];
                    if (apq == 0.0) continue;
                    double app = s[p * n + p], aqq = s[q * n + q];
                    double g = 100.0 * Math.Abs(apq);
                    if (sweep > 3 && Math.Abs(app) + g == Math.Abs(app) && Math.Abs(aqq) + g == Math.Abs(aqq))
                    {
                        s[q * n + p] = 0.0;
                        s[p * n + q] = 0.0;
                        continue;
                    }
                    double theta = (aqq - app) / (2.0 * apq);
                    double t = Math.Abs(theta) > 1e150
                        ? 1.0 / (2.0 * theta)
                        : Math.Sign(theta == 0 ? 1.0 : theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1.0));
                    double c = 1.0 / Math.Sqrt(t * t + 1.0), sn = t * c;
                    for (int r = 0; r < n; r++)
                    {
                        double arp = s[p * n + r], arq = s[q * n + r];
                        s[p * n + r] = c * arp - sn * arq;
                        s[q * n + r] = sn * arp + c * arq;
                    }
                    for (int r = 0; r < n; r++)
                    {
                        double apr = s[r * n + p], aqr = s[r * n + q];
                        s[r * n + p] = c * apr - sn * aqr;
                        s[r * n + q] = sn * apr + c * aqr;
                    }
                    s[q * n + p] = 0.0;
                    s[p * n + q] = 0.0;
                    for (int r = 0; r < n; r++)
                    {
                        double vrp = v_[p * n + r], vrq = v_[q * n + r];
                        v_[p * n + r] = c * vrp - sn * vrq;
                        v_[q * n + r] = sn * vrp + c * vrq;
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) eigenvalues[i] = s[i * n + i];
        // Selection sort, ascending, swapping eigenvector columns along.
        for (int i = 0; i < n - 1; i++)
        {
            int min = i;
            for (int j = i + 1; j < n; j++) if (eigenvalues[j] < eigenvalues[min]) min = j;
            if (min == i) continue;
            (eigenvalues[i], eigenvalues[min]) = (eigenvalues[min], eigenvalues[i]);
            for (int r = 0; r < n; r++) (v_[i * n + r], v_[min * n + r]) = (v_[min * n + r], v_[i * n + r]);
        }
    }
}

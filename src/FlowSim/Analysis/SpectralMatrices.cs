namespace FlowSim.Analysis;

/// <summary>
/// Matrices given by an orthonormal eigenbasis V (column-major d×d, eigenvectors as columns): V·diag(λ)·Vᵀ and the
/// rotation Vᵀ·M·V that makes a matrix with the same eigenbasis diagonal. Plain loops in a fixed order, so a check
/// gets the same bits on every backend.
/// </summary>
public static class SpectralMatrices
{
    /// <summary>V·diag(<paramref name="spectrum"/>)·Vᵀ, with d = <paramref name="spectrum"/>.Length.</summary>
    /// <exception cref="ArgumentException"><paramref name="v"/> does not hold d×d entries.</exception>
    public static double[] Compose(ReadOnlySpan<double> v, ReadOnlySpan<double> spectrum)
    {
        int d = spectrum.Length;
        if (v.Length != d * d) throw new ArgumentException($"v: expected {d}×{d} = {d * d} entries for {d} eigenvalues (got {v.Length}).", nameof(v));
        var a = new double[d * d];
        for (int c = 0; c < d; c++)
            for (int r = 0; r < d; r++)
            {
                double s = 0;
                for (int m = 0; m < d; m++) s += v[m * d + r] * spectrum[m] * v[m * d + c];
                a[c * d + r] = s;
            }
        return a;
    }

    /// <summary><paramref name="destination"/> = Vᵀ·M·V for d×d matrices (d from the length of <paramref name="v"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="v"/> is not square, or <paramref name="m"/> or <paramref name="destination"/> has another length.</exception>
    public static void RotateInto(ReadOnlySpan<double> v, ReadOnlySpan<double> m, Span<double> destination)
    {
        int d = (int)Math.Round(Math.Sqrt(v.Length));
        if (d * d != v.Length) throw new ArgumentException($"v: {v.Length} entries are not a square matrix.", nameof(v));
        if (m.Length != v.Length || destination.Length != v.Length)
            throw new ArgumentException($"m, destination: both must hold {d}×{d} entries like v (got {m.Length} and {destination.Length}).", nameof(m));
        Span<double> mv = d <= 32 ? stackalloc double[d * d] : new double[d * d];
        for (int c = 0; c < d; c++)
            for (int r = 0; r < d; r++)
            {
                double s = 0;
                for (int k = 0; k < d; k++) s += m[k * d + r] * v[c * d + k];
                mv[c * d + r] = s;
            }
        for (int c = 0; c < d; c++)
            for (int r = 0; r < d; r++)
            {
                double s = 0;
                for (int k = 0; k < d; k++) s += v[r * d + k] * mv[c * d + k];
                destination[c * d + r] = s;
            }
    }
}

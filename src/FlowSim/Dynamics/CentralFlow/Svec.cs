namespace FlowSim.Dynamics.CentralFlow;

/// <summary>
/// The svec isometry between symmetric k×k matrices and vectors of length k(k + 1)/2: entry (a, b), a ≤ b, at
/// b(b + 1)/2 + a (the packed pair order of the curvature pairs), off-diagonal entries times √2 so that
/// ⟨X, Y⟩ = svec(X)·svec(Y).
/// </summary>
internal static class Svec
{
    public static void ToMatrix(int k, ReadOnlySpan<double> svec, Span<double> m)
    {
        for (int b = 0; b < k; b++)
            for (int a = 0; a <= b; a++)
            {
                double v = svec[Index(a, b)] / Scale(a, b);
                m[b * k + a] = v;
                m[a * k + b] = v;
            }
    }

    public static void FromMatrix(int k, ReadOnlySpan<double> m, Span<double> svec)
    {
        for (int b = 0; b < k; b++)
            for (int a = 0; a <= b; a++) svec[Index(a, b)] = Scale(a, b) * 0.5 * (m[b * k + a] + m[a * k + b]);
    }

    public static int Index(int a, int b) => b * (b + 1) / 2 + a;
    public static double Scale(int a, int b) => a == b ? 1.0 : Math.Sqrt(2.0);
    public static double ScaleOf(int packed)
    {
        int b = (int)((Math.Sqrt(8.0 * packed + 1) - 1) / 2);
        return packed == b * (b + 1) / 2 + b ? 1.0 : Math.Sqrt(2.0);
    }
}

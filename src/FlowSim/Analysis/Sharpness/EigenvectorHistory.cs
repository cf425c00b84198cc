using FlowSim.Linalg;

namespace FlowSim.Analysis.Sharpness;

/// <summary>
/// The eigenvectors of the last 2(p + 1) solves of a <see cref="LanczosEigensolver"/>, and their extrapolation to the next
/// solve along the same phase of a 2-cycle (<see cref="LanczosOptions.SamePhaseExtrapolation"/>): the polynomial of
/// degree p through the eigenvectors of the solves 2, 4, …, 2(p + 1) before, each turned to the sign of the first.
/// </summary>
/// <remarks>On descent's 2-cycle at the edge of stability the top eigenvector of the last solve is the other phase's mode,
/// while those two, four … solves back are the same mode drifting smoothly; on a smooth sequence of solves the same
/// polynomial is an extrapolation with twice the spacing. A ring buffer allocated once; not thread-safe.</remarks>
internal sealed class EigenvectorHistory
{
    private readonly int _n, _k, _degree, _capacity;
    private readonly double[] _ring;
    private int _head, _count;

    /// <summary>Keeps the k eigenvectors (of dimension n) of the last 2(degree + 1) solves.</summary>
    public EigenvectorHistory(int n, int k, int degree)
    {
        _n = n;
        _k = k;
        _degree = degree;
        _capacity = 2 * (degree + 1);
        _ring = new double[_capacity * k * n];
    }

    /// <summary>Whether an extrapolation exists: at least two solves are kept.</summary>
    public bool CanExtrapolate => _count >= 2;

    /// <summary>Forgets every solve.</summary>
    public void Clear() => _count = 0;

    /// <summary>Keeps the k eigenvectors of a solve (n×k, column after column), dropping the oldest.</summary>
    public void Push(ReadOnlySpan<double> vectors)
    {
        vectors[..(_n * _k)].CopyTo(_ring.AsSpan(_head * _n * _k, _n * _k));
        _head = (_head + 1) % _capacity;
        _count = Math.Min(_count + 1, _capacity);
    }

    /// <summary>Writes the same-phase extrapolation of eigenvector <paramref name="index"/> into <paramref name="target"/>,
    /// of the highest degree ≤ p that the kept solves allow (degree 0: the eigenvector of two solves back).</summary>
    public void Extrapolate(int index, Span<double> target)
    {
        int degree = Math.Min(_degree, (_count - 2) / 2);
        var first = Vector(2, index);
        target.Clear();
        for (int j = 0; j <= degree; j++)
        {
            var v = Vector(2 + 2 * j, index);
            // The polynomial of degree p through p + 1 equally spaced points, at the next point: c_j = (−1)^j·C(p + 1, j + 1).
            double c = (j % 2 == 0 ? 1 : -1) * Binomial(degree + 1, j + 1);
            if (j > 0 && LinearAlgebra.Dot(first, v) < 0) c = -c;
            LinearAlgebra.Axpy(c, v, target);
        }
    }

    // Eigenvector `index` of the solve `age` solves back (1: the last one).
    private ReadOnlySpan<double> Vector(int age, int index)
    {
        int slot = ((_head - age) % _capacity + _capacity) % _capacity;
        return _ring.AsSpan((slot * _k + index) * _n, _n);
    }

    private static double Binomial(int n, int k)
    {
        double r = 1;
        for (int i = 1; i <= k; i++) r = r * (n - k + i) / i;
        return r;
    }
}

using FlowSim.Linalg;
using FlowSim.Randomness;

namespace FlowSim.Models;

/// <summary>
/// Gaussian measurements 𝒜(Z)_i = ⟨A_i, Z⟩/√M with i.i.d. N(0, 1) matrices A_i (THEORY §1.1), so E[𝒜*𝒜] = I.
/// The M×(mn) matrix whose row i is vec(A_i)/√M is built once; 𝒜 and 𝒜* are one GEMV each.
/// </summary>
/// <remarks>Draw order: A_0 first, each A_i's entries in column-major order, from
/// <see cref="Xoshiro256StarStar"/>(seed) normals; the same matrices on every machine.</remarks>
public sealed class GaussianMeasurements : IMeasurementOperator
{
    private readonly double[] _sensing; // M × (m·n), column-major: entry (i, p) = vec(A_i)_p / √M

    /// <summary>Draws M Gaussian m×n measurement matrices from <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentException">A size is not positive.</exception>
    public GaussianMeasurements(int count, int rows, int columns, ulong seed)
    {
        Count = ModelArguments.Positive(count, nameof(count));
        Rows = ModelArguments.Positive(rows, nameof(rows));
        Columns = ModelArguments.Positive(columns, nameof(columns));
        Seed = seed;
        int mn = rows * columns;
        _sensing = new double[count * mn];
        var rng = new Xoshiro256StarStar(seed);
        double scale = 1.0 / Math.Sqrt(count);
        for (int i = 0; i < count; i++)
            for (int p = 0; p < mn; p++)
                _sensing[p * count + i] = scale * rng.NextNormal();
    }

    /// <inheritdoc />
    public int Rows { get; }
    /// <inheritdoc />
    public int Columns { get; }
    /// <inheritdoc />
    public int Count { get; }
    /// <summary>The seed the matrices were drawn from.</summary>
    public ulong Seed { get; }
    /// <inheritdoc />
    public string Name => $"gaussian(M={Count}, seed={Seed})";

    /// <summary>A_i/√M as an m×n column-major copy (for checks and reports).</summary>
    public double[] Matrix(int i)
    {
        if ((uint)i >= (uint)Count) throw new ArgumentException($"i: must lie in [0, {Count}) (got {i}).", nameof(i));
        var a = new double[Rows * Columns];
        for (int p = 0; p < a.Length; p++) a[p] = _sensing[p * Count + i];
        return a;
    }

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<double> z, Span<double> y) =>
        LinearAlgebra.Gemv(Transpose.No, Count, Rows * Columns, 1.0, _sensing, Count, z, 0.0, y);

    /// <inheritdoc />
    public void Adjoint(ReadOnlySpan<double> y, Span<double> z) =>
        LinearAlgebra.Gemv(Transpose.Yes, Count, Rows * Columns, 1.0, _sensing, Count, y, 0.0, z);
}

namespace FlowSim.Models;

/// <summary>The ideal operator 𝒜 = vec (so 𝒜*𝒜 = I and E ≡ 0): matrix sensing reduces to factorisation
/// (THEORY W5(b), W7, the "pure flow").</summary>
public sealed class IdentityMeasurements : IMeasurementOperator
{
    /// <summary>Creates the identity on m×n matrices.</summary>
    public IdentityMeasurements(int rows, int columns)
    {
        Rows = ModelArguments.Positive(rows, nameof(rows));
        Columns = ModelArguments.Positive(columns, nameof(columns));
    }

    /// <inheritdoc />
    public int Rows { get; }
    /// <inheritdoc />
    public int Columns { get; }
    /// <inheritdoc />
    public int Count => Rows * Columns;
    /// <inheritdoc />
    public string Name => "identity";

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<double> z, Span<double> y) => z[..Count].CopyTo(y);

    /// <inheritdoc />
    public void Adjoint(ReadOnlySpan<double> y, Span<double> z) => y[..Count].CopyTo(z);
}

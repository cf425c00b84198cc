namespace FlowSim.Models;

/// <summary>One factor matrix inside θ: a rows×cols column-major block starting at <see cref="Offset"/>.</summary>
/// <param name="Name">Name used in reports ("U", "V", "W1", …).</param>
/// <param name="Rows">Rows of the factor.</param>
/// <param name="Cols">Columns of the factor.</param>
/// <param name="Offset">Index of its (0, 0) entry in θ.</param>
public readonly record struct FactorShape(string Name, int Rows, int Cols, int Offset)
{
    /// <summary>Rows × Cols.</summary>
    public int Length => Rows * Cols;
}

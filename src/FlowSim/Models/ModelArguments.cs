namespace FlowSim.Models;

/// <summary>Argument checks shared by the models (messages name the parameter).</summary>
internal static class ModelArguments
{
    /// <summary><paramref name="value"/>, checked to be positive (so a constructor checks and stores a size in one line).</summary>
    public static int Positive(int value, string name) =>
        value > 0 ? value : throw new ArgumentException($"{name}: must be positive (got {value}).", name);

    public static double[] FiniteMatrix(ReadOnlySpan<double> values, int rows, int cols, string name)
    {
        if (values.Length != rows * cols)
            throw new ArgumentException($"{name}: expected {rows}×{cols} = {rows * cols} entries (column-major), got {values.Length}.", name);
        for (int i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"{name}: entry ({i % rows}, {i / rows}) is {values[i]}; all entries must be finite.", name);
        return values.ToArray();
    }

    public static void Length(int actual, int expected, string name)
    {
        if (actual != expected) throw new ArgumentException($"{name}: expected length {expected}, got {actual}.", name);
    }
}

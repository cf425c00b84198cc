using System.Globalization;

namespace FlowSim.ClosedForm;

/// <summary>Argument checks shared by the scalar closed forms and dynamics; each message names the parameter.</summary>
internal static class ScalarArguments
{
    public static void Depth(int depth, int minimum = 1, string name = "depth")
    {
        if (depth < minimum) throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{name}: the depth N must be at least {minimum} (got {depth})."), name);
    }

    public static void Finite(double value, string name)
    {
        if (!double.IsFinite(value)) throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{name}: must be finite (got {value})."), name);
    }

    public static void Positive(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value)) throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{name}: must be positive and finite (got {value})."), name);
    }

    public static void NonNegative(double value, string name)
    {
        if (!(value >= 0) || !double.IsFinite(value)) throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{name}: must be non-negative and finite (got {value})."), name);
    }
}

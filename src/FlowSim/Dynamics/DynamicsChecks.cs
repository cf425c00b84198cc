using FlowSim.Models;

namespace FlowSim.Dynamics;

/// <summary>Argument checks shared by the flows and descent, so every entry point words its errors the same way.</summary>
internal static class DynamicsChecks
{
    public static void InitialState(IObjective objective, ReadOnlySpan<double> theta0, string name = "theta0")
    {
        if (theta0.Length != objective.ParameterCount)
            throw new ArgumentException($"{name}: has {theta0.Length} entries, the objective '{objective.Name}' has {objective.ParameterCount} parameters.", name);
        for (int i = 0; i < theta0.Length; i++)
            if (!double.IsFinite(theta0[i]))
                throw new ArgumentException($"{name}[{i}]: the initial parameters must be finite (got {theta0[i]}).", name);
    }

    public static void StepSize(double eta, string name = "stepSize")
    {
        if (!(eta > 0) || !double.IsFinite(eta))
            throw new ArgumentException($"{name}: the step size η must be finite and > 0 (got {eta}).", name);
    }

    /// <summary>The spans a right-hand side is called with both hold the objective's <paramref name="n"/> parameters.</summary>
    public static void RhsSpans(int n, ReadOnlySpan<double> y, Span<double> dydt)
    {
        if (y.Length != n) throw new ArgumentException($"y: expected length {n}, got {y.Length}.", nameof(y));
        if (dydt.Length != n) throw new ArgumentException($"dydt: expected length {n}, got {dydt.Length}.", nameof(dydt));
    }

    public static void TimeSpan(double t0, double t1)
    {
        if (!double.IsFinite(t0)) throw new ArgumentException($"t0: must be finite (got {t0}).", nameof(t0));
        if (!double.IsFinite(t1)) throw new ArgumentException($"t1: must be finite (got {t1}).", nameof(t1));
        if (t1 == t0) throw new ArgumentException($"t1: must differ from t0 (both are {t0}).", nameof(t1));
    }
}

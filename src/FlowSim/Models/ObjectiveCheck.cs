using System.Globalization;

namespace FlowSim.Models;

/// <summary>
/// One comparison of what an objective computes (its gradient, its Hessian-vector product, …) with an independent
/// reference, entry by entry: the largest relative error, where it occurs, and whether it is within the tolerance.
/// Made by <see cref="ObjectiveChecks"/>.
/// </summary>
/// <remarks>
/// Entries are compared on the scale of the largest entry of either vector, e_i = |value_i − reference_i| / s with
/// s = max(‖value‖∞, ‖reference‖∞): a central difference carries an absolute error of that scale, so an entry near
/// zero cannot be judged against itself. A non-finite entry on either side counts as an error of +∞; two zero vectors
/// agree exactly.
/// </remarks>
/// <param name="Quantity">What was checked ("gradient", "Hessian-vector product", …).</param>
/// <param name="Reference">How the reference was obtained ("central differences of the loss, step 1E-05", …).</param>
/// <param name="Count">Number of entries compared.</param>
/// <param name="MaxRelativeError">max_i e_i (see the remarks); 0 when nothing was compared.</param>
/// <param name="WorstIndex">Index i in θ of the largest error (−1 when nothing was compared).</param>
/// <param name="WorstLocation">The same entry named for a reader: "W2[1, 0]" inside a factor of an
/// <see cref="IFactorizedObjective"/>, else "θ[i]".</param>
/// <param name="WorstValue">The objective's value at <paramref name="WorstIndex"/>.</param>
/// <param name="WorstReference">The reference's value there.</param>
/// <param name="NormRelativeError">‖value − reference‖₂ / ‖reference‖₂ (0 when both vanish, +∞ when only the reference does).</param>
/// <param name="Tolerance">The bound <paramref name="MaxRelativeError"/> is held to.</param>
public sealed record ObjectiveCheck(
    string Quantity,
    string Reference,
    int Count,
    double MaxRelativeError,
    int WorstIndex,
    string WorstLocation,
    double WorstValue,
    double WorstReference,
    double NormRelativeError,
    double Tolerance)
{
    /// <summary>Whether <see cref="MaxRelativeError"/> ≤ <see cref="Tolerance"/> (a NaN or +∞ error fails).</summary>
    public bool Passed => MaxRelativeError <= Tolerance;

    /// <summary>One line: "gradient: pass, max relative error 3.1E-10 ≤ 1.0E-06 at W2[1, 0] (θ[13]) (0.25 vs 0.25000000008; central …)";
    /// the location is left out when the error is zero.</summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        string verdict = string.Create(c, $"{Quantity}: {(Passed ? "pass" : "FAIL")}, max relative error {MaxRelativeError:0.0E+00} {(Passed ? "≤" : "above")} {Tolerance:0.0E+00}");
        return WorstIndex < 0 || MaxRelativeError == 0 ? $"{verdict} ({Reference})"
            : string.Create(c, $"{verdict} at {WorstLocation} ({WorstValue:R} vs {WorstReference:R}; {Reference})");
    }

    /// <summary>Compares <paramref name="values"/> with <paramref name="reference"/> as the remarks describe.</summary>
    internal static ObjectiveCheck Compare(string quantity, string referenceName, ReadOnlySpan<double> values, ReadOnlySpan<double> reference,
        double tolerance, Func<int, string> locate)
    {
        double scale = 0, diff2 = 0, ref2 = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (double.IsFinite(values[i])) scale = Math.Max(scale, Math.Abs(values[i]));
            if (double.IsFinite(reference[i])) scale = Math.Max(scale, Math.Abs(reference[i]));
            double d = values[i] - reference[i];
            diff2 += d * d;
            ref2 += reference[i] * reference[i];
        }
        double worst = 0;
        int at = values.Length == 0 ? -1 : 0;
        for (int i = 0; i < values.Length; i++)
        {
            double e = !double.IsFinite(values[i]) || !double.IsFinite(reference[i]) ? double.PositiveInfinity
                : scale == 0 ? 0 : Math.Abs(values[i] - reference[i]) / scale;
            if (e > worst) { worst = e; at = i; }
        }
        double normError = ref2 > 0 ? Math.Sqrt(diff2 / ref2) : diff2 == 0 ? 0 : double.PositiveInfinity;
        if (double.IsNaN(normError)) normError = double.PositiveInfinity;
        return new ObjectiveCheck(quantity, referenceName, values.Length, worst, at, at < 0 ? "" : locate(at),
            at < 0 ? 0 : values[at], at < 0 ? 0 : reference[at], normError, tolerance);
    }
}

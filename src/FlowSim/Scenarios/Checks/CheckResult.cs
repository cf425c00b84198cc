using System.Globalization;
using System.Text.Json;
using FlowSim.Theory;

namespace FlowSim.Scenarios.Checks;

/// <summary>
/// The outcome of one check on one dynamics: verdict, margin (as for the claims, see <see cref="ClaimOutcome"/>), and
/// the worst record's time, measured and bound values.
/// </summary>
/// <param name="Id">The check's id.</param>
/// <param name="Dynamics">The dynamics' name.</param>
/// <param name="Kind">The check's kind.</param>
/// <param name="Verdict"><see cref="Verdict.Pass"/> or <see cref="Verdict.Fail"/>.</param>
/// <param name="Margin">Allowed/used at the worst record: ≥ 1 passes; +∞ where exact; NaN when a value is NaN or nothing was checked.</param>
/// <param name="WorstT">Time of the worst record, null when no record was checked.</param>
/// <param name="Measured">Measured value at the worst record, null when no record was checked.</param>
/// <param name="Bound">Bound at the worst record (for the monotone kinds the previous record's measured value), null when no record was checked.</param>
/// <param name="Records">Number of records in the time window.</param>
/// <param name="Message">One line for the report: what decided the verdict.</param>
public sealed record CheckResult(
    string Id, string Dynamics, CheckKind Kind, Verdict Verdict, double Margin,
    double? WorstT, double? Measured, double? Bound, int Records, string Message)
{
    /// <summary>
    /// Writes the result as <c>{"id", "dynamics", "kind", "verdict", "margin", "worst_t", "measured", "bound", "records"}</c>
    /// (the keys of summary.json's <c>checks</c> list). Non-finite numbers are the strings "NaN", "Infinity", "-Infinity"
    /// as in report.json; null means no record was checked.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("id", Id);
        writer.WriteString("dynamics", Dynamics);
        writer.WriteString("kind", Kind.Name());
        writer.WriteString("verdict", Verdict.DisplayName());
        WriteNumber(writer, "margin", Margin);
        WriteNumber(writer, "worst_t", WorstT);
        WriteNumber(writer, "measured", Measured);
        WriteNumber(writer, "bound", Bound);
        writer.WriteNumber("records", Records);
        writer.WriteEndObject();
    }

    /// <summary>Writes <paramref name="results"/> as a JSON array of <see cref="WriteJson"/> objects.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteJsonArray(Utf8JsonWriter writer, IEnumerable<CheckResult> results)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(results);
        writer.WriteStartArray();
        foreach (var r in results) r.WriteJson(writer);
        writer.WriteEndArray();
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, double? value)
    {
        if (value is not { } d) w.WriteNull(name);
        else if (double.IsFinite(d)) w.WriteNumber(name, d);
        else w.WriteString(name, ScenarioNode.FormatNumber(d));
    }

    /// <summary>Six significant digits, invariant culture (messages; the JSON keeps full precision).</summary>
    internal static string Fmt(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}

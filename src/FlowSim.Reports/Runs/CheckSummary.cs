using System.Globalization;
using System.Text.Json.Serialization;
using FlowSim.Scenarios.Checks;
using FlowSim.Theory;

namespace FlowSim.Reports;

/// <summary>
/// One check on one dynamics in summary.json's <c>checks</c> list: exactly the keys of
/// <see cref="CheckResult.WriteJson"/> — <c>id</c>, <c>dynamics</c>, <c>kind</c>, <c>verdict</c>, <c>margin</c>,
/// <c>worst_t</c>, <c>measured</c>, <c>bound</c>, <c>records</c> — with null kept (no record was checked) where the
/// other summary entries leave nulls out, and non-finite numbers as "NaN", "Infinity".
/// </summary>
/// <param name="Id">The check's id.</param>
/// <param name="Dynamics">The dynamics' name.</param>
/// <param name="Kind"><c>upper</c>, <c>lower</c>, <c>equal</c>, <c>nonincreasing</c> or <c>nondecreasing</c>.</param>
/// <param name="Verdict"><c>pass</c> or <c>fail</c>.</param>
/// <param name="Margin">Allowed/used at the worst record (≥ 1 passes; NaN when nothing was checked or a value was NaN).</param>
/// <param name="WorstT">Time of the worst record, null when no record was checked.</param>
/// <param name="Measured">Measured value at the worst record.</param>
/// <param name="Bound">Bound at the worst record (monotone kinds: the previous record's measured value).</param>
/// <param name="Records">Records in the check's time window.</param>
public sealed record CheckSummary(string Id, string Dynamics, string Kind, string Verdict, double Margin,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? WorstT,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Measured,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Bound,
    int Records)
{
    /// <summary>The entry of one check result.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static CheckSummary From(CheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new CheckSummary(result.Id, result.Dynamics, result.Kind.Name(), result.Verdict.DisplayName(), result.Margin,
            result.WorstT, result.Measured, result.Bound, result.Records);
    }

    /// <summary>A margin as <c>validate</c> prints a claim's: three significant digits (<c>0.981</c>, <c>1.21e6</c>, <c>4.3e-5</c>),
    /// ∞ where exact, NaN when nothing was checked or a value was NaN.</summary>
    public static string FormatMargin(double margin) =>
        double.IsNaN(margin) ? "NaN" : double.IsPositiveInfinity(margin) ? "∞" : ShortExponent(margin.ToString("G3", CultureInfo.InvariantCulture));

    /// <summary>A number's exponent without its sign and zero padding (<c>1E-06</c> → <c>1e-6</c>, <c>1.2E+05</c> → <c>1.2e5</c>).</summary>
    internal static string ShortExponent(string number) =>
        number.Replace("E+0", "e", StringComparison.Ordinal).Replace("E+", "e", StringComparison.Ordinal)
            .Replace("E-0", "e-", StringComparison.Ordinal).Replace("E", "e", StringComparison.Ordinal);

    /// <summary>Whether the check passed on this dynamics.</summary>
    [JsonIgnore]
    public bool Passed => Verdict == Theory.Verdict.Pass.DisplayName();
}

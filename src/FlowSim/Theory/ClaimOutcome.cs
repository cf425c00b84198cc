using System.Globalization;

namespace FlowSim.Theory;

/// <summary>
/// What a claim returns (its <c>Run</c>, in FlowSim.Theory) and what a scenario check's margin follows: the verdict
/// and the numbers behind it. Build it with the
/// factory methods (<see cref="UpperBound"/>, <see cref="LowerBound"/>, <see cref="Agreement"/>,
/// <see cref="RelativeAgreement"/>, <see cref="Condition"/>) and merge sub-checks with <see cref="Combine(IEnumerable{ClaimOutcome})"/>;
/// they compute the verdict and the margin the same way for every claim.
/// </summary>
/// <remarks>
/// <para><b>Margin</b> is a ratio "allowed / used": ≥ 1 means inside the bound (pass), &lt; 1 outside (fail).
/// For an upper bound m ≤ b with b &gt; 0 it is b / m (a measured error of 1e−13 under a bound of 1e−11 gives
/// margin 100); for a lower bound m ≥ b with b &gt; 0 it is m / b. For an agreement |m − r| ≤ tol it is
/// tol / |m − r|. Special values: +∞ when the measured value is on the safe side of zero (m ≤ 0 &lt; b for an
/// upper bound, or an exact agreement with tol &gt; 0); 1 when the measured value equals a zero bound; 0 when it is
/// on the wrong side of zero; NaN when the measured value is NaN (which always fails). For negative bounds the
/// ratio is taken of magnitudes the same way (an upper bound m ≤ −1 met by m = −5 has margin 5). The verdict is
/// decided by the comparison itself, never by rounding the margin.</para>
/// <para>A claim made of many sub-checks (a parameter grid) returns <see cref="Combine(IEnumerable{ClaimOutcome})"/> of them: the verdict is the
/// worst, and the headline numbers are those of the sub-check with the smallest margin.</para>
/// </remarks>
public sealed record ClaimOutcome
{
    /// <summary>Pass or fail (a claim that throws becomes <see cref="Verdict.Error"/> in the runner).</summary>
    public required Verdict Verdict { get; init; }
    /// <summary>The measured value (an error, a norm, a count, a time), NaN when nothing numeric was measured.</summary>
    public required double Measured { get; init; }
    /// <summary>The reference value the measurement is compared with (closed form, tighter run), or null.</summary>
    public double? Reference { get; init; }
    /// <summary>The bound the measurement must respect, or null.</summary>
    public double? Bound { get; init; }
    /// <summary>Whether <see cref="Bound"/> is an upper (measured ≤ bound) or lower (measured ≥ bound) bound; null without a bound.</summary>
    public BoundDirection? BoundDirection { get; init; }
    /// <summary>The tolerance of an agreement (absolute, or relative when <see cref="IsRelativeTolerance"/>), or null.</summary>
    public double? Tolerance { get; init; }
    /// <summary>True when <see cref="Tolerance"/> is relative to |reference|.</summary>
    public bool IsRelativeTolerance { get; init; }
    /// <summary>How far inside the bound, as a ratio allowed/used (see the type remarks); NaN when not defined.</summary>
    public required double Margin { get; init; }
    /// <summary>A one-line human-readable statement of what was compared.</summary>
    public required string Message { get; init; }
    /// <summary>Optional label of a sub-check (for example "N=3, λ=1, t=2"), shown in the report.</summary>
    public string? Label { get; init; }
    /// <summary>The sub-checks this outcome was combined from (empty for a single check).</summary>
    public IReadOnlyList<ClaimOutcome> Parts { get; init; } = [];

    /// <summary>Checks <paramref name="measured"/> ≤ <paramref name="bound"/>; margin bound/measured.</summary>
    /// <param name="measured">The measured quantity (an error, a norm, a violation).</param>
    /// <param name="bound">The upper bound it must not exceed.</param>
    /// <param name="label">Optional sub-check label.</param>
    /// <exception cref="ArgumentException"><paramref name="bound"/> is NaN.</exception>
    public static ClaimOutcome UpperBound(double measured, double bound, string? label = null)
    {
        RequireNotNaN(bound, nameof(bound));
        bool pass = measured <= bound;
        return Decided(pass, measured, UpperMargin(measured, bound), $"measured {FormatNumber(measured)} {(pass ? "≤" : ">")} bound {FormatNumber(bound)}", label)
            with { Bound = bound, BoundDirection = Theory.BoundDirection.Upper };
    }

    /// <summary>Checks <paramref name="measured"/> ≥ <paramref name="bound"/>; margin measured/bound.</summary>
    /// <param name="measured">The measured quantity.</param>
    /// <param name="bound">The lower bound it must reach.</param>
    /// <param name="label">Optional sub-check label.</param>
    /// <exception cref="ArgumentException"><paramref name="bound"/> is NaN.</exception>
    public static ClaimOutcome LowerBound(double measured, double bound, string? label = null)
    {
        RequireNotNaN(bound, nameof(bound));
        bool pass = measured >= bound;
        return Decided(pass, measured, UpperMargin(-measured, -bound), $"measured {FormatNumber(measured)} {(pass ? "≥" : "<")} bound {FormatNumber(bound)}", label)
            with { Bound = bound, BoundDirection = Theory.BoundDirection.Lower };
    }

    /// <summary>Checks |<paramref name="measured"/> − <paramref name="reference"/>| ≤ <paramref name="tolerance"/>; margin tolerance/|difference|.</summary>
    /// <param name="measured">The value produced by the code under test.</param>
    /// <param name="reference">The independent reference (closed form, published value, tighter run of another method).</param>
    /// <param name="tolerance">The absolute tolerance, ≥ 0.</param>
    /// <param name="label">Optional sub-check label.</param>
    /// <exception cref="ArgumentException"><paramref name="reference"/> is not finite, or <paramref name="tolerance"/> is negative or not finite.</exception>
    public static ClaimOutcome Agreement(double measured, double reference, double tolerance, string? label = null)
    {
        RequireFinite(reference, nameof(reference));
        RequireTolerance(tolerance);
        double diff = Math.Abs(measured - reference);
        bool pass = diff <= tolerance;
        return Decided(pass, measured, UpperMargin(diff, tolerance),
            $"|measured {FormatNumber(measured)} − reference {FormatNumber(reference)}| = {FormatNumber(diff)} {(pass ? "≤" : ">")} tolerance {FormatNumber(tolerance)}", label)
            with { Reference = reference, Tolerance = tolerance };
    }

    /// <summary>Checks |<paramref name="measured"/> − <paramref name="reference"/>| ≤ <paramref name="relativeTolerance"/>·|<paramref name="reference"/>|.</summary>
    /// <param name="measured">The value produced by the code under test.</param>
    /// <param name="reference">The independent reference, non-zero.</param>
    /// <param name="relativeTolerance">The relative tolerance, ≥ 0.</param>
    /// <param name="label">Optional sub-check label.</param>
    /// <exception cref="ArgumentException"><paramref name="reference"/> is zero or not finite, or <paramref name="relativeTolerance"/> is negative or not finite.</exception>
    public static ClaimOutcome RelativeAgreement(double measured, double reference, double relativeTolerance, string? label = null)
    {
        RequireFinite(reference, nameof(reference));
        if (reference == 0) throw new ArgumentException("reference: a relative agreement needs a non-zero reference; use Agreement with an absolute tolerance.", nameof(reference));
        if (!(relativeTolerance >= 0) || double.IsInfinity(relativeTolerance))
            throw new ArgumentException($"relativeTolerance: must be finite and ≥ 0 (got {relativeTolerance}).", nameof(relativeTolerance));
        double rel = Math.Abs(measured - reference) / Math.Abs(reference);
        bool pass = rel <= relativeTolerance;
        return Decided(pass, measured, UpperMargin(rel, relativeTolerance),
            $"measured {FormatNumber(measured)} vs reference {FormatNumber(reference)}: relative difference {FormatNumber(rel)} {(pass ? "≤" : ">")} {FormatNumber(relativeTolerance)}", label)
            with { Reference = reference, Tolerance = relativeTolerance, IsRelativeTolerance = true };
    }

    /// <summary>
    /// A yes/no check for structural claims (an ordering, a sign change, a monotone sequence). The margin is NaN
    /// because a condition has no ratio; put the numbers that decided it in <paramref name="measured"/> and the message.
    /// </summary>
    /// <param name="holds">Whether the condition holds.</param>
    /// <param name="description">What was checked, stated positively ("r_eff plateaus appear in the order 1, 1.6, 1.9, 2").</param>
    /// <param name="measured">The number that decided it, if any (NaN otherwise).</param>
    /// <param name="label">Optional sub-check label.</param>
    /// <exception cref="ArgumentException"><paramref name="description"/> is empty.</exception>
    public static ClaimOutcome Condition(bool holds, string description, double measured = double.NaN, string? label = null)
    {
        if (string.IsNullOrWhiteSpace(description)) throw new ArgumentException("description: say what the condition checks.", nameof(description));
        return Decided(holds, measured, double.NaN, $"{(holds ? "holds" : "violated")}: {description}", label);
    }

    /// <summary>
    /// Merges sub-checks: the verdict is the worst (<see cref="Verdict.Fail"/> if any fails), the headline
    /// numbers are those of the deciding sub-check (the first failing one with the smallest margin, or the passing
    /// one with the smallest margin), and every part is kept in <see cref="Parts"/>.
    /// </summary>
    /// <param name="parts">The sub-checks, at least one.</param>
    /// <exception cref="ArgumentException"><paramref name="parts"/> is empty.</exception>
    public static ClaimOutcome Combine(IEnumerable<ClaimOutcome> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var list = parts.SelectMany(p => p.Parts.Count > 0 ? p.Parts : [p]).ToList();
        if (list.Count == 0) throw new ArgumentException("parts: combine needs at least one sub-check.", nameof(parts));
        var worst = list.Max(p => p.Verdict);
        // NaN margins (conditions) rank as "no slack known": among parts of the worst verdict, the smallest finite margin decides.
        var deciding = list.Where(p => p.Verdict == worst)
            .OrderBy(p => double.IsNaN(p.Margin) ? double.NegativeInfinity : p.Margin)
            .First();
        int failed = list.Count(p => p.Verdict != Verdict.Pass);
        string head = failed == 0
            ? $"all {list.Count} sub-checks pass; tightest: {deciding.Message}"
            : $"{failed} of {list.Count} sub-checks fail; first worst: {deciding.Message}";
        return deciding with { Verdict = worst, Message = head, Label = null, Parts = list };
    }

    /// <inheritdoc cref="Combine(IEnumerable{ClaimOutcome})"/>
    public static ClaimOutcome Combine(params ClaimOutcome[] parts) => Combine((IEnumerable<ClaimOutcome>)parts);

    /// <summary>Returns a copy with the message replaced (the headline the report shows).</summary>
    public ClaimOutcome WithMessage(string message) => this with { Message = message };

    /// <summary>The ratio margin of an upper bound m ≤ b (see the type remarks); a lower bound m ≥ b is UpperMargin(−m, −b).</summary>
    public static double UpperMargin(double measured, double bound)
    {
        if (double.IsNaN(measured) || double.IsNaN(bound)) return double.NaN;
        if (bound > 0) return measured <= 0 ? double.PositiveInfinity : bound / measured;
        if (bound == 0) return measured < 0 ? double.PositiveInfinity : measured == 0 ? 1.0 : 0.0;
        return measured >= 0 ? 0.0 : measured / bound;
    }

    private static void RequireNotNaN(double value, string name)
    {
        if (double.IsNaN(value)) throw new ArgumentException($"{name}: must not be NaN.", name);
    }

    private static void RequireFinite(double value, string name)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"{name}: must be finite (got {value}).", name);
    }

    private static void RequireTolerance(double tolerance)
    {
        if (!(tolerance >= 0) || double.IsInfinity(tolerance))
            throw new ArgumentException($"tolerance: must be finite and ≥ 0 (got {tolerance}).", nameof(tolerance));
    }

    // The part every factory shares: the verdict from the comparison itself, the message prefixed by the label.
    private static ClaimOutcome Decided(bool pass, double measured, double margin, string message, string? label) => new()
    {
        Verdict = pass ? Verdict.Pass : Verdict.Fail,
        Measured = measured,
        Margin = margin,
        Message = label is null ? message : $"{label}: {message}",
        Label = label,
    };

    /// <summary>
    /// Formats a number as the factories' messages do: six significant digits, invariant culture (full precision
    /// lives in the JSON). A claim that words its own message (<see cref="WithMessage"/>, a label) uses it so every
    /// line of the report reads the same.
    /// </summary>
    public static string FormatNumber(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}

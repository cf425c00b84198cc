using FlowSim.Theory;

namespace FlowSim.Scenarios.Checks;

/// <summary>
/// Evaluates checks over the records of a run: per record the verdict is the comparison itself, the margin
/// <see cref="ClaimOutcome.UpperMargin"/> (the claims' rule), and the worst record decides.
/// </summary>
/// <remarks>
/// <para>Per record, with tolerance τ: <c>upper</c> passes when m ≤ b + τ, margin UpperMargin(m, b + τ) = (b + τ)/m;
/// <c>lower</c> when m ≥ b − τ, margin UpperMargin(−m, −(b − τ)) = m/(b − τ); <c>equal</c> when |m − b| ≤ τ, margin
/// τ/|m − b| (+∞ when exact and τ &gt; 0); <c>nonincreasing</c> when the increase Δ = m − m_prev over the previous
/// record in the window satisfies Δ ≤ τ, margin UpperMargin(Δ, τ) (+∞ for a strict decrease, 1 for a repeat with
/// τ = 0, 0 for any increase with τ = 0); <c>nondecreasing</c> the same with Δ = m_prev − m. A NaN value fails with
/// margin NaN.</para>
/// <para>The worst record: a failing one before a passing one, then the smallest margin (NaN smallest), then the
/// least slack (allowed minus used, absolute), then the earliest. A check with no record in its window, or a monotone
/// check with fewer than two, fails with margin NaN: a check that looked at nothing must not pass.</para>
/// <para>The claims' factories (<see cref="ClaimOutcome.UpperBound"/> …) allocate an outcome and its message per
/// call, so records go through <see cref="ClaimOutcome.UpperMargin"/> directly; the comparisons are the factories'.</para>
/// </remarks>
public static class CheckEvaluator
{
    /// <summary>Evaluates <paramref name="check"/> over the records of one dynamics.</summary>
    /// <param name="check">A check that applies to <paramref name="dynamics"/>.</param>
    /// <param name="dynamics">The dynamics the records come from (its η and type).</param>
    /// <param name="records">Its records, in time order, with every column the check reads (see <see cref="CheckSpec.Metrics"/>).</param>
    /// <param name="others">The records of another dynamics by name, for checks that read one (<c>flow.loss</c>, see
    /// <see cref="CheckSpec.ReferencedDynamics"/>); null for a dynamics that did not run (its values are NaN and the check fails).</param>
    /// <exception cref="ArgumentException">The check does not apply to the dynamics, reads a variable that is null for
    /// it, or needs a column the records lack; or it reads another dynamics and <paramref name="others"/> is null.</exception>
    public static CheckResult Evaluate(CheckSpec check, DynamicsSpec dynamics, ICheckRecords records, Func<string, ICheckRecords?>? others = null)
    {
        var binding = new CheckBinding(check, dynamics, records, others);
        bool monotone = check.Kind.IsMonotone();
        double tol = check.Tolerance, previous = double.NaN;
        int inWindow = 0;
        var worst = new RecordOutcome { Index = -1 };
        for (int i = 0; i < records.Count; i++)
        {
            if (!binding.InWindow(i)) continue;
            inWindow++;
            binding.Load(i);
            double m = binding.Measured();
            RecordOutcome r;
            if (monotone)
            {
                if (inWindow == 1) { previous = m; continue; }
                double used = check.Kind == CheckKind.NonIncreasing ? m - previous : previous - m;
                r = new RecordOutcome { Bound = previous, Pass = used <= tol, Margin = ClaimOutcome.UpperMargin(used, tol), Slack = tol - used };
                previous = m;
            }
            else
            {
                double b = binding.Bound();
                r = check.Kind switch
                {
                    CheckKind.Upper => new RecordOutcome { Bound = b, Pass = m <= b + tol, Margin = ClaimOutcome.UpperMargin(m, b + tol), Slack = b + tol - m },
                    CheckKind.Lower => new RecordOutcome { Bound = b, Pass = m >= b - tol, Margin = ClaimOutcome.UpperMargin(-m, -(b - tol)), Slack = m - (b - tol) },
                    _ => new RecordOutcome { Bound = b, Pass = Math.Abs(m - b) <= tol, Margin = ClaimOutcome.UpperMargin(Math.Abs(m - b), tol), Slack = tol - Math.Abs(m - b) },
                };
            }
            r.Index = i;
            r.Measured = m;
            if (worst.Index < 0 || r.IsWorseThan(worst)) worst = r;
        }
        int needed = monotone ? 2 : 1;
        if (inWindow < needed)
        {
            string what = inWindow == 0 ? "no record" : "only one record (a monotone check compares consecutive records)";
            return new CheckResult(check.Id, dynamics.Name, check.Kind, Verdict.Fail, double.NaN, null, null, null, inWindow,
                $"{what} of {dynamics.Name} in the window [{Fmt(check.From)}, {Fmt(check.To)}]: nothing checked");
        }
        double t = records.Time(worst.Index);
        return new CheckResult(check.Id, dynamics.Name, check.Kind, worst.Pass ? Verdict.Pass : Verdict.Fail, worst.Margin,
            t, worst.Measured, worst.Bound, inWindow, Message(check, worst, t, inWindow));
    }

    /// <summary>
    /// Evaluates every check on every dynamics it applies to, in check order and then dynamics order; dynamics whose
    /// <paramref name="recordsOf"/> is null (not run) are left out.
    /// </summary>
    /// <exception cref="ArgumentException">As for <see cref="Evaluate"/>.</exception>
    public static IReadOnlyList<CheckResult> EvaluateAll(IReadOnlyList<CheckSpec> checks, IReadOnlyList<DynamicsSpec> dynamics, Func<DynamicsSpec, ICheckRecords?> recordsOf)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(dynamics);
        ArgumentNullException.ThrowIfNull(recordsOf);
        ICheckRecords? ByName(string name)
        {
            foreach (var d in dynamics) if (d.Name == name) return recordsOf(d);
            return null;
        }
        var results = new List<CheckResult>();
        foreach (var check in checks)
            foreach (var d in dynamics)
                if (check.Dynamics.Contains(d.Name) && recordsOf(d) is { } records)
                    results.Add(Evaluate(check, d, records, ByName));
        return results;
    }

    /// <summary>
    /// The measured and bound values of every record in the check's window (for a figure of both against t); the
    /// bound of a monotone check is the previous record's measured value (NaN at the first).
    /// </summary>
    /// <exception cref="ArgumentException">As for <see cref="Evaluate"/>.</exception>
    public static CheckSeries Series(CheckSpec check, DynamicsSpec dynamics, ICheckRecords records, Func<string, ICheckRecords?>? others = null)
    {
        var binding = new CheckBinding(check, dynamics, records, others);
        var times = new List<double>();
        var measured = new List<double>();
        var bound = new List<double>();
        for (int i = 0; i < records.Count; i++)
        {
            if (!binding.InWindow(i)) continue;
            binding.Load(i);
            times.Add(records.Time(i));
            double m = binding.Measured();
            bound.Add(check.Kind.IsMonotone() ? (measured.Count > 0 ? measured[^1] : double.NaN) : binding.Bound());
            measured.Add(m);
        }
        return new CheckSeries(check.Id, dynamics.Name, [.. times], [.. measured], [.. bound]);
    }

    private static string Message(CheckSpec check, RecordOutcome w, double t, int records)
    {
        string tol = check.Tolerance > 0 ? $" (tolerance {Fmt(check.Tolerance)})" : "";
        string verdict = w.Pass ? "holds" : "fails";
        string at = $"{verdict} over {records} records; worst at t = {Fmt(t)}: ";
        return check.Kind switch
        {
            CheckKind.Upper => at + $"measured {Fmt(w.Measured)} {(w.Pass ? "≤" : ">")} bound {Fmt(w.Bound)}{tol}",
            CheckKind.Lower => at + $"measured {Fmt(w.Measured)} {(w.Pass ? "≥" : "<")} bound {Fmt(w.Bound)}{tol}",
            CheckKind.Equal => at + $"|measured {Fmt(w.Measured)} − bound {Fmt(w.Bound)}| = {Fmt(Math.Abs(w.Measured - w.Bound))} {(w.Pass ? "≤" : ">")} tolerance {Fmt(check.Tolerance)}",
            CheckKind.NonIncreasing => at + $"from {Fmt(w.Bound)} to {Fmt(w.Measured)}, change {Fmt(w.Measured - w.Bound)}{tol}",
            _ => at + $"from {Fmt(w.Bound)} to {Fmt(w.Measured)}, change {Fmt(w.Measured - w.Bound)}{tol}",
        };
    }

    private static string Fmt(double x) => CheckResult.Fmt(x);

    /// <summary>One record's comparison (a struct: evaluating a record allocates nothing).</summary>
    private struct RecordOutcome
    {
        public int Index;
        public double Measured, Bound, Margin, Slack;
        public bool Pass;

        public readonly bool IsWorseThan(RecordOutcome other)
        {
            if (Pass != other.Pass) return !Pass;
            double a = double.IsNaN(Margin) ? double.NegativeInfinity : Margin;
            double b = double.IsNaN(other.Margin) ? double.NegativeInfinity : other.Margin;
            if (a != b) return a < b;
            double sa = double.IsNaN(Slack) ? double.NegativeInfinity : Slack;
            double sb = double.IsNaN(other.Slack) ? double.NegativeInfinity : other.Slack;
            return sa < sb;
        }
    }
}

/// <summary>A check's measured and bound values against time on one dynamics (for its figure).</summary>
/// <param name="Id">The check's id.</param>
/// <param name="Dynamics">The dynamics' name.</param>
/// <param name="Times">Record times in the window.</param>
/// <param name="Measured">Measured values.</param>
/// <param name="Bound">Bound values (monotone kinds: the previous measured value, NaN at the first record).</param>
public sealed record CheckSeries(string Id, string Dynamics, double[] Times, double[] Measured, double[] Bound);

namespace FlowSim.Theory;

/// <summary>
/// The full record of one claim's run: its metadata, the <see cref="ClaimOutcome"/> numbers, and what the
/// context collected. This is what the report writes (one table row, one JSON object, one CSV row).
/// </summary>
public sealed record ClaimResult
{
    /// <summary>Claim id ("C3").</summary>
    public required string Id { get; init; }
    /// <summary>Paper label (a <see cref="Papers"/> constant).</summary>
    public required string Paper { get; init; }
    /// <summary>Seed file and lemma / theorem / equation / figure.</summary>
    public required string Source { get; init; }
    /// <summary>Kind of evidence.</summary>
    public required ClaimKind Kind { get; init; }
    /// <summary>Short title.</summary>
    public required string Title { get; init; }
    /// <summary>The verdict and the numbers behind it (for a claim that threw: <see cref="Verdict.Error"/>, NaN measured
    /// and margin, the exception's type and message).</summary>
    public required ClaimOutcome Outcome { get; init; }
    /// <inheritdoc cref="ClaimOutcome.Verdict"/>
    public Verdict Verdict => Outcome.Verdict;
    /// <inheritdoc cref="ClaimOutcome.Measured"/>
    public double Measured => Outcome.Measured;
    /// <inheritdoc cref="ClaimOutcome.Reference"/>
    public double? Reference => Outcome.Reference;
    /// <inheritdoc cref="ClaimOutcome.Bound"/>
    public double? Bound => Outcome.Bound;
    /// <inheritdoc cref="ClaimOutcome.BoundDirection"/>
    public BoundDirection? BoundDirection => Outcome.BoundDirection;
    /// <inheritdoc cref="ClaimOutcome.Tolerance"/>
    public double? Tolerance => Outcome.Tolerance;
    /// <inheritdoc cref="ClaimOutcome.IsRelativeTolerance"/>
    public bool IsRelativeTolerance => Outcome.IsRelativeTolerance;
    /// <inheritdoc cref="ClaimOutcome.Margin"/>
    public double Margin => Outcome.Margin;
    /// <summary>Headline message (what was compared; for an error, the exception's type and message).</summary>
    public string Message => Outcome.Message;
    /// <summary>Sub-checks, when the outcome was combined from several.</summary>
    public IReadOnlyList<ClaimOutcome> Checks => Outcome.Parts;
    /// <summary>Wall-clock seconds the claim took.</summary>
    public required double WallSeconds { get; init; }
    /// <summary>Right-hand-side (or gradient) evaluations the claim reported.</summary>
    public required long RhsEvaluations { get; init; }
    /// <summary>Inputs, in the order the claim recorded them.</summary>
    public IReadOnlyList<KeyValuePair<string, object>> Parameters { get; init; } = [];
    /// <summary>Computed values reported without a verdict of their own, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Reported { get; init; } = [];
    /// <summary>Free-text notes.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
    /// <summary>Figures the claim produced.</summary>
    public IReadOnlyList<FigureSpec> Figures { get; init; } = [];

    /// <summary>Combines a claim's metadata, its outcome and what its context collected.</summary>
    public static ClaimResult From(Claim claim, ClaimOutcome outcome, ClaimContext context, double wallSeconds)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(context);
        return new ClaimResult
        {
            Id = claim.Id,
            Paper = claim.Paper,
            Source = claim.Source,
            Kind = claim.Kind,
            Title = claim.Title,
            Outcome = outcome,
            WallSeconds = wallSeconds,
            RhsEvaluations = context.RhsEvaluations,
            Parameters = context.Parameters.ToArray(),
            Reported = context.Reported.ToArray(),
            Notes = context.Notes.ToArray(),
            Figures = context.Figures.ToArray(),
        };
    }

    /// <summary>The record of a claim that threw: verdict <see cref="Verdict.Error"/> with the exception's message.</summary>
    public static ClaimResult FromException(Claim claim, Exception exception, ClaimContext context, double wallSeconds)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(exception);
        var outcome = new ClaimOutcome
        {
            Verdict = Verdict.Error,
            Measured = double.NaN,
            Margin = double.NaN,
            Message = $"{exception.GetType().Name}: {exception.Message}",
        };
        // Figures of a claim that failed half-way are dropped: they may show an unfinished run.
        return From(claim, outcome, context, wallSeconds) with { Figures = [] };
    }
}

namespace FlowSim.Theory;

/// <summary>What a claim of FlowSim's catalogue is, given once to its constructor.</summary>
/// <param name="Id">The THEORY.md §4 id: the paper's <see cref="Paper.IdPrefix"/> then a number ("C17").</param>
/// <param name="Paper">The paper stating the claim.</param>
/// <param name="Where">Where the paper states it: lemma, theorem, equation or figure ("Lemma 2.5, eqs. (29)–(31)").</param>
/// <param name="Kind">The kind of evidence the check gives.</param>
/// <param name="Title">A short title for the report's table.</param>
/// <param name="OwnSettingsNote">Whether the claim runs in the paper's setting that FlowSim chose (it then carries <see cref="Paper.OwnSettingsNote"/>).</param>
internal sealed record ClaimInfo(string Id, Paper Paper, string Where, ClaimKind Kind, string Title, bool OwnSettingsNote = false)
{
    /// <inheritdoc cref="ClaimInfo"/>
    public string Id { get; } = Claim.IsValidId(Id) && Id.StartsWith(Paper.IdPrefix, StringComparison.Ordinal) && char.IsDigit(Id[Paper.IdPrefix.Length])
        ? Id : throw new ArgumentException($"Id: '{Id}' must be {Paper.IdPrefix} and a number, the id prefix of {Paper.Label}.", nameof(Id));
}

/// <summary>
/// The base of FlowSim's claims: metadata from one <see cref="ClaimInfo"/>, parameters from one record per claim that the
/// harness records before the check runs (so the report shows what ran), and the paper's own-settings note added after it.
/// </summary>
/// <typeparam name="TParameters">
/// A record of the claim's parameters; every public property is recorded as a parameter, under its
/// <see cref="ParameterAttribute"/> name when it has one.
/// </typeparam>
/// <param name="info">The claim's metadata.</param>
/// <param name="parametersFor">The parameters of a full run, or of a quick run (<see cref="ClaimSettings.Quick"/>) when given true.</param>
internal abstract class PaperClaim<TParameters>(ClaimInfo info, Func<bool, TParameters> parametersFor) : Claim where TParameters : notnull
{
    public sealed override string Id => info.Id;
    public sealed override string Paper => info.Paper.Label;
    public sealed override string Source => info.Paper.Source(info.Where);
    public sealed override ClaimKind Kind => info.Kind;
    public sealed override string Title => info.Title;

    /// <summary>Measures and compares (see <see cref="Claim"/>'s contract); <paramref name="parameters"/> are already recorded.</summary>
    protected abstract ClaimOutcome Check(ClaimContext context, TParameters parameters);

    public sealed override ClaimOutcome Run(ClaimContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parameters = parametersFor(context.Quick);
        context.Record(parameters);
        var outcome = Check(context, parameters);
        if (info.OwnSettingsNote) context.AddNote(info.Paper.OwnSettingsNote!);
        return outcome;
    }
}

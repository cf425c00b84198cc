using System.Text.RegularExpressions;

namespace FlowSim.Theory;

/// <summary>
/// One executable check of a paper's claim (THEORY.md §4). Subclass it once per claim id, with a public
/// parameterless constructor; <see cref="ClaimCatalog"/> finds every non-abstract subclass in the FlowSim.Theory assembly.
/// FlowSim's own claims derive from <c>PaperClaim&lt;TParameters&gt;</c> (one file each under Theory/&lt;Paper&gt;/),
/// which supplies the metadata and the recording described below.
/// </summary>
/// <remarks>
/// Implementer's contract:
/// <list type="number">
/// <item>Metadata is constant: <see cref="Id"/> (THEORY.md id such as "C3"), <see cref="Paper"/> (a
/// <see cref="Papers"/> label), <see cref="Source"/> (seed file and lemma/theorem/figure), <see cref="Kind"/>
/// and <see cref="Title"/>.</item>
/// <item><see cref="Run"/> uses the public API like a user would, records its inputs (<see cref="ClaimContext.Record"/>
/// for a parameters record), integrates through <see cref="ClaimContext.Solve"/> so that the method and tolerances in
/// the report are those of the options that ran and the right-hand-side evaluations are counted, and returns a
/// <see cref="ClaimOutcome"/> built by its factory methods (<see cref="ClaimOutcome.Combine(IEnumerable{ClaimOutcome})"/>
/// for sub-checks). References come from closed forms or an independent, much tighter method.</item>
/// <item>Random inputs come only from <see cref="ClaimContext.CreateRandom"/> and its siblings, so a claim gives the
/// same numbers whether it runs alone (<c>--only</c>) or in the full run.</item>
/// <item>When <see cref="ClaimSettings.Quick"/> is set, use the smaller settings the claim allows; never skip the check.</item>
/// <item>Throwing is allowed: the runner turns an exception into <see cref="Verdict.Error"/> with its message.
/// Long loops call <see cref="ClaimContext.ThrowIfCancellationRequested"/> now and then so Ctrl+C is prompt.</item>
/// <item>A claim must be able to fail: it states one wrong input with <see cref="ClaimContext.Perturb{T}"/>, and a
/// <see cref="ClaimSettings.Perturbed"/> run must end in <see cref="Verdict.Fail"/> (the contract test runs every claim so).</item>
/// <item>A claim never calls another claim: what two claims share lives in a helper of their paper's folder or in
/// <c>FlowSim.Analysis</c>.</item>
/// </list>
/// </remarks>
public abstract partial class Claim
{
    /// <summary>The stable id of THEORY.md §4: one or more letters then digits ("W1", "Y10", "C17", "F2").</summary>
    public abstract string Id { get; }
    /// <summary>The paper the claim comes from; use a <see cref="Papers"/> constant.</summary>
    public abstract string Paper { get; }
    /// <summary>Where it is stated: seed file and the lemma, theorem, equation or figure ("Chou et al. Lemma 2.5, eq. (22)").</summary>
    public abstract string Source { get; }
    /// <summary>The kind of evidence (closed form, exact identity, derived analog, structural).</summary>
    public abstract ClaimKind Kind { get; }
    /// <summary>A short title, for the report's table.</summary>
    public abstract string Title { get; }

    /// <summary>Runs the check and returns its verdict and numbers.</summary>
    /// <param name="context">Settings, random generators, and the sinks for parameters, counts, notes and figures.</param>
    public abstract ClaimOutcome Run(ClaimContext context);

    /// <inheritdoc/>
    public override string ToString() => $"{Id}: {Title}";

    /// <summary>Whether <paramref name="id"/> has the form of a claim id (letters then digits, e.g. "C17").</summary>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    [GeneratedRegex("^[A-Z]+[0-9]+$")]
    private static partial Regex IdPattern();
}

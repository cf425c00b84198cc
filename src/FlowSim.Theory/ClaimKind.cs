namespace FlowSim.Theory;

/// <summary>
/// What kind of evidence a claim gives (THEORY.md §0.2). The report shows the kind next to every verdict so a
/// derived analog is never read as the paper's theorem.
/// </summary>
public enum ClaimKind
{
    /// <summary>The simulation is compared with an exact or implicit solution ("closed form").</summary>
    ClosedForm,
    /// <summary>An identity or hard inequality that holds to rounding; a failure is a bug ("exact identity").</summary>
    ExactIdentity,
    /// <summary>FlowSim's replacement for a theorem whose constants are unknown ("derived analog").</summary>
    DerivedAnalog,
    /// <summary>A qualitative behaviour (monotonicity, ordering, plateaus, trends) checked with a tolerance ("structural").</summary>
    Structural,
}

/// <summary>Display names of <see cref="ClaimKind"/> as they appear in reports.</summary>
public static class ClaimKindExtensions
{
    /// <summary>The lower-case name used in the HTML, JSON and CSV reports: "closed form", "exact identity", "derived analog", "structural".</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="ClaimKind"/>.</exception>
    public static string DisplayName(this ClaimKind kind) => kind switch
    {
        ClaimKind.ClosedForm => "closed form",
        ClaimKind.ExactIdentity => "exact identity",
        ClaimKind.DerivedAnalog => "derived analog",
        ClaimKind.Structural => "structural",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "kind: not a defined ClaimKind."),
    };
}

namespace FlowSim.Theory;

/// <summary>
/// A paper whose claims FlowSim checks (THEORY.md §0.1): how the report names it, where its text is, and the note
/// its claims carry when the paper gives no experiment settings, so that none of this is repeated per claim.
/// </summary>
/// <param name="Label">The name the report groups claims under ("P3 Chou et al. (arXiv:2011.13772)").</param>
/// <param name="IdPrefix">The letters of its claim ids ("C"); the report lists the papers in <see cref="Papers.All"/> order.</param>
/// <param name="SeedFile">The seed file holding the paper's text, or null for FlowSim's own checks.</param>
/// <param name="Attribution">Who the seed file is by, as the source line says it ("Wind, arXiv:2309.01796v1"), or null.</param>
/// <param name="OwnSettingsNote">The note saying which settings are FlowSim's own because the paper has none, or null.</param>
public sealed record Paper(string Label, string IdPrefix, string? SeedFile, string? Attribution = null, string? OwnSettingsNote = null)
{
    /// <summary>The source line of a claim stated at <paramref name="where"/> (lemma, equation, figure) in this paper.</summary>
    public string Source(string where) =>
        SeedFile is null ? where : Attribution is null ? $"{SeedFile} {where}" : $"{SeedFile} ({Attribution}) {where}";
}

/// <summary>The papers of THEORY.md §0.1 and FlowSim's own checks, in report order.</summary>
public static class Papers
{
    /// <summary>P1: J. S. Wind, asymmetric matrix sensing by gradient descent with small random initialization, arXiv:2309.01796 v1.</summary>
    public static readonly Paper Wind = new("P1 Wind (arXiv:2309.01796v1)", "W", "seeds/000_ed7b44b33561ead9.txt", "Wind, arXiv:2309.01796v1",
        "P1 (arXiv:2309.01796 v1) has no numerical experiments: setup S1 (m = 4, n = 3, h = 3, X = diag(2, 1), M = 40 Gaussian measurements, η = 0.05, W₀ = 0.05·Gaussian) and all horizons and grids are FlowSim's own.");

    /// <summary>P2: short note on gradient flow for full-rank asymmetric matrix factorization; authorship inferred, so "attributed to".</summary>
    public static readonly Paper YeDu = new("P2 attributed to Ye & Du", "Y", "seeds/001_7edd35be9dcf12ca.txt", "attributed to Ye & Du",
        "P2 has no figures or experiments: d = 5, Σ = diag(5, 4, 3, 2, 1), the initial scales, horizons and output grids are FlowSim's own.");

    /// <summary>P3: Chou, Gieshoff, Maly, Rauhut, gradient descent for deep matrix factorization, arXiv:2011.13772.</summary>
    public static readonly Paper Chou = new("P3 Chou et al. (arXiv:2011.13772)", "C", "seeds/002_3803d596d04caf0a.txt");

    /// <summary>FlowSim's own checks, beyond the papers; the report labels them so.</summary>
    public static readonly Paper FlowSim = new("FlowSim (own)", "F", null);

    /// <summary>FlowSim's own claims on large steps (THEORY.md §6.3: sharpness, the edge of stability, the central flow),
    /// beyond the papers; the report labels them so.</summary>
    public static readonly Paper LargeSteps = new("FlowSim (large steps)", "E", null, null,
        "FlowSim's own check (THEORY.md §6.3), beyond the three papers: MF4 (target Q₁ diag(1, 0.5, 0.2, 0.1) Q₂ᵀ with seeded random orthogonal Q's, " +
        "U, V 4×4 from 1e-3·N(0, 1)), Scalar-2 (½(xy − 1)²), the scalar networks, their starts, step sizes, horizons and tolerances are FlowSim's own choices.");

    /// <summary>Every paper, in report order.</summary>
    public static IReadOnlyList<Paper> All { get; } = [Wind, YeDu, Chou, FlowSim, LargeSteps];
}

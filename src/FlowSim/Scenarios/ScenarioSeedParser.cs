using System.Globalization;

namespace FlowSim.Scenarios;

/// <summary>The scenario's <c>seed</c>: an integer 0 … 2⁶³ − 1, read exactly (through a double, an integer beyond 2⁵³
/// would silently lose digits and become another seed).</summary>
internal static class ScenarioSeedParser
{
    private const long ExactInDouble = 1L << 53;

    public static ulong Parse(NodeFields top)
    {
        var raw = top.Raw("seed");
        if (raw is null) return 0;
        if (raw is { Kind: ScenarioNodeKind.Scalar, Quoted: false, Text: { } text }
            && long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long exact))
        {
            if (exact >= 0) return (ulong)exact;
            OutOfRange(top, text);
            return 0;
        }
        // Written as a float ("1e6") or beyond the long range: accepted when it is an integer a double holds exactly.
        if (NodeFields.TryNumber(raw, out double v) && double.IsFinite(v) && Math.Floor(v) == v && (v < 0 || v > ExactInDouble))
        {
            OutOfRange(top, raw.Text!);
            return 0;
        }
        return (ulong)(top.Integer("seed", 0, ExactInDouble) ?? 0);
    }

    private static void OutOfRange(NodeFields top, string text) =>
        top.Error("seed", $"must be an integer between 0 and {ScenarioParser.MaxSeed} (got {text.Trim()})", top.Raw("seed")!.Line);
}

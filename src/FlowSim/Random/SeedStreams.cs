using System.Globalization;
using System.Text;

namespace FlowSim.Randomness;

/// <summary>
/// FlowSim's one scheme for deriving independent seeds from a master seed: a claim, a scenario part or a sweep point
/// names its owner and stream, and gets a seed that does not change when another part draws more numbers.
/// </summary>
/// <remarks>
/// The hash runs over the master seed's invariant decimal text, so the <see cref="int"/>, <see cref="long"/> and
/// <see cref="ulong"/> overloads give the same seed for the same number (scenario seeds reach 2⁶³ − 1; claims use
/// int master seeds), and no process culture can change a seed.
/// </remarks>
public static class SeedStreams
{
    /// <summary>
    /// FNV-1a over "masterSeed|owner|stream" in UTF-8, reduced to a non-negative int (string.GetHashCode is
    /// randomised per process, so it cannot be used).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="owner"/> is null.</exception>
    public static int Derive(int masterSeed, string owner, string? stream) => Derive((long)masterSeed, owner, stream);

    /// <summary>As <see cref="Derive(int, string, string?)"/> for a 64-bit master seed; equal to it for every int value.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="owner"/> is null.</exception>
    public static int Derive(long masterSeed, string owner, string? stream)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return Hash(string.Create(CultureInfo.InvariantCulture, $"{masterSeed}|{owner}|{stream}"));
    }

    /// <summary>As <see cref="Derive(int, string, string?)"/> for an unsigned 64-bit master seed; equal to it for every
    /// non-negative int value.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="owner"/> is null.</exception>
    public static int Derive(ulong masterSeed, string owner, string? stream)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return Hash(string.Create(CultureInfo.InvariantCulture, $"{masterSeed}|{owner}|{stream}"));
    }

    private static int Hash(string text)
    {
        uint h = 2166136261;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            h ^= b;
            h *= 16777619;
        }
        return (int)(h & 0x7FFFFFFF);
    }
}

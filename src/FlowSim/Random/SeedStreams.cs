using System.Text;

namespace FlowSim.Randomness;

/// <summary>
/// FlowSim's one scheme for deriving independent seeds from a master seed: a claim, a scenario part or a sweep point
/// names its owner and stream, and gets a seed that does not change when another part draws more numbers.
/// </summary>
public static class SeedStreams
{
    /// <summary>
    /// FNV-1a over "masterSeed|owner|stream" in UTF-8, reduced to a non-negative int (string.GetHashCode is
    /// randomised per process, so it cannot be used).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="owner"/> is null.</exception>
    public static int Derive(int masterSeed, string owner, string? stream)
    {
        ArgumentNullException.ThrowIfNull(owner);
        uint h = 2166136261;
        foreach (byte b in Encoding.UTF8.GetBytes($"{masterSeed}|{owner}|{stream}"))
        {
            h ^= b;
            h *= 16777619;
        }
        return (int)(h & 0x7FFFFFFF);
    }
}

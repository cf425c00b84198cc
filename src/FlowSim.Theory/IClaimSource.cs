using System.Reflection;

namespace FlowSim.Theory;

/// <summary>Where a runner gets its claims: the FlowSim.Theory assembly by default, a fixed list in tests.</summary>
public interface IClaimSource
{
    /// <summary>All available claims, in report order.</summary>
    IReadOnlyList<Claim> GetClaims();
}

/// <summary>A fixed list of claims (tests, plug-ins).</summary>
public sealed class ClaimList : IClaimSource
{
    private readonly Claim[] _claims;

    /// <summary>Wraps <paramref name="claims"/>; they are sorted into report order.</summary>
    /// <exception cref="ArgumentException">A claim has an invalid id, or two claims share an id.</exception>
    public ClaimList(IEnumerable<Claim> claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        _claims = ClaimCatalog.Order(claims).ToArray();
    }

    /// <inheritdoc/>
    public IReadOnlyList<Claim> GetClaims() => _claims;
}

/// <summary>
/// Finds every concrete <see cref="Claim"/> subclass with a public parameterless constructor in an assembly
/// (FlowSim.Theory by default), so adding a claim file is all it takes to register it.
/// </summary>
public sealed class ClaimCatalog : IClaimSource
{
    // Report order of the id prefixes: the papers in THEORY.md order, FlowSim's own last.
    private static readonly string[] PrefixOrder = Papers.All.Select(p => p.IdPrefix).ToArray();
    private readonly Assembly _assembly;
    private Claim[]? _claims;

    /// <summary>Catalog of the claims defined in <paramref name="assembly"/>.</summary>
    public ClaimCatalog(Assembly assembly) => _assembly = assembly ?? throw new ArgumentNullException(nameof(assembly));

    /// <summary>The claims of FlowSim.Theory (the assembly that defines <see cref="Claim"/>).</summary>
    public static ClaimCatalog Default { get; } = new(typeof(Claim).Assembly);

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">A claim has an invalid id, or two claims share an id.</exception>
    public IReadOnlyList<Claim> GetClaims() => _claims ??= Order(
        _assembly.GetTypes()
            .Where(t => typeof(Claim).IsAssignableFrom(t) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (Claim)Activator.CreateInstance(t)!)).ToArray();

    /// <summary>
    /// Sorts claims into report order (W, Y, C, F, then other prefixes alphabetically; numerically within a
    /// prefix) and checks ids are well-formed and unique.
    /// </summary>
    /// <exception cref="ArgumentException">A claim has an invalid id, or two claims share an id.</exception>
    public static IEnumerable<Claim> Order(IEnumerable<Claim> claims)
    {
        var list = claims.ToList();
        foreach (var c in list)
        {
            if (c is null) throw new ArgumentException("claims: contains null.", nameof(claims));
            if (!Claim.IsValidId(c.Id))
                throw new ArgumentException($"claims: {c.GetType().Name} has id '{c.Id}'; ids are upper-case letters then digits (e.g. C17).", nameof(claims));
        }
        var dup = list.GroupBy(c => c.Id).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
            throw new ArgumentException($"claims: id {dup.Key} is used by {string.Join(" and ", dup.Select(c => c.GetType().Name))}.", nameof(claims));
        return list.OrderBy(c => SortKey(c.Id).Rank).ThenBy(c => SortKey(c.Id).Prefix, StringComparer.Ordinal).ThenBy(c => SortKey(c.Id).Number);
    }

    private static (int Rank, string Prefix, long Number) SortKey(string id)
    {
        int split = 0;
        while (split < id.Length && char.IsLetter(id[split])) split++;
        string prefix = id[..split];
        int rank = Array.IndexOf(PrefixOrder, prefix);
        long number = long.TryParse(id[split..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : long.MaxValue;
        return (rank < 0 ? PrefixOrder.Length : rank, prefix, number);
    }
}

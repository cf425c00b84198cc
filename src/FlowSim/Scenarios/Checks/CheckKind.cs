namespace FlowSim.Scenarios.Checks;

/// <summary>What a scenario check compares (the <c>kind</c> field of a <c>checks:</c> item).</summary>
public enum CheckKind
{
    /// <summary><c>upper</c>: measured ≤ bound + tolerance at every record.</summary>
    Upper,
    /// <summary><c>lower</c>: measured ≥ bound − tolerance at every record.</summary>
    Lower,
    /// <summary><c>equal</c>: |measured − bound| ≤ tolerance at every record (tolerance required).</summary>
    Equal,
    /// <summary><c>nonincreasing</c>: each record's measured ≤ the previous record's + tolerance.</summary>
    NonIncreasing,
    /// <summary><c>nondecreasing</c>: each record's measured ≥ the previous record's − tolerance.</summary>
    NonDecreasing,
}

/// <summary>Names of <see cref="CheckKind"/> as written in scenario files and outputs.</summary>
public static class CheckKinds
{
    /// <summary>Every kind name, in <see cref="CheckKind"/> order.</summary>
    public static readonly string[] Names = ["upper", "lower", "equal", "nonincreasing", "nondecreasing"];

    /// <summary>"upper", "lower", "equal", "nonincreasing" or "nondecreasing".</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="CheckKind"/>.</exception>
    public static string Name(this CheckKind kind) =>
        (uint)kind < (uint)Names.Length ? Names[(int)kind]
        : throw new ArgumentOutOfRangeException(nameof(kind), kind, "kind: not a defined CheckKind.");

    /// <summary>The kind named <paramref name="name"/>, or null.</summary>
    public static CheckKind? Parse(string name)
    {
        int i = Array.IndexOf(Names, name);
        return i < 0 ? null : (CheckKind)i;
    }

    /// <summary>Whether the kind compares consecutive records (no <c>bound</c> expression).</summary>
    public static bool IsMonotone(this CheckKind kind) => kind is CheckKind.NonIncreasing or CheckKind.NonDecreasing;
}

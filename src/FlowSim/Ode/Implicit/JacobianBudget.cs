using System.Globalization;

namespace FlowSim.Ode;

/// <summary>
/// The memory a stiff method's Jacobian takes, against <see cref="OdeOptions.MaxJacobianEntries"/>: the methods that
/// store ∂f/∂y (radau5, rodas5, rodas5p, bdf) refuse a problem whose Jacobian is larger than the budget before they
/// allocate anything, and <see cref="AutoSwitch"/> keeps its explicit method instead of switching to one. Sizes are
/// computed in 64 bits (n² overflows 32 bits from n = 46,341 on).
/// </summary>
internal static class JacobianBudget
{
    /// <summary>Entries of the Jacobian a stiff method would store for this problem: n² dense, n·(lower + upper + 1)
    /// banded.</summary>
    public static long Entries(OdeProblem problem) => JacobianLayout.For(problem).Entries;

    /// <summary>Whether a stiff method's Jacobian of this problem fits the options' budget and an array.</summary>
    public static bool Fits(OdeProblem problem, OdeOptions options)
    {
        var layout = JacobianLayout.For(problem);
        return layout.Entries <= options.MaxJacobianEntries && layout.FactorEntries <= Array.MaxLength;
    }

    /// <summary>A description of the Jacobian's size, e.g. "a dense 3000×3000 Jacobian (9,000,000 entries)".</summary>
    public static string Describe(OdeProblem problem)
    {
        var layout = JacobianLayout.For(problem);
        return layout.IsBanded
            ? string.Create(CultureInfo.InvariantCulture, $"a banded Jacobian of {layout.N:N0} × {layout.LeadingDimension} diagonals ({layout.Entries:N0} entries)")
            : string.Create(CultureInfo.InvariantCulture, $"a dense {layout.N}×{layout.N} Jacobian ({layout.Entries:N0} entries)");
    }

    /// <summary>Throws when the Jacobian of <paramref name="problem"/> exceeds the budget or what an array holds.</summary>
    /// <exception cref="ArgumentException">The Jacobian is larger than <see cref="OdeOptions.MaxJacobianEntries"/>, or
    /// its iteration matrix larger than one array can hold.</exception>
    public static void Check(OdeProblem problem, OdeOptions options, string method)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        var layout = JacobianLayout.For(problem);
        if (layout.Entries > options.MaxJacobianEntries)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"MaxJacobianEntries: {method} would store {Describe(problem)}, more than MaxJacobianEntries = {options.MaxJacobianEntries:N0}; declare the problem's LowerBandwidth/UpperBandwidth, raise the budget, or use an explicit method (dp5)."), nameof(options));
        if (layout.FactorEntries > Array.MaxLength)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"problem: {method} would factor {Describe(problem)} in an array of {layout.FactorEntries:N0} entries, more than one array holds ({Array.MaxLength:N0}); declare the problem's LowerBandwidth/UpperBandwidth or use an explicit method (dp5)."), nameof(problem));
    }
}

using System.Text;

namespace FlowSim.Models;

/// <summary>The checks <see cref="ObjectiveChecks.Run"/> made on one objective at one point.</summary>
/// <param name="Objective">The objective's <see cref="IObjective.Name"/>.</param>
/// <param name="Checks">One entry per comparison, in the order they ran.</param>
public sealed record ObjectiveCheckReport(string Objective, IReadOnlyList<ObjectiveCheck> Checks)
{
    /// <summary>Whether every check passed.</summary>
    public bool Passed => Checks.All(c => c.Passed);

    /// <summary>Returns the report when every check passed.</summary>
    /// <exception cref="InvalidOperationException">A check failed; the message is the whole report.</exception>
    public ObjectiveCheckReport EnsurePassed() =>
        Passed ? this : throw new InvalidOperationException(ToString());

    /// <summary>A heading line ("objective 'name': all 3 checks pass" or "…: 1 of 3 checks FAIL") and one line per check.</summary>
    public override string ToString()
    {
        int failed = Checks.Count(c => !c.Passed);
        var text = new StringBuilder(failed == 0
            ? $"objective '{Objective}': all {Checks.Count} checks pass"
            : $"objective '{Objective}': {failed} of {Checks.Count} checks FAIL");
        foreach (var check in Checks) text.Append("\n  ").Append(check);
        return text.ToString();
    }
}

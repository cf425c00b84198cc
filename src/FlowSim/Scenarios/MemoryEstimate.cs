using System.Globalization;

namespace FlowSim.Scenarios;

/// <summary>One part of a scenario's memory estimate.</summary>
/// <param name="Field">The scenario field it comes from (<c>dynamics[1]</c>, <c>model</c>, <c>record</c>).</param>
/// <param name="What">What it holds, with the sizes (<c>100001 kept iterates × 57600 parameters</c>).</param>
/// <param name="Bytes">Its size in bytes (saturated at <see cref="long.MaxValue"/>).</param>
/// <param name="Kept">Whether it lives until the run ends (records, kept iterates); otherwise it lives while its
/// dynamics runs (workspaces, a Jacobian), and only the largest such set counts.</param>
public sealed record MemoryItem(string Field, string What, long Bytes, bool Kept);

/// <summary>The memory a scenario run needs, part by part (see <see cref="ScenarioMemory.Estimate"/>).</summary>
/// <param name="Items">The parts.</param>
public sealed record MemoryEstimate(IReadOnlyList<MemoryItem> Items)
{
    /// <summary>Everything kept plus the largest set of one dynamics' working memory, saturated at <see cref="long.MaxValue"/>.</summary>
    public long TotalBytes
    {
        get
        {
            long kept = 0;
            foreach (var i in Items) if (i.Kept) kept = ScenarioMemory.Add(kept, i.Bytes);
            // Working memory lives while its dynamics runs: dynamics[1] and dynamics[1].method add up, dynamics don't.
            long transient = Items.Where(i => !i.Kept).GroupBy(i => i.Field.Split('.')[0])
                .Select(g => g.Aggregate(0L, (s, i) => ScenarioMemory.Add(s, i.Bytes))).DefaultIfEmpty(0).Max();
            return ScenarioMemory.Add(kept, transient);
        }
    }

    /// <summary>The largest parts, for messages: <c>dynamics[0]: dense Jacobian … = 49 GiB; …</c>.</summary>
    public string Describe(int count = 3) => string.Join("; ",
        Items.OrderByDescending(i => i.Bytes).Take(count).Select(i => $"{i.Field}: {i.What} = {InputFile.FormatBytes(i.Bytes)}"));
}

/// <summary>A scenario whose estimated memory exceeds the budget; thrown before any work starts.</summary>
public sealed class ScenarioBudgetException : ArgumentException
{
    /// <summary>Creates the exception; the message names the scenario, the estimate, the budget and the largest parts.</summary>
    public ScenarioBudgetException(string source, MemoryEstimate estimate, long limitBytes)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"{source}: the run needs about {InputFile.FormatBytes(estimate.TotalBytes)}, more than the memory budget of {InputFile.FormatBytes(limitBytes)}: {estimate.Describe()}"))
    {
        Estimate = estimate;
        LimitBytes = limitBytes;
    }

    /// <summary>The estimate.</summary>
    public MemoryEstimate Estimate { get; }
    /// <summary>The budget it exceeds.</summary>
    public long LimitBytes { get; }
}

using System.Globalization;
using System.Text.RegularExpressions;
using FlowSim.Ode;

namespace FlowSim.Scenarios;

/// <summary>
/// The memory budget of a scenario run, checked before any work: an estimate from the validated sizes (all in 64-bit
/// arithmetic, saturating instead of overflowing) of what the run keeps and what each dynamics needs while it runs.
/// </summary>
/// <remarks>
/// Counted (8 bytes a number, p the number of parameters): the target; per dynamics its model (θ, the gradient and the
/// objective's workspaces, the sensing measurement operator M·m·n); its records (a state θ and the metric row per record;
/// a descent keeps every m-th iterate, m the largest common divisor of the recorded iterates, and the loss of every
/// iterate); while it runs, up to 16 stage vectors of an ODE method, the dense Jacobian and its factors of a stiff method
/// (2·p², radau5 4·p²), the perturbed flow's (m+n)² matrices and its K breakpoints. Not counted: the dense output a
/// flow keeps when the scenario compares it with a descent (it grows with the steps taken, bounded by stop.max_steps).
/// </remarks>
public static partial class ScenarioMemory
{
    /// <summary>The default budget's ceiling: 4 GiB.</summary>
    public const long DefaultCapBytes = 4L << 30;

    /// <summary>The default budget: 4 GiB, or half the memory available to the process (physical memory or the
    /// container's limit) when that is smaller.</summary>
    public static long DefaultLimitBytes { get; } = DefaultLimit(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);

    // The GC reports the physical memory or the container's (or DOTNET_GCHeapHardLimit's) limit, also before its first
    // collection; an unknown amount (0) leaves the 4 GiB ceiling.
    private static long DefaultLimit(long available) => available <= 0 ? DefaultCapBytes : Math.Min(DefaultCapBytes, Math.Max(64L << 20, available / 2));

    /// <summary>The number of parameters θ of the model.</summary>
    public static long Parameters(ModelSpec model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.IsTwoFactor ? Mul(model.Rows + (long)model.Columns, model.Hidden) : Mul(model.Depth, Mul(model.Rows, model.Rows));
    }

    /// <summary>How many p×p matrices a method keeps (the Jacobian and its factors): 0 for explicit methods, 4 for
    /// radau5 (a real and a complex factor), 6 for radau9 (a real and two complex factors), 2 for the other stiff methods.</summary>
    /// <exception cref="ArgumentException"><paramref name="method"/> is not a method name.</exception>
    public static int JacobianMatrices(string method)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (SwitchesToStiff(method)) return 0;
        if (method.Equals("radau5", StringComparison.OrdinalIgnoreCase)) return 4;
        if (method.Equals("radau9", StringComparison.OrdinalIgnoreCase)) return 6;
        if (method.ToLowerInvariant() is "rodas5" or "rodas5p" or "bdf") return 2;
        return OdeMethods.Create(method).IsStiff ? 2 : 0;
    }

    /// <summary>Whether the method starts explicit and may switch to a dense-Jacobian method (<c>auto</c>, which switches to
    /// radau5 or, from rtol 1e-5 down, radau9).</summary>
    public static bool SwitchesToStiff(string method) => method.Equals("auto", StringComparison.OrdinalIgnoreCase);

    /// <summary>The stiff method <c>auto</c> switches to whose matrices take the most memory (radau9; radau5 at loose
    /// tolerances takes less), so that the budget holds whichever it picks.</summary>
    private const string AutoStiffMethod = "radau9";

    /// <summary>The memory a run of <paramref name="scenario"/> needs, part by part.</summary>
    public static MemoryEstimate Estimate(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var m = scenario.Model;
        long p = Parameters(m), mn = Mul(m.Rows, m.Columns), columns = ScenarioMetrics.Columns(scenario).Count;
        var items = new List<MemoryItem> { new("target", $"the {m.Rows}×{m.Columns} target", Mul(8, mn), true) };
        for (int i = 0; i < scenario.Dynamics.Count; i++)
        {
            var d = scenario.Dynamics[i];
            string field = $"dynamics[{i}]";
            long model = Mul(8, Add(Mul(4, p), Mul(4, mn)));
            if (!m.IsTwoFactor) model = Add(model, Mul(8, Mul(4 * (m.Depth + 1L), mn)));
            string what = $"θ and workspaces of the {m.Type} model ({p} parameters)";
            if (m.Type == ModelTypes.MatrixSensing)
            {
                model = Add(model, Mul(8, Mul(m.Measurements, mn)));
                what += $" with {m.Measurements} measurement matrices";
            }
            items.Add(new(field, what, model, true));
            if (d.Type == DynamicsTypes.Descent) AddDescent(items, scenario, d, field, p, columns);
            else AddOde(items, scenario, d, field, p, columns);
        }
        return new MemoryEstimate(items);
    }

    /// <summary>Refuses a scenario whose estimate exceeds <paramref name="limitBytes"/>.</summary>
    /// <exception cref="ScenarioBudgetException">It does; the message names the estimate, the budget and the largest parts with their fields.</exception>
    public static void Check(Scenario scenario, long limitBytes, string source)
    {
        var estimate = Estimate(scenario);
        if (estimate.TotalBytes > limitBytes) throw new ScenarioBudgetException(source, estimate, limitBytes);
    }

    /// <summary>How many entries each of the stiff method's p×p matrices may have so that an <c>auto</c> dynamics's
    /// stiffness switch (radau9: a real and two complex factors, six p×p matrices of doubles) stays within
    /// <paramref name="limitBytes"/> on top of <paramref name="estimate"/>; at least 1 (the engine then refuses every switch).</summary>
    public static long AutoJacobianEntries(MemoryEstimate estimate, long limitBytes)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        long room = limitBytes - estimate.TotalBytes;
        return Math.Max(1, room / (8L * JacobianMatrices(AutoStiffMethod)));
    }

    /// <summary>Reads a byte count: a number with an optional binary unit, <c>512M</c>, <c>8G</c>, <c>8GiB</c>, <c>1.5T</c>, <c>1000000</c>.</summary>
    public static bool TryParseBytes(string? text, out long bytes)
    {
        bytes = 0;
        var match = text is null ? null : ByteCount().Match(text);
        if (match is null || !match.Success) return false;
        double value = double.Parse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        int power = "KMGTP".IndexOf(char.ToUpperInvariant(match.Groups[2].Value is { Length: 1 } u ? u[0] : ' ')) + 1;
        double total = value * Math.Pow(1024, power);
        if (!(total >= 1) || total >= long.MaxValue) return false;
        bytes = (long)total;
        return true;
    }

    internal static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    internal static long Mul(long a, long b) => a == 0 || b == 0 ? 0 : a > long.MaxValue / b ? long.MaxValue : a * b;

    private static void AddDescent(List<MemoryItem> items, Scenario scenario, DynamicsSpec d, string field, long p, long columns)
    {
        var recorded = RecordSchedule.Iterates(scenario, d.Eta, d.Steps);
        long stride = RecordSchedule.CommonStride(recorded);
        long kept = d.Steps / stride + 2;
        items.Add(new(field, $"{kept} kept iterates × {p} parameters (one every {stride} of {d.Steps} steps)", Mul(8, Mul(kept, p)), true));
        items.Add(new(field, $"the loss of {d.Steps + 1L} iterates and {recorded.Count} metric rows", Mul(8, Add(d.Steps + 1L, Mul(recorded.Count, columns))), true));
    }

    private static void AddOde(List<MemoryItem> items, Scenario scenario, DynamicsSpec d, string field, long p, long columns)
    {
        long records = RecordSchedule.Times(scenario, d.EndTime(scenario.Stop)).Length + 1L;
        items.Add(new(field, $"{records} records × {p} parameters", Mul(8, Mul(records, Add(p, columns))), true));
        items.Add(new(field, $"the stage vectors of {d.Method}", Mul(8, Mul(16, p)), false));
        int jacobians = JacobianMatrices(d.Method ?? "auto");
        if (jacobians > 0)
            items.Add(new($"{field}.method", $"{d.Method}'s dense Jacobian and factors, {jacobians} × {p}² numbers", Mul(8, Mul(jacobians, Mul(p, p))), false));
        if (d.Type == DynamicsTypes.PerturbedFlow)
        {
            long s = scenario.Model.Rows + (long)scenario.Model.Columns;
            items.Add(new(field, $"7 perturbed-flow matrices of {s}×{s} and {d.Steps} breakpoints", Mul(8, Add(Mul(7, Mul(s, s)), d.Steps)), false));
        }
    }

    [GeneratedRegex(@"^\s*([0-9]+(?:\.[0-9]+)?)\s*([kKmMgGtTpP]?)(?:i?[bB])?\s*$")]
    private static partial Regex ByteCount();
}

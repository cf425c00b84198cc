namespace FlowSim.Scenarios;

/// <summary>When a scenario records: the times of an ODE dynamics and the iterates of a descent (<c>record.times</c>,
/// <c>record.every</c> or <c>record.points</c>).</summary>
public static class RecordSchedule
{
    /// <summary>The record times of an ODE dynamics that ends at <paramref name="end"/>.</summary>
    public static double[] Times(Scenario scenario, double end)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var r = scenario.Record;
        if (r.Times is { } times) return [.. times.Where(t => t <= end)];
        if (r.Every > 0)
        {
            double eta = scenario.Dynamics.First(d => d.Type == DynamicsTypes.Descent).Eta;
            var list = new List<double>();
            for (long j = 0; j * r.Every * eta <= end; j++) list.Add(j * r.Every * eta);
            if (list[^1] < end) list.Add(end);
            return [.. list];
        }
        var points = new double[r.Points];
        for (int i = 0; i < r.Points; i++) points[i] = i == r.Points - 1 ? end : end * i / (r.Points - 1);
        return points;
    }

    /// <summary>The recorded iterates of a descent with step η and K steps (always 0 and K; a record time t gives
    /// iterate round(t/η)).</summary>
    public static SortedSet<long> Iterates(Scenario scenario, double eta, long steps)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var set = new SortedSet<long> { 0, steps };
        if (scenario.Record.Every > 0)
            for (long k = 0; k <= steps; k += scenario.Record.Every) set.Add(k);
        else
            foreach (var t in Times(scenario, steps * eta)) set.Add(Math.Min(steps, (long)Math.Round(t / eta)));
        return set;
    }

    /// <summary>The largest m such that every recorded iterate is a multiple of m: recording every m-th iterate keeps
    /// them all (and, with <c>record.every</c>, nothing else).</summary>
    public static int CommonStride(IEnumerable<long> iterates)
    {
        long g = 0;
        foreach (long k in iterates) g = Gcd(g, k);
        return (int)Math.Clamp(g, 1, int.MaxValue);
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }
}

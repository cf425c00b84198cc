namespace FlowSim.Theory;

/// <summary>A contiguous run of iterations [Start, End] on a plateau.</summary>
internal sealed record PlateauRun(int Start, int End)
{
    public int Length => End - Start + 1;
}

/// <summary>The minimum of an r_eff trace, its monotonicity after the minimum, and the longest run near each plateau height.</summary>
internal sealed record PlateauAnalysis(int MinimumIndex, double Minimum, double MaxDropAfterMinimum, PlateauRun?[] Runs);

/// <summary>Plateau detection in an effective-rank trace as THEORY.md §3.8 describes it (C17).</summary>
internal static class PlateauDetector
{
    /// <summary>
    /// Level heights[0] is the run through the minimum; every other level is the longest run after the minimum
    /// with |r − h| &lt; band; the caller judges the lengths.
    /// </summary>
    public static PlateauAnalysis Detect(IReadOnlyList<double> reff, IReadOnlyList<double> heights, double band)
    {
        if (reff.Count == 0) throw new ArgumentException("reff: the trace is empty.", nameof(reff));
        int kMin = 0;
        for (int k = 1; k < reff.Count; k++) if (reff[k] < reff[kMin]) kMin = k;
        double drop = double.NegativeInfinity;
        for (int k = kMin; k + 1 < reff.Count; k++) drop = Math.Max(drop, reff[k] - reff[k + 1]);
        var runs = new PlateauRun?[heights.Count];
        for (int i = 0; i < heights.Count; i++)
        {
            double h = heights[i];
            bool In(int k) => Math.Abs(reff[k] - h) < band;
            if (i == 0)
            {
                if (!In(kMin)) continue;
                int a = kMin, b = kMin;
                while (a > 0 && In(a - 1)) a--;
                while (b + 1 < reff.Count && In(b + 1)) b++;
                runs[0] = new PlateauRun(a, b);
                continue;
            }
            for (int k = kMin; k < reff.Count; k++)
            {
                if (!In(k)) continue;
                int s = k;
                while (k + 1 < reff.Count && In(k + 1)) k++;
                if (runs[i] is null || k - s + 1 > runs[i]!.Length) runs[i] = new PlateauRun(s, k);
            }
        }
        return new PlateauAnalysis(kMin, reff[kMin], drop, runs);
    }
}

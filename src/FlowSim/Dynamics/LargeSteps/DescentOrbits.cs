using FlowSim.Models;

namespace FlowSim.Dynamics.LargeSteps;

/// <summary>
/// Runs gradient descent for K steps and classifies where it ends: converged, a cycle of period 2, 4 or another period
/// up to <see cref="DescentOrbitOptions.MaxPeriod"/>, chaotic (bounded, no such period), or divergent.
/// </summary>
/// <remarks>
/// The last 2·MaxPeriod + 1 iterates are kept. Period p is the smallest p for which every pair of iterates p steps apart
/// in that window agrees to the tolerance; failing that, the smallest p whose distances ‖θ_{k+p} − θ_k‖ shrink at every
/// step of the window (an orbit still converging to a p-cycle, which a tolerance test alone would call chaotic). The
/// steps are <see cref="GradientDescent.Step"/>'s, so the iterates are those of every other descent in FlowSim.
/// </remarks>
public static class DescentOrbits
{
    /// <summary>Classifies the orbit of descent with step η from θ0 after K steps; <paramref name="onIterate"/>, when
    /// given, sees every iterate (k, θ_k) for k = 0 … K as it is produced (a view: copy it to keep it).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> is null.</exception>
    /// <exception cref="ArgumentException">θ0 is invalid, η is not finite and &gt; 0, K &lt; 1, or an option is out of range.</exception>
    public static DescentOrbit Classify(IObjective objective, ReadOnlySpan<double> theta0, double eta, int steps,
        DescentOrbitOptions? options = null, IterateCallback? onIterate = null)
    {
        options ??= new DescentOrbitOptions();
        options.Validate();
        if (steps < 1) throw new ArgumentException($"steps: must be ≥ 1 (got {steps}).", nameof(steps));
        var gd = new GradientDescent(objective, theta0, eta);
        int n = objective.ParameterCount, w = 2 * options.MaxPeriod + 1;
        var ring = new double[w][];
        for (int i = 0; i < w; i++) ring[i] = new double[n];
        int k = 0;
        for (; ; k++)
        {
            var theta = gd.Theta;
            onIterate?.Invoke(k, theta);
            theta.CopyTo(ring[k % w]);
            if (!Bounded(theta, options.DivergenceBound) || !double.IsFinite(objective.Loss(theta)))
                return new DescentOrbit(LargeStepRegime.Divergent, null, [], double.NaN, false, k, theta.ToArray(), k);
            if (k == steps) break;
            gd.Step();
        }
        int available = Math.Min(k + 1, w);
        var window = new double[available][];
        for (int i = 0; i < available; i++) window[i] = ring[(k - available + 1 + i) % w];
        var (period, converging) = FindPeriod(window, options);
        int length = period ?? Math.Min(options.MaxPeriod, available);
        var cycle = new double[length][];
        double mean = 0;
        for (int i = 0; i < length; i++)
        {
            cycle[i] = (double[])window[available - length + i].Clone();
            mean += objective.Loss(cycle[i]);
        }
        var regime = period switch
        {
            1 => LargeStepRegime.Converged,
            2 => LargeStepRegime.Period2,
            4 => LargeStepRegime.Period4,
            null => LargeStepRegime.Chaotic,
            _ => LargeStepRegime.Periodic,
        };
        return new DescentOrbit(regime, period, cycle, mean / length, period is not null && converging, k, gd.Theta.ToArray(), null);
    }

    private static bool Bounded(ReadOnlySpan<double> theta, double bound)
    {
        foreach (double v in theta) if (!(Math.Abs(v) <= bound)) return false;
        return true;
    }

    // Period p: along each residue class mod p the distances e(i) = ‖θ_{i+p} − θ_i‖ are below the tolerance or still
    // strictly shrinking. While the last ones are above it, Aitken's extrapolation of e must head to 0 rather than to a
    // constant (an orbit converging to a 2-cycle has shrinking e_1 that tend to the cycle's width, not to 0).
    private static (int? Period, bool Converging) FindPeriod(double[][] window, DescentOrbitOptions options)
    {
        int count = window.Length, maxP = Math.Min(options.MaxPeriod, (count - 1) / 2);
        var e = new double[count];
        for (int p = 1; p <= maxP; p++)
        {
            int m = count - p;
            bool ok = true, converging = false;
            for (int i = 0; i < m; i++)
            {
                e[i] = Distance(window[i], window[i + p]);
                bool below = e[i] <= options.Tolerance * Scale(window[i + p]);
                if (i >= p && !below && !(e[i] < e[i - p])) { ok = false; break; }
                if (i >= m - p && !below) converging = true;
            }
            if (!ok) continue;
            if (!converging) return (p, false);
            if (m < 3 * p || !HeadsToZero(window, p, p)) continue;
            // Converging to a p-cycle may be converging to a cycle of a divisor d of p (an overshooting approach to a
            // fixed point shrinks ‖θ_{k+2} − θ_k‖ monotonically, ‖θ_{k+1} − θ_k‖ only along every other step).
            for (int d = 1; d < p; d++)
                if (p % d == 0 && HeadsToZero(window, d, p)) return (d, true);
            return (p, true);
        }
        return (null, false);
    }

    // Aitken's extrapolation of ‖θ_{i+d} − θ_i‖ along i = last, last − stride, last − 2·stride: at most half its last value.
    private static bool HeadsToZero(double[][] window, int d, int stride)
    {
        int last = window.Length - 1 - d;
        if (last - 2 * stride < 0) return false;
        double e0 = Distance(window[last - 2 * stride], window[last - 2 * stride + d]);
        double e1 = Distance(window[last - stride], window[last - stride + d]), e2 = Distance(window[last], window[last + d]);
        double curvature = (e2 - e1) - (e1 - e0);
        double limit = curvature == 0 ? e2 : e2 - (e2 - e1) * (e2 - e1) / curvature;
        return Math.Abs(limit) <= 0.5 * e2;
    }

    private static double Distance(double[] a, double[] b)
    {
        double m = 0;
        for (int i = 0; i < a.Length; i++) m = Math.Max(m, Math.Abs(a[i] - b[i]));
        return m;
    }

    private static double Scale(double[] a)
    {
        double m = 1;
        foreach (double v in a) m = Math.Max(m, Math.Abs(v));
        return m;
    }
}

/// <summary>Sees iterate k of a descent run (θ_k is a view, valid only during the call).</summary>
public delegate void IterateCallback(int k, ReadOnlySpan<double> theta);

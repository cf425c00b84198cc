using FlowSim.Analysis.Sharpness;
using FlowSim.Models;

namespace FlowSim.Dynamics.LargeSteps;

/// <summary>
/// Gradient descent with the sharpness tracked along the run (THEORY §6): S(w_k) by a warm-started Lanczos solve per
/// iterate, the first k with S ≥ 2/η (the onset of the edge of stability), and the sharpness at the second-order
/// midpoints w*_k = ¼(2w_k + w_{k+1} + w_{k−1}), GD's local average that the central flow describes.
/// </summary>
/// <remarks>The steps are <see cref="GradientDescent.Step"/>'s. Midpoints get their own warm-started solver: their
/// sharpness settles near 2/η while the raw one oscillates around it, and one warm start serving both would jump.</remarks>
public static class SharpnessTrackedDescent
{
    /// <summary>w* = ¼(2·current + next + previous), written into <paramref name="midpoint"/>.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void SecondOrderMidpoint(ReadOnlySpan<double> previous, ReadOnlySpan<double> current, ReadOnlySpan<double> next, Span<double> midpoint)
    {
        int n = current.Length;
        if (previous.Length != n || next.Length != n || midpoint.Length != n)
            throw new ArgumentException($"midpoint: previous, current, next and midpoint must have one length (got {previous.Length}, {n}, {next.Length}, {midpoint.Length}).", nameof(midpoint));
        for (int i = 0; i < n; i++) midpoint[i] = 0.25 * (2 * current[i] + next[i] + previous[i]);
    }

    /// <summary>Runs K steps of descent from θ0 with the sharpness tracked.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">θ0 is invalid or an option is out of range (the message names it).</exception>
    public static SharpnessDescentResult Run(IHessianVectorProduct objective, ReadOnlySpan<double> theta0, SharpnessDescentOptions options)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var gd = new GradientDescent(objective, theta0, options.StepSize);
        int n = objective.ParameterCount, steps = options.Steps;
        var raw = new LanczosEigensolver(n, options.Lanczos);
        var mid = options.Midpoints ? new LanczosEigensolver(n, options.Lanczos) : null;
        var losses = new List<double>(steps + 1);
        var sharpness = new double[steps + 1];
        var midSharpness = new double[steps + 1];
        Array.Fill(sharpness, double.NaN);
        Array.Fill(midSharpness, double.NaN);
        var products = new List<int>();
        var states = options.RecordStates ? new List<double[]>() : null;
        double[] before = new double[n], current = new double[n], midpoint = new double[n];
        double[]? finalMidpoint = null;
        int? onset = null, diverged = null;
        double edge = 2 / options.StepSize;
        int k = 0;
        for (; ; k++)
        {
            var theta = gd.Theta;
            double loss = objective.Loss(theta);
            if (!double.IsFinite(loss) || !Bounded(theta, options.DivergenceBound)) { diverged = k; break; }
            losses.Add(loss);
            states?.Add(theta.ToArray());
            if (k % options.SharpnessEvery == 0 || k == steps)
            {
                var r = raw.Solve(objective, theta);
                products.Add(r.HessianVectorProducts);
                sharpness[k] = raw.Eigenvalues[0];
                options.OnSharpness?.Invoke(k, theta, raw);
                if (onset is null && sharpness[k] >= edge) onset = k;
            }
            if (k >= 2 && mid is not null && ((k - 1) % options.SharpnessEvery == 0 || k == steps))
            {
                SecondOrderMidpoint(before, current, theta, midpoint);
                mid.Solve(objective, midpoint);
                midSharpness[k - 1] = mid.Eigenvalues[0];
            }
            if (k >= 2)
            {
                finalMidpoint ??= new double[n];
                SecondOrderMidpoint(before, current, theta, finalMidpoint);
            }
            (before, current) = (current, before);
            theta.CopyTo(current);
            if (k == steps) break;
            gd.Step();
        }
        int count = losses.Count;
        return new SharpnessDescentResult(options.StepSize, [.. losses], sharpness.AsSpan(0, count).ToArray(),
            midSharpness.AsSpan(0, count).ToArray(), onset, diverged, gd.Theta.ToArray(), finalMidpoint, states?.ToArray(), [.. products]);
    }

    private static bool Bounded(ReadOnlySpan<double> theta, double bound)
    {
        foreach (double v in theta) if (!(Math.Abs(v) <= bound)) return false;
        return true;
    }
}

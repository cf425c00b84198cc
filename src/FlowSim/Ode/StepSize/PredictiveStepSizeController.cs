namespace FlowSim.Ode;

/// <summary>
/// Gustafsson's predictive step-size controller as in Hairer's RADAU5: h_new = h·fac·err^(−1/(q+1)) with the safety
/// factor lowered when the Newton iteration needed many iterations, fac = min(Safety, Safety·(1 + 2·k_max)/(k + 2·k_max)),
/// and, after an accepted step, the predictive factor (h_acc/h)·(err²/err_acc)^(1/(q+1))/Safety, which takes the step
/// before into account, when it asks for a smaller step. A rejected first step is retried with a tenth of its size.
/// </summary>
/// <remarks>Gustafsson, "Control-theoretic techniques for stepsize selection in implicit Runge–Kutta methods",
/// ACM TOMS 20 (1994) 496–517; Hairer &amp; Wanner, Solving ODEs II, §IV.8, eq. (8.21)–(8.25).</remarks>
public sealed class PredictiveStepSizeController : IStepSizeController
{
    private double _hAccepted, _errorAccepted;
    private long _accepted;

    /// <summary>Safety factor (RADAU5's SAFE, 0.9).</summary>
    public double Safety { get; init; } = 0.9;
    /// <summary>Largest growth factor of one step (RADAU5's 1/FACR, 8).</summary>
    public double MaxFactor { get; init; } = 8.0;
    /// <summary>Smallest shrink factor of one step (RADAU5's 1/FACL, 0.2).</summary>
    public double MinFactor { get; init; } = 0.2;
    /// <summary>Whether the predictive (Gustafsson) factor is used; without it, the classical controller.</summary>
    public bool Predictive { get; init; } = true;

    /// <inheritdoc/>
    public void Reset()
    {
        _accepted = 0;
        _hAccepted = _errorAccepted = 0;
    }

    /// <inheritdoc/>
    public double Propose(double h, double errorNorm, int errorOrder, out bool accepted) =>
        Propose(h, errorNorm, errorOrder, 0, 0, out accepted);

    /// <inheritdoc/>
    public double Propose(double h, double errorNorm, int errorOrder, int newtonIterations, int maxNewtonIterations, out bool accepted)
    {
        double exponent = 1.0 / (errorOrder + 1);
        double fac = maxNewtonIterations > 0
            ? Math.Min(Safety, Safety * (1 + 2 * maxNewtonIterations) / (newtonIterations + 2 * maxNewtonIterations))
            : Safety;
        // quot = h/h_new, bounded so that h_new/h stays in [MinFactor, MaxFactor].
        double quot = double.IsFinite(errorNorm)
            ? Math.Clamp(Math.Pow(errorNorm, exponent) / fac, 1 / MaxFactor, 1 / MinFactor)
            : 1 / MinFactor;
        if (errorNorm < 1.0)
        {
            if (Predictive && _accepted > 0)
            {
                double gustafsson = _hAccepted / h * Math.Pow(errorNorm * errorNorm / _errorAccepted, exponent) / Safety;
                quot = Math.Max(quot, Math.Clamp(gustafsson, 1 / MaxFactor, 1 / MinFactor));
            }
            _hAccepted = h;
            _errorAccepted = Math.Max(1e-2, errorNorm);
            _accepted++;
            accepted = true;
            return h / quot;
        }
        accepted = false;
        return _accepted == 0 ? 0.1 * h : h / quot;
    }
}

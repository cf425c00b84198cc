using FlowSim.Ode;

namespace FlowSim.Analysis;

/// <summary>One step size of an observed-order measurement.</summary>
/// <param name="StepSize">η.</param>
/// <param name="Steps">K = T/η descent steps.</param>
/// <param name="Distance">‖θ_K − θ(T)‖₂ between the descent iterate and the flow at the fixed time T.</param>
/// <param name="RelativeDistance"><see cref="Distance"/> / ‖θ(T)‖₂.</param>
public readonly record struct ObservedOrderPoint(double StepSize, int Steps, double Distance, double RelativeDistance);

/// <summary>The result of an observed-order measurement: the points and the log-log fit of distance against η.</summary>
/// <param name="FlowName">Which flow descent was compared with.</param>
/// <param name="Time">The fixed time T.</param>
/// <param name="Method">The engine method that integrated the flow.</param>
/// <param name="FlowOptions">The flow's integration options (tolerances).</param>
/// <param name="Points">One point per step size, in the order measured (η decreasing for halvings).</param>
/// <param name="Fit">The log-log fit of <see cref="ObservedOrderPoint.Distance"/> against η.</param>
public sealed record ObservedOrderResult(string FlowName, double Time, string Method, OdeOptions FlowOptions,
    IReadOnlyList<ObservedOrderPoint> Points, LogLogFit Fit)
{
    /// <summary>The observed order: the fit's slope.</summary>
    public double Slope => Fit.Slope;
    /// <summary>The fit's intercept (log of the error constant).</summary>
    public double Intercept => Fit.Intercept;
    /// <summary>RMS of the fit residuals in log distance.</summary>
    public double Residual => Fit.Residual;
}

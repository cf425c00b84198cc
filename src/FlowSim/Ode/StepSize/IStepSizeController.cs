namespace FlowSim.Ode;

/// <summary>
/// Decides whether a step attempt is accepted and which step size comes next, from the weighted error
/// norm (diffrax's split of solver and controller). The one-step methods (explicit Runge–Kutta, Rosenbrock, Radau IIA)
/// ask their controller after every attempt; a caller passes its own through <see cref="OdeOptions.StepSizeController"/>.
/// </summary>
/// <remarks>A controller keeps the error history of one run: the options hold a factory, and every run gets its own.</remarks>
public interface IStepSizeController
{
    /// <summary>Forgets the error history (after a restart).</summary>
    void Reset();

    /// <summary>
    /// Judges an attempt of size <paramref name="h"/> with error norm <paramref name="errorNorm"/> (≤ 1 accepts)
    /// and returns the next step size (magnitude).
    /// </summary>
    /// <param name="h">Size of the attempt (magnitude).</param>
    /// <param name="errorNorm">Weighted RMS error of the attempt.</param>
    /// <param name="errorOrder">Order q of the error estimate (the step's error behaves like h^(q+1)).</param>
    /// <param name="accepted">Whether the attempt is accepted.</param>
    double Propose(double h, double errorNorm, int errorOrder, out bool accepted);

    /// <summary>
    /// Judges an attempt of an implicit method, whose Newton iteration took <paramref name="newtonIterations"/> of at
    /// most <paramref name="maxNewtonIterations"/> iterations (Hairer's RADAU5 lowers its safety factor when Newton
    /// needed many). A controller that does not use the count judges by the error alone.
    /// </summary>
    double Propose(double h, double errorNorm, int errorOrder, int newtonIterations, int maxNewtonIterations, out bool accepted) =>
        Propose(h, errorNorm, errorOrder, out accepted);
}

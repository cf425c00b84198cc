using FlowSim.Ode;

namespace FlowSim.OdeSuite;

/// <summary>
/// The Prothero–Robinson equation y' = λ(y − g(t)) + g'(t) with g = sin, λ = −10⁴, y(0) = 0 on [0, 10]; exact y = sin t.
/// The solution is smooth but every step sees the stiff eigenvalue λ: methods whose stages have a low stage order lose
/// convergence order here (order reduction), the test Rodas5P was designed to pass and Rodas5 fails.
/// </summary>
/// <remarks>A. Prothero &amp; A. Robinson, "On the stability and accuracy of one-step methods for solving stiff systems of
/// ordinary differential equations", Math. Comp. 28 (1974) 145–162; Hairer &amp; Wanner, Solving ODEs II, §IV.15.</remarks>
public static class ProtheroRobinson
{
    /// <summary>The stiffness λ of the suite's instance.</summary>
    public const double Lambda = -1e4;

    /// <summary>The problem with its Jacobian (λ), ∂f/∂t = −λ cos t − sin t and exact solution.</summary>
    public static OdeProblem Create() => new((t, y, f) => f[0] = Lambda * (y[0] - Math.Sin(t)) + Math.Cos(t), 0, 10, [0.0],
        (t, y, j) => j[0] = Lambda, "prothero-robinson")
    {
        IsStiff = true,
        TimeDerivative = (t, y, d) => d[0] = -Lambda * Math.Cos(t) - Math.Sin(t),
        ExactSolution = (t, y) => y[0] = Math.Sin(t),
    };
}

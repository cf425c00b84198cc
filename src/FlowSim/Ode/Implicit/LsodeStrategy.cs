namespace FlowSim.Ode;

/// <summary>
/// The strategy of LSODE's BDF (Hindmarsh's DSTODE, also VODE's) that <see cref="Bdf"/> follows: the corrector's limits,
/// when the Jacobian is renewed, and the choice of the next order and step — from the error estimates of orders k − 1,
/// k and k + 1, the step ratios r = 1/(bias·err^(1/(order+1)) + bias·1e-6) with the biases 1.3 (lower), 1.2 (same) and
/// 1.4 (higher order), so that an order change must promise clearly more than keeping the order; the largest ratio wins.
/// </summary>
/// <remarks>A. C. Hindmarsh, "ODEPACK, a systematized collection of ODE solvers", IMACS Trans. Sci. Comput. 1 (1983)
/// 55–64; K. Radhakrishnan &amp; A. C. Hindmarsh, "Description and use of LSODE", LLNL UCRL-ID-113855 (1993), §3.3.</remarks>
internal static class LsodeStrategy
{
    /// <summary>Corrector iterations per attempt (MAXCOR).</summary>
    public const int MaxCorrections = 3;

    /// <summary>Steps a Jacobian serves at most (MSBP), and the relative change of h/α that asks for a new one (CCMAX).</summary>
    public const int StepsPerJacobian = 20;
    public const double MaxCoefficientChange = 0.3;

    /// <summary>The corrector's convergence-rate estimate after a new Jacobian (the initial CRATE).</summary>
    public const double InitialRate = 0.7;

    /// <summary>A change that gains less than this factor is not made (LSODE: the history is kept as it is and the
    /// choice looked at again three steps later).</summary>
    public const double MinimumGain = 1.1;

    /// <summary>Steps to wait before looking again after a change was not worth making.</summary>
    public const int StepsBeforeNextLook = 3;

    /// <summary>Largest step growth at one change (LSODE's RMAX), and after a failed attempt in the step (RMAX = 2).</summary>
    public const double MaxGrowth = 10, MaxGrowthAfterFailure = 2;

    /// <summary>Step reduction after a corrector that does not converge with a fresh Jacobian (LSODE's 0.25).</summary>
    public const double ConvergenceFailureFactor = 0.25;

    /// <summary>Upper bound of the step ratio from the second error-test failure in a row on (LSODE's 0.2), and the ratio
    /// of the restart at order 1 from the third on (0.1).</summary>
    public const double SecondFailureBound = 0.2, ThirdFailureRatio = 0.1;

    /// <summary>The step ratio an error estimate <paramref name="error"/> (weighted norm; 1 = at the tolerance) of an
    /// order-<paramref name="order"/> formula allows, with LSODE's bias for the kind of change.</summary>
    public static double Ratio(double error, int order, double bias) =>
        double.IsFinite(error) ? 1 / (bias * Math.Pow(error, 1.0 / (order + 1)) + bias * 1e-6) : 0;

    /// <summary>Chooses among order − 1, order and order + 1 (errors of each as weighted norms; +∞ where not available)
    /// as LSODE does: the largest biased ratio, keeping the order on ties with the higher one.</summary>
    /// <returns>The order change (−1, 0, +1) and the step ratio.</returns>
    public static (int Delta, double Ratio) Choose(int order, double errorLower, double errorSame, double errorHigher)
    {
        double down = order > 1 ? Ratio(errorLower, order - 1, 1.3) : 0;
        double same = Ratio(errorSame, order, 1.2);
        double up = Ratio(errorHigher, order + 1, 1.4);
        if (same >= up) return same >= down ? (0, same) : (-1, down);
        return up > down ? (1, up) : (-1, down);
    }
}

using FlowSim.Ode;

namespace FlowSim.OdeSuite;

/// <summary>Non-stiff textbook problems: the harmonic oscillator, the Arenstorf orbit and the Pleiades.</summary>
public static class ClassicalProblems
{
    /// <summary>Harmonic oscillator y'' = −ω²y with ω = 2, y(0) = 1, y'(0) = 0 on [0, 30]; exact y = cos ωt, y' = −ω sin ωt.</summary>
    public static OdeProblem HarmonicOscillator() => HarmonicOscillator(2, 30);

    /// <summary>Harmonic oscillator y'' = −ω²y, y(0) = 1, y'(0) = 0 on [0, t1], state (y, y'), with its Jacobian and
    /// exact solution y = cos ωt, y' = −ω sin ωt.</summary>
    public static OdeProblem HarmonicOscillator(double omega, double t1, string name = "harmonic")
    {
        double w = omega;
        return new OdeProblem((t, y, dy) => { dy[0] = y[1]; dy[1] = -w * w * y[0]; }, 0, t1, [1.0, 0.0],
            (t, y, j) => { j[0] = 0; j[1] = -w * w; j[2] = 1; j[3] = 0; }, name)
        {
            ExactSolution = (t, y) => { y[0] = Math.Cos(w * t); y[1] = -w * Math.Sin(w * t); },
        };
    }

    /// <summary>Mass ratio μ of the Arenstorf orbit (moon / (earth + moon)).</summary>
    public const double ArenstorfMu = 0.012277471;
    /// <summary>Period of the Arenstorf orbit (Hairer, Nørsett, Wanner, Solving ODEs I, §II.0, eq. (0.2)).</summary>
    public const double ArenstorfPeriod = 17.0652165601579625588917206249;
    /// <summary>Initial y2' of the Arenstorf orbit (same source).</summary>
    public const double ArenstorfInitialVelocity = -2.00158510637908252240537862224;

    /// <summary>
    /// Arenstorf orbit of the restricted three-body problem, from Hairer, Nørsett, Wanner, Solving Ordinary
    /// Differential Equations I (2nd ed., Springer 1993), §II.0, eq. (0.1)–(0.2): y(0) = (0.994, 0, 0,
    /// −2.00158510637908252240537862224), state (y1, y2, y1', y2'), integrated over one period
    /// T = 17.0652165601579625588917206249. The orbit is periodic, so the reference at T is y(0).
    /// </summary>
    public static OdeProblem Arenstorf()
    {
        const double mu = ArenstorfMu, mup = 1 - mu;
        return new OdeProblem((t, y, dy) =>
        {
            double a = (y[0] + mu) * (y[0] + mu) + y[1] * y[1];
            double b = (y[0] - mup) * (y[0] - mup) + y[1] * y[1];
            double d1 = a * Math.Sqrt(a), d2 = b * Math.Sqrt(b);
            dy[0] = y[2];
            dy[1] = y[3];
            dy[2] = y[0] + 2 * y[3] - mup * (y[0] + mu) / d1 - mu * (y[0] - mup) / d2;
            dy[3] = y[1] - 2 * y[2] - mup * y[1] / d1 - mu * y[1] / d2;
        }, 0, ArenstorfPeriod, [0.994, 0, 0, ArenstorfInitialVelocity], name: "arenstorf");
    }

    /// <summary>
    /// Pleiades: seven bodies with masses m_j = j in the plane, x_i'' = Σ_{j≠i} m_j (x_j − x_i)/r_ij³,
    /// t ∈ [0, 3]; state (x1..x7, y1..y7, x1'..x7', y1'..y7') of dimension 28. Problem PLEI of the Test Set
    /// for IVP Solvers (F. Mazzia, C. Magherini, University of Bari, release 2.4, 2008) and Hairer–Nørsett–Wanner I, §II.10.
    /// </summary>
    public static OdeProblem Pleiades() => new(PleiadesRhs, 0, 3,
        [3, 3, -1, -3, 2, -2, 2,
         3, -3, 2, 0, 0, -4, 4,
         0, 0, 0, 0, 0, 1.75, -1.5,
         0, 0, 0, -1.25, 1, 0, 0], name: "pleiades");

    private static void PleiadesRhs(double t, ReadOnlySpan<double> y, Span<double> dy)
    {
        const int n = 7;
        y.Slice(2 * n, 2 * n).CopyTo(dy);
        for (int i = 0; i < n; i++)
        {
            double ax = 0, ay = 0;
            for (int j = 0; j < n; j++)
            {
                if (j == i) continue;
                double dx = y[j] - y[i], dz = y[n + j] - y[n + i];
                double r2 = dx * dx + dz * dz, r3 = r2 * Math.Sqrt(r2);
                ax += (j + 1) * dx / r3;
                ay += (j + 1) * dz / r3;
            }
            dy[2 * n + i] = ax;
            dy[3 * n + i] = ay;
        }
    }
}

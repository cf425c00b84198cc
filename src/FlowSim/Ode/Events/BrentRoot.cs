namespace FlowSim.Ode;

/// <summary>Brent's method (inverse quadratic interpolation safeguarded by bisection), as the integrator locates events
/// on the dense output: R. P. Brent, Algorithms for Minimization without Derivatives, 1973, ch. 4.</summary>
internal static class BrentRoot
{
    /// <summary>The root of g in [a, b], where g(a) = fa and g(b) = fb have opposite signs, to a few ulp of b.</summary>
    public static double Find(Func<double, double> g, double a, double b, double fa, double fb)
    {
        double c = a, fc = fa, d = b - a, e2 = d;
        for (int iter = 0; iter < 200; iter++)
        {
            if (Math.Sign(fb) == Math.Sign(fc) && fb != 0) { c = a; fc = fa; d = b - a; e2 = d; }
            if (Math.Abs(fc) < Math.Abs(fb)) { a = b; b = c; c = a; fa = fb; fb = fc; fc = fa; }
            double tol = 2 * double.Epsilon + 2 * Math.Abs(Math.BitIncrement(Math.Abs(b)) - Math.Abs(b));
            double m = 0.5 * (c - b);
            if (Math.Abs(m) <= tol || fb == 0) break;
            if (Math.Abs(e2) >= tol && Math.Abs(fa) > Math.Abs(fb))
            {
                double s = fb / fa, p, q;
                if (a == c) { p = 2 * m * s; q = 1 - s; }
                else
                {
                    double qq = fa / fc, r = fb / fc;
                    p = s * (2 * m * qq * (qq - r) - (b - a) * (r - 1));
                    q = (qq - 1) * (r - 1) * (s - 1);
                }
                if (p > 0) q = -q; else p = -p;
                if (2 * p < Math.Min(3 * m * q - Math.Abs(tol * q), Math.Abs(e2 * q))) { e2 = d; d = p / q; }
                else { d = m; e2 = m; }
            }
            else { d = m; e2 = m; }
            a = b; fa = fb;
            b += Math.Abs(d) > tol ? d : (m > 0 ? tol : -tol);
            fb = g(b);
        }
        return b;
    }
}

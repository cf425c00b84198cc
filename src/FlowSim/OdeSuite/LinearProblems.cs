using FlowSim.Ode;

namespace FlowSim.OdeSuite;

/// <summary>
/// Linear problems with closed-form solutions: the semi-discretised heat equation (exact through its
/// discrete sine eigenbasis), a matrix ODE Y' = AY (exact through Rodrigues' formula) and a decay driven by
/// a square wave whose jumps are breakpoints (exact piecewise).
/// </summary>
public static class LinearProblems
{
    /// <summary>
    /// Heat equation u_t = κ u_xx on (0, 1), u = 0 at both ends, central differences on n interior points
    /// (h = 1/(n+1)): y' = (κ/h²)·tridiag(1, −2, 1)·y, y0_j = x_j(1 − x_j). Exact solution from the eigenpairs
    /// of the tridiagonal matrix, v_k(j) = sin(jkπh), λ_k = −(4κ/h²)·sin²(kπh/2) (a closed form, not a numerical
    /// eigensolver): y(t) = Σ_k c_k e^(λ_k t) v_k with c_k = 2h Σ_j y0_j v_k(j).
    /// </summary>
    public static OdeProblem HeatEquation(string name, int n, double kappa, double t1, bool stiff) =>
        Heat(name, n, kappa, t1, stiff, banded: false);

    /// <summary>
    /// The stiff heat equation of <see cref="HeatEquation"/> on 1,000 interior points (κ = 1, t ∈ [0, 0.1], eigenvalues
    /// down to −4·10⁶), declared banded (lower and upper bandwidth 1) and without an analytic Jacobian: the stiff
    /// methods build it by finite differences from three evaluations and factor band matrices, O(n) per factorisation.
    /// </summary>
    public static OdeProblem BandedDiffusion() => Heat("diffusion-1000", 1000, 1.0, 0.1, stiff: true, banded: true);

    private static OdeProblem Heat(string name, int n, double kappa, double t1, bool stiff, bool banded)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "n: needs at least one interior point.");
        double h = 1.0 / (n + 1), s = kappa / (h * h);
        var y0 = new double[n];
        for (int j = 0; j < n; j++) { double x = (j + 1) * h; y0[j] = x * (1 - x); }
        // sin(jkπh) with jk reduced modulo 2(n + 1) in integers first: the argument reaches n²πh ≈ 3e3 at n = 1,000, where
        // its own rounding would cost 1e-13 in the sine.
        double Mode(int j, int k) => Math.Sin((long)j * k % (2 * (n + 1)) * Math.PI * h);
        // Eigen-expansion of y0, computed when the exact solution is first asked for (O(n²)).
        double[]? lambda = null, coef = null;
        void Expand()
        {
            var l = new double[n];
            var c = new double[n];
            for (int k = 1; k <= n; k++)
            {
                double sk = Math.Sin(k * Math.PI * h / 2);
                l[k - 1] = -4 * s * sk * sk;
                double sum = 0;
                for (int j = 1; j <= n; j++) sum += y0[j - 1] * Mode(j, k);
                c[k - 1] = 2 * h * sum;
            }
            (lambda, coef) = (l, c);
        }
        OdeJacobianFunction? jacobian = banded ? null : (t, y, jac) =>
        {
            jac.Clear();
            for (int j = 0; j < n; j++)
            {
                jac[j * n + j] = -2 * s;
                if (j > 0) jac[(j - 1) * n + j] = s;
                if (j < n - 1) jac[(j + 1) * n + j] = s;
            }
        };
        return new OdeProblem((t, y, dy) =>
        {
            for (int j = 0; j < n; j++)
            {
                double left = j > 0 ? y[j - 1] : 0, right = j < n - 1 ? y[j + 1] : 0;
                dy[j] = s * (left - 2 * y[j] + right);
            }
        }, 0, t1, y0, jacobian, name)
        {
            IsStiff = stiff,
            IsAutonomous = true,
            LowerBandwidth = banded ? 1 : null,
            UpperBandwidth = banded ? 1 : null,
            ExactSolution = (t, y) =>
            {
                if (coef is null) Expand();
                y.Clear();
                for (int k = 0; k < n; k++)
                {
                    double a = coef![k] * Math.Exp(lambda![k] * t);
                    if (a == 0) continue;
                    for (int j = 0; j < n; j++) y[j] += a * Mode(j + 1, k + 1);
                }
            },
        };
    }

    /// <summary>
    /// Linear matrix ODE Y' = AY for a 3×3 matrix Y (column-major state of 9), A = K − αI with K the
    /// cross-product matrix of k = (1, 2, 2) (|k| = ω = 3) and α = 0.1, on [0, 10].
    /// Exact: Y(t) = e^(−αt)·(I + (sin ωt/ω)K + ((1 − cos ωt)/ω²)K²)·Y0 (Rodrigues' rotation formula; K and I commute).
    /// </summary>
    public static OdeProblem MatrixRotation()
    {
        const double alpha = 0.1, omega = 3;
        double[] k = [1, 2, 2];
        // K v = k × v, stored row-major for readability here.
        double[,] K = { { 0, -k[2], k[1] }, { k[2], 0, -k[0] }, { -k[1], k[0], 0 } };
        double[,] y0m = { { 1, 2, 0 }, { 0, 1, -1 }, { 1, 0, 2 } };
        var y0 = new double[9];
        for (int c = 0; c < 3; c++) for (int r = 0; r < 3; r++) y0[c * 3 + r] = y0m[r, c];
        var jac = new double[81];
        for (int c = 0; c < 3; c++)
            for (int r = 0; r < 3; r++)
                for (int m = 0; m < 3; m++)
                    jac[(c * 3 + m) * 9 + (c * 3 + r)] = K[r, m] - (r == m ? alpha : 0);
        return new OdeProblem((t, y, dy) =>
        {
            for (int c = 0; c < 3; c++)
                for (int r = 0; r < 3; r++)
                {
                    double v = -alpha * y[c * 3 + r];
                    for (int m = 0; m < 3; m++) v += K[r, m] * y[c * 3 + m];
                    dy[c * 3 + r] = v;
                }
        }, 0, 10, y0, (t, y, j) => jac.CopyTo(j), "matrix-rotation")
        {
            ExactSolution = (t, y) =>
            {
                double a = Math.Sin(omega * t) / omega, b = (1 - Math.Cos(omega * t)) / (omega * omega), d = Math.Exp(-alpha * t);
                var R = new double[3, 3];
                for (int r = 0; r < 3; r++)
                    for (int c = 0; c < 3; c++)
                    {
                        double k2 = 0;
                        for (int m = 0; m < 3; m++) k2 += K[r, m] * K[m, c];
                        R[r, c] = d * ((r == c ? 1 : 0) + a * K[r, c] + b * k2);
                    }
                for (int c = 0; c < 3; c++)
                    for (int r = 0; r < 3; r++)
                    {
                        double v = 0;
                        for (int m = 0; m < 3; m++) v += R[r, m] * y0m[m, c];
                        y[c * 3 + r] = v;
                    }
            },
        };
    }

    /// <summary>Period of the square wave in <see cref="SquareWave"/>: it jumps every η = 0.5.</summary>
    public const double SquareWaveEta = 0.5;

    /// <summary>
    /// Decay driven by a square wave: y' = −y + s(t), s = 1 on segments [2kη, (2k+1)η) and 0 on the others,
    /// η = 0.5, y(0) = 0 on [0, 10] (19 jumps). The segment index is set by the solver's segment callback at each
    /// breakpoint (never derived from t, so a stage at the end of a segment sees the segment's own value).
    /// Exact: y = s + (y(τ) − s)·e^(−(t − τ)) on each segment starting at τ.
    /// Use <see cref="SquareWaveBreakpoints"/> and <see cref="SquareWaveSegmentStart"/> when solving.
    /// </summary>
    public static OdeProblem SquareWave()
    {
        double[] level = [1.0];
        return new OdeProblem(new SquareWaveRhs(level), 0, 10, [0.0], new SquareWaveRhs(level), "square-wave")
        {
            ExactSolution = (t, y) =>
            {
                double v = 0, tau = 0;
                for (int seg = 0; tau < t; seg++)
                {
                    double end = Math.Min(t, (seg + 1) * SquareWaveEta);
                    double s = seg % 2 == 0 ? 1 : 0;
                    v = s + (v - s) * Math.Exp(-(end - tau));
                    tau = end;
                }
                y[0] = v;
            },
        };
    }

    /// <summary>The jump times kη inside (0, 10) of <see cref="SquareWave"/>.</summary>
    public static IReadOnlyList<double> SquareWaveBreakpoints() => [.. Enumerable.Range(1, 19).Select(k => k * SquareWaveEta)];

    /// <summary>The segment callback that sets the square wave's level from the segment index.</summary>
    /// <exception cref="ArgumentException">The problem is not a <see cref="SquareWave"/> problem.</exception>
    public static SegmentStartCallback SquareWaveSegmentStart(OdeProblem problem)
    {
        if (problem.Rhs is not SquareWaveRhs rhs) throw new ArgumentException("problem: not a square-wave problem.", nameof(problem));
        return (segment, t, y) => rhs.Level[0] = segment % 2 == 0 ? 1 : 0;
    }

    private sealed class SquareWaveRhs(double[] level) : IOdeRhs, IOdeJacobian
    {
        public double[] Level { get; } = level;
        public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => dydt[0] = -y[0] + Level[0];
        public void EvaluateJacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian) => jacobian[0] = -1;
    }
}

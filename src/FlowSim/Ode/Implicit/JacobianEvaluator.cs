namespace FlowSim.Ode;

/// <summary>
/// ∂f/∂y in the storage of the run's <see cref="JacobianLayout"/>, from the problem's analytic Jacobian or by forward
/// differences, and ∂f/∂t by a second-order one-sided difference; every call counted in the run's statistics (a
/// finite-difference Jacobian counts as one Jacobian evaluation plus its right-hand side calls: n for a dense
/// Jacobian, lower + upper + 1 for a banded one, whose columns are perturbed in groups that share no row).
/// </summary>
internal sealed class JacobianEvaluator
{
    /// <summary>ε^(1/3): the increment of a second-order difference that balances truncation and rounding error.</summary>
    private static readonly double CbrtEps = Math.Cbrt(2.220446049250313e-16);

    private readonly OdeProblem _problem;
    private readonly SolverStatistics _statistics;
    private readonly JacobianLayout _layout;
    private readonly double[] _yPerturbed, _fPerturbed, _delta;
    private readonly double[]? _dense;

    public JacobianEvaluator(OdeProblem problem, SolverStatistics statistics, JacobianLayout layout)
    {
        _problem = problem;
        _statistics = statistics;
        _layout = layout;
        int n = problem.Dimension;
        _yPerturbed = new double[n];
        _fPerturbed = new double[n];
        _delta = new double[n];
        // An analytic Jacobian writes the full matrix: a banded run extracts its band from this buffer.
        if (layout.IsBanded && problem.Jacobian is not null) _dense = new double[n * n];
    }

    /// <summary>Whether the problem supplies an analytic Jacobian.</summary>
    public bool IsAnalytic => _problem.Jacobian is not null;

    /// <summary>The storage the Jacobian is written in.</summary>
    public JacobianLayout Layout => _layout;

    /// <summary>Writes ∂f/∂y at (t, y) into <paramref name="jacobian"/> (<see cref="Layout"/>'s storage);
    /// <paramref name="f"/> must be f(t, y).</summary>
    /// <exception cref="ArgumentException">A banded problem's analytic Jacobian has a nonzero entry outside the declared band.</exception>
    public void Evaluate(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> f, Span<double> jacobian)
    {
        _statistics.JacobianEvaluations++;
        if (_problem.Jacobian is { } jac)
        {
            if (_dense is null) jac.EvaluateJacobian(t, y, jacobian);
            else
            {
                jac.EvaluateJacobian(t, y, _dense);
                ExtractBand(jacobian);
            }
            return;
        }
        if (_layout.IsBanded) DifferenceBanded(t, y, f, jacobian);
        else DifferenceDense(t, y, f, jacobian);
    }

    /// <summary>Hairer's RADAU increment: relative to |y_j|, but never below √(ε·1e-5) for components near zero.</summary>
    private static double Increment(double yj) => Math.Sqrt(2.220446049250313e-16 * Math.Max(1e-5, Math.Abs(yj)));

    private void DifferenceDense(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> f, Span<double> jacobian)
    {
        int n = y.Length;
        y.CopyTo(_yPerturbed);
        for (int j = 0; j < n; j++)
        {
            double yj = y[j];
            _yPerturbed[j] = yj + Increment(yj);
            double delta = _yPerturbed[j] - yj;
            _statistics.RhsEvaluations++;
            _problem.Rhs.Evaluate(t, _yPerturbed, _fPerturbed);
            var column = jacobian.Slice(j * n, n);
            for (int i = 0; i < n; i++) column[i] = (_fPerturbed[i] - f[i]) / delta;
            _yPerturbed[j] = yj;
        }
    }

    /// <summary>Columns j, j + w, j + 2w, … (w = lower + upper + 1) touch disjoint rows, so one evaluation perturbs
    /// them all (Curtis–Powell–Reid grouping, as RADAU5's banded option): w evaluations for any n.</summary>
    private void DifferenceBanded(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> f, Span<double> jacobian)
    {
        int n = y.Length, kl = _layout.Lower, ku = _layout.Upper, w = kl + ku + 1;
        jacobian.Clear();
        y.CopyTo(_yPerturbed);
        for (int group = 0; group < Math.Min(w, n); group++)
        {
            for (int j = group; j < n; j += w)
            {
                _yPerturbed[j] = y[j] + Increment(y[j]);
                _delta[j] = _yPerturbed[j] - y[j];
            }
            _statistics.RhsEvaluations++;
            _problem.Rhs.Evaluate(t, _yPerturbed, _fPerturbed);
            for (int j = group; j < n; j += w)
            {
                int last = Math.Min(n - 1, j + kl);
                for (int i = Math.Max(0, j - ku); i <= last; i++)
                    jacobian[_layout.Index(i, j)] = (_fPerturbed[i] - f[i]) / _delta[j];
                _yPerturbed[j] = y[j];
            }
        }
    }

    private void ExtractBand(Span<double> band)
    {
        int n = _layout.N, kl = _layout.Lower, ku = _layout.Upper;
        var dense = _dense!;
        band.Clear();
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
            {
                double v = dense[j * n + i];
                if (i - j > kl || j - i > ku)
                {
                    if (v != 0)
                        throw new ArgumentException($"LowerBandwidth/UpperBandwidth: the analytic Jacobian has ∂f_{i}/∂y_{j} = {v:G3} outside the declared band (lower {kl}, upper {ku}).");
                    continue;
                }
                band[_layout.Index(i, j)] = v;
            }
    }

    /// <summary>Writes ∂f/∂t at (t, y) into <paramref name="dfdt"/>: zero for a problem declared autonomous, the problem's
    /// analytic ∂f/∂t when it has one, and otherwise a second-order one-sided difference
    /// (−3f(t) + 4f(t+δ) − f(t+2δ))/(2δ), δ taken in the direction of integration so that no evaluation lies
    /// behind t (where a right-hand side may jump at a breakpoint); two right-hand side calls.
    /// <paramref name="f"/> must be f(t, y); <paramref name="timeScale"/> (a signed step) keeps δ meaningful near t = 0.</summary>
    /// <remarks>A first-order difference (error ~√ε relative) limits a Rosenbrock method's accuracy on non-autonomous
    /// problems near 1e-9; this one, with δ ~ ε^(1/3), brings the error of ∂f/∂t to ~1e-10 relative.</remarks>
    public void EvaluateTimeDerivative(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> f, double timeScale, Span<double> dfdt)
    {
        if (_problem.IsAutonomous)
        {
            dfdt.Clear();
            return;
        }
        if (_problem.TimeDerivative is { } analytic)
        {
            analytic(t, y, dfdt);
            return;
        }
        double delta = CbrtEps * Math.Max(Math.Abs(t), Math.Abs(timeScale));
        if (!(delta > 0)) delta = CbrtEps;
        if (timeScale < 0) delta = -delta;
        double t1 = t + delta, t2 = t + 2 * delta;
        delta = (t2 - t) / 2;
        _statistics.RhsEvaluations += 2;
        _problem.Rhs.Evaluate(t1, y, _fPerturbed);
        _problem.Rhs.Evaluate(t2, y, dfdt);
        double inv = 1.0 / (2 * delta);
        for (int i = 0; i < dfdt.Length; i++) dfdt[i] = (-3 * f[i] + 4 * _fPerturbed[i] - dfdt[i]) * inv;
    }
}

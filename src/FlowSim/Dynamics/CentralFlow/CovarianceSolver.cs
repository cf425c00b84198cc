using FlowSim.Linalg;

namespace FlowSim.Dynamics.CentralFlow;

/// <summary>
/// Solves the central flow's small semidefinite complementarity problem (THEORY §6.2) for the k×k matrix X of
/// Σ = UXUᵀ: X ⪰ 0, Z = 𝔅[X] − α ⪰ 0, ⟨X, Z⟩ = 0, with 𝔅[X]_ab = ½Σ_cd Γ_(ab),(cd) X_cd, Γ the Gram matrix of the
/// pair gradients g_ab. It is the optimality condition of the convex problem min_{X⪰0} ½⟨X, 𝔅[X]⟩ − ⟨α, X⟩, which is
/// what is solved: accelerated projected gradient (FISTA with function restarts; the projection clips the eigenvalues
/// of X), then a polish on the face the iterate found (X = VYVᵀ, Y from the normal equations of the reduced problem),
/// kept only when it satisfies the complementarity conditions better.
/// </summary>
/// <remarks>
/// Symmetric matrices are vectors in the svec basis (diagonal entries, off-diagonal ones times √2), an isometry, so the
/// problem is min ½xᵀQx − aᵀx over svec(X) ⪰ 0 with Q_pq = ½s_ps_qΓ_pq and a_p = s_pα_p. k = 1 has the closed form
/// X = max(0, 2α/‖g‖²), and α ⪯ 0 gives X = 0 (as in the paper's code). Buffers are allocated once for the largest k:
/// a solve allocates nothing. Not thread-safe.
/// </remarks>
public sealed class CovarianceSolver
{
    /// <summary>Stop the projected-gradient phase when the gradient-mapping norm is below this times the scale.</summary>
    public const double Tolerance = 1e-13;
    // The projected-gradient phase only has to find the face; the polish then solves on it exactly.
    private const double CoarseTolerance = 1e-9;
    private const int MaxIterations = 20_000;
    private readonly int _kMax, _pMax;
    private readonly double[] _q, _a, _x, _xPrev, _y, _grad, _mat, _values, _vectors, _work, _p, _qr, _ar, _yr, _qrValues, _qrVectors;

    /// <summary>Allocates the buffers for problems of order up to <paramref name="maxOrder"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="maxOrder"/> is not between 1 and 16.</exception>
    public CovarianceSolver(int maxOrder)
    {
        if (maxOrder is < 1 or > 16) throw new ArgumentException($"maxOrder: must be between 1 and 16 (got {maxOrder}).", nameof(maxOrder));
        _kMax = maxOrder;
        _pMax = maxOrder * (maxOrder + 1) / 2;
        int pp = _pMax * _pMax;
        (_q, _p, _qr, _qrVectors, _vectors) = (new double[pp], new double[pp], new double[pp], new double[pp], new double[pp]);
        (_a, _x, _xPrev, _y, _grad) = (new double[_pMax], new double[_pMax], new double[_pMax], new double[_pMax], new double[_pMax]);
        (_values, _ar, _yr, _qrValues) = (new double[_pMax], new double[_pMax], new double[_pMax], new double[_pMax]);
        _mat = new double[_kMax * _kMax];
        _work = new double[LinearAlgebra.Backend.SymmetricEigenWorkLength(_pMax)];
    }

    /// <summary>The largest order k it solves.</summary>
    public int MaxOrder => _kMax;

    /// <summary>
    /// Solves for X (written to <paramref name="x"/>, k×k column-major) given α (k×k, symmetric) and the Gram matrix Γ of
    /// the pair gradients in packed pair order (<see cref="Analysis.Sharpness.CurvatureGradients.PairIndex"/>), p×p with
    /// p = k(k + 1)/2. Returns the complementarity residuals of the X returned.
    /// </summary>
    /// <exception cref="ArgumentException">k is out of range or a span is too short.</exception>
    public CovarianceSolution Solve(int k, ReadOnlySpan<double> alpha, ReadOnlySpan<double> gram, Span<double> x)
    {
        int p = Load(k, alpha, gram, x.Length);
        int iterations = 0;
        bool polished = false;
        if (k == 1) _x[0] = _q[0] > 0 ? Math.Max(0, _a[0] / _q[0]) : 0;
        else if (EigenvalueRange(k, _a).Max <= 0) _x.AsSpan(0, p).Clear();
        else
        {
            // First the whole space as the face (x = Q⁺a, the usual case: every multiplier positive), then the face
            // that projected gradient finds.
            _x.AsSpan(0, p).Clear();
            polished = Polish(k, p, wholeSpace: true);
            if (!polished)
            {
                iterations = ProjectedGradient(k, p, CoarseTolerance);
                polished = Polish(k, p, wholeSpace: false);
                if (!polished) iterations += ProjectedGradient(k, p, Tolerance);
            }
        }
        Svec.ToMatrix(k, _x, x);
        var r = Residuals(k, alpha, gram, x);
        return r with { Iterations = iterations, Polished = polished };
    }

    /// <summary>
    /// The complementarity residuals of any X for (α, Γ): the smallest eigenvalues of X and of Z = 𝔅[X] − α (both ≥ 0 at
    /// a solution) and ⟨X, Z⟩ (0 at a solution). Used to check a solve, or to show that a wrong X fails.
    /// </summary>
    /// <exception cref="ArgumentException">k is out of range or a span is too short.</exception>
    public CovarianceSolution Residuals(int k, ReadOnlySpan<double> alpha, ReadOnlySpan<double> gram, ReadOnlySpan<double> x)
    {
        int p = Load(k, alpha, gram, x.Length);
        Svec.FromMatrix(k, x, _x);
        double primal = EigenvalueRange(k, _x).Min;
        Gradient(p, _x);
        double dual = EigenvalueRange(k, _grad).Min, comp = 0, scale = 0, trace = 0;
        for (int i = 0; i < p; i++) (comp, scale) = (comp + _x[i] * _grad[i], Math.Max(scale, Math.Abs(_a[i])));
        for (int i = 0; i < k; i++) trace += x[i * k + i];
        return new CovarianceSolution(trace, primal, dual, comp, scale, 0, false);
    }

    private int Load(int k, ReadOnlySpan<double> alpha, ReadOnlySpan<double> gram, int xLength)
    {
        if (k < 1 || k > _kMax) throw new ArgumentException($"k: must be between 1 and {_kMax} (got {k}).", nameof(k));
        int p = k * (k + 1) / 2;
        if (alpha.Length < k * k) throw new ArgumentException($"alpha: needs {k}×{k} entries (got {alpha.Length}).", nameof(alpha));
        if (gram.Length < p * p) throw new ArgumentException($"gram: needs {p}×{p} entries (got {gram.Length}).", nameof(gram));
        if (xLength < k * k) throw new ArgumentException($"x: needs {k}×{k} entries (got {xLength}).", nameof(xLength));
        for (int b = 0; b < k; b++)
            for (int a = 0; a <= b; a++)
                _a[Svec.Index(a, b)] = Svec.Scale(a, b) * 0.5 * (alpha[b * k + a] + alpha[a * k + b]);
        for (int j = 0; j < p; j++)
            for (int i = 0; i < p; i++)
                _q[j * _pMax + i] = 0.25 * Svec.ScaleOf(i) * Svec.ScaleOf(j) * (gram[j * p + i] + gram[i * p + j]);
        return p;
    }

    // FISTA on ½xᵀQx − aᵀx over the PSD cone from the current x, step 1/λ_max(Q), restarted whenever the objective rises.
    private int ProjectedGradient(int k, int p, double tolerance)
    {
        double lipschitz = QEigen(p);
        if (!(lipschitz > 0)) { _x.AsSpan(0, p).Clear(); return 0; }
        double scale = 0;
        for (int i = 0; i < p; i++) scale = Math.Max(scale, Math.Abs(_a[i]));
        _x.AsSpan(0, p).CopyTo(_y);
        double t = 1, f = Objective(p, _x);
        for (int it = 1; it <= MaxIterations; it++)
        {
            Gradient(p, _y);
            _x.AsSpan(0, p).CopyTo(_xPrev);
            for (int i = 0; i < p; i++) _x[i] = _y[i] - _grad[i] / lipschitz;
            ProjectPsd(k, _x);
            double fNew = Objective(p, _x);
            if (fNew > f)
            {
                // Without momentum a projected step cannot raise the objective except by rounding: converged.
                if (t == 1) return it;
                // Function restart (O'Donoghue & Candès 2015): momentum that raised the objective is dropped.
                _xPrev.AsSpan(0, p).CopyTo(_x);
                _xPrev.AsSpan(0, p).CopyTo(_y);
                t = 1;
                continue;
            }
            double tNew = 0.5 * (1 + Math.Sqrt(1 + 4 * t * t)), beta = (t - 1) / tNew, step = 0;
            for (int i = 0; i < p; i++)
            {
                double d = _x[i] - _xPrev[i];
                _y[i] = _x[i] + beta * d;
                step = Math.Max(step, Math.Abs(d));
            }
            t = tNew;
            f = fNew;
            if (step * lipschitz <= tolerance * scale) return it;
        }
        return MaxIterations;
    }

    // The face X = VYVᵀ of the current iterate (V: eigenvectors of its clearly positive eigenvalues, or the identity for
    // the whole space): Y minimises the reduced quadratic exactly. Kept when Y ⪰ 0 and the stationarity residual does
    // not grow.
    private bool Polish(int k, int p, bool wholeSpace)
    {
        int r = k;
        if (wholeSpace)
        {
            _vectors.AsSpan(0, k * k).Clear();
            for (int i = 0; i < k; i++) _vectors[i * k + i] = 1;
        }
        else
        {
            Svec.ToMatrix(k, _x, _mat);
            LinearAlgebra.SymmetricEigen(k, _mat, _values, _vectors, _work);
            double top = _values[k - 1];
            r = 0;
            for (int i = 0; i < k; i++) if (_values[i] > 1e-9 * top) r++;
            if (r == 0) return false;
        }
        int q = r * (r + 1) / 2, first = k - r;
        // Columns of P: svec(V E Vᵀ) for the svec-orthonormal basis E of r×r symmetric matrices.
        for (int d = 0; d < r; d++)
            for (int c = 0; c <= d; c++)
            {
                int col = Svec.Index(c, d);
                double w = c == d ? 1 : Math.Sqrt(0.5);
                for (int b = 0; b < k; b++)
                    for (int a = 0; a <= b; a++)
                    {
                        double vac = _vectors[(first + c) * k + a], vbd = _vectors[(first + d) * k + b];
                        double vad = _vectors[(first + d) * k + a], vbc = _vectors[(first + c) * k + b];
                        double entry = c == d ? vac * vbd : w * (vac * vbd + vad * vbc);
                        _p[col * p + Svec.Index(a, b)] = Svec.Scale(a, b) * entry;
                    }
            }
        // The reduced problem in y (x = Py): Q_r = PᵀQP, a_r = Pᵀa. One Newton step from the iterate's own y = Pᵀx,
        // y ← y + Q_r⁺(a_r − Q_r y), solves it exactly and keeps the iterate's component in a null space of Q_r.
        for (int j = 0; j < q; j++)
        {
            double s = 0, sy = 0;
            for (int i = 0; i < p; i++) { s += _p[j * p + i] * _a[i]; sy += _p[j * p + i] * _x[i]; }
            _ar[j] = s;
            _yr[j] = sy;
            for (int l = 0; l <= j; l++)
            {
                double v = 0;
                for (int i = 0; i < p; i++)
                {
                    double qi = 0;
                    for (int m = 0; m < p; m++) qi += _q[m * _pMax + i] * _p[l * p + m];
                    v += _p[j * p + i] * qi;
                }
                _qr[j * q + l] = v;
                _qr[l * q + j] = v;
            }
        }
        for (int j = 0; j < q; j++)
        {
            double s = 0;
            for (int l = 0; l < q; l++) s += _qr[l * q + j] * _yr[l];
            _ar[j] -= s;
        }
        LinearAlgebra.SymmetricEigen(q, _qr, _qrValues, _qrVectors, _work);
        double cut = 1e-12 * Math.Max(Math.Abs(_qrValues[q - 1]), double.Epsilon);
        for (int e = 0; e < q; e++)
        {
            if (_qrValues[e] <= cut) continue;
            double c = 0;
            for (int i = 0; i < q; i++) c += _qrVectors[e * q + i] * _ar[i];
            c /= _qrValues[e];
            for (int i = 0; i < q; i++) _yr[i] += c * _qrVectors[e * q + i];
        }
        var (yMin, yMax) = EigenvalueRange(r, _yr);
        if (yMin < -1e-10 * Math.Max(yMax, double.Epsilon)) return false;
        _x.AsSpan(0, p).CopyTo(_xPrev);
        double before = StationarityResidual(k, p);
        for (int i = 0; i < p; i++)
        {
            double s = 0;
            for (int j = 0; j < q; j++) s += _p[j * p + i] * _yr[j];
            _x[i] = s;
        }
        ProjectPsd(k, _x);
        if (StationarityResidual(k, p) <= before) return true;
        _xPrev.AsSpan(0, p).CopyTo(_x);
        return false;
    }

    // ‖x − Π(x − (Qx − a))‖, zero exactly at the solution.
    private double StationarityResidual(int k, int p)
    {
        Gradient(p, _x);
        for (int i = 0; i < p; i++) _y[i] = _x[i] - _grad[i];
        ProjectPsd(k, _y);
        double s = 0;
        for (int i = 0; i < p; i++) s = Math.Max(s, Math.Abs(_x[i] - _y[i]));
        return s;
    }

    private void Gradient(int p, ReadOnlySpan<double> x)
    {
        for (int i = 0; i < p; i++)
        {
            double s = 0;
            for (int j = 0; j < p; j++) s += _q[j * _pMax + i] * x[j];
            _grad[i] = s - _a[i];
        }
    }

    // ½xᵀQx − aᵀx = ½x·(Qx − a) − ½x·a; leaves Qx − a in _grad.
    private double Objective(int p, ReadOnlySpan<double> x)
    {
        Gradient(p, x);
        double f = 0;
        for (int i = 0; i < p; i++) f += 0.5 * x[i] * (_grad[i] - _a[i]);
        return f;
    }

    private double QEigen(int p)
    {
        for (int j = 0; j < p; j++) _q.AsSpan(j * _pMax, p).CopyTo(_qr.AsSpan(j * p, p));
        LinearAlgebra.SymmetricEigen(p, _qr, _qrValues, _qrVectors, _work);
        return _qrValues[p - 1];
    }

    // Clips the negative eigenvalues of smat(x).
    private void ProjectPsd(int k, Span<double> x)
    {
        Svec.ToMatrix(k, x, _mat);
        LinearAlgebra.SymmetricEigen(k, _mat, _values, _vectors, _work);
        for (int b = 0; b < k; b++)
            for (int a = 0; a <= b; a++)
            {
                double s = 0;
                for (int e = 0; e < k; e++)
                    if (_values[e] > 0) s += _values[e] * _vectors[e * k + a] * _vectors[e * k + b];
                x[Svec.Index(a, b)] = Svec.Scale(a, b) * s;
            }
    }

    private (double Min, double Max) EigenvalueRange(int k, ReadOnlySpan<double> svec)
    {
        Svec.ToMatrix(k, svec, _mat);
        LinearAlgebra.SymmetricEigen(k, _mat, _values, _vectors, _work);
        return (_values[0], _values[k - 1]);
    }
}

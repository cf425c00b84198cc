namespace FlowSim.Ode;

/// <summary>
/// The history of <see cref="Bdf"/>: the backward differences D_0 = y_n, D_j = ∇^j y_n on a grid of constant spacing h
/// (SciPy's layout, two more than the order for the error estimates of the next orders), re-expressed when h changes,
/// advanced when a step is accepted, and evaluated as the interpolating polynomial (predictor and dense output).
/// Allocation-free after construction.
/// </summary>
internal sealed class BdfDifferences
{
    private readonly int _n;
    private readonly double[][] _d, _dNew;
    private readonly double[,] _r, _u, _ru;

    public BdfDifferences(int n, int maxOrder)
    {
        _n = n;
        _d = new double[maxOrder + 3][];
        for (int i = 0; i < _d.Length; i++) _d[i] = new double[n];
        _dNew = new double[maxOrder + 1][];
        for (int i = 0; i < _dNew.Length; i++) _dNew[i] = new double[n];
        _r = new double[maxOrder + 1, maxOrder + 1];
        _u = new double[maxOrder + 1, maxOrder + 1];
        _ru = new double[maxOrder + 1, maxOrder + 1];
    }

    /// <summary>D_j.</summary>
    public double[] this[int j] => _d[j];

    /// <summary>Order-1 history from y and f(t, y) on a grid of signed spacing <paramref name="h"/>.</summary>
    public void Reset(ReadOnlySpan<double> y, ReadOnlySpan<double> f, double h)
    {
        y.CopyTo(_d[0]);
        for (int i = 0; i < _n; i++) _d[1][i] = f[i] * h;
    }

    /// <summary>y_pred = Σ_{j≤k} D_j (the polynomial one step ahead) and ψ = Σ_{1≤j≤k} γ_j D_j / α_k.</summary>
    public void Predict(int order, double[] gamma, double alpha, Span<double> yPredict, Span<double> psi)
    {
        for (int i = 0; i < _n; i++)
        {
            double yp = 0, p = 0;
            for (int j = 0; j <= order; j++) yp += _d[j][i];
            for (int j = 1; j <= order; j++) p += gamma[j] * _d[j][i];
            yPredict[i] = yp;
            psi[i] = p / alpha;
        }
    }

    /// <summary>After an accepted step with correction d = y_new − y_pred: D_{k+2} = d − D_{k+1}, D_{k+1} = d, and
    /// D_j += D_{j+1} for j = k … 0 (so D_0 = y_new).</summary>
    public void Advance(int order, ReadOnlySpan<double> correction)
    {
        var dk2 = _d[order + 2];
        var dk1 = _d[order + 1];
        for (int i = 0; i < _n; i++)
        {
            dk2[i] = correction[i] - dk1[i];
            dk1[i] = correction[i];
        }
        for (int j = order; j >= 0; j--)
        {
            var dj = _d[j];
            var dn = _d[j + 1];
            for (int i = 0; i < _n; i++) dj[i] += dn[i];
        }
    }

    /// <summary>Re-expresses D_0…D_order for a grid of spacing factor·h: D ← (R·U)ᵀ D (SciPy's <c>change_D</c>). In exact
    /// arithmetic R·U is lower triangular (the j-th difference on the new grid depends on differences of order ≥ j only)
    /// with diagonal factor^j; computed in floating point its upper triangle holds rounding noise of ~1e-15, which would
    /// leak ε·‖D_1‖ into the highest differences at every step-size change (SciPy mixes it in). Only the lower triangle
    /// is applied.</summary>
    public void Rescale(int order, double factor)
    {
        FillR(_r, order, factor);
        FillR(_u, order, 1.0);
        int m = order + 1;
        for (int i = 0; i < m; i++)
            for (int j = 0; j <= i; j++)
            {
                double s = 0;
                for (int l = 0; l < m; l++) s += _r[i, l] * _u[l, j];
                _ru[i, j] = s;
            }
        for (int j = 0; j < m; j++)
        {
            var dst = _dNew[j];
            Array.Clear(dst);
            for (int i = j; i < m; i++)
            {
                double w = _ru[i, j];
                if (w == 0) continue;
                var src = _d[i];
                for (int q = 0; q < _n; q++) dst[q] += w * src[q];
            }
        }
        for (int j = 0; j < m; j++) Array.Copy(_dNew[j], _d[j], _n);
    }

    /// <summary>R[i, j] = Π_{l=1..i} (l − 1 − factor·j)/l, R[0, j] = 1 (SciPy's <c>compute_R</c>).</summary>
    private static void FillR(double[,] r, int order, double factor)
    {
        for (int j = 0; j <= order; j++) r[0, j] = 1;
        for (int i = 1; i <= order; i++)
        {
            r[i, 0] = 0;
            for (int j = 1; j <= order; j++) r[i, j] = r[i - 1, j] * (i - 1 - factor * j) / i;
        }
    }

    /// <summary>Writes the dense-output data of <see cref="BdfInterpolant"/>: [t_n, h, D_0 | … | D_k].</summary>
    public void Capture(int order, double tEnd, double h, Span<double> data)
    {
        data[0] = tEnd;
        data[1] = h;
        for (int j = 0; j <= order; j++) _d[j].CopyTo(data.Slice(2 + j * _n, _n));
    }

    /// <summary>The interpolating polynomial at t (Newton form over the grid t_n, t_n − h, …).</summary>
    public void Interpolate(int order, double tEnd, double h, double t, Span<double> y)
    {
        _d[0].CopyTo(y);
        double p = 1;
        for (int j = 1; j <= order; j++)
        {
            p *= (t - (tEnd - (j - 1) * h)) / (j * h);
            var dj = _d[j];
            for (int i = 0; i < _n; i++) y[i] += p * dj[i];
        }
    }
}

using FlowSim.Linalg;
using FlowSim.Models;
using FlowSim.Randomness;

namespace FlowSim.Analysis.Sharpness;

/// <summary>
/// The k algebraically largest eigenpairs of a symmetric operator given only by products H·v (a Hessian through exact
/// Hessian-vector products): block Lanczos with full reorthogonalisation, Rayleigh–Ritz after every product, thick
/// restarts, and a warm start from the previous solve's eigenvectors, so that tracking the sharpness along a run costs a
/// few products per step.
/// </summary>
/// <remarks>
/// The basis grows one vector per product: the product H·q_j, orthogonalised twice against the basis ("twice is
/// enough"), becomes the next basis vector, which is block Lanczos with block size k generated column by column. Both
/// the basis Q and HQ are kept, so T = QᵀHQ and the residuals ‖Hy − θy‖ are computed exactly, not estimated, and a
/// thick restart keeps the best Ritz vectors and their products without new products. A product that adds no new
/// direction (an invariant subspace, or a multiple eigenvalue) is replaced by a random direction. Buffers are allocated
/// once for the dimension: a solve allocates nothing. Not thread-safe.
/// </remarks>
public sealed class LanczosEigensolver
{
    private readonly int _n, _k, _m;
    private readonly double[] _q, _hq, _t, _tPacked, _ritz, _ritzVectors, _work, _c, _coefficients, _y, _hy, _values, _vectors, _scratch;
    private readonly EigenvectorHistory? _history;
    private readonly Xoshiro256StarStar _random;
    private readonly ObjectiveOperator _objectiveOperator;
    private int _cols, _basis;

    /// <summary>Creates a solver for operators of dimension <paramref name="dimension"/>.</summary>
    /// <exception cref="ArgumentException">The dimension is below <see cref="LanczosOptions.Count"/> or an option is out of range.</exception>
    public LanczosEigensolver(int dimension, LanczosOptions? options = null)
    {
        Options = options ?? new LanczosOptions();
        Options.Validate();
        if (dimension < Options.Count)
            throw new ArgumentException($"dimension: must be at least Count = {Options.Count} (got {dimension}).", nameof(dimension));
        _n = dimension;
        _k = Options.Count;
        _m = Math.Min(Options.MaxBasis, dimension);
        _q = new double[_n * _m];
        _hq = new double[_n * _m];
        _scratch = new double[_n * _m];
        _t = new double[_m * _m];
        _tPacked = new double[_m * _m];
        _ritz = new double[_m];
        _ritzVectors = new double[_m * _m];
        _work = new double[LinearAlgebra.Backend.SymmetricEigenWorkLength(_m)];
        _c = new double[_n];
        _coefficients = new double[_m];
        _y = new double[_n];
        _hy = new double[_n];
        _values = new double[_k];
        _vectors = new double[_n * _k];
        _random = new Xoshiro256StarStar(Options.Seed);
        _history = Options.SamePhaseExtrapolation is int p ? new EigenvectorHistory(_n, _k, p) : null;
        _objectiveOperator = new ObjectiveOperator(_n);
    }

    /// <summary>The settings.</summary>
    public LanczosOptions Options { get; }
    /// <summary>Dimension of the operators it solves.</summary>
    public int Dimension => _n;
    /// <summary>Whether the next solve starts from the last solve's eigenvectors.</summary>
    public bool HasWarmStart { get; private set; }
    /// <summary>Products H·v over every solve so far.</summary>
    public long TotalProducts { get; private set; }
    /// <summary>The k eigenvalues of the last solve, descending (a view).</summary>
    public ReadOnlySpan<double> Eigenvalues => _values;
    /// <summary>Unit eigenvector i (0 = the largest eigenvalue) of the last solve (a view of n entries; its sign is arbitrary).</summary>
    public ReadOnlySpan<double> Eigenvector(int i) => _vectors.AsSpan(i * _n, _n);

    /// <summary>Forgets the warm start: the next solve starts from random vectors.</summary>
    public void Reset()
    {
        HasWarmStart = false;
        _history?.Clear();
    }

    /// <summary>Top eigenpairs of the Hessian ∇²L(θ), warm-started when a previous solve exists.</summary>
    /// <exception cref="ArgumentException">The objective's parameter count differs from the dimension, or θ's length does.</exception>
    public LanczosResult Solve(IHessianVectorProduct objective, ReadOnlySpan<double> theta)
    {
        ArgumentNullException.ThrowIfNull(objective);
        if (objective.ParameterCount != _n)
            throw new ArgumentException($"objective: has {objective.ParameterCount} parameters, the solver dimension is {_n}.", nameof(objective));
        if (theta.Length != _n) throw new ArgumentException($"theta: expected {_n} entries, got {theta.Length}.", nameof(theta));
        _objectiveOperator.Objective = objective;
        theta.CopyTo(_objectiveOperator.Theta);
        return Solve(_objectiveOperator);
    }

    /// <summary>Top eigenpairs of a symmetric operator, warm-started when a previous solve exists.</summary>
    /// <exception cref="ArgumentException">The operator's dimension differs from the solver's.</exception>
    public LanczosResult Solve(ISymmetricOperator op)
    {
        ArgumentNullException.ThrowIfNull(op);
        if (op.Dimension != _n) throw new ArgumentException($"op: has dimension {op.Dimension}, the solver's is {_n}.", nameof(op));
        bool warm = HasWarmStart;
        int start = StartBlock(warm);
        // A start block of the last eigenvectors and their same-phase extrapolation is not a Krylov block: Rayleigh–Ritz on
        // it picks the best combination, and the Krylov space grows from that alone. (Kept, the other Ritz vectors would
        // stall the residual: the part of the residual along them is never generated.)
        bool blockStart = start > _k;
        int products = 0, restarts = 0, nextCheck = 0;
        double maxResidual = double.PositiveInfinity, scale = 0;
        bool converged = false;
        while (true)
        {
            if (_cols == _basis) AppendRandomDirection();
            int j = _cols;
            op.Apply(_q.AsSpan(j * _n, _n), _hq.AsSpan(j * _n, _n));
            products++;
            _cols++;
            for (int i = 0; i <= j; i++)
            {
                double tij = LinearAlgebra.Dot(_q.AsSpan(i * _n, _n), _hq.AsSpan(j * _n, _n));
                _t[j * _m + i] = tij;
                _t[i * _m + j] = tij;
            }
            if (blockStart)
            {
                if (_cols < start) continue;
                blockStart = false;
                (maxResidual, scale) = RayleighRitz();
                converged = Converged(maxResidual, scale);
                if (converged || products >= Options.MaxProducts) break;
                Compress(_k);
                nextCheck = 0;
                continue;
            }
            if (_basis < _m) AppendDirection(_hq.AsSpan(j * _n, _n));
            // Rayleigh–Ritz costs O(c³) for c columns: while c² ≤ n that is below the Gram–Schmidt of one product, and it
            // runs after every product; beyond, when c has grown by a quarter, which adds at most a quarter to the products.
            if (_cols < _k || (_cols < nextCheck && _cols < _n && _cols < _m)) continue;
            nextCheck = _cols * _cols <= _n ? _cols + 1 : _cols + Math.Max(1, (_cols - _k) / 4);
            (maxResidual, scale) = RayleighRitz();
            converged = Converged(maxResidual, scale);
            if (converged || products >= Options.MaxProducts) break;
            if (_cols == _m)
            {
                ThickRestart();
                restarts++;
                nextCheck = 0;
            }
        }
        HasWarmStart = true;
        TotalProducts += products;
        _history?.Push(_vectors);
        return new LanczosResult(converged, products, restarts, maxResidual, scale, warm);
    }

    private bool Converged(double maxResidual, double scale) =>
        maxResidual <= Options.Tolerance * Math.Max(scale, double.Epsilon) || _cols == _n;

    // Fills the start block and returns its size: warm, the last solve's eigenvectors plus a small random component, then
    // their same-phase extrapolations where they add a direction; cold, k random vectors.
    private int StartBlock(bool warm)
    {
        _cols = 0;
        _basis = 0;
        var c = _c.AsSpan();
        for (int i = 0; i < _k; i++)
        {
            if (warm)
            {
                _vectors.AsSpan(i * _n, _n).CopyTo(c);
                double noise = Options.WarmStartNoise / Math.Sqrt(_n);
                if (noise > 0) for (int p = 0; p < _n; p++) c[p] += noise * _random.NextNormal();
            }
            else _random.FillNormal(c);
            if (!TryAppend(c)) AppendRandomDirection();
        }
        if (warm && _history is { CanExtrapolate: true })
            for (int i = 0; i < _k && _basis < _m; i++)
            {
                _history.Extrapolate(i, c);
                TryAppend(c);
            }
        return _basis;
    }

    private void AppendDirection(ReadOnlySpan<double> v)
    {
        v.CopyTo(_c);
        if (!TryAppend(_c) && _basis < _n) AppendRandomDirection();
    }

    private void AppendRandomDirection()
    {
        for (int attempt = 0; attempt < 8; attempt++)
        {
            _random.FillNormal(_c);
            if (TryAppend(_c)) return;
        }
        throw new InvalidOperationException($"Lanczos: no new direction found in dimension {_n} with a basis of {_basis} vectors.");
    }

    // Orthogonalises c against the basis twice (classical Gram–Schmidt as two GEMVs each) and appends it when a new
    // direction survives; returns false when c lay (numerically) in the span.
    private bool TryAppend(Span<double> c)
    {
        double before = LinearAlgebra.FrobeniusNorm(c);
        if (before == 0 || !double.IsFinite(before)) return false;
        for (int pass = 0; pass < 2 && _basis > 0; pass++)
        {
            var coefficients = _coefficients.AsSpan(0, _basis);
            LinearAlgebra.Gemv(Transpose.Yes, _n, _basis, 1.0, _q, _n, c, 0.0, coefficients);
            LinearAlgebra.Gemv(Transpose.No, _n, _basis, -1.0, _q, _n, coefficients, 1.0, c);
        }
        double after = LinearAlgebra.FrobeniusNorm(c);
        // Below this ratio the remainder is rounding of the part inside the span, not a direction of its own.
        if (!(after > 1e-10 * before)) return false;
        LinearAlgebra.Scale(1.0 / after, c);
        c.CopyTo(_q.AsSpan(_basis * _n, _n));
        _basis++;
        return true;
    }

    // Rayleigh–Ritz on the columns with products: the top k Ritz pairs into the result buffers, with exact residuals.
    private (double MaxResidual, double Scale) RayleighRitz()
    {
        int c = _cols;
        for (int j = 0; j < c; j++) _t.AsSpan(j * _m, c).CopyTo(_tPacked.AsSpan(j * c, c));
        LinearAlgebra.SymmetricEigen(c, _tPacked, _ritz, _ritzVectors, _work);
        double scale = Math.Max(Math.Abs(_ritz[0]), Math.Abs(_ritz[c - 1])), maxResidual = 0;
        for (int i = 0; i < _k; i++)
        {
            var s = _ritzVectors.AsSpan((c - 1 - i) * c, c);
            double theta = _ritz[c - 1 - i];
            var y = _vectors.AsSpan(i * _n, _n);
            LinearAlgebra.Gemv(Transpose.No, _n, c, 1.0, _q, _n, s, 0.0, y);
            LinearAlgebra.Gemv(Transpose.No, _n, c, 1.0, _hq, _n, s, 0.0, _hy);
            LinearAlgebra.Axpy(-theta, y, _hy);
            maxResidual = Math.Max(maxResidual, LinearAlgebra.FrobeniusNorm(_hy));
            _values[i] = theta;
        }
        return (maxResidual, scale);
    }

    // Keeps the best r Ritz vectors and continues from their residuals (a thick restart).
    private void ThickRestart() => Compress(Math.Min(_cols - _k, Math.Max(2 * _k, _k + 4)));

    // Keeps the best r Ritz vectors Y = QS and HY = (HQ)S (no new products), then continues from the residuals of the k
    // wanted ones, which span the next block of the Krylov space.
    private void Compress(int r)
    {
        int c = _cols;
        var s = _tPacked.AsSpan(0, c * r);
        for (int i = 0; i < r; i++) _ritzVectors.AsSpan((c - 1 - i) * c, c).CopyTo(s.Slice(i * c, c));
        LinearAlgebra.Gemm(Transpose.No, Transpose.No, _n, r, c, 1.0, _q, _n, s, c, 0.0, _scratch, _n);
        _scratch.AsSpan(0, _n * r).CopyTo(_q);
        LinearAlgebra.Gemm(Transpose.No, Transpose.No, _n, r, c, 1.0, _hq, _n, s, c, 0.0, _scratch, _n);
        _scratch.AsSpan(0, _n * r).CopyTo(_hq);
        _cols = _basis = r;
        for (int j = 0; j < r; j++)
            for (int i = 0; i <= j; i++)
            {
                double tij = LinearAlgebra.Dot(_q.AsSpan(i * _n, _n), _hq.AsSpan(j * _n, _n));
                _t[j * _m + i] = tij;
                _t[i * _m + j] = tij;
            }
        for (int i = 0; i < _k && _basis < _m; i++)
        {
            // residual of kept Ritz vector i: HY_i − θ_i Y_i
            var res = _c.AsSpan();
            _hq.AsSpan(i * _n, _n).CopyTo(res);
            LinearAlgebra.Axpy(-_t[i * _m + i], _q.AsSpan(i * _n, _n), res);
            TryAppend(res);
        }
    }

    // The Hessian at a fixed θ as an operator; θ is copied in so that no span is stored.
    private sealed class ObjectiveOperator(int n) : ISymmetricOperator
    {
        public IHessianVectorProduct? Objective;
        public readonly double[] Theta = new double[n];
        public int Dimension => n;
        public void Apply(ReadOnlySpan<double> v, Span<double> result) => Objective!.HessianVectorProduct(Theta, v, result);
    }
}

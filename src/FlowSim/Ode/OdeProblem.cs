namespace FlowSim.Ode;

/// <summary>
/// An initial-value problem y' = f(t, y), y(t0) = y0, on [t0, t1]: what is solved, independent of how
/// (the problem / algorithm / solution split of OrdinaryDiffEq.jl).
/// </summary>
public sealed class OdeProblem
{
    /// <summary>Creates a problem from a right-hand side object.</summary>
    /// <exception cref="ArgumentException">y0 is empty or contains NaN/Inf, t0 or t1 is not finite, or t1 = t0.</exception>
    public OdeProblem(IOdeRhs rhs, double t0, double t1, ReadOnlySpan<double> y0, IOdeJacobian? jacobian = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(rhs);
        if (y0.Length == 0) throw new ArgumentException("y0: the initial state is empty.", nameof(y0));
        for (int i = 0; i < y0.Length; i++)
            if (!double.IsFinite(y0[i]))
                throw new ArgumentException($"y0[{i}]: the initial state must be finite (got {y0[i]}).", nameof(y0));
        if (!double.IsFinite(t0)) throw new ArgumentException($"t0: must be finite (got {t0}).", nameof(t0));
        if (!double.IsFinite(t1)) throw new ArgumentException($"t1: must be finite (got {t1}).", nameof(t1));
        if (t1 == t0) throw new ArgumentException($"t1: must differ from t0 (both are {t0}).", nameof(t1));
        Rhs = rhs;
        T0 = t0;
        T1 = t1;
        Y0 = y0.ToArray();
        Jacobian = jacobian ?? rhs as IOdeJacobian;
        Name = name ?? "ode";
    }

    /// <summary>Creates a problem from delegates.</summary>
    public OdeProblem(OdeRhsFunction rhs, double t0, double t1, ReadOnlySpan<double> y0, OdeJacobianFunction? jacobian = null, string? name = null)
        : this(new DelegateRhs(rhs ?? throw new ArgumentNullException(nameof(rhs))), t0, t1, y0,
               jacobian is null ? null : new DelegateJacobian(jacobian), name)
    {
    }

    /// <summary>The right-hand side.</summary>
    public IOdeRhs Rhs { get; }
    /// <summary>Initial time.</summary>
    public double T0 { get; }
    /// <summary>Final time (may be below <see cref="T0"/>: integration backwards in time).</summary>
    public double T1 { get; }
    /// <summary>A private copy of the initial state.</summary>
    public double[] Y0 { get; }
    /// <summary>Number of components.</summary>
    public int Dimension => Y0.Length;
    /// <summary>Analytic Jacobian, or null (stiff methods then use finite differences).</summary>
    public IOdeJacobian? Jacobian { get; }
    /// <summary>Exact solution when one is known (tests and error measurements use it).</summary>
    public OdeExactSolution? ExactSolution { get; init; }
    /// <summary>A hint that the problem is stiff; the <c>auto</c> method starts with a stiff solver when set.</summary>
    public bool IsStiff { get; init; }
    /// <summary>
    /// Declares that f does not depend on t, so ∂f/∂t = 0: the Rosenbrock methods (whose stages use ∂f/∂t) then skip its
    /// finite-difference approximation, two right-hand side calls per step, as Hairer's RODAS does for IFCN = 0. A problem
    /// declared autonomous whose f does depend on t is integrated with ∂f/∂t taken as 0 and loses order.
    /// </summary>
    public bool IsAutonomous { get; init; }
    /// <summary>Analytic ∂f/∂t, or null: the Rosenbrock methods then difference f in t (two right-hand side calls per step).
    /// Ignored when <see cref="IsAutonomous"/> is set.</summary>
    public OdeTimeDerivativeFunction? TimeDerivative { get; init; }
    /// <summary>A short name used in reports.</summary>
    public string Name { get; }

    /// <summary>
    /// Number of nonzero diagonals of ∂f/∂y below the main diagonal (∂f_i/∂y_j = 0 for i − j &gt; LowerBandwidth), or
    /// null for a full Jacobian. Declared together with <see cref="UpperBandwidth"/>, it lets the stiff methods store
    /// the Jacobian and factor their iteration matrices as band matrices, O(n·bandwidth²) instead of O(n³) per
    /// factorisation, and build a finite-difference Jacobian from bandwidth + 1 evaluations instead of n.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative, or not below the dimension.</exception>
    public int? LowerBandwidth
    {
        get => _lower;
        init => _lower = CheckBandwidth(value, nameof(LowerBandwidth));
    }

    /// <summary>Number of nonzero diagonals of ∂f/∂y above the main diagonal, or null for a full Jacobian (see
    /// <see cref="LowerBandwidth"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative, or not below the dimension.</exception>
    public int? UpperBandwidth
    {
        get => _upper;
        init => _upper = CheckBandwidth(value, nameof(UpperBandwidth));
    }

    /// <summary>Whether both bandwidths are declared.</summary>
    public bool IsBanded => _lower is not null && _upper is not null;

    private readonly int? _lower, _upper;

    private int? CheckBandwidth(int? value, string name)
    {
        if (value is { } b && (b < 0 || b >= Dimension))
            throw new ArgumentOutOfRangeException(name, b, $"{name}: must lie in 0…{Dimension - 1} for a problem of {Dimension} components (got {b}).");
        return value;
    }

    /// <summary>Same problem on a different time span.</summary>
    public OdeProblem WithTimeSpan(double t0, double t1, ReadOnlySpan<double> y0) =>
        new(Rhs, t0, t1, y0, Jacobian, Name)
        {
            ExactSolution = ExactSolution, IsStiff = IsStiff, LowerBandwidth = LowerBandwidth, UpperBandwidth = UpperBandwidth,
            IsAutonomous = IsAutonomous, TimeDerivative = TimeDerivative,
        };
}

namespace FlowSim.Ode;

/// <summary>
/// Coefficients of a stiffly accurate Rosenbrock method of the Rodas family in the transformed form of Hairer and
/// Wanner (Solving ODEs II, §IV.7, (7.25)): W = I/(γh) − J and, for stages i = 1 … s,
/// W k_i = f(t + c_i h, u_i) + Σ_{j&lt;i} (C_ij/h) k_j + h d_i ∂f/∂t, with u_1 = y, u_i = y + Σ_j a_ij k_j for the
/// stages listed in <see cref="A"/> and u_i = u_{i−1} + k_{i−1} for the last two (stiff accuracy), y_new = u_s + k_s;
/// the embedded solution is u_s, so the error estimate is k_s. Dense output:
/// y(θ) = (1−θ)y₀ + θ(y₁ + (1−θ)(K₁ + θ(K₂ + θK₃))), K_r = Σ_i H[r][i] k_i.
/// </summary>
public sealed class RosenbrockTableau
{
    /// <summary>Creates a tableau; checks shapes (the order conditions are a test's job).</summary>
    /// <exception cref="ArgumentException">The shapes do not fit together.</exception>
    public RosenbrockTableau(double gamma, double[][] a, double[][] c, double[] nodes, double[] d, double[][] h,
        int order, int errorOrder, int denseOrder, double[]? errorWeights = null)
    {
        int s = c.Length;
        if (nodes.Length != s) throw new ArgumentException($"nodes: expected {s} entries (one per stage), got {nodes.Length}.", nameof(nodes));
        if (a.Length != s - 2) throw new ArgumentException($"a: expected {s - 2} rows (the last two stages follow from stiff accuracy), got {a.Length}.", nameof(a));
        for (int i = 0; i < s; i++)
        {
            if (c[i].Length != i) throw new ArgumentException($"c[{i}]: expected {i} entries, got {c[i].Length}.", nameof(c));
            if (i < a.Length && a[i].Length != i) throw new ArgumentException($"a[{i}]: expected {i} entries, got {a[i].Length}.", nameof(a));
        }
        if (d.Length > s) throw new ArgumentException($"d: at most {s} entries, got {d.Length}.", nameof(d));
        if (h.Length != 3 || h.Any(row => row.Length != s)) throw new ArgumentException($"h: expected 3 rows of {s} entries.", nameof(h));
        if (errorWeights is not null && errorWeights.Length != s) throw new ArgumentException($"errorWeights: expected {s} entries, got {errorWeights.Length}.", nameof(errorWeights));
        ErrorWeights = errorWeights;
        Gamma = gamma; A = a; C = c; Nodes = nodes; D = d; H = h;
        Order = order; ErrorOrder = errorOrder; DenseOrder = denseOrder;
    }

    /// <summary>γ, the diagonal of the method.</summary>
    public double Gamma { get; }
    /// <summary>a_ij for stages 2 … s − 2 (row 0 is the empty first stage).</summary>
    public double[][] A { get; }
    /// <summary>C_ij (divided by h when used), one row per stage.</summary>
    public double[][] C { get; }
    /// <summary>Nodes c_i.</summary>
    public double[] Nodes { get; }
    /// <summary>d_i = Σ_j γ_ij: weights of h·∂f/∂t (zero after the listed ones).</summary>
    public double[] D { get; }
    /// <summary>Dense-output matrix (3 rows).</summary>
    public double[][] H { get; }
    /// <summary>Order of y_new.</summary>
    public int Order { get; }
    /// <summary>Order of the embedded solution.</summary>
    public int ErrorOrder { get; }
    /// <summary>Order of the continuous extension.</summary>
    public int DenseOrder { get; }
    /// <summary>Weights e_i of the error estimate Σ e_i k_i, or null for the last stage k_s alone (y_new − u_s).</summary>
    public double[]? ErrorWeights { get; }
    /// <summary>Number of stages.</summary>
    public int Stages => C.Length;
}

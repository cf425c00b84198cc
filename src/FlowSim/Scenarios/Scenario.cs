namespace FlowSim.Scenarios;

/// <summary>
/// A validated scenario with every default filled in: model, target, initialisation, the dynamics to run, what to
/// record and when to stop. Build one with <see cref="ScenarioParser"/>; <see cref="ScenarioWriter"/> turns it back
/// into a node tree (the "resolved scenario" of a run).
/// </summary>
public sealed record Scenario
{
    /// <summary>The model and its sizes.</summary>
    public required ModelSpec Model { get; init; }
    /// <summary>The target matrix.</summary>
    public required TargetSpec Target { get; init; }
    /// <summary>The initial parameters.</summary>
    public required InitializationSpec Initialization { get; init; }
    /// <summary>The dynamics to run, in order (at least one).</summary>
    public required IReadOnlyList<DynamicsSpec> Dynamics { get; init; }
    /// <summary>What to record.</summary>
    public required RecordSpec Record { get; init; }
    /// <summary>When to stop.</summary>
    public required StopSpec Stop { get; init; }
    /// <summary>Seed of every random choice (random targets, Gaussian initialisation, sensing measurements).</summary>
    public ulong Seed { get; init; }
    /// <summary>The bounds checked on the records after the run (<c>checks:</c>), in file order; empty when none.</summary>
    public IReadOnlyList<Checks.CheckSpec> Checks { get; init; } = [];
}

/// <summary>Model names as written in scenario files.</summary>
public static class ModelTypes
{
    /// <summary>L = ½‖UVᵀ − Σ‖² (THEORY §2).</summary>
    public const string AsymmetricFactorization = "asymmetric-factorization";
    /// <summary>L = ½‖𝒜(UVᵀ − X)‖² with Gaussian measurements (THEORY §1).</summary>
    public const string MatrixSensing = "matrix-sensing";
    /// <summary>L = ½‖W_N⋯W_1 − Â‖² with square d×d factors (THEORY §3).</summary>
    public const string DeepFactorization = "deep-factorization";
    /// <summary>The deep model with d = 1: one eigenvalue's scalar dynamics (THEORY §3.2, §3.4).</summary>
    public const string Scalar = "scalar";
    /// <summary>All model names.</summary>
    public static readonly string[] All = [AsymmetricFactorization, MatrixSensing, DeepFactorization, Scalar];
}

/// <summary>The model: its type and sizes (unused sizes are 0).</summary>
/// <param name="Type">One of <see cref="ModelTypes"/>.</param>
/// <param name="Rows">m (two-factor models), d (deep), 1 (scalar).</param>
/// <param name="Columns">n (two-factor models), d (deep), 1 (scalar).</param>
/// <param name="Hidden">h, the inner dimension of two-factor models (0 otherwise).</param>
/// <param name="Depth">N, the number of factors of deep and scalar models (2 for two-factor models).</param>
/// <param name="Measurements">M, the number of Gaussian measurements (matrix sensing; 0 otherwise).</param>
public sealed record ModelSpec(string Type, int Rows, int Columns, int Hidden, int Depth, int Measurements)
{
    /// <summary>Whether the parameters are two factors U, V.</summary>
    public bool IsTwoFactor => Type is ModelTypes.AsymmetricFactorization or ModelTypes.MatrixSensing;
}

/// <summary>The target: exactly one of a diagonal, a spectrum with random orthogonal factors, or a CSV file.</summary>
/// <param name="Kind"><c>diagonal</c>, <c>spectrum</c> or <c>file</c>.</param>
/// <param name="Values">The diagonal or the spectrum (null for a file).</param>
/// <param name="File">Absolute path of the CSV file (null otherwise).</param>
/// <param name="Matrix">The m×n target, column-major, read and checked during validation.</param>
public sealed record TargetSpec(string Kind, IReadOnlyList<double>? Values, string? File, double[] Matrix);

/// <summary>The initialisation: <c>identical</c> (α), <c>perturbed-identical</c> (α, β, factor), <c>gaussian</c> (scale) or <c>spectral</c> (scale).</summary>
public sealed record InitializationSpec(string Type, double Alpha, double Beta, int Factor, double Scale);

/// <summary>Dynamics names as written in scenario files.</summary>
public static class DynamicsTypes
{
    /// <summary>Gradient flow θ' = −∇L through an ODE method.</summary>
    public const string Flow = "flow";
    /// <summary>Gradient descent θ_{k+1} = θ_k − η∇L(θ_k).</summary>
    public const string Descent = "descent";
    /// <summary>The perturbed gradient flow through the descent iterates (matrix sensing, THEORY §1.4).</summary>
    public const string PerturbedFlow = "perturbed-flow";
    /// <summary>The first-order modified flow θ' = −∇L − (η/2)∇²L∇L.</summary>
    public const string ModifiedFlow = "modified-flow";
    /// <summary>The central flow of descent with step η (THEORY §6.2): gradient flow until S reaches 2/η, then held at the edge.</summary>
    public const string CentralFlow = "central-flow";
    /// <summary>All dynamics names.</summary>
    public static readonly string[] All = [Flow, Descent, PerturbedFlow, ModifiedFlow, CentralFlow];
}

/// <summary>One dynamics to run.</summary>
/// <param name="Type">One of <see cref="DynamicsTypes"/>.</param>
/// <param name="Name">Label in the outputs (unique within the scenario).</param>
/// <param name="Method">ODE method (flows), see <c>OdeMethods.Names</c>; null for descent.</param>
/// <param name="RelTol">Relative tolerance (flows).</param>
/// <param name="AbsTol">Absolute tolerance (flows).</param>
/// <param name="Eta">Step size η (descent, perturbed, modified and central flow; 0 for the plain flow).</param>
/// <param name="Steps">Number of descent steps K (descent and perturbed flow; 0 otherwise).</param>
/// <param name="Eigenvalues">Top Hessian eigenvalues the central flow tracks (1 … 16; 0 for other dynamics).</param>
public sealed record DynamicsSpec(string Type, string Name, string? Method, double RelTol, double AbsTol, double Eta, int Steps, int Eigenvalues = 0)
{
    /// <summary>Whether it is integrated by an ODE method.</summary>
    public bool IsOde => Type != DynamicsTypes.Descent;
    /// <summary>End time: Kη for descent and perturbed flow, else the scenario's t_end.</summary>
    public double EndTime(StopSpec stop) => Type is DynamicsTypes.Descent or DynamicsTypes.PerturbedFlow ? Steps * Eta : stop.TEnd;
}

/// <summary>Metric names as written in scenario files.</summary>
public static class MetricNames
{
    /// <summary>L(θ).</summary>
    public const string Loss = "loss";
    /// <summary>Effective rank of the product (Roy–Vetterli).</summary>
    public const string EffectiveRank = "effective-rank";
    /// <summary>Stable rank ‖P‖_F²/‖P‖² of the product.</summary>
    public const string StableRank = "stable-rank";
    /// <summary>‖UᵀU − VᵀV‖_F (two-factor models).</summary>
    public const string Imbalance = "imbalance";
    /// <summary>Frobenius norm of the product.</summary>
    public const string ProductNorm = "product-norm";
    /// <summary>Every singular value of the product (columns sv1, sv2, …).</summary>
    public const string SingularValues = "singular-values";
    /// <summary>Distance ‖P − Â‖_F of the product to the target.</summary>
    public const string TargetDistance = "target-distance";
    /// <summary>S = λ_max(∇²L), the sharpness.</summary>
    public const string Sharpness = "sharpness";
    /// <summary>S·η/2: descent is linearly stable along the top eigenvector below 1.</summary>
    public const string StabilityRatio = "stability-ratio";
    /// <summary>The central flow's prediction L + tr Σ/η of descent's time-averaged loss.</summary>
    public const string CfLossPrediction = "cf-loss-prediction";
    /// <summary>The central flow's σ² = tr Σ, the predicted variance of descent's oscillation.</summary>
    public const string CfSigma2 = "cf-sigma2";
    /// <summary>All metric names (those of <see cref="ScenarioMetrics.All"/>).</summary>
    public static IReadOnlyList<string> All => ScenarioMetrics.Names;
}

/// <summary>What to record: explicit times, every k-th descent iterate, or a number of evenly spaced points; and the metrics.</summary>
/// <param name="Times">Explicit record times (null unless given).</param>
/// <param name="Every">Record every k-th descent iterate, and flows at the same times (0 unless given).</param>
/// <param name="Points">Number of evenly spaced record times on [0, t_end] (used when neither times nor every is given).</param>
/// <param name="Metrics">Metric names, in output order.</param>
public sealed record RecordSpec(IReadOnlyList<double>? Times, int Every, int Points, IReadOnlyList<string> Metrics);

/// <summary>When to stop: the end time, a loss level (0: off) and a step budget per dynamics.</summary>
public sealed record StopSpec(double TEnd, double LossBelow, long MaxSteps);

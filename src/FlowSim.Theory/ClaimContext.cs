using System.Globalization;

namespace FlowSim.Theory;

/// <summary>
/// What a running claim can see and record: the settings, a cancellation token, per-claim random generators,
/// and the sinks for parameters, reported values, notes, figures and the count of right-hand-side evaluations.
/// The runner creates one context per claim.
/// </summary>
public sealed class ClaimContext
{
    private readonly List<KeyValuePair<string, object>> _parameters = [];
    private readonly List<KeyValuePair<string, double>> _reported = [];
    private readonly List<string> _notes = [];
    private readonly List<FigureSpec> _figures = [];
    private readonly List<string> _integrators = [];
    private long _rhsEvaluations;

    /// <summary>Creates a context for the claim <paramref name="claimId"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="claimId"/> is empty.</exception>
    public ClaimContext(string claimId, ClaimSettings settings, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(claimId)) throw new ArgumentException("claimId: must not be empty.", nameof(claimId));
        ClaimId = claimId;
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        CancellationToken = cancellationToken;
    }

    /// <summary>The id of the claim this context belongs to.</summary>
    public string ClaimId { get; }
    /// <summary>The run's settings.</summary>
    public ClaimSettings Settings { get; }
    /// <summary>Shorthand for <see cref="ClaimSettings.Quick"/>.</summary>
    public bool Quick => Settings.Quick;
    /// <summary>Signalled on Ctrl+C; long loops should check it.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Throws <see cref="OperationCanceledException"/> when the run was cancelled.</summary>
    public void ThrowIfCancellationRequested() => CancellationToken.ThrowIfCancellationRequested();

    /// <summary>
    /// A generator seeded from the master seed, this claim's id and <paramref name="stream"/>, so the numbers do not
    /// depend on which other claims ran. The derived seed is recorded as a parameter ("seed" or "seed[stream]").
    /// </summary>
    /// <param name="stream">Name of an independent stream within the claim (e.g. "U0", "measurements"), or null.</param>
    public Random CreateRandom(string? stream = null)
    {
        int seed = DeriveSeed(Settings.Seed, ClaimId, stream);
        SetParameter(stream is null ? "seed" : $"seed[{stream}]", seed);
        return new Random(seed);
    }

    /// <summary>
    /// FlowSim's own generator (<see cref="Xoshiro256StarStar"/>, what <see cref="RandomMatrices"/> takes), seeded
    /// like <see cref="CreateRandom"/> from the master seed, this claim's id and <paramref name="stream"/>; the
    /// derived seed is recorded as a parameter ("seed" or "seed[stream]").
    /// </summary>
    /// <param name="stream">Name of an independent stream within the claim, or null.</param>
    public Xoshiro256StarStar CreateRng(string? stream = null)
    {
        int seed = DeriveSeed(Settings.Seed, ClaimId, stream);
        SetParameter(stream is null ? "seed" : $"seed[{stream}]", seed);
        return new Xoshiro256StarStar((ulong)seed);
    }

    /// <summary>The seed <see cref="CreateRandom"/> and <see cref="CreateRng"/> use: <see cref="SeedStreams.Derive(int, string, string?)"/> with the claim id as owner.</summary>
    public static int DeriveSeed(int masterSeed, string claimId, string? stream) => SeedStreams.Derive(masterSeed, claimId, stream);

    /// <summary>
    /// Records an input of the check (N, λ, α, η, tolerances, grid sizes). Order is kept; setting a name again
    /// replaces its value in place.
    /// </summary>
    /// <param name="name">Parameter name as the paper writes it ("N", "λ", "η").</param>
    /// <param name="value">A number, bool, string, or an array/list of numbers or strings.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty, or <paramref name="value"/> is of another type.</exception>
    public void SetParameter(string name, object value)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("name: a parameter needs a name.", nameof(name));
        ArgumentNullException.ThrowIfNull(value);
        if (!ParameterValues.IsSupported(value))
            throw new ArgumentException($"value: parameter '{name}' has unsupported type {value.GetType().Name}; use a number, bool, string or an array of numbers or strings.", nameof(value));
        int i = _parameters.FindIndex(p => p.Key == name);
        var entry = new KeyValuePair<string, object>(name, value);
        if (i >= 0) _parameters[i] = entry;
        else _parameters.Add(entry);
    }

    /// <summary>Records every public property of <paramref name="parameters"/> (a record) as a parameter (see <see cref="ParameterValues.Of"/>).</summary>
    /// <exception cref="ArgumentException">A property has a type <see cref="SetParameter"/> does not take.</exception>
    public void Record(object parameters)
    {
        foreach (var (name, value) in ParameterValues.Of(parameters)) SetParameter(name, value);
    }

    /// <summary>
    /// Solves as a claim must: cancellable with the run, the method and tolerances recorded from the very options handed
    /// to the engine (parameter "integrator", one entry per distinct setting), the right-hand-side evaluations counted.
    /// </summary>
    /// <exception cref="OdeSolveException">The integration did not succeed (the claim then becomes an error naming why).</exception>
    public OdeSolution Solve(OdeProblem problem, string method, OdeOptions options)
    {
        RecordIntegrator(method, options);
        var solution = OdeSolve.Solve(problem, method, options, CancellationToken).EnsureSuccess();
        AddRhsEvaluations(solution.Statistics.RhsEvaluations);
        return solution;
    }

    /// <summary>Records a run's method and tolerances under "integrator", for a solve made by a library routine rather than <see cref="Solve"/>.</summary>
    public void RecordIntegrator(string method, OdeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string atol = options.AbsTolVector is null ? Tolerance(options.AbsTol) : "per component";
        string text = $"{method}, rtol {Tolerance(options.RelTol)}, atol {atol}";
        if (_integrators.Contains(text)) return;
        _integrators.Add(text);
        SetParameter("integrator", _integrators.Count == 1 ? text : _integrators.ToArray());
    }

    private static string Tolerance(double x) => x.ToString("G3", CultureInfo.InvariantCulture).Replace('E', 'e');

    /// <summary><paramref name="wrong"/> when the run is <see cref="ClaimSettings.Perturbed"/>, else <paramref name="value"/>: the one place a claim states the wrong input that must make it fail.</summary>
    public T Perturb<T>(T value, T wrong) => Settings.Perturbed ? wrong : value;

    /// <summary>
    /// Records a computed value the report shows without a verdict of its own (t_*, K_ε, a cycle value that
    /// THEORY.md says "reported"). Order is kept; reporting a name again replaces it.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public void Report(string name, double value)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("name: a reported value needs a name.", nameof(name));
        int i = _reported.FindIndex(p => p.Key == name);
        var entry = new KeyValuePair<string, double>(name, value);
        if (i >= 0) _reported[i] = entry;
        else _reported.Add(entry);
    }

    /// <summary>Adds a free-text note (a caveat, what is FlowSim's own choice, why a sub-check was skipped).</summary>
    /// <exception cref="ArgumentException"><paramref name="note"/> is empty.</exception>
    public void AddNote(string note)
    {
        if (string.IsNullOrWhiteSpace(note)) throw new ArgumentException("note: must not be empty.", nameof(note));
        _notes.Add(note);
    }

    /// <summary>Adds <paramref name="count"/> right-hand-side (or gradient) evaluations to the claim's total.</summary>
    /// <exception cref="ArgumentException"><paramref name="count"/> is negative.</exception>
    public void AddRhsEvaluations(long count)
    {
        if (count < 0) throw new ArgumentException($"count: must be ≥ 0 (got {count}).", nameof(count));
        Interlocked.Add(ref _rhsEvaluations, count);
    }

    /// <summary>
    /// Adds a figure to the report. The figure is validated here, so a malformed figure makes this claim an
    /// error instead of breaking the report. Its file stem is prefixed with the claim id when written.
    /// </summary>
    /// <param name="figure">The figure; its <see cref="FigureSpec.Caption"/> must say what it shows and which parameters are FlowSim's own.</param>
    /// <param name="caption">Replaces the figure's caption when given.</param>
    /// <exception cref="ArgumentException">The figure is invalid (see <see cref="FigureSpec.Validate"/>) or has no caption.</exception>
    public void AddFigure(FigureSpec figure, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(figure);
        if (caption is not null) figure.Caption = caption;
        figure.Validate();
        if (string.IsNullOrWhiteSpace(figure.Caption))
            throw new ArgumentException($"figure: '{figure.FileStem}' needs a caption saying what it shows.", nameof(figure));
        if (_figures.Any(f => f.FileStem == figure.FileStem))
            throw new ArgumentException($"figure: file stem '{figure.FileStem}' is used twice in claim {ClaimId}.", nameof(figure));
        _figures.Add(figure);
    }

    /// <summary>Right-hand-side evaluations counted so far.</summary>
    public long RhsEvaluations => Interlocked.Read(ref _rhsEvaluations);
    /// <summary>Parameters recorded so far, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, object>> Parameters => _parameters;
    /// <summary>Reported values recorded so far, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Reported => _reported;
    /// <summary>Notes recorded so far.</summary>
    public IReadOnlyList<string> Notes => _notes;
    /// <summary>Figures added so far.</summary>
    public IReadOnlyList<FigureSpec> Figures => _figures;
}

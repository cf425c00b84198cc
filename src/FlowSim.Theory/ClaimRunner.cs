using System.Diagnostics;

namespace FlowSim.Theory;

/// <summary>Progress of a validation run, reported before and after each claim.</summary>
/// <param name="Index">0-based position of the claim in the run.</param>
/// <param name="Count">Number of claims in the run.</param>
/// <param name="Claim">The claim.</param>
/// <param name="Result">Null when the claim is starting; its result when it has finished.</param>
public sealed record ClaimProgress(int Index, int Count, Claim Claim, ClaimResult? Result);

/// <summary>
/// Selects claims by id and runs them one after another: each is timed, given its own
/// <see cref="ClaimContext"/>, and an exception it throws becomes <see cref="Verdict.Error"/> (the run goes on).
/// </summary>
public sealed class ClaimRunner
{
    /// <summary>A runner over the claims of <paramref name="source"/> (default: <see cref="ClaimCatalog.Default"/>).</summary>
    public ClaimRunner(IClaimSource? source = null) => Claims = (source ?? ClaimCatalog.Default).GetClaims();

    /// <summary>All claims available to this runner, in report order.</summary>
    public IReadOnlyList<Claim> Claims { get; }

    /// <summary>
    /// The claims named by <paramref name="only"/>, a comma-separated list of tokens (case-insensitive). A token
    /// equal to an id selects that claim ("C1" is C1 only); a token that is not an id selects every id starting
    /// with it ("C" is every P3 claim, "W" every P1 claim); a trailing '*' forces the prefix reading ("C1*" is C1
    /// and C10–C19). Null or blank selects all claims. The result keeps report order, without duplicates.
    /// </summary>
    /// <exception cref="ArgumentException">A token matches no claim; the message names it.</exception>
    public IReadOnlyList<Claim> Select(string? only)
    {
        if (string.IsNullOrWhiteSpace(only)) return Claims;
        var chosen = new HashSet<Claim>();
        foreach (var raw in only.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string token = raw.ToUpperInvariant();
            IEnumerable<Claim> hits;
            if (token.EndsWith('*'))
            {
                string prefix = token.TrimEnd('*');
                hits = Claims.Where(c => c.Id.StartsWith(prefix, StringComparison.Ordinal));
            }
            else
            {
                var exact = Claims.Where(c => c.Id == token).ToList();
                hits = exact.Count > 0 ? exact : Claims.Where(c => c.Id.StartsWith(token, StringComparison.Ordinal) && !Claim.IsValidId(token));
            }
            var list = hits.ToList();
            if (list.Count == 0)
            {
                string known = Claims.Count == 0 ? "no claims are registered" : "known ids: " + string.Join(", ", Claims.Select(c => c.Id));
                throw new ArgumentException($"only: unknown claim id '{raw}' ({known}).", nameof(only));
            }
            chosen.UnionWith(list);
        }
        return Claims.Where(chosen.Contains).ToList();
    }

    /// <summary>Runs <paramref name="claims"/> in order and returns one result per claim.</summary>
    /// <param name="claims">The claims to run (usually from <see cref="Select"/>).</param>
    /// <param name="settings">Quick flag and seed.</param>
    /// <param name="progress">Called synchronously before (Result null) and after each claim; may be null.</param>
    /// <param name="cancellationToken">Stops the run: the claim in flight is abandoned and <see cref="OperationCanceledException"/> is thrown.</param>
    /// <exception cref="OperationCanceledException">The run was cancelled; no partial result list is returned.</exception>
    public IReadOnlyList<ClaimResult> Run(IReadOnlyList<Claim> claims, ClaimSettings settings,
        Action<ClaimProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(settings);
        var results = new List<ClaimResult>(claims.Count);
        for (int i = 0; i < claims.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Invoke(new ClaimProgress(i, claims.Count, claims[i], null));
            var result = RunOne(claims[i], settings, cancellationToken);
            results.Add(result);
            progress?.Invoke(new ClaimProgress(i, claims.Count, claims[i], result));
        }
        return results;
    }

    /// <summary>Runs one claim; an exception becomes a result with <see cref="Verdict.Error"/>.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while the claim ran.</exception>
    public static ClaimResult RunOne(Claim claim, ClaimSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(settings);
        var context = new ClaimContext(claim.Id, settings, cancellationToken);
        var clock = Stopwatch.StartNew();
        // The claim runs on a pool thread so that Ctrl+C returns at once even from a claim that never checks the
        // token; the abandoned computation ends with the process.
        var task = Task.Run(() =>
        {
            using var invariant = InvariantCultureScope.Enter();   // messages and parameters read the same in every culture
            return claim.Run(context);
        }, CancellationToken.None);
        try
        {
            var outcome = task.WaitAsync(cancellationToken).GetAwaiter().GetResult()
                          ?? throw new InvalidOperationException($"claim {claim.Id} returned no outcome.");
            return ClaimResult.From(claim, outcome, context, clock.Elapsed.TotalSeconds);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            return ClaimResult.FromException(claim, ex, context, clock.Elapsed.TotalSeconds);
        }
    }
}

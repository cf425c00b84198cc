namespace FlowSim.Theory;

/// <summary>How a validation run is configured; every claim sees the same settings.</summary>
/// <param name="Quick">Use the smaller settings a claim allows (fewer grid points, shorter horizons) while keeping every claim.</param>
/// <param name="Seed">Master seed; each claim derives its own generators from it and its id (<see cref="ClaimContext.CreateRandom"/>).</param>
public sealed record ClaimSettings(bool Quick = false, int Seed = ClaimSettings.DefaultSeed)
{
    /// <summary>The seed used when none is given on the command line.</summary>
    public const int DefaultSeed = 1;

    /// <summary>
    /// Feed every claim the wrong input it documents (<see cref="ClaimContext.Perturb{T}"/>), so tests can show that each
    /// check fails when its reference or input is wrong; never set for a real validation (such a run still records the
    /// parameters of the normal run).
    /// </summary>
    public bool Perturbed { get; init; }
}

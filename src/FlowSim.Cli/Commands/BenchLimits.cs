namespace FlowSim.Cli.Commands;

/// <summary>
/// The sizes <c>flowsim bench</c> accepts, checked before anything is allocated: d×d problems keep about 40 d×d
/// matrices (Σ, U, V, two orthogonal factors, the gradient, up to 13 stage vectors of 2·d² each), so d = 2048 needs
/// about 1.3 GiB; gemm keeps three n×n matrices (n = 8192: 1.5 GiB). Step and evaluation counts are capped so that a
/// typo cannot run for days.
/// </summary>
internal static class BenchLimits
{
    public const int MaxD = 2048;
    public const int MaxN = 8192;
    public const int MaxSteps = 100_000_000;
    public const int MaxCount = 10_000_000;
    public const int MaxRepeat = 1000;

    /// <summary>The value, when it lies in [min, max].</summary>
    /// <exception cref="CliUsageException">It does not; the message names the option and the range.</exception>
    public static int Check(string option, int value, int min, int max) =>
        value >= min && value <= max ? value : throw new CliUsageException($"{option}: must be between {min} and {max} (got {value}).");
}

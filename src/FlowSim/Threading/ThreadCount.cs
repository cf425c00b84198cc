using System.Globalization;

namespace FlowSim.Threading;

/// <summary>
/// How many threads FlowSim runs on, from the environment variable <c>FLOWSIM_THREADS</c> (1–64; unset: the processor
/// count, at most 8). Read once, when the <see cref="WorkerPool"/> is first used.
/// </summary>
internal static class ThreadCount
{
    /// <summary>The environment variable read.</summary>
    public const string EnvironmentVariable = "FLOWSIM_THREADS";

    /// <summary>Largest thread count accepted.</summary>
    public const int Maximum = 64;

    /// <summary>The thread count <c>FLOWSIM_THREADS</c> asks for.</summary>
    /// <exception cref="ArgumentException">The variable is not an integer from 1 to 64 (the message names FLOWSIM_THREADS).</exception>
    public static int FromEnvironment() => Resolve(Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>The thread count for a value of <c>FLOWSIM_THREADS</c> (null or empty: the processor count, at most 8).</summary>
    /// <exception cref="ArgumentException">The value is not an integer from 1 to 64.</exception>
    public static int Resolve(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return Math.Clamp(Environment.ProcessorCount, 1, 8);
        if (!int.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) || n < 1 || n > Maximum)
            throw new ArgumentException($"{EnvironmentVariable}: expected an integer from 1 to {Maximum} (got '{value}').", EnvironmentVariable);
        return n;
    }
}

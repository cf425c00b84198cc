namespace FlowSim.Linalg.Native;

/// <summary>
/// Chooses the backend of <see cref="LinearAlgebra"/> from the environment variable <c>FLOWSIM_BLAS</c>:
/// <c>managed</c> or <c>native</c> force one; unset (or <c>auto</c>) takes the native backend when a library is found.
/// </summary>
public static class BackendSelection
{
    /// <summary>The environment variable read.</summary>
    public const string EnvironmentVariable = "FLOWSIM_BLAS";

    /// <summary>The environment variable that sets <see cref="LinearAlgebra.Threads"/>.</summary>
    public const string ThreadsVariable = Threading.ThreadCount.EnvironmentVariable;

    /// <summary>The product thread count <c>FLOWSIM_THREADS</c> asks for (unset: the processor count, at most 8).</summary>
    /// <exception cref="ArgumentException">The variable is not an integer from 1 to 64 (the message names FLOWSIM_THREADS).</exception>
    public static int ThreadsFromEnvironment() => Threading.ThreadCount.FromEnvironment();

    /// <summary>The thread count for a value of <c>FLOWSIM_THREADS</c> (null or empty: the processor count, at most 8).</summary>
    /// <exception cref="ArgumentException">The value is not an integer from 1 to 64.</exception>
    public static int ResolveThreads(string? value) => Threading.ThreadCount.Resolve(value);

    /// <summary>The backend that <c>FLOWSIM_BLAS</c> asks for.</summary>
    /// <exception cref="ArgumentException">The variable holds something other than managed, native or auto.</exception>
    /// <exception cref="InvalidOperationException"><c>FLOWSIM_BLAS=native</c> but no native BLAS library was found.</exception>
    public static ILinearAlgebraBackend FromEnvironment() => Resolve(Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>The backend for a value of <c>FLOWSIM_BLAS</c> (null or empty: auto).</summary>
    /// <exception cref="ArgumentException">The value is not managed, native or auto (the message names FLOWSIM_BLAS).</exception>
    /// <exception cref="InvalidOperationException">native was asked for but no native BLAS library was found.</exception>
    public static ILinearAlgebraBackend Resolve(string? value)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case null or "" or "auto":
                return OpenBlasBackend.IsAvailable ? OpenBlasBackend.Instance : ManagedBackend.Instance;
            case "managed":
                return ManagedBackend.Instance;
            case "native":
                if (!OpenBlasBackend.IsAvailable)
                    throw new InvalidOperationException(
                        $"{EnvironmentVariable}=native, but no native BLAS library was found (tried libopenblas.so.0, libopenblas.so, libblas.so.3); install libopenblas0-pthread or set {EnvironmentVariable}=managed.");
                return OpenBlasBackend.Instance;
            default:
                throw new ArgumentException($"{EnvironmentVariable}: expected managed, native or auto (got '{value}').", EnvironmentVariable);
        }
    }
}

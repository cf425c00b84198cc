using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;

namespace FlowSim.Provenance;

/// <summary>
/// Where and how a validation run was made: FlowSim version and git commit, .NET, OS, CPU, linear-algebra
/// backend, seed, start time and wall time. Written into every report so a reader can reproduce it.
/// </summary>
/// <remarks>The type is not called <c>Provenance</c> because it would clash with its namespace.</remarks>
/// <param name="Version">FlowSim version (assembly informational version without the commit suffix).</param>
/// <param name="GitCommit">Git commit the code was built from, "-dirty" appended when the work tree had changes, or "unknown".</param>
/// <param name="DotNet">.NET runtime description ("​.NET 10.0.0").</param>
/// <param name="Os">Operating system description.</param>
/// <param name="Cpu">CPU model and logical core count.</param>
/// <param name="Blas">Linear-algebra backend in use ("managed", "OpenBLAS …"); set by the caller, which knows the provider.</param>
/// <param name="Seed">Master seed of the run.</param>
/// <param name="StartedUtc">When the run started (UTC).</param>
/// <param name="WallSeconds">Wall-clock seconds of the whole run.</param>
public sealed record RunProvenance(string Version, string GitCommit, string DotNet, string Os, string Cpu, string Blas, int Seed,
    DateTime StartedUtc, double WallSeconds)
{
    /// <summary>Collects the machine facts now; the caller supplies what only it knows.</summary>
    /// <param name="seed">The run's master seed.</param>
    /// <param name="startedUtc">Start of the run (converted to UTC).</param>
    /// <param name="wallSeconds">Duration of the run, ≥ 0.</param>
    /// <param name="blas">The linear-algebra backend; "managed" when none is given.</param>
    /// <exception cref="ArgumentException"><paramref name="wallSeconds"/> is negative or not finite.</exception>
    public static RunProvenance Capture(int seed, DateTime startedUtc, double wallSeconds, string? blas = null)
    {
        if (!(wallSeconds >= 0) || double.IsInfinity(wallSeconds))
            throw new ArgumentException($"wallSeconds: must be finite and ≥ 0 (got {wallSeconds}).", nameof(wallSeconds));
        var assembly = typeof(RunProvenance).Assembly;
        string informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                               ?? assembly.GetName().Version?.ToString() ?? "unknown";
        return new RunProvenance(informational.Split('+')[0], GitCommitOf(informational), RuntimeInformation.FrameworkDescription,
            $"{RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})", CpuModel(),
            string.IsNullOrWhiteSpace(blas) ? "managed" : blas, seed, startedUtc.ToUniversalTime(), wallSeconds);
    }

    /// <summary>Start time as ISO 8601 with a Z suffix, to the second.</summary>
    public string StartedUtcIso => StartedUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// The commit the SDK embedded in the informational version ("0.1.0+&lt;sha&gt;") when present, since that is
    /// the code actually running; otherwise <c>git rev-parse HEAD</c> in the current directory; otherwise "unknown".
    /// "-dirty" is appended when <c>git status --porcelain</c> lists changes.
    /// </summary>
    internal static string GitCommitOf(string informationalVersion)
    {
        int plus = informationalVersion.IndexOf('+');
        string? embedded = plus >= 0 ? informationalVersion[(plus + 1)..] : null;
        string? head = RunGit("rev-parse HEAD");
        string? commit = !string.IsNullOrWhiteSpace(embedded) && IsHex(embedded) ? embedded : head;
        if (string.IsNullOrWhiteSpace(commit)) return "unknown";
        // Dirtiness is only meaningful when the checkout we are in is the commit that was built.
        if (head == commit && !string.IsNullOrEmpty(RunGit("status --porcelain --untracked-files=no"))) commit += "-dirty";
        return commit;
    }

    private static bool IsHex(string s) => s.Length >= 7 && s.All(Uri.IsHexDigit);

    private static string? RunGit(string arguments)
    {
        try
        {
            var psi = new ProcessStartInfo("git", arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                CreateNoWindow = true,
            };
            using var p = Process.Start(psi);
            if (p is null) return null;
            string output = p.StandardOutput.ReadToEnd();
            if (!p.WaitForExit(5000)) { p.Kill(); return null; }
            return p.ExitCode == 0 ? output.Trim() : null;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return null; // no git on this machine
        }
    }

    private static string CpuModel()
    {
        string model = RuntimeInformation.ProcessArchitecture.ToString();
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                if (line is not null && line.Contains(':')) model = line[(line.IndexOf(':') + 1)..].Trim();
            }
        }
        catch (IOException)
        {
            // Keep the architecture name.
        }
        return $"{model} ({Environment.ProcessorCount} logical cores)";
    }
}

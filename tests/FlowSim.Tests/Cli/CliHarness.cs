using Xunit;
using System.Text.RegularExpressions;

namespace FlowSim.Tests.Cli;

/// <summary>Runs <c>flowsim</c> in-process with captured standard output and error. Console redirection is global,
/// so every CLI test class joins the "Cli" collection and runs sequentially.</summary>
internal static class CliHarness
{
    public static readonly string Examples = FindExamples();

    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var oldOut = Console.Out;
        var oldErr = Console.Error;
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            int exit = FlowSim.Cli.Program.Main(args);
            return (exit, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }

    public static string TempDir()
    {
        string d = Path.Combine(Path.GetTempPath(), "flowsim-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(d);
        return d;
    }

    /// <summary>Stack-trace lines as .NET prints them ("   at Namespace.Type.Method(…)").</summary>
    public static bool HasStackTrace(string text) => Regex.IsMatch(text, @"^\s+at \S+\(", RegexOptions.Multiline) || text.Contains("Exception:");

    /// <summary>summary.json without its "run" block (timestamps and wall times, the only varying fields).</summary>
    public static string WithoutClock(string summaryJson)
    {
        int i = summaryJson.IndexOf("\"run\":", StringComparison.Ordinal);
        return i < 0 ? summaryJson : summaryJson[..i];
    }

    private static string FindExamples()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "examples", "scenarios"))) dir = dir.Parent;
        return dir is null ? throw new DirectoryNotFoundException("examples/scenarios not found above the test binaries")
            : Path.Combine(dir.FullName, "examples", "scenarios");
    }
}

/// <summary>Every test that runs Program.Main or redirects the Console: the Console is process-wide, so one of them
/// writing while another captures would put its lines into the other's output (seen once as a spurious failure of
/// the scalar command's "nothing on stdout" check). They run alone, after the parallel collections.</summary>
[CollectionDefinition("Cli", DisableParallelization = true)]
public sealed class CliCollection;

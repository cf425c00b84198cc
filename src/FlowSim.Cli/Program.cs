using System.CommandLine;
using System.Reflection;

namespace FlowSim.Cli;

/// <summary>
/// A sub-command of <c>flowsim</c>. Each command lives in its own file under <c>Commands/</c> and is found
/// by reflection, so adding a command never edits this file.
/// </summary>
public interface ICliCommand
{
    /// <summary>Builds the System.CommandLine command, with its options and action.</summary>
    Command Build();
}

/// <summary>Entry point of the <c>flowsim</c> command.</summary>
public static class Program
{
    /// <summary>Exit code for a usage error (bad option, bad value, unreadable input).</summary>
    public const int UsageError = 2;

    /// <summary>Runs the command line; returns the process exit code.</summary>
    public static int Main(string[] args)
    {
        CliCulture.UseInvariant();
        var root = BuildRoot();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) Console.Error.WriteLine($"flowsim: {e.Message}");
            Console.Error.WriteLine("Run 'flowsim --help' for usage.");
            return UsageError;
        }
        // The environment that chooses the linear algebra is checked before any work: a bad FLOWSIM_BLAS or
        // FLOWSIM_THREADS is a usage error naming the variable, not a type-initializer failure inside a claim.
        try
        {
            FlowSim.Linalg.Native.BackendSelection.ThreadsFromEnvironment();
            FlowSim.Linalg.Native.BackendSelection.FromEnvironment();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            Console.Error.WriteLine($"flowsim: {UserMessages.Of(ex)}");
            return UsageError;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (CliUsageException ex)
        {
            Console.Error.WriteLine($"flowsim: {ex.Message}");
            return UsageError;
        }
        catch (Exception ex) when (ex is FlowSim.Reports.OutputDirectoryException or FlowSim.Reports.RunFileException)
        {
            // An output directory that may not be used or replaced (nothing was deleted or written), or a damaged run file.
            Console.Error.WriteLine($"flowsim: {ex.Message}");
            return UsageError;
        }
        catch (ArgumentException ex)
        {
            // A library argument check reached the top: the user's value was out of range.
            Console.Error.WriteLine($"flowsim: {UserMessages.Of(ex)}");
            return UsageError;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("flowsim: cancelled.");
            return 130;
        }
        catch (Exception ex) when (Environment.GetEnvironmentVariable("FLOWSIM_DEBUG") is null)
        {
            Console.Error.WriteLine($"flowsim: error: {UserMessages.Of(ex)} (set FLOWSIM_DEBUG=1 for the stack trace)");
            return 1;
        }
    }

    /// <summary>The program name in every help text and message, however it was started (<c>flowsim</c> as a .NET tool,
    /// <c>dotnet FlowSim.Cli.dll</c>, <c>dotnet run</c>).</summary>
    public const string Name = "flowsim";

    /// <summary>Builds the root command with every <see cref="ICliCommand"/> of this assembly.</summary>
    /// <remarks>A <see cref="Command"/> named <see cref="Name"/> with RootCommand's help and version options, not a
    /// <see cref="RootCommand"/>: that one is named after the executable, which is <c>FlowSim.Cli</c> under <c>dotnet</c>.</remarks>
    public static Command BuildRoot()
    {
        var root = new Command(Name, "FlowSim: gradient flow and gradient descent on factorised models, with executable checks of the papers' claims.");
        root.Options.Add(new System.CommandLine.Help.HelpOption());
        root.Options.Add(new VersionOption());
        var commands = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(ICliCommand).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => ((ICliCommand)Activator.CreateInstance(t)!).Build())
            .OrderBy(c => c.Name, StringComparer.Ordinal);
        foreach (var c in commands) root.Subcommands.Add(c);
        CliCulture.UseInvariantParsers(root);
        return root;
    }
}

/// <summary>A usage error found after parsing (a value out of range, an unreadable file): exit code 2, message only.</summary>
public sealed class CliUsageException(string message) : Exception(message);

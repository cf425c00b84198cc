using Xunit;

namespace FlowSim.Tests.Cli;

/// <summary>Every help text names the program <c>flowsim</c>, however it was started (under the test host the
/// executable is testhost, under <c>dotnet FlowSim.Cli.dll</c> it is FlowSim.Cli).</summary>
[Collection("Cli")]
public sealed class HelpTextTests
{
    [Fact]
    public void RootAndEveryCommandHelp_SayUsageFlowsim()
    {
        var (exit, stdout, _) = CliHarness.Run("--help");
        Assert.Equal(0, exit);
        Assert.Contains("Usage:\n  flowsim [command] [options]", stdout.ReplaceLineEndings("\n"));
        var commands = FlowSim.Cli.Program.BuildRoot().Subcommands.Select(c => c.Name).ToList();
        Assert.Contains("sweep", commands);
        Assert.Contains("merge", commands);
        foreach (var command in commands)
        {
            var (e, help, err) = CliHarness.Run(command, "--help");
            Assert.True(e == 0, $"{command} --help exited {e}: {err}");
            Assert.Contains($"Usage:\n  flowsim {command}", help.ReplaceLineEndings("\n"));
            Assert.DoesNotContain("FlowSim.Cli", help);
            Assert.DoesNotContain("testhost", help);
        }
    }
}

using Xunit;

namespace FlowSim.Tests.Cli;

/// <summary>A bad FLOWSIM_THREADS or FLOWSIM_BLAS stops every command up front: exit 2, the variable named, nothing written.</summary>
[Collection("Cli")]
public class EnvironmentTests
{
    [Theory]
    [InlineData("FLOWSIM_THREADS", "0")]
    [InlineData("FLOWSIM_THREADS", "many")]
    [InlineData("FLOWSIM_BLAS", "cuda")]
    public void BadVariable_ExitTwo_NamingIt(string variable, string value)
    {
        string dir = Path.Combine(Path.GetTempPath(), $"flowsim-env-{Guid.NewGuid():N}");
        string? old = Environment.GetEnvironmentVariable(variable);
        try
        {
            Environment.SetEnvironmentVariable(variable, value);
            var (exit, stdout, stderr) = CliHarness.Run("validate", "--quick", "--out", dir);
            Assert.Equal(2, exit);
            Assert.Contains(variable, stderr);
            Assert.Contains(value, stderr);
            Assert.Equal("", stdout);
            Assert.False(Directory.Exists(dir));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, old);
        }
    }
}

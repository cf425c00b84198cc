using FlowSim.Cli.Output;
using Xunit;

namespace FlowSim.Tests.Cli;

/// <summary>
/// A SIGKILLed run leaves its hidden temp directory behind; the next run into the same output removes it when the
/// process that made it is gone, and leaves a live process's directory alone.
/// </summary>
public class AtomicOutputTests
{
    [Fact]
    public void NextRun_RemovesTempDirectoriesOfDeadRuns_Only()
    {
        string parent = Path.Combine(Path.GetTempPath(), $"flowsim-atomic-{Guid.NewGuid():N}");
        Directory.CreateDirectory(parent);
        try
        {
            // A PID above the kernel's maximum (4,194,304) cannot be running.
            string dead = Path.Combine(parent, ".out.tmp-9999999-0123abcd");
            string live = Path.Combine(parent, $".out.tmp-{Environment.ProcessId}-feedbeef");
            string other = Path.Combine(parent, ".other.tmp-9999999-0123abcd");
            foreach (var d in new[] { dead, live, other })
            {
                Directory.CreateDirectory(d);
                File.WriteAllText(Path.Combine(d, "partial.csv"), "t,x\n0,");
            }
            using (var output = new AtomicOutputDirectory(Path.Combine(parent, "out"), replace: false))
            {
                File.WriteAllText(Path.Combine(output.TempPath, "summary.json"), "{}");
                output.Commit();
            }
            Assert.False(Directory.Exists(dead));
            Assert.True(Directory.Exists(live));   // this process is alive
            Assert.True(Directory.Exists(other));  // another output's temp directory
            Assert.True(File.Exists(Path.Combine(parent, "out", "summary.json")));
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }
}

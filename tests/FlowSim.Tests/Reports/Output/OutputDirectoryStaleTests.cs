using System.Diagnostics;
using FlowSim.Reports;
using Xunit;

namespace FlowSim.Tests.Reports.Output;

/// <summary>
/// Temp directories of killed runs are recognised by their free liveness lock, never by a PID: a directory named after
/// this very process (a killed PID 1 of a container, whose successor is PID 1 again) is removed when its lock is free,
/// and a directory whose lock another process holds is kept until that process dies.
/// </summary>
public sealed class OutputDirectoryStaleTests
{
    [Fact]
    public void NextRun_RemovesTempDirectoriesWhoseLockIsFree_AndKeepsLiveOnes()
    {
        using var scratch = OutputScratch.Parent();
        string parent = scratch.Path;
        string Make(string name, bool withLockFile)
        {
            string dir = Path.Combine(parent, name);
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "partial.csv"), "t,x\n0,");
            if (withLockFile) File.WriteAllText(Path.Combine(dir, ".flowsim-live"), "");
            return dir;
        }
        string samePid = Make($".out.tmp-{Environment.ProcessId}-feedbeef", withLockFile: true); // killed PID 1, say
        string legacy = Make(".out.tmp-9999999-0123abcd", withLockFile: false);                    // an older version's
        string live = Make(".out.tmp-live", withLockFile: true);
        string other = Make(".other.tmp-0123abcd", withLockFile: true);                              // another output's
        using var held = new FileStream(Path.Combine(live, ".flowsim-live"), FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        OutputScratch.WriteRun(Path.Combine(parent, "out"), "new");

        Assert.False(Directory.Exists(samePid));
        Assert.False(Directory.Exists(legacy));
        Assert.True(Directory.Exists(live));
        Assert.True(Directory.Exists(other));
        Assert.Equal("new", File.ReadAllText(Path.Combine(parent, "out", "summary.json")));
        Assert.False(File.Exists(Path.Combine(parent, "out", ".flowsim-live")));
    }

    /// <summary>A real second process holds a temp directory's lock (flock(1), the same lock .NET takes); its directory
    /// survives the next run. After the process is killed (SIGKILL: no clean-up of its own), the run after removes it.</summary>
    [Fact]
    public void TempDirectoryOfAKilledProcess_IsRemovedByTheNextRun()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/flock")) return; // flock(1) is util-linux
        using var scratch = OutputScratch.Parent();
        string parent = scratch.Path;
        string temp = Path.Combine(parent, ".out.tmp-0123456789abcdef");
        Directory.CreateDirectory(temp);
        File.WriteAllText(Path.Combine(temp, "trajectory.csv"), "partial");
        string lockFile = Path.Combine(temp, ".flowsim-live");
        var psi = new ProcessStartInfo("/usr/bin/flock", ["--close", lockFile, "-c", "echo locked; exec sleep 600"])
        {
            RedirectStandardOutput = true,
        };
        using var holder = Process.Start(psi)!;
        try
        {
            Assert.Equal("locked", holder.StandardOutput.ReadLine()); // the lock is held from here on
            OutputScratch.WriteRun(Path.Combine(parent, "out"), "first");
            Assert.True(Directory.Exists(temp), "a live run's temp directory was removed");
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            holder.WaitForExit();
        }
        OutputScratch.WriteRun(Path.Combine(parent, "out"), "second", replace: true);
        Assert.False(Directory.Exists(temp));
        Assert.Equal(["out"], OutputScratch.Entries(parent));
    }
}

using System.Diagnostics;
using FlowSim.Reports;
using FlowSim.Tests.Reports.Output;
using Xunit;

namespace FlowSim.Tests.Cli;

/// <summary>
/// Issue 16's data-loss examples through the command line: <c>--out old/ --force</c> over a user's directory, <c>--out .</c>,
/// a home directory, <c>/</c>, two runs without <c>--force</c>, concurrent <c>--force</c> runs in separate processes, a
/// killed run's temp directory, and <c>--json</c> / run outputs on a full disk.
/// </summary>
[Collection("Cli")]
public sealed class OutputDirectoryCliTests
{
    private static string Example(string name) => Path.Combine(CliHarness.Examples, name);

    [Fact]
    public void ForceIntoAUsersDirectoryWithATrailingSlash_IsRefused_AndDeletesNothing()
    {
        string parent = CliHarness.TempDir();
        string old = Path.Combine(parent, "old");
        Directory.CreateDirectory(old);
        File.WriteAllText(Path.Combine(old, "notes.txt"), "keep\n");
        var (exit, _, err) = CliHarness.Run("run", Example("scalar.json"), "--out", old + "/", "--force", "-q");
        Assert.Equal(2, exit);
        Assert.StartsWith($"flowsim: {old}/: refusing to replace this directory: it holds notes.txt", err);
        Assert.Equal("keep\n", File.ReadAllText(Path.Combine(old, "notes.txt")));
        Assert.Equal(["notes.txt"], OutputScratch.Entries(old));
        Assert.Equal(["old"], OutputScratch.Entries(parent));
    }

    [Fact]
    public void TrailingSlash_ReplacesAFlowSimRunWithForce_AndIsRefusedWithout()
    {
        string parent = CliHarness.TempDir();
        string outDir = Path.Combine(parent, "out");
        Assert.Equal(0, CliHarness.Run("run", Example("scalar.json"), "--out", outDir + "/", "-q").Exit);
        Assert.True(File.Exists(Path.Combine(outDir, "summary.json")));
        var (exit, _, err) = CliHarness.Run("run", Example("scalar.json"), "--out", outDir + "/", "-q");
        Assert.Equal(2, exit);
        Assert.Contains($"{outDir}/: the output directory exists and is not empty (use --force to replace it)", err);
        var (exit2, _, err2) = CliHarness.Run("run", Example("deep.yaml"), "--out", outDir + "/", "--force", "-q");
        Assert.True(exit2 == 0, err2);
        Assert.Contains("deep.yaml", File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.Equal(["out"], OutputScratch.Entries(parent));
    }

    [Fact]
    public void WorkingDirectory_AndItsParent_AreRefused_WithOrWithoutForce()
    {
        string cwd = Path.Combine(CliHarness.TempDir(), "somewhere");
        Directory.CreateDirectory(cwd);
        File.WriteAllText(Path.Combine(cwd, "thesis.tex"), "keep\n");
        string saved = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = cwd;
            foreach (var target in new[] { ".", "./", "..", cwd })
                foreach (var force in new[] { "--force", "-q" })
                {
                    var (exit, _, err) = CliHarness.Run("run", Example("scalar.json"), "--out", target, force, "-q");
                    Assert.Equal(2, exit);
                    Assert.Contains("is the working directory or one of its parents", err);
                }
            Assert.Equal(2, CliHarness.Run("validate", "--out", ".", "--only", "W1").Exit);
        }
        finally
        {
            Environment.CurrentDirectory = saved;
        }
        Assert.Equal(["thesis.tex"], Directory.EnumerateFileSystemEntries(cwd).Select(Path.GetFileName));
    }

    [Fact]
    public void HomeDirectory_UnexpandedTilde_AndRoot_AreRefused()
    {
        if (OperatingSystem.IsWindows()) return;
        string parent = CliHarness.TempDir();
        string home = Path.Combine(parent, "home");
        Directory.CreateDirectory(home);
        File.WriteAllText(Path.Combine(home, ".profile"), "keep\n");
        string? saved = Environment.GetEnvironmentVariable("HOME");
        try
        {
            Environment.SetEnvironmentVariable("HOME", home);
            foreach (var (target, why) in new[] { (home, "is the home directory"), (home + "/", "is the home directory"), (parent, "is the home directory"),
                         ("~", "'~' was not expanded"), ("~/", "'~' was not expanded"), ("/", "is the root directory") })
            {
                var (exit, _, err) = CliHarness.Run("run", Example("scalar.json"), "--out", target, "--force", "-q");
                Assert.Equal(2, exit);
                Assert.Contains($"flowsim: {target}: {why}", err);
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("HOME", saved);
        }
        Assert.Equal("keep\n", File.ReadAllText(Path.Combine(home, ".profile")));
    }

    /// <summary>The second of two runs into one new directory is refused at its commit when the first finished while it
    /// ran (the first run is started from inside the second's progress callback).</summary>
    [Fact]
    public void SecondRunWithoutForce_IsRefusedAtCommit_WhenTheFirstFinishedMeanwhile()
    {
        string outDir = Path.Combine(CliHarness.TempDir(), "out");
        var loaded = FlowSim.Cli.Scenarios.ScenarioLoader.Load(Example("scalar.json"), null, false);
        var progress = new FirstRunDuring(() => Assert.Equal(0, CliHarness.Run("run", Example("deep.yaml"), "--out", outDir, "-q").Exit));
        var ex = Assert.Throws<OutputDirectoryException>(() =>
            FlowSim.Cli.Output.RunDirectoryWriter.Execute(loaded, outDir, false, progress, CancellationToken.None));
        Assert.Equal($"{outDir}: the output directory exists and is not empty (use --force to replace it)", ex.Message);
        Assert.Contains("deep.yaml", File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.Equal(["out"], OutputScratch.Entries(Path.GetDirectoryName(outDir)!));
    }

    /// <summary>Three <c>flowsim run --force</c> processes into one directory at once, four rounds: every one exits 0 and
    /// the directory always ends complete (issue 16 saw exit 1 in a few of 40 tries).</summary>
    [Fact]
    public void ConcurrentForceRuns_InSeparateProcesses_AllSucceed()
    {
        string parent = CliHarness.TempDir();
        string outDir = Path.Combine(parent, "out");
        for (int round = 0; round < 4; round++)
        {
            var processes = Enumerable.Range(0, 3).Select(_ => StartCli("run", Example("scalar.json"), "--out", outDir, "--force", "-q")).ToList();
            foreach (var p in processes)
            {
                string err = p.StandardError.ReadToEnd();
                p.WaitForExit();
                Assert.True(p.ExitCode == 0, $"round {round}: exit {p.ExitCode}: {err}");
                p.Dispose();
            }
            foreach (var f in new[] { "summary.json", "trajectory.csv", "scenario.json", "report.html", ".flowsim-output" })
                Assert.True(File.Exists(Path.Combine(outDir, f)), f);
            Assert.Equal(["out"], OutputScratch.Entries(parent));
        }
    }

    /// <summary>A run killed with SIGKILL leaves its temp directory (it cannot clean up); the next run into the same
    /// directory removes it, because the killed process's lock is gone.</summary>
    [Fact]
    public void KilledRunsTempDirectory_IsRemovedByTheNextRun()
    {
        if (!OperatingSystem.IsLinux()) return;
        string parent = CliHarness.TempDir();
        string scenario = Path.Combine(parent, "long.yaml");
        File.WriteAllText(scenario, """
            model: {type: asymmetric-factorization, rows: 100, columns: 100}
            target: {spectrum: [1.0, 0.5]}
            dynamics: [{type: descent, eta: 0.001, steps: 100000}]
            record: {points: 11, metrics: [loss]}
            """);
        string outDir = Path.Combine(parent, "out");
        using (var killed = StartCli("run", scenario, "--out", outDir))
        {
            // The progress line comes after the output directory was set up: its temp directory exists and is locked.
            string? line;
            while ((line = killed.StandardError.ReadLine()) is not null && !line.Contains("running to", StringComparison.Ordinal)) { }
            Assert.NotNull(line);
            killed.Kill(entireProcessTree: true);
            killed.WaitForExit();
        }
        var left = Directory.GetDirectories(parent, ".out.tmp-*");
        Assert.Single(left);
        Assert.True(File.Exists(Path.Combine(left[0], ".flowsim-live")));
        var (exit, _, err) = CliHarness.Run("run", Example("scalar.json"), "--out", outDir, "-q");
        Assert.True(exit == 0, err);
        Assert.Equal(["long.yaml", "out"], OutputScratch.Entries(parent));
    }

    /// <summary>On a full disk (a small tmpfs; root only) neither <c>ode-suite --json</c> nor <c>run</c> leaves a partial
    /// or empty file, a temp file or a temp directory; an existing JSON file keeps its contents.</summary>
    [Fact]
    public void FullDisk_LeavesNothingPartial()
    {
        using var disk = SmallDisk.TryMount(256);
        if (disk is null) return;
        string json = Path.Combine(disk.Root, "suite.json");
        File.WriteAllText(json, "previous\n");
        disk.FillLeaving(1024);
        var (exit, _, err) = CliHarness.Run("ode-suite", "--method", "dp5", "--json", json);
        Assert.NotEqual(0, exit);
        Assert.False(CliHarness.HasStackTrace(err), err);
        Assert.Equal("previous\n", File.ReadAllText(json));
        var (exit2, _, err2) = CliHarness.Run("run", Example("deep.yaml"), "--out", Path.Combine(disk.Root, "out"), "-q");
        Assert.NotEqual(0, exit2);
        Assert.False(CliHarness.HasStackTrace(err2), err2);
        Assert.Equal(["filler", "suite.json"], OutputScratch.Entries(disk.Root));
    }

    private static Process StartCli(params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "FlowSim.Cli.dll");
        var psi = new ProcessStartInfo("dotnet", [dll, .. args]) { RedirectStandardError = true, RedirectStandardOutput = true };
        psi.Environment["CI"] = "1";
        return Process.Start(psi)!;
    }

    private sealed class FirstRunDuring(Action firstRun) : FlowSim.Scenarios.IScenarioProgress
    {
        private bool _done;

        public void Begin(string name, double endTime)
        {
            if (_done) return;
            _done = true;
            firstRun();
        }

        public void Update(double time, long steps) { }
        public void End(FlowSim.Scenarios.DynamicsStatus status) { }
    }
}

using FlowSim.Reports;
using Xunit;

namespace FlowSim.Tests.Reports.Output;

/// <summary>Issue 16's data-loss cases at the library level: which targets are refused, and what may be replaced.</summary>
public sealed class OutputDirectoryTargetTests
{
    [Fact]
    public void TrailingSeparator_MeansTheDirectoryItself_AndTheTempDirectorySitsBesideIt()
    {
        using var scratch = OutputScratch.Parent();
        string parent = scratch.Path;
        string target = Path.Combine(parent, "old");
        OutputScratch.WriteRun(target, "first");
        using (var output = new OutputDirectory(target + "/", OutputLayout.Run, replace: true))
        {
            Assert.Equal(target, output.FinalPath);
            Assert.Equal(parent, Path.GetDirectoryName(output.TempPath));
            output.WriteText("summary.json", "second");
            output.Commit();
        }
        using (var output = new OutputDirectory(target + "//", OutputLayout.Run, replace: true))
            Assert.Equal(target, output.FinalPath);
        Assert.Equal("second", File.ReadAllText(Path.Combine(target, "summary.json")));
        Assert.Equal(["old"], OutputScratch.Entries(parent));
        Assert.Equal([".flowsim-output", "summary.json"], OutputScratch.Entries(target));
    }

    [Fact]
    public void ForeignDirectory_IsNeverReplaced_EvenWithReplace()
    {
        using var scratch = OutputScratch.Parent();
        string parent = scratch.Path;
        string old = Path.Combine(parent, "old");
        Directory.CreateDirectory(old);
        File.WriteAllText(Path.Combine(old, "notes.txt"), "keep");
        var ex = Assert.Throws<OutputDirectoryException>(() => new OutputDirectory(old + "/", OutputLayout.Run, replace: true));
        Assert.StartsWith(old + "/: refusing to replace this directory: it holds notes.txt", ex.Message);
        Assert.Equal(old + "/", ex.Directory);
        Assert.Equal(["notes.txt"], OutputScratch.Entries(old));
        Assert.Equal(["old"], OutputScratch.Entries(parent));

        // A FlowSim output to which the user added a file is not replaced either: the file would be lost.
        string run = Path.Combine(parent, "run");
        OutputScratch.WriteRun(run, "x");
        File.WriteAllText(Path.Combine(run, "figures", "my-notes.txt"), "keep");
        ex = Assert.Throws<OutputDirectoryException>(() => new OutputDirectory(run, OutputLayout.Run, replace: true));
        Assert.Contains("figures/my-notes.txt", ex.Message);

        // Another kind of FlowSim output is not replaced by a run.
        string report = Path.Combine(parent, "report");
        new ReportWriter().Write(ReportTestData.DemoReport(), report);
        ex = Assert.Throws<OutputDirectoryException>(() => new OutputDirectory(report, OutputLayout.Run, replace: true));
        Assert.Contains("claims.csv", ex.Message);
        Assert.True(File.Exists(Path.Combine(report, "report.json")));
    }

    [Fact]
    public void LegacyOutputWithoutMarker_IsReplaced_ButAnUnmarkedLookalikeIsNot()
    {
        using var scratch = OutputScratch.Parent();
        string parent = scratch.Path;
        string legacy = Path.Combine(parent, "legacy");
        Directory.CreateDirectory(Path.Combine(legacy, "figures"));
        File.WriteAllText(Path.Combine(legacy, "summary.json"), "{}");
        File.WriteAllText(Path.Combine(legacy, "trajectory.csv"), "dynamics,time,iterate\n");
        OutputScratch.WriteRun(legacy, "new", replace: true);
        Assert.Equal("new", File.ReadAllText(Path.Combine(legacy, "summary.json")));
        Assert.False(File.Exists(Path.Combine(legacy, "trajectory.csv")));

        string lookalike = Path.Combine(parent, "lookalike");
        Directory.CreateDirectory(lookalike);
        File.WriteAllText(Path.Combine(lookalike, "report.html"), "mine");
        var ex = Assert.Throws<OutputDirectoryException>(() => new OutputDirectory(lookalike, OutputLayout.Run, replace: true));
        Assert.Contains("no .flowsim-output marker", ex.Message);
    }

    [Fact]
    public void WorkingDirectory_Root_Home_AndTheirParents_AreRefused_BeforeAnythingIsCreated()
    {
        string cwd = Environment.CurrentDirectory;
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var cases = new List<(string Path, string Why)>
        {
            (".", "working directory"), ("./", "working directory"), (cwd, "working directory"), (cwd + "/.", "working directory"),
            (Path.GetDirectoryName(cwd)!, "working directory"), ("..", "working directory"),
            ("/", "root directory"), ("~", "'~' was not expanded"), ("~/runs", "'~' was not expanded"),
        };
        if (home.Length > 0 && !OutputTargetIsUnder(cwd, home))
        {
            cases.Add((home, "home directory"));
            cases.Add((home + "/", "home directory"));
        }
        foreach (var (path, why) in cases)
        {
            foreach (bool replace in new[] { false, true })
            {
                var ex = Assert.Throws<OutputDirectoryException>(() => new OutputDirectory(path, OutputLayout.Run, replace));
                Assert.True(ex.Message.StartsWith(path + ": ", StringComparison.Ordinal) && ex.Message.Contains(why), $"{path}: {ex.Message}");
            }
        }
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(cwd)!, ".flowsim-lock")));
    }

    [Fact]
    public void FileAndSymbolicLinkTargets_AreRefused()
    {
        using var scratch = OutputScratch.Parent();
        string parent = scratch.Path;
        string file = Path.Combine(parent, "a-file");
        File.WriteAllText(file, "x");
        Assert.Contains("a file of that name exists", Assert.Throws<OutputDirectoryException>(() => new OutputDirectory(file, OutputLayout.Run, true)).Message);
        string real = Path.Combine(parent, "real");
        OutputScratch.WriteRun(real, "kept");
        string link = Path.Combine(parent, "link");
        Directory.CreateSymbolicLink(link, real);
        Assert.Contains("symbolic link", Assert.Throws<OutputDirectoryException>(() => new OutputDirectory(link, OutputLayout.Run, true)).Message);
        Assert.Equal("kept", File.ReadAllText(Path.Combine(real, "summary.json")));
        Assert.Equal("x", File.ReadAllText(file));
    }

    private static bool OutputTargetIsUnder(string path, string home) =>
        path.StartsWith(home.TrimEnd('/') + "/", StringComparison.Ordinal) || path == home;
}

/// <summary>Changes HOME, which is process-wide: runs in the sequential collection.</summary>
[Collection("Cli")]
public sealed class OutputDirectoryHomeTests
{
    [Fact]
    public void ParentOfAScratchHome_IsRefused()
    {
        using var scratch = OutputScratch.Parent();
        string parent = scratch.Path;
        string? saved = Environment.GetEnvironmentVariable("HOME");
        try
        {
            string home = Path.Combine(parent, "home");
            Directory.CreateDirectory(home);
            File.WriteAllText(Path.Combine(home, ".bashrc"), "keep");
            if (OperatingSystem.IsWindows()) return;
            Environment.SetEnvironmentVariable("HOME", home);
            Assert.Contains("home directory", Assert.Throws<OutputDirectoryException>(() => new OutputDirectory(home, OutputLayout.Run, true)).Message);
            Assert.Contains("home directory", Assert.Throws<OutputDirectoryException>(() => new OutputDirectory(parent, OutputLayout.Run, true)).Message);
            Assert.Equal("keep", File.ReadAllText(Path.Combine(home, ".bashrc")));
        }
        finally
        {
            Environment.SetEnvironmentVariable("HOME", saved);
        }
    }
}

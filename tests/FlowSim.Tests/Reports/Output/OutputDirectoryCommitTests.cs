using FlowSim.Reports;
using Xunit;

namespace FlowSim.Tests.Reports.Output;

/// <summary>The commit step: checked again at commit, replacement by move-aside-and-swap, concurrent runs, recovery of an
/// interrupted swap.</summary>
public sealed class OutputDirectoryCommitTests
{
    [Fact]
    public void NonEmptyTarget_WithoutReplace_IsRefusedAtTheStart()
    {
        using var scratch = OutputScratch.Parent();
        string parent = scratch.Path;
        string target = Path.Combine(parent, "out");
        OutputScratch.WriteRun(target, "first");
        var ex = Assert.Throws<OutputDirectoryException>(() => new OutputDirectory(target, OutputLayout.Run, replace: false));
        Assert.Equal($"{target}: the output directory exists and is not empty (use --force to replace it)", ex.Message);
        Assert.Equal("first", File.ReadAllText(Path.Combine(target, "summary.json")));
        Assert.Equal(["out"], OutputScratch.Entries(parent));
    }

    /// <summary>Two runs start into the same new directory; the first finishes while the second runs. The second must be
    /// refused at its commit and leave the first's output as it was.</summary>
    [Fact]
    public void SecondRunWithoutReplace_IsRefusedAtCommit_WhenTheFirstFinishedMeanwhile()
    {
        using var scratch = OutputScratch.Parent();
        string parent = scratch.Path;
        string target = Path.Combine(parent, "out");
        using (var second = new OutputDirectory(target, OutputLayout.Run, replace: false))
        {
            second.WriteText("summary.json", "second");
            OutputScratch.WriteRun(target, "first");
            var ex = Assert.Throws<OutputDirectoryException>(second.Commit);
            Assert.Equal($"{target}: the output directory exists and is not empty (use --force to replace it)", ex.Message);
        }
        Assert.Equal("first", File.ReadAllText(Path.Combine(target, "summary.json")));
        Assert.Equal(["out"], OutputScratch.Entries(parent));
    }

    [Fact]
    public void EmptyExistingDirectory_IsFilled_WithoutReplace()
    {
        using var scratch = OutputScratch.Parent();
        string parent = scratch.Path;
        string target = Path.Combine(parent, "out");
        Directory.CreateDirectory(target);
        OutputScratch.WriteRun(target, "only");
        Assert.Equal("only", File.ReadAllText(Path.Combine(target, "summary.json")));
    }

    /// <summary>Several replacing runs into one target at the same time, forty rounds: every run succeeds, the target
    /// always ends complete (one run's files, all of them), and nothing is left beside it.</summary>
    [Fact]
    public void ConcurrentReplacingRuns_AllSucceed_AndLeaveOneCompleteOutput()
    {
        using var scratch = OutputScratch.Parent();
        string parent = scratch.Path;
        string target = Path.Combine(parent, "out");
        for (int round = 0; round < 40; round++) // with 8, a read racing another run's swap failed about one suite run in ten
        {
            const int runs = 4;
            var failures = new List<Exception>();
            using var start = new Barrier(runs);
            var threads = Enumerable.Range(0, runs).Select(id => new Thread(() =>
            {
                try
                {
                    start.SignalAndWait();
                    using var output = new OutputDirectory(target, OutputLayout.Run, replace: true);
                    for (int f = 0; f < 5; f++) output.WriteText($"figures/f{f}.svg", $"{round}-{id}");
                    output.WriteText("summary.json", $"{round}-{id}");
                    output.Commit();
                }
                catch (Exception ex)
                {
                    lock (failures) failures.Add(ex);
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            Assert.True(failures.Count == 0, string.Join("\n----\n", failures.Select(f => f.ToString())));
            string winner = File.ReadAllText(Path.Combine(target, "summary.json"));
            Assert.StartsWith($"{round}-", winner);
            for (int f = 0; f < 5; f++) Assert.Equal(winner, File.ReadAllText(Path.Combine(target, "figures", $"f{f}.svg")));
            Assert.Equal(["out"], OutputScratch.Entries(parent));
        }
    }

    /// <summary>Concurrent runs without replace into one new directory: exactly one wins, the others are refused.</summary>
    [Fact]
    public void ConcurrentRunsWithoutReplace_ExactlyOneSucceeds()
    {
        using var scratch = OutputScratch.Parent();
        string parent = scratch.Path;
        for (int round = 0; round < 6; round++)
        {
            string target = Path.Combine(parent, $"out{round}");
            const int runs = 4;
            int succeeded = 0, refused = 0;
            using var start = new Barrier(runs);
            var threads = Enumerable.Range(0, runs).Select(id => new Thread(() =>
            {
                start.SignalAndWait();
                try
                {
                    using var output = new OutputDirectory(target, OutputLayout.Run, replace: false);
                    output.WriteText("summary.json", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    output.Commit();
                    Interlocked.Increment(ref succeeded);
                }
                catch (OutputDirectoryException)
                {
                    Interlocked.Increment(ref refused);
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            Assert.Equal((1, runs - 1), (succeeded, refused));
        }
        Assert.Equal(Enumerable.Range(0, 6).Select(r => $"out{r}"), OutputScratch.Entries(parent));
    }

    /// <summary>A replacement killed between its two renames leaves the target missing and the old output aside; the
    /// next run into the target puts it back first.</summary>
    [Fact]
    public void OutputLeftAsideByAKilledReplacement_IsPutBack()
    {
        using var scratch = OutputScratch.Parent();
        string parent = scratch.Path;
        string target = Path.Combine(parent, "out");
        OutputScratch.WriteRun(target, "previous");
        Directory.Move(target, Path.Combine(parent, ".out.old-0123456789abcdef0123456789abcdef"));
        using (var next = new OutputDirectory(target, OutputLayout.Run, replace: false))
        {
            Assert.Equal("previous", File.ReadAllText(Path.Combine(target, "summary.json")));
            Assert.Throws<OutputDirectoryException>(next.Commit); // no --force: the restored output stays
        }
        Assert.Equal(["out"], OutputScratch.Entries(parent));
        Assert.Equal("previous", File.ReadAllText(Path.Combine(target, "summary.json")));
    }

    [Fact]
    public void FailureBeforeCommit_LeavesNothing_AndKeepsThePreviousOutput()
    {
        using var scratch = OutputScratch.Parent();
        string parent = scratch.Path;
        string target = Path.Combine(parent, "out");
        void FailingRun()
        {
            using var output = new OutputDirectory(target, OutputLayout.Run, replace: true);
            output.WriteText("summary.json", "partial");
            throw new IOException("No space left on device (injected)");
        }
        Assert.Throws<IOException>(FailingRun);
        Assert.Empty(OutputScratch.Entries(parent));
        OutputScratch.WriteRun(target, "previous");
        Assert.Throws<IOException>(FailingRun);
        Assert.Equal(["out"], OutputScratch.Entries(parent));
        Assert.Equal("previous", File.ReadAllText(Path.Combine(target, "summary.json")));
    }
}

using System.Text;
using FlowSim.Reports;
using Xunit;

namespace FlowSim.Tests.Reports.Output;

/// <summary>Single files by temp-and-rename: a failure (injected, or a real full disk) leaves neither a partial file nor a
/// temp file, and an existing file keeps its contents.</summary>
public sealed class AtomicFileTests
{
    [Fact]
    public void FailedWrite_LeavesNoFile_AndKeepsThePreviousOne()
    {
        using var scratch = OutputScratch.Parent();
        string parent = scratch.Path;
        string path = Path.Combine(parent, "suite.json");
        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(Encoding.UTF8.GetBytes("{\"method\": \"dp5\", "));
            throw new IOException("No space left on device (injected)");
        }));
        Assert.Empty(Directory.EnumerateFileSystemEntries(parent));
        AtomicFile.WriteAllText(path, "{}\n");
        Assert.Throws<IOException>(() => AtomicFile.WriteUsingTempPath(path, temp =>
        {
            File.WriteAllText(temp, "{\"partial");
            throw new IOException("No space left on device (injected)");
        }));
        Assert.Equal("{}\n", File.ReadAllText(path));
        Assert.Equal(["suite.json"], Directory.EnumerateFileSystemEntries(parent).Select(Path.GetFileName));
    }

    [Fact]
    public void DirectoryTarget_IsRefused()
    {
        using var scratch = OutputScratch.Parent();
        string parent = scratch.Path;
        Assert.Contains("is a directory", Assert.Throws<IOException>(() => AtomicFile.WriteAllText(parent, "x")).Message);
    }

    /// <summary>A real full disk: a 256 KiB tmpfs filled to its last few KiB. Needs root and mount(8); where that is not
    /// available the injected failure above covers the same path.</summary>
    [Fact]
    public void FullDisk_LeavesNoPartialFile_NoTempFile_AndNoOutputDirectory()
    {
        using var disk = SmallDisk.TryMount(256);
        if (disk is null) return;
        string path = Path.Combine(disk.Root, "suite.json");
        File.WriteAllText(path, "previous\n");
        disk.FillLeaving(8 * 1024);
        var big = new string('x', 64 * 1024);
        // Streamed in pieces, as ode-suite's JSON writer does (File.WriteAllText preallocates and fails before creating
        // anything, which would not exercise the clean-up).
        void Streamed(string target) => AtomicFile.WriteUsingTempPath(target, temp =>
        {
            using var stream = File.Create(temp);
            for (int i = 0; i < 64; i++) stream.Write(Encoding.UTF8.GetBytes(big[..1024]));
        });
        Assert.ThrowsAny<IOException>(() => Streamed(path));
        Assert.Equal("previous\n", File.ReadAllText(path));
        Assert.ThrowsAny<IOException>(() => Streamed(Path.Combine(disk.Root, "new.json")));
        Assert.Equal(["filler", "suite.json"], Directory.EnumerateFileSystemEntries(disk.Root).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        string target = Path.Combine(disk.Root, "out");
        Assert.ThrowsAny<IOException>(() =>
        {
            using var output = new OutputDirectory(target, OutputLayout.Run, replace: false);
            using (var stream = File.Create(output.PathOf("trajectory.csv")))
                for (int i = 0; i < 64; i++) stream.Write(Encoding.UTF8.GetBytes(big[..1024]));
            output.Commit();
        });
        Assert.Equal(["filler", "suite.json"], OutputScratch.Entries(disk.Root));
    }
}

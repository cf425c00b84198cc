using System.Diagnostics;

namespace FlowSim.Tests.Reports.Output;

/// <summary>A tmpfs of a few hundred KiB mounted for one test (root and mount(8) required), unmounted on dispose.</summary>
internal sealed class SmallDisk : IDisposable
{
    private SmallDisk(string root) => Root = root;

    public string Root { get; }

    /// <summary>Mounts a tmpfs of <paramref name="kib"/> KiB, or returns null where that is not possible.</summary>
    public static SmallDisk? TryMount(int kib)
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root" || !File.Exists("/bin/mount") && !File.Exists("/usr/bin/mount")) return null;
        string root = Path.Combine(Path.GetTempPath(), "flowsim-small-disk-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        if (Run("mount", "-t", "tmpfs", "-o", $"size={kib}k", "tmpfs", root) == 0) return new SmallDisk(root);
        Directory.Delete(root);
        return null;
    }

    /// <summary>Writes a filler file until fewer than <paramref name="freeBytes"/> bytes are left.</summary>
    public void FillLeaving(long freeBytes)
    {
        long free = new DriveInfo(Root).AvailableFreeSpace;
        using var filler = new FileStream(Path.Combine(Root, "filler"), FileMode.Create);
        filler.Write(new byte[Math.Max(0, free - freeBytes)]);
    }

    public void Dispose()
    {
        Run("umount", Root);
        try { Directory.Delete(Root); }
        catch (IOException) { }
    }

    private static int Run(string file, params string[] args)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            p.StandardError.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}

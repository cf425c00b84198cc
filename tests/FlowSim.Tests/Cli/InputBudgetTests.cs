using System.Diagnostics;
using System.Text;
using Xunit;
using Xunit.Abstractions;

namespace FlowSim.Tests.Cli;

/// <summary>
/// Issue 16, budgets on input: <c>flowsim run /dev/zero</c> and <c>target.file: /dev/zero</c> read without limit, and a
/// 100–200 KB YAML file with 20,000 nested flow mappings or 50,000 nested lists killed the process with a stack
/// overflow (exit 134, a 45,000-line trace). Each must now be exit 2 with the path or line named and nothing written;
/// a regression of the nesting checks would end the test process, not just fail a test.
/// </summary>
[Collection("Cli")]
public sealed class InputBudgetTests(ITestOutputHelper output)
{
    private const string Deep = """
        model: {type: deep-factorization, size: 2, depth: 3}
        target: {diagonal: [1.0, 0.5]}
        dynamics:
          - type: flow
        stop: {t_end: 1}
        """;

    private static (int Exit, string Err, string OutDir) Run(string scenario, string command = "run")
    {
        string outDir = Path.Combine(CliHarness.TempDir(), "out");
        var (exit, stdout, err) = command == "run"
            ? CliHarness.Run("run", scenario, "--out", outDir, "-q")
            : CliHarness.Run(command, scenario);
        Assert.False(CliHarness.HasStackTrace(err), err);
        if (exit != 0) Assert.DoesNotContain("{", stdout);
        return (exit, err, outDir);
    }

    private static string Write(string name, string text)
    {
        string file = Path.Combine(CliHarness.TempDir(), name);
        File.WriteAllText(file, text);
        return file;
    }

    [Theory]
    [InlineData("run")]
    [InlineData("scenario")]
    public void DevZero_And_Directories_AreRefusedWithTheirPath(string command)
    {
        var (exit, err, outDir) = Run("/dev/zero", command);
        Assert.Equal(2, exit);
        Assert.Contains("/dev/zero: cannot read the scenario file (is empty or not a regular file", err);
        Assert.False(Directory.Exists(outDir));

        string dir = CliHarness.TempDir();
        (exit, err, _) = Run(dir, command);
        Assert.Equal(2, exit);
        Assert.Contains($"{dir}: cannot read the scenario file (is a directory, not a file)", err);
    }

    /// <summary>A link is judged by its target: its own length is that of the target's name, which once cut a linked
    /// scenario to its first few dozen bytes.</summary>
    [Fact]
    public void SymbolicLinks_AreJudgedByTheirTarget()
    {
        string dir = CliHarness.TempDir();
        string good = Path.Combine(dir, "deep.yaml"), zero = Path.Combine(dir, "zero.yaml"), broken = Path.Combine(dir, "broken.yaml");
        File.CreateSymbolicLink(good, Path.Combine(CliHarness.Examples, "deep.yaml"));
        File.CreateSymbolicLink(zero, "/dev/zero");
        File.CreateSymbolicLink(broken, Path.Combine(dir, "nothing.yaml"));
        var (exit, stdout, err) = CliHarness.Run("scenario", good);
        Assert.True(exit == 0, err);
        Assert.Equal(CliHarness.Run("scenario", Path.Combine(CliHarness.Examples, "deep.yaml")).Out, stdout);
        (exit, err, _) = Run(zero, "scenario");
        Assert.Equal(2, exit);
        Assert.Contains($"{zero}: cannot read the scenario file (is empty or not a regular file", err);
        (exit, err, _) = Run(broken, "scenario");
        Assert.Equal(2, exit);
        Assert.Contains("nothing.yaml, which does not exist", err);
    }

    [Fact]
    public void Fifo_IsRefusedWithoutOpeningIt()
    {
        string fifo = Path.Combine(CliHarness.TempDir(), "s.yaml");
        try
        {
            using var mk = Process.Start(new ProcessStartInfo("mkfifo", fifo) { UseShellExecute = false })!;
            mk.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Checked by the /dev/zero case: the same length test refuses pipes.
        }
        if (!File.Exists(fifo))
        {
            output.WriteLine("mkfifo is not available here; the length check that refuses a pipe is covered by the /dev/zero case.");
            return;
        }
        var (exit, err, outDir) = Run(fifo);
        Assert.Equal(2, exit);
        Assert.Contains($"{fifo}: cannot read the scenario file (is empty or not a regular file", err);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void OversizedScenarioFile_IsRefusedBeforeReading()
    {
        string file = Path.Combine(CliHarness.TempDir(), "big.yaml");
        using (var f = File.Create(file)) f.SetLength(17L << 20);   // sparse: nothing to read, only a length
        var (exit, err, outDir) = Run(file);
        Assert.Equal(2, exit);
        Assert.Contains("big.yaml: cannot read the scenario file (is 17 MiB, more than the 16 MiB FlowSim reads from such a file)", err);
        Assert.False(Directory.Exists(outDir));
    }

    [Theory]
    [InlineData("/dev/zero", "is empty or not a regular file")]
    [InlineData("..", "is a directory, not a file")]
    [InlineData("missing.csv", "no such file")]
    public void TargetFile_MustBeARegularFile(string target, string expected)
    {
        string file = Write("s.yaml", Deep.Replace("target: {diagonal: [1.0, 0.5]}", $"target: {{file: '{target}'}}"));
        var (exit, err, outDir) = Run(file);
        Assert.Equal(2, exit);
        Assert.Contains("s.yaml: target.file: '", err);
        Assert.Contains(expected, err);
        Assert.False(Directory.Exists(outDir));
    }

    [Theory]
    [InlineData("flow-mappings", 20_000)]
    [InlineData("lists", 50_000)]
    [InlineData("block-mappings", 3_000)]
    public void DeeplyNestedYaml_IsRefusedBeforeTheTreeIsBuilt(string kind, int depth)
    {
        var text = new StringBuilder("model: ");
        switch (kind)
        {
            case "flow-mappings": text.Append(string.Concat(Enumerable.Repeat("{a: ", depth))).Append('1').Append('}', depth); break;
            case "lists": text.Append('[', depth).Append(']', depth); break;
            default:
                text.Clear();
                for (int i = 0; i < depth; i++) text.Append(' ', 2 * i).Append("a:\n");
                text.Append(' ', 2 * depth).Append("b: 1\n");
                break;
        }
        string file = Write("nested.yaml", text.Append('\n').ToString());
        output.WriteLine($"{kind}: {new FileInfo(file).Length} bytes");
        var (exit, err, outDir) = Run(file);
        Assert.Equal(2, exit);
        Assert.Contains("nested.yaml: line ", err);
        Assert.Contains("nested deeper than 64 levels", err);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void AliasBomb_IsRefusedOnTheEventStream()
    {
        // Nine levels of ten aliases each: 10⁹ nodes once expanded, from 400 bytes.
        var text = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 9; i++)
            text.Append((char)('a' + i)).Append(": &").Append((char)('a' + i)).Append(" [")
                .Append(string.Join(", ", Enumerable.Repeat("*" + (char)('a' + i - 1), 10))).Append("]\n");
        var (exit, err, outDir) = Run(Write("bomb.yaml", text.ToString()));
        Assert.Equal(2, exit);
        Assert.Contains("bomb.yaml: line ", err);
        Assert.Contains("more than 1000000 nodes (aliases expanded)", err);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void ModestAliases_AreStillAccepted()
    {
        string text = Deep.Replace("target: {diagonal: [1.0, 0.5]}", "target: {diagonal: &d [0.5, 1.0]}") + "\nrecord: {times: *d}\n";
        string file = Write("ok.yaml", text);
        var (exit, stdout, err) = CliHarness.Run("scenario", file);
        Assert.True(exit == 0, err);
        Assert.Contains("\"times\": [\n      0.5,\n      1\n    ]", stdout);
    }
}

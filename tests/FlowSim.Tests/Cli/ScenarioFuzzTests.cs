using System.Text.RegularExpressions;
using Xunit;
using Xunit.Abstractions;

namespace FlowSim.Tests.Cli;

/// <summary>
/// A seeded fuzzer over the example scenarios: truncation, wrong types, negative, zero, huge and non-finite numbers,
/// renamed (unknown) keys, broken YAML/JSON syntax, deleted and duplicated lines. Every variant runs <c>flowsim run</c>
/// in-process. Required: no unhandled exception, no stack trace on stderr, exit code 2 with no output directory (and no
/// temp directory) left behind — or exit 0 when the mutation happened to stay valid, with a complete output directory.
/// </summary>
[Collection("Cli")]
public sealed class ScenarioFuzzTests(ITestOutputHelper output)
{
    private const int VariantsPerExample = 60;

    private static readonly string[] NumberReplacements =
        ["-1", "0", "-0.1", "1e308", "1e400", "-1e400", "99999999999", "2.5", ".nan", ".inf", "\"3\"", "abc", "[1, 2]", "{a: 1}", "true", "null", ""];
    private static readonly string[] Garbage = ["[", "]", "{", "}", ":", "\t", "- ", "\"", "'", "&a ", "*b ", "!!binary ", ",", "#", "\n  x", "\0"];

    [Fact]
    public void MutatedExamplesNeverCrashAndLeaveNothingOnError()
    {
        var files = Directory.GetFiles(CliHarness.Examples).Where(f => f.EndsWith(".yaml") || f.EndsWith(".json")).Order(StringComparer.Ordinal).ToArray();
        Assert.True(files.Length >= 4, "one example per model");
        var rng = new Random(20261123);
        int total = 0, valid = 0, rejected = 0;
        string root = CliHarness.TempDir();
        foreach (var file in files)
        {
            string text = File.ReadAllText(file);
            string ext = Path.GetExtension(file);
            for (int v = 0; v < VariantsPerExample; v++)
            {
                string mutated = text;
                int count = 1 + rng.Next(3);
                var kinds = new List<string>();
                for (int m = 0; m < count; m++) mutated = Mutate(mutated, rng, ext == ".json", kinds);
                string dir = Path.Combine(root, $"v{total:D4}");
                Directory.CreateDirectory(dir);
                string scenario = Path.Combine(dir, "fuzz" + ext);
                File.WriteAllText(scenario, mutated);
                string outDir = Path.Combine(dir, "out");
                var (exit, _, err) = CliHarness.Run("run", scenario, "--out", outDir, "-q");
                string label = $"variant {total} of {Path.GetFileName(file)} ({string.Join(", ", kinds)}):\n{mutated}\nstderr:\n{err}";
                Assert.False(CliHarness.HasStackTrace(err), label);
                // 1: a scenario check failed or a dynamics diverged (named on stderr); the outputs are written either way
                string summaryText = exit == 1 ? File.ReadAllText(Path.Combine(outDir, "summary.json")) : "";
                bool checkFailed = summaryText.Contains("\"verdict\": \"fail\"", StringComparison.Ordinal);
                bool diverged = summaryText.Contains("\"status\": \"diverged\"", StringComparison.Ordinal) && err.Contains("diverged", StringComparison.Ordinal);
                Assert.True(exit is 0 or 2 || checkFailed || diverged, $"exit {exit}: {label}");
                if (exit == 2)
                {
                    rejected++;
                    Assert.StartsWith("flowsim: ", err);
                    Assert.False(Directory.Exists(outDir), label);
                    Assert.Equal([scenario], Directory.GetFileSystemEntries(dir));
                }
                else
                {
                    valid++;
                    foreach (var f in new[] { "trajectory.csv", "summary.json", "scenario.json", "report.html", "figures/loss.svg" })
                        Assert.True(File.Exists(Path.Combine(outDir, f)) || (f == "figures/loss.svg" && Directory.GetFiles(Path.Combine(outDir, "figures")).Length > 0),
                            $"{f} missing: {label}");
                    Assert.Contains("\"status\": \"completed\"", File.ReadAllText(Path.Combine(outDir, "summary.json")));
                }
                total++;
            }
        }
        output.WriteLine($"{total} variants: {rejected} rejected with exit 2, {valid} still valid and run");
        Assert.True(total >= 200);
        Assert.True(rejected >= total / 2, $"only {rejected} of {total} variants were rejected: the mutations are too mild");
        Directory.Delete(root, recursive: true);
    }

    private static string Mutate(string text, Random rng, bool json, List<string> kinds)
    {
        switch (rng.Next(7))
        {
            case 0:
                kinds.Add("truncate");
                return text[..rng.Next(text.Length)];
            case 1:
            {
                var nums = Regex.Matches(text, @"(?<![\w.])-?\d+(\.\d+)?([eE][-+]?\d+)?");
                if (nums.Count == 0) goto case 0;
                var m = nums[rng.Next(nums.Count)];
                string r = NumberReplacements[rng.Next(NumberReplacements.Length)];
                if (json && r.StartsWith('{')) r = "{\"a\": 1}";
                kinds.Add($"number {m.Value} -> {r}");
                return text[..m.Index] + r + text[(m.Index + m.Length)..];
            }
            case 2:
            {
                var keys = Regex.Matches(text, json ? "\"([a-z_]+)\"\\s*:" : @"([a-z_]+):");
                if (keys.Count == 0) goto case 0;
                var g = keys[rng.Next(keys.Count)].Groups[1];
                string k = g.Value;
                int pos = rng.Next(k.Length);
                string renamed = rng.Next(3) switch
                {
                    0 => k.Insert(pos, "x"),
                    1 => k.Length > 1 ? k.Remove(pos, 1) : "q",
                    _ => "unknown_" + k,
                };
                kinds.Add($"key {k} -> {renamed}");
                return text[..g.Index] + renamed + text[(g.Index + g.Length)..];
            }
            case 3:
            {
                var words = Regex.Matches(text, json ? "\"([a-z][a-z0-9-]+)\"(?!\\s*:)" : @":\s+([a-z][a-z0-9-]+)\s*$", RegexOptions.Multiline);
                if (words.Count == 0) goto case 0;
                var g = words[rng.Next(words.Count)].Groups[1];
                string w = g.Value, replaced = rng.Next(2) == 0 ? w[..^1] : w + "s";
                kinds.Add($"word {w} -> {replaced}");
                return text[..g.Index] + replaced + text[(g.Index + g.Length)..];
            }
            case 4:
            {
                string junk = Garbage[rng.Next(Garbage.Length)];
                int at = rng.Next(text.Length + 1);
                kinds.Add($"insert {Regex.Escape(junk)} at {at}");
                return text.Insert(at, junk);
            }
            case 5:
            {
                var lines = text.Split('\n').ToList();
                int i = rng.Next(lines.Count);
                kinds.Add($"delete line {i + 1}");
                lines.RemoveAt(i);
                return string.Join('\n', lines);
            }
            default:
            {
                var lines = text.Split('\n').ToList();
                int i = rng.Next(lines.Count);
                kinds.Add($"duplicate line {i + 1}");
                lines.Insert(i, lines[i]);
                return string.Join('\n', lines);
            }
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Xunit;
using Xunit.Abstractions;

namespace FlowSim.Tests.Cli;

/// <summary>
/// Issue 16, culture: with globalization on (<c>DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=0</c>, as some container images
/// set it) and a German or Turkish locale, <c>scalar --alpha 0.1 --eta 0.01</c> ran with α = 1 and η = 1, ode-suite
/// with rtol 1, figure labels read 0,5 and report.json's keys changed. The built <c>flowsim</c> runs as a child process
/// under de_DE and tr_TR and its outputs must equal the invariant run's byte for byte (timings removed).
/// </summary>
public sealed class CultureTests(ITestOutputHelper output)
{
    private static readonly string Cli = Path.Combine(AppContext.BaseDirectory, "FlowSim.Cli.dll");

    /// <summary>The invariant run's outputs, computed once for both locales.</summary>
    private static readonly Lazy<Dictionary<string, string>> Invariant = new(() => RunAll(null));

    /// <summary>Whether this process has ICU's culture data (the in-process test then also uses tr-TR).</summary>
    internal static bool IcuPresent => CultureInfo.GetCultureInfo("de-DE").NumberFormat.NumberDecimalSeparator == ",";

    /// <summary>.NET reads LANG through ICU (libicu); the locale need not be generated in glibc. A child with
    /// globalization on and no ICU stops at start-up ("Couldn't find a valid ICU package"): then the bug cannot be shown
    /// this way, and the test says so (.ci/run installs libicu where apt-get is available).</summary>
    private static readonly Lazy<string?> NoIcuReason = new(() =>
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Cli, "scenario", "--schema" }) start.ArgumentList.Add(a);
        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "0";
        start.Environment["LANG"] = "de_DE.UTF-8";
        using var p = Process.Start(start)!;
        _ = p.StandardOutput.ReadToEndAsync();
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode == 0 ? null : $"flowsim with globalization on did not start (exit {p.ExitCode}): {err.Trim()}";
    });

    [Theory]
    [InlineData("de_DE.UTF-8")]
    [InlineData("tr_TR.UTF-8")]
    public void Outputs_AreTheInvariantRunsBytes_UnderAnotherLocale(string locale)
    {
        if (NoIcuReason.Value is { } why)
        {
            output.WriteLine($"Not run: ICU (libicu) seems missing, so no process can take a German or Turkish culture ({why}). "
                + "CultureInProcessTests covers the parsers and outputs with a comma culture.");
            return;
        }
        var invariant = Invariant.Value;
        var other = RunAll(locale);
        Assert.Equal(invariant.Keys.Order(), other.Keys.Order());
        foreach (var (name, text) in invariant)
        {
            Assert.False(string.IsNullOrEmpty(text), name);
            Assert.True(text == other[name], $"{name} differs under {locale}:\n--- invariant\n{Head(text)}\n--- {locale}\n{Head(other[name])}");
        }
        output.WriteLine($"{invariant.Count} outputs compared under {locale}: {string.Join(", ", invariant.Keys)}");
    }

    /// <summary>Every compared output of one child-process series, by name.</summary>
    private static Dictionary<string, string> RunAll(string? locale)
    {
        string dir = CliHarness.TempDir();
        var outputs = new Dictionary<string, string>();
        outputs["scalar --json"] = Child(locale, "scalar", "--depth", "3", "--lambda", "1", "--alpha", "0.1", "--eta", "0.01", "--t", "0.5,2,10", "--json").Out;
        outputs["scalar text"] = Child(locale, "scalar", "--depth", "3", "--lambda", "1", "--alpha", "0.1", "--eta", "0.01", "--beta", "0.05").Out;
        outputs["bad --lambda message"] = ChildExpecting(locale, 2, "scalar", "--depth", "3", "--lambda", "1,5", "--alpha", "0.1").Err;

        string suite = Path.Combine(dir, "suite.json");
        Child(locale, "ode-suite", "--method", "dp5", "--rtol", "0.001", "--json", suite);
        outputs["ode-suite --json"] = WithoutTimings(File.ReadAllText(suite));

        string run = Path.Combine(dir, "run");
        Child(locale, "run", Path.Combine(CliHarness.Examples, "deep.yaml"), "--out", run, "-q");
        outputs["summary.json"] = CliHarness.WithoutClock(File.ReadAllText(Path.Combine(run, "summary.json")));
        outputs["trajectory.csv"] = File.ReadAllText(Path.Combine(run, "trajectory.csv"));
        outputs["report.html"] = File.ReadAllText(Path.Combine(run, "report.html"));
        foreach (var svg in Directory.GetFiles(Path.Combine(run, "figures")).Order())
            outputs["figures/" + Path.GetFileName(svg)] = File.ReadAllText(svg);

        string report = Path.Combine(dir, "report");
        Child(locale, "validate", "--quick", "--only", "W1,C8,Y5", "--out", report);
        outputs["report.json"] = WithoutTimings(File.ReadAllText(Path.Combine(report, "report.json")));
        return outputs;
    }

    private static (string Out, string Err) Child(string? locale, params string[] args) => ChildExpecting(locale, 0, args);

    private static (string Out, string Err) ChildExpecting(string? locale, int expectExit, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Cli);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["CI"] = "1";
        if (locale is null)
        {
            start.Environment.Remove("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT");
            start.Environment["LANG"] = "C.UTF-8";
            start.Environment.Remove("LC_ALL");
        }
        else
        {
            start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "0";
            start.Environment["LANG"] = locale;
            start.Environment["LC_ALL"] = locale;
        }
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        Assert.True(p.ExitCode == expectExit, $"flowsim {string.Join(' ', args)} under {locale ?? "invariant"}: exit {p.ExitCode}\n{stderr.Result}");
        return (stdout.Result, stderr.Result);
    }

    /// <summary>JSON without the keys that hold wall times and timestamps (the only parts that differ between runs).</summary>
    private static string WithoutTimings(string json)
    {
        var node = JsonNode.Parse(json)!;
        Strip(node);
        return node.ToJsonString();
    }

    private static void Strip(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).Where(k => k is "seconds" or "wall_s" or "started_utc").ToList()) o.Remove(key);
                foreach (var (_, v) in o) Strip(v);
                break;
            case JsonArray a:
                foreach (var v in a) Strip(v);
                break;
        }
    }

    private static string Head(string s) => s.Length > 600 ? s[..600] + "…" : s;
}

/// <summary>The same in-process (Console redirection: the Cli collection): the options parse invariantly even when a
/// caller builds and parses the command line itself under a culture that writes 0,5, and Main's outputs do not change.</summary>
[Collection("Cli")]
public sealed class CultureInProcessTests
{
    [Fact]
    public void InProcess_GermanAndTurkishCultures_ChangeNothing()
    {
        var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture, CultureInfo.DefaultThreadCurrentCulture);
        try
        {
            string Scalar() => CliHarness.Run("scalar", "--depth", "3", "--lambda", "1", "--alpha", "0.1", "--eta", "0.01", "--t", "0.5,2", "--json").Out;
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            string reference = Scalar();
            foreach (var culture in new[] { CommaCulture(), CultureTests.IcuPresent ? CultureInfo.GetCultureInfo("tr-TR") : CommaCulture() })
            {
                CultureInfo.CurrentCulture = culture;
                CultureInfo.DefaultThreadCurrentCulture = culture;
                Assert.Equal(reference, Scalar());
                // The options themselves parse invariantly even when a caller builds and parses without Main.
                CultureInfo.CurrentCulture = culture;
                var parse = FlowSim.Cli.Program.BuildRoot().Parse(["scalar", "--depth", "3", "--lambda", "1", "--alpha", "0.1"]);
                Assert.Empty(parse.Errors);
                Assert.Equal(0.1, parse.GetValue<double>("--alpha"));
            }
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture, CultureInfo.DefaultThreadCurrentCulture) = saved;
        }
    }

    /// <summary>A culture that writes 0,5 whether or not ICU is present (a clone of the invariant one).</summary>
    private static CultureInfo CommaCulture()
    {
        var c = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        c.NumberFormat.NumberDecimalSeparator = ",";
        c.NumberFormat.NumberGroupSeparator = ".";
        Assert.Equal("0,5", 0.5.ToString(c));
        return c;
    }
}

using System.Diagnostics;
using System.Globalization;
using FlowSim.Reports;
using Xunit;

namespace FlowSim.Tests.Examples;

/// <summary>The one-file example runs as a user runs it, <c>dotnet run examples/one-file/flow.cs OUT</c> (a .NET 10
/// file-based program referencing FlowSim.Reports), and its report's flow curve follows the closed form of the symmetric
/// factorisation flow from U₀ = √s₀·I: UUᵀ = diag(σᵢ e^{2σᵢt}/(e^{2σᵢt} − 1 + σᵢ/s₀)) (THEORY §2.3).</summary>
[Collection("OneFile")]
public sealed class OneFileExampleTests
{
    private static readonly double[] Sigma = [3, 2, 1, 0.5];
    private const double S0 = 0.05 * 0.05;

    [Fact]
    public async Task OneFileExample_WritesAReportWhoseFlowFollowsTheClosedForm()
    {
        string file = Path.Combine(Path.GetDirectoryName(Cli.CliHarness.Examples)!, "one-file", "flow.cs");
        string repo = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", ".."));
        string output = Path.Combine(Path.GetTempPath(), "flowsim-one-file-" + Guid.NewGuid().ToString("N"));
        try
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = repo, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "run", file, output }) start.ArgumentList.Add(a);
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            using var process = Process.Start(start)!;
            var stdoutTask = process.StandardOutput.ReadToEndAsync();
            var stderrTask = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            string stdout = await stdoutTask, stderr = await stderrTask;
            Assert.True(process.ExitCode == 0, $"dotnet run {file} exited {process.ExitCode}:\n{stdout}\n{stderr}");
            Assert.Contains(Path.Combine(output, "report.html"), stdout);
            Assert.Equal(["distance.svg", "loss.svg", "singular_values.svg"],
                Directory.GetFiles(Path.Combine(output, "figures")).Select(f => Path.GetFileName(f)!).Order().ToArray());

            var curves = TrajectoryTable.Read(Path.Combine(output, RunReport.CurvesFile));
            Assert.Equal(["loss", "sv1", "sv2", "sv3", "sv4"], curves.Metrics);
            var flow = curves.Rows.Where(r => r.Dynamics == "gradient flow").ToList();
            Assert.Equal(RunCurves.Samples, flow.Count);
            double worst = 0;
            foreach (var r in flow)
            {
                var lambda = Sigma.Select(s => { double e = Math.Exp(2 * s * r.Time); return s * e / (e - 1 + s / S0); }).ToArray();
                double loss = 0.25 * lambda.Zip(Sigma).Sum(p => (p.First - p.Second) * (p.First - p.Second));
                worst = Math.Max(worst, Math.Abs(r.Values[0] - loss) / loss);
                for (int i = 0; i < 4; i++) worst = Math.Max(worst, Math.Abs(r.Values[1 + i] - lambda[i]) / lambda[i]);
            }
            Assert.True(worst < 1e-7, $"largest relative error of the report's flow curve against the closed form: {worst:E2}");
            var distances = DistanceTable.Read(Path.Combine(output, RunReport.DistancesFile));
            Assert.Equal(121, distances.Rows.Count);
            Assert.All(distances.Rows, r => Assert.Equal(r.Iterate * 0.05, r.Time, 12));
            Assert.Contains(distances.Rows.Max(r => r.Distance).ToString("R", CultureInfo.InvariantCulture), File.ReadAllText(Path.Combine(output, "report.html")));
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }
}

/// <summary>The one-file example builds FlowSim with the SDK: alone, after the parallel tests.</summary>
[CollectionDefinition("OneFile", DisableParallelization = true)]
public sealed class OneFileCollection;

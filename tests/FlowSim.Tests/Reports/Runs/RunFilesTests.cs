using FlowSim.Reports;
using FlowSim.Scenarios;
using FlowSim.Tests.Reports.Output;
using Xunit;

namespace FlowSim.Tests.Reports.Runs;

/// <summary>
/// Issue 16, damaged outputs: a point whose trajectory.csv was truncated merged with wrong numbers, and a bad number, a
/// missing key or a wrong type gave exit 1 with a raw .NET message that named no file. <see cref="RunFiles"/> reads a
/// run directory for plot and merge: each damage is a <see cref="RunFileException"/> naming the file (and the line, key
/// or dynamics), and an undamaged run reads back to what was written.
/// </summary>
public sealed class RunFilesTests
{
    private const string Deep = """
        {"model": {"type": "deep-factorization", "size": 3, "depth": 2}, "target": {"diagonal": [1.0, 0.5, -0.2]},
         "initialization": {"type": "identical", "alpha": 0.3},
         "dynamics": [{"type": "flow", "method": "dp5"}, {"type": "descent", "eta": 0.1}],
         "record": {"every": 5, "metrics": ["loss", "effective-rank"]}, "stop": {"t_end": 3}}
        """;

    private static string WriteRun(string parent)
    {
        var result = ScenarioRunner.Run(ScenarioJson.Parse(Deep, "deep.json"));
        string dir = Path.Combine(parent, "run");
        using var output = new OutputDirectory(dir, OutputLayout.Run, replace: false);
        RunReport.Write(output, result, new RunReportSource("deep.json", [], "flowsim test"));
        output.Commit();
        return dir;
    }

    private static void WithRun(Action<string, string, string> test)
    {
        using var scratch = OutputScratch.Parent();
        string parent = scratch.Path;
        string dir = WriteRun(parent);
        test(dir, Path.Combine(dir, "summary.json"), Path.Combine(dir, "trajectory.csv"));
    }

    [Fact]
    public void AnUndamagedRun_ReadsBack() => WithRun((dir, json, csv) =>
    {
        var (summary, table) = RunFiles.ReadRun(dir);
        Assert.Equal(["flow", "descent"], summary.Dynamics.Select(d => d.Name).ToArray());
        Assert.Equal(File.ReadAllText(csv), table.ToCsv());
        foreach (var d in summary.Dynamics) Assert.Equal(d.Records, table.Rows.Count(r => r.Dynamics == d.Name));
    });

    /// <summary>Cut at a line boundary the file still parses: only the summary's record count shows the damage.</summary>
    [Fact]
    public void TruncatedTrajectory_IsCaughtByTheRecordCount() => WithRun((dir, json, csv) =>
    {
        var lines = File.ReadAllLines(csv);
        File.WriteAllLines(csv, lines[..^3]);
        var ex = Assert.Throws<RunFileException>(() => RunFiles.ReadRun(dir));
        Assert.Equal(csv, ex.Path);
        Assert.Contains("rows of dynamics 'descent', but", ex.Message);
        Assert.Contains("summary.json says it recorded", ex.Message);
    });

    [Fact]
    public void TruncatedMidLine_NamesTheLine() => WithRun((dir, json, csv) =>
    {
        string text = File.ReadAllText(csv);
        File.WriteAllText(csv, text[..(text.Length - 9)]);
        var ex = Assert.Throws<RunFileException>(() => RunFiles.ReadRun(dir));
        Assert.Equal($"{csv}: line {text.Split('\n').Length - 1}: the last row has no line end (a truncated file?)", ex.Message);
    });

    [Theory]
    [InlineData(3, "0x1", "loss: not a number ('0x1')")]
    [InlineData(1, "NaN", "time: must be finite (got 'NaN')")]
    [InlineData(0, "", "dynamics: empty name")]
    public void BadCells_NameFileLineAndColumn(int column, string value, string expected) => WithRun((dir, json, csv) =>
    {
        var lines = File.ReadAllLines(csv);
        var cells = lines[4].Split(',');
        cells[column] = value;
        lines[4] = string.Join(',', cells);
        File.WriteAllLines(csv, lines);
        var ex = Assert.Throws<RunFileException>(() => RunFiles.ReadRun(dir));
        Assert.Equal($"{csv}: line 5: {expected}", ex.Message);
    });

    [Theory]
    [InlineData("\"records\": 7", "\"recordz\": 7", "dynamics[1].records: missing")]
    [InlineData("\"status\": \"completed\",\n  \"scenario_file\"", "\"status\": \"done\",\n  \"scenario_file\"", "status: 'done' is not completed or interrupted")]
    [InlineData("\"type\": \"descent\"", "\"type\": \"sprint\"", "dynamics[1].type: unknown type 'sprint'")]
    [InlineData("\"records\": 7", "\"records\": \"seven\"", "dynamics[1].records: not a FlowSim summary")]
    [InlineData("\"records\": 7", "\"records\": 8", "rows of dynamics 'descent', but")]
    public void DamagedSummary_IsNamed(string find, string replace, string expected) => WithRun((dir, json, csv) =>
    {
        string text = File.ReadAllText(json);
        Assert.Contains(find, text);
        int at = text.LastIndexOf(find, StringComparison.Ordinal);   // the dynamics list comes after the resolved scenario
        File.WriteAllText(json, text[..at] + replace + text[(at + find.Length)..]);
        var ex = Assert.Throws<RunFileException>(() => RunFiles.ReadRun(dir));
        Assert.Contains(expected, ex.Message);
        Assert.Contains(expected.StartsWith("rows", StringComparison.Ordinal) ? csv : json, ex.Message);
    });

    [Fact]
    public void FinalLoss_DisagreeingWithTheLastRecordedLoss_IsNamed() => WithRun((dir, json, csv) =>
    {
        var (summary, _) = RunFiles.ReadRun(dir);
        var descent = summary.Dynamics.Single(d => d.Name == "descent");
        string written = ScenarioNode.FormatNumber(descent.FinalLoss);
        string text = File.ReadAllText(json);
        File.WriteAllText(json, text.Replace($"\"final_loss\": {written}", $"\"final_loss\": {ScenarioNode.FormatNumber(descent.FinalLoss * 1.001)}"));
        var ex = Assert.Throws<RunFileException>(() => RunFiles.ReadRun(dir));
        Assert.Contains($"{csv}: dynamics 'descent' recorded loss {written} at its final time, but {json} says final_loss", ex.Message);
    });

    [Fact]
    public void NotAFile_AndTooLarge_AreNamed() => WithRun((dir, json, csv) =>
    {
        File.Delete(csv);
        Directory.CreateDirectory(csv);
        Assert.Equal($"{csv}: is a directory, not a file", Assert.Throws<RunFileException>(() => RunFiles.ReadTrajectory(csv)).Message);
        Directory.Delete(csv);
        using (var f = File.Create(csv)) f.SetLength(InputFile.MaxRunFileBytes + 1);
        Assert.Contains("more than the 1 GiB", Assert.Throws<RunFileException>(() => RunFiles.ReadTrajectory(csv)).Message);
    });

    [Fact]
    public void Redraw_WritesNothingForADamagedRun() => WithRun((dir, json, csv) =>
    {
        string figure = Path.Combine(dir, "figures", "loss.svg");
        File.WriteAllText(figure, "kept");
        File.WriteAllLines(csv, File.ReadAllLines(csv)[..^1]);
        Assert.Throws<RunFileException>(() => RunReport.Redraw(dir));
        Assert.Equal("kept", File.ReadAllText(figure));
    });
}

using System.Text.Json;
using FlowSim.Reports;
using FlowSim.Theory;
using Xunit;

namespace FlowSim.Tests.Reports;

/// <summary>The report files: JSON keys as contracted, CSV rows, self-contained HTML, atomic writes.</summary>
public class ReportWriterTests
{
    private static readonly string[] ProvenanceKeys = ["version", "git_commit", "dotnet", "os", "cpu", "blas", "seed", "started_utc", "wall_s"];
    private static readonly string[] ClaimKeys = ["id", "paper", "source", "kind", "title", "verdict", "measured", "reference", "bound", "tolerance", "margin", "wall_s", "nfev", "parameters"];

    [Fact]
    public void Json_HasTheContractedKeysFirstThenTheDetails_AndTheMeasuredNumbers()
    {
        var report = ReportTestData.DemoReport();
        using var doc = JsonDocument.Parse(ReportJson.Write(report));
        var root = doc.RootElement;
        Assert.Equal(["provenance", "claims", "figures"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(ProvenanceKeys, root.GetProperty("provenance").EnumerateObject().Select(p => p.Name));
        var claims = root.GetProperty("claims").EnumerateArray().ToList();
        Assert.Equal(5, claims.Count);
        // The contracted keys, in order, then the documented details ("message", "reported", "notes").
        Assert.All(claims, c => Assert.Equal([.. ClaimKeys, "message", "reported", "notes"], c.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(report.Claims[0].Message, claims[0].GetProperty("message").GetString());
        Assert.Equal(report.Claims[0].Notes.Count, claims[0].GetProperty("notes").GetArrayLength());
        var figures = root.GetProperty("figures").EnumerateArray().ToList();
        Assert.Equal(["file", "caption"], Assert.Single(figures).EnumerateObject().Select(p => p.Name));
        Assert.Equal("figures/t1-rk4-error.svg", figures[0].GetProperty("file").GetString());

        var prov = root.GetProperty("provenance");
        Assert.Equal(5, prov.GetProperty("seed").GetInt32());
        Assert.Equal("2026-01-02T03:04:05Z", prov.GetProperty("started_utc").GetString());
        Assert.Equal(1.25, prov.GetProperty("wall_s").GetDouble());

        var t1 = claims[0];
        var r1 = report.Claims[0];
        Assert.Equal("closed form", t1.GetProperty("kind").GetString());
        Assert.Equal("pass", t1.GetProperty("verdict").GetString());
        Assert.Equal(r1.Measured, t1.GetProperty("measured").GetDouble()); // round-trips exactly
        Assert.Equal(Math.E, t1.GetProperty("reference").GetDouble());
        Assert.Equal(JsonValueKind.Null, t1.GetProperty("bound").ValueKind);
        Assert.Equal(400, t1.GetProperty("nfev").GetInt64());
        Assert.Equal(100, t1.GetProperty("parameters").GetProperty("steps").GetInt32());

        Assert.Equal("derived analog", claims[2].GetProperty("kind").GetString());
        var t4 = claims[3];
        Assert.Equal("error", t4.GetProperty("verdict").GetString());
        Assert.Equal("NaN", t4.GetProperty("measured").GetString());
        var t5 = claims[4];
        Assert.Equal("fail", t5.GetProperty("verdict").GetString());
        Assert.Equal("Infinity", t5.GetProperty("measured").GetString());
        Assert.Equal(0.0, t5.GetProperty("margin").GetDouble());
        Assert.Equal([3.0, 1.5, -0.5], t5.GetProperty("parameters").GetProperty("λ").EnumerateArray().Select(e => e.GetDouble()));
    }

    [Fact]
    public void Csv_HasOneRowPerClaim_WithRfc4180Quoting()
    {
        var report = ReportTestData.DemoReport();
        string csv = ReportCsv.Write(report);
        var rows = ParseCsv(csv);
        Assert.Equal(1 + report.Claims.Count, rows.Count);
        Assert.Equal(ReportCsv.Columns, rows[0]);
        Assert.All(rows, r => Assert.Equal(ReportCsv.Columns.Count, r.Count));
        var t3 = rows.Single(r => r[0] == "T3");
        Assert.Equal("Another paper, with, commas", t3[1]);
        Assert.Equal("test: \"quoted\" source", t3[2]);
        var t5 = rows.Single(r => r[0] == "T5");
        Assert.Equal("Diverged run, line\nbreak", t5[4]);
        Assert.Equal("Infinity", t5[6]);
        Assert.Equal("λ=[3, 1.5, -0.5]; label=a, \"quoted\" value", t5[15]);
        Assert.EndsWith("\r\n", csv);
    }

    [Fact]
    public void Write_ProducesSelfContainedHtml_AndAllFiles()
    {
        string scratch = ReportTestData.NewScratch();
        try
        {
            string dir = Path.Combine(scratch, "out");
            var files = new ReportWriter().Write(ReportTestData.DemoReport(), dir);
            Assert.Equal(Path.Combine(dir, "report.html"), files.HtmlPath);
            foreach (var f in new[] { "report.html", "report.json", "claims.csv", "figures/t1-rk4-error.svg", "figures/t1-rk4-error.png" })
                Assert.True(File.Exists(Path.Combine(dir, f)), f);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(dir, "figures/t1-rk4-error.png")).Take(4));
            Assert.Empty(files.Notes);

            string html = File.ReadAllText(files.HtmlPath);
            Assert.DoesNotContain("http://", html);
            Assert.DoesNotContain("https://", html);
            Assert.DoesNotContain("src=", html);
            Assert.DoesNotContain("<script", html);
            Assert.DoesNotContain("<link", html);
            Assert.Contains("3 pass</span> / <span class=\"n fail\">1 fail</span> / <span class=\"n error\">1 error", html);
            Assert.Contains("<svg viewBox=", html);
            Assert.Contains("derived analog", html);
            Assert.Contains("deliberate failure in T4", html);
            Assert.Contains("Test figure: error of RK4", html);
            Assert.Contains("|y_k − e^t|", html); // axis title drawn into the inline SVG
        }
        finally
        {
            Directory.Delete(scratch, true);
        }
    }

    [Fact]
    public void InlineSvg_GivesEachFigureItsOwnIds_AndDropsNamespaces()
    {
        var fig = new FigureSpec("a", "A").AddSeries("s", [1.0, 2.0], [1.0, 4.0]);
        string svg = new FigureRenderer().RenderSvg(fig);
        Assert.Contains("xmlns=", svg); // the standalone file keeps its namespace
        string one = InlineSvg.ToFragment(svg, "f1"), two = InlineSvg.ToFragment(svg, "f2");
        Assert.StartsWith("<svg viewBox=\"0 0 760 460\"", one);
        Assert.DoesNotContain("xmlns", one);
        var ids1 = System.Text.RegularExpressions.Regex.Matches(one, "id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        var ids2 = System.Text.RegularExpressions.Regex.Matches(two, "id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(ids1);
        Assert.Empty(ids1.Intersect(ids2));
        Assert.All(System.Text.RegularExpressions.Regex.Matches(one, @"url\(#([^)]+)\)"), m => Assert.Contains(m.Groups[1].Value, ids1));
    }

    [Fact]
    public void Renderer_UsesLogAxesAndLegendNamesAsAsked()
    {
        var fig = new FigureSpec("loglog", "Distance vs step") { XLabel = "η", YLabel = "distance", LogX = true, LogY = true };
        fig.AddSeries("plain flow", [0.1, 0.05, 0.025], [1e-2, 5e-3, 2.5e-3]).AddSeries("modified flow", [0.1, 0.05, 0.025], [1e-3, 2.5e-4, 0.0]);
        var model = new FigureRenderer().BuildModel(fig);
        Assert.All(model.Axes, a => Assert.IsType<OxyPlot.Axes.LogarithmicAxis>(a));
        Assert.Equal(["plain flow", "modified flow"], model.Series.Select(s => s.Title));
        Assert.Equal(2, ((OxyPlot.Series.LineSeries)model.Series[1]).Points.Count); // y = 0 cannot sit on a log axis
        string svg = new FigureRenderer().RenderSvg(fig);
        Assert.Contains(">plain flow<", svg);
        Assert.Contains(">η<", svg);
    }

    [Fact]
    public void FailedFigureRender_LeavesNoDirectory()
    {
        string scratch = ReportTestData.NewScratch();
        try
        {
            string dir = Path.Combine(scratch, "out");
            var ex = Assert.Throws<InvalidOperationException>(() => new ReportWriter(new ThrowingRenderer(svg: true)).Write(ReportTestData.DemoReport(), dir));
            Assert.Equal("render failed", ex.Message);
            Assert.False(Directory.Exists(dir));
            Assert.Empty(Output.OutputScratch.Entries(scratch)); // no temporary sibling either (the shared commit lock aside)
        }
        finally
        {
            Directory.Delete(scratch, true);
        }
    }

    [Fact]
    public void FailedWrite_KeepsThePreviousReport()
    {
        string scratch = ReportTestData.NewScratch();
        try
        {
            string dir = Path.Combine(scratch, "out");
            new ReportWriter().Write(ReportTestData.DemoReport(), dir);
            string before = File.ReadAllText(Path.Combine(dir, "report.json"));
            Assert.Throws<InvalidOperationException>(() => new ReportWriter(new ThrowingRenderer(svg: true)).Write(ReportTestData.DemoReport(), dir));
            Assert.Equal(before, File.ReadAllText(Path.Combine(dir, "report.json")));
            Assert.Equal(["out"], Output.OutputScratch.Entries(scratch));
        }
        finally
        {
            Directory.Delete(scratch, true);
        }
    }

    [Fact]
    public void CancelledWrite_LeavesNoDirectory()
    {
        string scratch = ReportTestData.NewScratch();
        try
        {
            using var cts = new CancellationTokenSource();
            cts.Cancel();
            Assert.ThrowsAny<OperationCanceledException>(() => new ReportWriter().Write(ReportTestData.DemoReport(), Path.Combine(scratch, "out"), cts.Token));
            Assert.Empty(Output.OutputScratch.Entries(scratch));
        }
        finally
        {
            Directory.Delete(scratch, true);
        }
    }

    [Fact]
    public void PngFailure_IsANote_NotAFailure()
    {
        string scratch = ReportTestData.NewScratch();
        try
        {
            string dir = Path.Combine(scratch, "out");
            var files = new ReportWriter(new ThrowingRenderer(svg: false)).Write(ReportTestData.DemoReport(), dir);
            Assert.Contains("PNG export failed (DllNotFoundException: no raster backend)", Assert.Single(files.Notes));
            Assert.True(File.Exists(Path.Combine(dir, "figures/t1-rk4-error.svg")));
            Assert.False(File.Exists(Path.Combine(dir, "figures/t1-rk4-error.png")));
            Assert.Contains("no raster backend", File.ReadAllText(files.HtmlPath));
        }
        finally
        {
            Directory.Delete(scratch, true);
        }
    }

    [Fact]
    public void Write_RefusesToReplaceADirectoryThatIsNotAReport()
    {
        string scratch = ReportTestData.NewScratch();
        try
        {
            File.WriteAllText(Path.Combine(scratch, "precious.txt"), "keep me");
            var ex = Assert.Throws<OutputDirectoryException>(() => new ReportWriter().Write(ReportTestData.DemoReport(), scratch));
            Assert.Equal($"{scratch}: refusing to replace this directory: it holds precious.txt, which FlowSim's validation-report output does not write", ex.Message);
            Assert.Equal("keep me", File.ReadAllText(Path.Combine(scratch, "precious.txt")));
        }
        finally
        {
            Directory.Delete(scratch, true);
        }
    }

    /// <summary>A minimal RFC 4180 reader, independent of the writer: quoted fields, doubled quotes, CRLF records.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString()); field.Clear();
                rows.Add(row); row = [];
                i++;
            }
            else field.Append(c);
        }
        Assert.Empty(row); // the text ends with a record terminator
        return rows;
    }

    private sealed class ThrowingRenderer(bool svg) : IFigureRenderer
    {
        private readonly FigureRenderer _real = new();

        public string RenderSvg(FigureSpec figure) => svg ? throw new InvalidOperationException("render failed") : _real.RenderSvg(figure);

        public byte[] RenderPng(FigureSpec figure) => throw new DllNotFoundException("no raster backend");
    }
}

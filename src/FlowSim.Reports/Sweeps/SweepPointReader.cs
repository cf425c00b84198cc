using System.Text.Json;
using FlowSim.Scenarios;

namespace FlowSim.Reports;

/// <summary>
/// Reads and checks the summary.json of one finished sweep point (either <c>--outputs</c>) in a single streaming pass:
/// the format, a completed run, the <c>point</c> block against the point the grid expects in that directory, and for
/// every dynamics its name, status, final time and loss and final metric values, and the checks' verdicts and margins. All of <c>merge</c>'s parsing of point
/// files is here.
/// </summary>
public static class SweepPointReader
{
    private static readonly HashSet<string> DynamicsStatuses = [.. Enum.GetValues<DynamicsStatus>().Select(s => s.Name())];

    /// <summary>The rows (one per dynamics) of the point in <paramref name="pointDirectory"/>.</summary>
    /// <param name="pointDirectory">The point's directory (marked done).</param>
    /// <param name="point">The index the grid gives that directory.</param>
    /// <param name="parameterPaths">The swept fields, in order.</param>
    /// <param name="values">Their values at the point.</param>
    /// <exception cref="RunFileException">summary.json is missing, unreadable, truncated or malformed, or disagrees with
    /// the point it should be; the message names the file and the line.</exception>
    public static IReadOnlyList<SweepRow> Read(string pointDirectory, int point, IReadOnlyList<string> parameterPaths, IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(pointDirectory);
        ArgumentNullException.ThrowIfNull(parameterPaths);
        ArgumentNullException.ThrowIfNull(values);
        string path = Path.Combine(pointDirectory, SweepPointFiles.SummaryFile);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new RunFileException(path, $"{path}: missing, though the point is marked done");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RunFileException(path, $"{path}: cannot read ({ex.Message})");
        }
        var file = new PointFile(path, bytes, point, parameterPaths, values);
        var reader = new Utf8JsonReader(bytes);
        try
        {
            return file.Parse(ref reader);
        }
        catch (JsonException ex)
        {
            string what = bytes.Length == 0 ? "empty file" : $"truncated or malformed JSON ({ex.Message.ReplaceLineEndings(" ")})";
            throw new RunFileException(path, $"{path}: line {(ex.LineNumber ?? 0) + 1}: {what}");
        }
    }

    private sealed class PointFile(string path, byte[] bytes, int point, IReadOnlyList<string> paths, IReadOnlyList<string> values)
    {
        private bool _pointSeen;

        public IReadOnlyList<SweepRow> Parse(ref Utf8JsonReader r)
        {
            Next(ref r);
            if (r.TokenType != JsonTokenType.StartObject) throw Fail(ref r, "expected a JSON object (a FlowSim summary)");
            int? format = null;
            string? status = null;
            List<SweepRow>? rows = null;
            List<(string Dynamics, SweepCheck Check)> checks = [];
            while (Next(ref r) == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("format"u8)) { Next(ref r); format = Int(ref r, "format"); }
                else if (r.ValueTextEquals("status"u8)) { Next(ref r); status = Text(ref r, "status"); }
                else if (r.ValueTextEquals("point"u8)) { Next(ref r); ReadPoint(ref r); }
                else if (r.ValueTextEquals("dynamics"u8)) { Next(ref r); rows = ReadDynamics(ref r); }
                else if (r.ValueTextEquals("checks"u8)) { Next(ref r); checks = ReadChecks(ref r); }
                else { Next(ref r); r.Skip(); }
            }
            if (r.Read()) throw Fail(ref r, "content after the end of the summary");
            if (format != RunSummary.FormatVersion)
                throw Fail(1, format is null ? "no format (not a FlowSim summary)" : $"format {format}, this FlowSim reads format {RunSummary.FormatVersion}");
            if (status != "completed") throw Fail(1, status is null ? "no status" : $"status '{status}', but the point is marked done");
            if (!_pointSeen) throw Fail(1, "no point block (written by an earlier FlowSim: delete the point and rerun its shard)");
            if (rows is null || rows.Count == 0) throw Fail(1, "no dynamics");
            foreach (var (dynamics, _) in checks)
                if (!rows.Exists(row => row.Dynamics == dynamics)) throw Fail(1, $"checks: a check on '{dynamics}', which is not a dynamics of this point");
            return checks.Count == 0 ? rows : [.. rows.Select(row => row with { Checks = [.. checks.Where(c => c.Dynamics == row.Dynamics).Select(c => c.Check)] })];
        }

        private List<(string Dynamics, SweepCheck Check)> ReadChecks(ref Utf8JsonReader r)
        {
            var checks = new List<(string, SweepCheck)>();
            if (r.TokenType == JsonTokenType.Null) return checks;
            Expect(ref r, JsonTokenType.StartArray, "checks");
            while (Next(ref r) == JsonTokenType.StartObject)
            {
                int line = Line(ref r);
                string where = $"checks[{checks.Count}]";
                string? id = null, dynamics = null, verdict = null;
                double? margin = null;
                while (Next(ref r) == JsonTokenType.PropertyName)
                {
                    if (r.ValueTextEquals("id"u8)) { Next(ref r); id = Text(ref r, where + ".id"); }
                    else if (r.ValueTextEquals("dynamics"u8)) { Next(ref r); dynamics = Text(ref r, where + ".dynamics"); }
                    else if (r.ValueTextEquals("verdict"u8)) { Next(ref r); verdict = Text(ref r, where + ".verdict"); }
                    else if (r.ValueTextEquals("margin"u8)) { Next(ref r); margin = Number(ref r, where + ".margin"); }
                    else { Next(ref r); r.Skip(); }
                }
                if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(dynamics)) throw Fail(line, $"{where}: id or dynamics missing");
                if (verdict is not ("pass" or "fail")) throw Fail(line, $"{where} ({id}): verdict {(verdict is null ? "missing" : $"'{verdict}' unknown")}");
                if (margin is null) throw Fail(line, $"{where} ({id}): margin missing");
                checks.Add((dynamics, new SweepCheck(id, verdict, margin.Value)));
            }
            if (r.TokenType != JsonTokenType.EndArray) throw Fail(ref r, "checks: expected an object for each check");
            return checks;
        }

        private void ReadPoint(ref Utf8JsonReader r)
        {
            Expect(ref r, JsonTokenType.StartObject, "point");
            int? index = null;
            var seen = new List<(string Path, string Value)>();
            int line = Line(ref r);
            while (Next(ref r) == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("index"u8)) { Next(ref r); index = Int(ref r, "point.index"); }
                else if (r.ValueTextEquals("parameters"u8))
                {
                    Next(ref r);
                    Expect(ref r, JsonTokenType.StartObject, "point.parameters");
                    while (Next(ref r) == JsonTokenType.PropertyName)
                    {
                        string key = r.GetString()!;
                        Next(ref r);
                        seen.Add((key, Text(ref r, $"point.parameters.{key}")));
                    }
                }
                else { Next(ref r); r.Skip(); }
            }
            if (index != point) throw Fail(line, $"point.index is {(index is null ? "missing" : index)}, but the directory is point {point}");
            string claimed = string.Join(", ", seen.Select(s => $"{s.Path}={s.Value}"));
            string expected = string.Join(", ", paths.Select((p, i) => $"{p}={values[i]}"));
            if (claimed != expected) throw Fail(line, $"point.parameters are ({claimed}), but point {point} of this sweep is ({expected})");
            _pointSeen = true;
        }

        private List<SweepRow> ReadDynamics(ref Utf8JsonReader r)
        {
            Expect(ref r, JsonTokenType.StartArray, "dynamics");
            var rows = new List<SweepRow>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            while (Next(ref r) == JsonTokenType.StartObject)
            {
                int line = Line(ref r);
                string where = $"dynamics[{rows.Count}]";
                string? name = null, status = null;
                double? time = null, loss = null;
                int? records = null;
                List<KeyValuePair<string, double>>? final = null;
                while (Next(ref r) == JsonTokenType.PropertyName)
                {
                    if (r.ValueTextEquals("name"u8)) { Next(ref r); name = Text(ref r, where + ".name"); }
                    else if (r.ValueTextEquals("status"u8)) { Next(ref r); status = Text(ref r, where + ".status"); }
                    else if (r.ValueTextEquals("final_time"u8)) { Next(ref r); time = Number(ref r, where + ".final_time"); }
                    else if (r.ValueTextEquals("final_loss"u8)) { Next(ref r); loss = Number(ref r, where + ".final_loss"); }
                    else if (r.ValueTextEquals("records"u8)) { Next(ref r); records = Int(ref r, where + ".records"); }
                    else if (r.ValueTextEquals("final"u8)) { Next(ref r); final = ReadFinal(ref r, where + ".final"); }
                    else { Next(ref r); r.Skip(); }
                }
                if (string.IsNullOrEmpty(name)) throw Fail(line, $"{where}: no name");
                where = $"dynamics[{rows.Count}] ({name})";
                if (!names.Add(name)) throw Fail(line, $"{where}: a second dynamics of that name");
                if (status is null || !DynamicsStatuses.Contains(status)) throw Fail(line, $"{where}: status {(status is null ? "missing" : $"'{status}' unknown")}");
                if (time is null || loss is null) throw Fail(line, $"{where}: final_time or final_loss missing");
                if (records is null) throw Fail(line, $"{where}: records missing");
                if (records > 0 && final is null)
                    throw Fail(line, $"{where}: {records} records but no final values (written by an earlier FlowSim: delete the point and rerun its shard)");
                if (records == 0 && final is { Count: > 0 }) throw Fail(line, $"{where}: final values but no records");
                rows.Add(new SweepRow(point, values, name, status, time.Value, loss.Value, final ?? []));
            }
            if (r.TokenType != JsonTokenType.EndArray) throw Fail(ref r, "dynamics: expected an object for each dynamics");
            return rows;
        }

        private List<KeyValuePair<string, double>> ReadFinal(ref Utf8JsonReader r, string where)
        {
            Expect(ref r, JsonTokenType.StartObject, where);
            var final = new List<KeyValuePair<string, double>>();
            while (Next(ref r) == JsonTokenType.PropertyName)
            {
                string metric = r.GetString()!;
                Next(ref r);
                if (final.Any(f => f.Key == metric)) throw Fail(ref r, $"{where}.{metric}: given twice");
                final.Add(new(metric, Number(ref r, $"{where}.{metric}")));
            }
            return final;
        }

        // The reader itself throws on a payload that stops inside a value; this covers a file that stops between values.
        private JsonTokenType Next(ref Utf8JsonReader r) =>
            r.Read() ? r.TokenType : throw new JsonException("the file ends before the summary does", null, bytes.AsSpan().Count((byte)'\n'), null);

        private void Expect(ref Utf8JsonReader r, JsonTokenType type, string where)
        {
            if (r.TokenType != type) throw Fail(ref r, $"{where}: expected {(type == JsonTokenType.StartArray ? "an array" : "an object")}");
        }

        private int Int(ref Utf8JsonReader r, string where) =>
            r.TokenType == JsonTokenType.Number && r.TryGetInt32(out int v) ? v : throw Fail(ref r, $"{where}: expected an integer");

        private string Text(ref Utf8JsonReader r, string where) =>
            r.TokenType == JsonTokenType.String ? r.GetString()! : throw Fail(ref r, $"{where}: expected a string");

        private double Number(ref Utf8JsonReader r, string where)
        {
            if (r.TokenType == JsonTokenType.Number && r.TryGetDouble(out double v)) return v;
            if (r.TokenType == JsonTokenType.String)
            {
                if (r.ValueTextEquals("NaN"u8)) return double.NaN;
                if (r.ValueTextEquals("Infinity"u8)) return double.PositiveInfinity;
                if (r.ValueTextEquals("-Infinity"u8)) return double.NegativeInfinity;
            }
            throw Fail(ref r, $"{where}: expected a number");
        }

        private int Line(ref Utf8JsonReader r) => 1 + bytes.AsSpan(0, (int)r.TokenStartIndex).Count((byte)'\n');

        private RunFileException Fail(ref Utf8JsonReader r, string message) => Fail(Line(ref r), message);

        private RunFileException Fail(int line, string message) => new(path, $"{path}: line {line}: {message}");
    }
}

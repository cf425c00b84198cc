using System.Diagnostics;
using System.Globalization;
using System.Runtime.ExceptionServices;
using FlowSim.Cli.Scenarios;
using FlowSim.Linalg;
using FlowSim.Reports;
using FlowSim.Scenarios;

namespace FlowSim.Cli.Output;

/// <summary>What a sweep writes per point: <c>summary</c> (summary.json and <c>done</c>) or <c>full</c> (a run directory).</summary>
public enum SweepOutputs
{
    /// <summary>summary.json with the final metric values, and the <c>done</c> marker (<see cref="SweepPointFiles"/>).</summary>
    Summary,
    /// <summary>The run directory of <c>flowsim run</c> (trajectory, figures, report) plus point.json and <c>done</c>.</summary>
    Full,
}

/// <summary>How a sweep (or one shard of it) went.</summary>
/// <param name="Ran">Points run and written.</param>
/// <param name="Skipped">Points already done.</param>
/// <param name="Interrupted">Ctrl+C or SIGTERM stopped it.</param>
public sealed record SweepTally(int Ran, int Skipped, bool Interrupted);

/// <summary>
/// Runs the points of a shard on <c>--jobs</c> threads, each point single-threaded (see <see cref="Run"/>), and writes
/// each point as it finishes (summary outputs through <see cref="SweepPointWriter"/>'s threads, full outputs on the
/// computing thread). Points are independent and write only their own directory, so the results do not depend on the
/// number of jobs or on the order in which points finish.
/// </summary>
public sealed class SweepRunner(SweepGrid grid, string outDir, SweepOutputs outputs, bool quiet)
{
    private readonly Lock _console = new();

    /// <summary>
    /// Runs <paramref name="points"/> (skipping those already done) on <paramref name="jobs"/> threads. While it runs,
    /// FlowSim's linear algebra is single-threaded (<see cref="LinearAlgebra.Threads"/> = 1 and a native BLAS limited to
    /// one thread per call): the cores go to the points, no product is split, and the numbers are the same for any
    /// number of jobs. The first failure stops the sweep (points already written stay done) and is rethrown.
    /// </summary>
    public SweepTally Run(IReadOnlyList<int> points, IReadOnlyList<LoadedScenario?> loaded, int jobs, CancellationToken cancel)
    {
        int threads = LinearAlgebra.Threads;
        LinearAlgebra.Threads = 1;
        LinearAlgebra.Backend.LimitInternalThreads(true);
        using var writer = outputs == SweepOutputs.Summary ? new SweepPointWriter() : null;
        try
        {
            int next = -1, ran = 0, skipped = 0;
            bool interrupted = false;
            ExceptionDispatchInfo? failure = null;
            void Work()
            {
                while (Volatile.Read(ref failure) is null && !cancel.IsCancellationRequested)
                {
                    int i = Interlocked.Increment(ref next);
                    if (i >= points.Count) return;
                    try
                    {
                        switch (RunPoint(points[i], loaded[points[i]]!, writer, () => Interlocked.Increment(ref ran), cancel))
                        {
                            case true: break;
                            case false: Interlocked.Increment(ref skipped); break;
                            default: Volatile.Write(ref interrupted, true); return;
                        }
                    }
                    catch (OperationCanceledException) when (writer is not null && !cancel.IsCancellationRequested)
                    {
                        return; // a write failed: Finish rethrows it
                    }
                    catch (Exception ex)
                    {
                        Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(ex), null);
                        Say($"flowsim: {grid.PointName(points[i])} ({grid.Describe(points[i])}): stopped the sweep");
                        return;
                    }
                }
            }
            int workers = Math.Min(jobs, points.Count);
            if (workers <= 1) Work();
            else
            {
                var pool = Enumerable.Range(0, workers).Select(w => new Thread(Work) { IsBackground = true, Name = $"flowsim-sweep-{w}" }).ToList();
                pool.ForEach(t => t.Start());
                pool.ForEach(t => t.Join());
            }
            failure?.Throw();
            writer?.Finish();
            return new SweepTally(ran, skipped, interrupted || cancel.IsCancellationRequested);
        }
        finally
        {
            LinearAlgebra.Threads = threads;
        }
    }

    /// <summary>Runs one point and writes it (or queues it for <paramref name="writer"/>); <paramref name="written"/> runs once
    /// it is written. Returns true when it ran, false when it was already done, null when interrupted.</summary>
    private bool? RunPoint(int p, LoadedScenario loaded, SweepPointWriter? writer, Action written, CancellationToken cancel)
    {
        string dir = Path.Combine(outDir, grid.PointName(p));
        if (SweepPointFiles.IsDone(dir)) return false;
        var values = grid.ValuesAt(p);
        var info = new SweepPointInfo(p, grid.Parameters.Select((q, i) => (q.Path, values[i])).ToDictionary(e => e.Path, e => e.Item2));
        var clock = Stopwatch.StartNew();
        if (outputs == SweepOutputs.Full)
        {
            var extra = new Dictionary<string, string> { ["point.json"] = FlowSimJson.Serialize(info), [SweepPointFiles.DoneFile] = "completed\n" };
            if (RunDirectoryWriter.Execute(loaded, dir, replace: true, NoProgress.Instance, cancel, extra, info) == ScenarioStatus.Interrupted) return null;
            Written();
            return true;
        }
        var result = ScenarioRunner.Run(loaded.Scenario, loaded.MaxMemoryBytes, NoProgress.Instance, cancel);
        if (result.Status == ScenarioStatus.Interrupted) return null;
        var source = new RunReportSource(loaded.SourceName, loaded.Warnings, RunDirectoryWriter.Tool, info);
        writer!.Add(dir, RunSummary.From(result, source, withScenario: false), Written);
        return true;

        void Written()
        {
            written();
            if (!quiet) Say($"flowsim: {grid.PointName(p)} ({grid.Describe(p)}): {clock.Elapsed.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s");
        }
    }

    private void Say(string line)
    {
        lock (_console) Console.Error.WriteLine(line);
    }
}

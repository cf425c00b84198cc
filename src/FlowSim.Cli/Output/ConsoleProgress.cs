using System.Diagnostics;
using System.Globalization;
using FlowSim.Scenarios;
using Spectre.Console;

namespace FlowSim.Cli.Output;

/// <summary>
/// Progress of a run on the console: a Spectre.Console display (dynamics, time reached, steps, ETA) on an interactive
/// terminal, and plain throttled lines on standard error when output is redirected or the <c>CI</c> variable is set.
/// </summary>
public static class ConsoleProgress
{
    /// <summary>Whether the rich display is used.</summary>
    public static bool Interactive =>
        !Console.IsOutputRedirected && !Console.IsErrorRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    /// <summary>Runs <paramref name="work"/> with a progress sink suited to the console.</summary>
    public static T Run<T>(Func<IScenarioProgress, T> work, bool quiet = false)
    {
        if (quiet) return work(NoProgress.Instance);
        if (!Interactive) return work(new Plain(Console.Error));
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx => result = work(new Rich(ctx)));
        return result;
    }

    private sealed class Plain(TextWriter output) : IScenarioProgress
    {
        private readonly Stopwatch _clock = new();
        private string _name = "";
        private double _end;
        private TimeSpan _last;

        public void Begin(string name, double endTime)
        {
            (_name, _end) = (name, endTime);
            _clock.Restart();
            _last = TimeSpan.Zero;
            output.WriteLine($"flowsim: {name}: running to t = {endTime.ToString("G6", CultureInfo.InvariantCulture)}");
        }

        public void Update(double time, long steps)
        {
            if (_clock.Elapsed - _last < TimeSpan.FromSeconds(2)) return;
            _last = _clock.Elapsed;
            double frac = _end > 0 ? time / _end : 0;
            string eta = frac > 0 ? $", ETA {TimeSpan.FromSeconds(_clock.Elapsed.TotalSeconds * (1 - frac) / frac):hh\\:mm\\:ss}" : "";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"flowsim: {_name}: t = {time:G6} ({100 * frac:F0}%), {steps} steps{eta}"));
        }

        public void End(DynamicsStatus status) =>
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"flowsim: {_name}: {status.Name()} in {_clock.Elapsed.TotalSeconds:F2} s"));
    }

    private sealed class Rich(ProgressContext ctx) : IScenarioProgress
    {
        private ProgressTask? _task;
        private string _name = "";

        public void Begin(string name, double endTime)
        {
            _name = name;
            _task = ctx.AddTask(Markup.Escape(name), maxValue: endTime > 0 ? endTime : 1);
        }

        public void Update(double time, long steps)
        {
            if (_task is null) return;
            _task.Value = Math.Min(time, _task.MaxValue);
            _task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{_name}: t = {time:G4}, {steps} steps"));
        }

        public void End(DynamicsStatus status)
        {
            if (_task is null) return;
            _task.Description = Markup.Escape($"{_name}: {status.Name()}");
            if (status is DynamicsStatus.Completed or DynamicsStatus.LossReached) _task.Value = _task.MaxValue;
            _task.StopTask();
        }
    }
}

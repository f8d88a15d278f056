using System.Globalization;
using HealthSync.Sync;
using Spectre.Console;

namespace HealthSync.Cli.Output;

/// <summary>Shows a run's progress: bars on a terminal, one plain line per batch in a pipe or a log file, nothing for --json.</summary>
internal static class SyncProgressView
{
    /// <summary>Runs <paramref name="work"/> with a progress sink fitting the console.</summary>
    public static async Task<T> RunAsync<T>(CliContext context, bool quiet, string title, int batchSize, Func<IProgress<SyncProgress>?, Task<T>> work)
    {
        if (quiet)
        {
            return await work(null).ConfigureAwait(false);
        }

        if (!context.Console.Profile.Capabilities.Interactive)
        {
            return await work(new BatchLines(context.Console, context.Time, batchSize)).ConfigureAwait(false);
        }

        return await context.Console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async bars => await work(new Bars(bars, title)).ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <summary>Two bars: the source's bytes, then the workouts.</summary>
    private sealed class Bars(ProgressContext bars, string title) : IProgress<SyncProgress>
    {
        private ProgressTask? _reading;
        private ProgressTask? _uploading;

        public void Report(SyncProgress value)
        {
            if (value.Phase == SyncPhase.Reading)
            {
                _reading ??= bars.AddTask("Reading the export", maxValue: Math.Max(1, value.Total));
                _reading.Value = value.Done;
                return;
            }

            if (_reading is { } done)
            {
                done.Value = done.MaxValue;
            }

            _uploading ??= bars.AddTask(title, maxValue: Math.Max(1, value.Total));
            _uploading.MaxValue = Math.Max(1, value.Total);
            _uploading.Value = value.Total == 0 ? 1 : value.Done;
        }
    }

    /// <summary>"batch 3: 150 of 1,000 workouts done, about 12 min left": a line each time a batch's worth of workouts is done, and at the end.</summary>
    private sealed class BatchLines(IAnsiConsole console, TimeProvider time, int batchSize) : IProgress<SyncProgress>
    {
        private long _started;
        private int _lines;

        public void Report(SyncProgress value)
        {
            if (value.Phase != SyncPhase.Uploading)
            {
                return;
            }

            if (value.Done == 0)
            {
                _started = time.GetTimestamp();
                return;
            }

            if (value.Done % batchSize != 0 && value.Done != value.Total)
            {
                return;
            }

            _lines++;
            var text = string.Create(CultureInfo.InvariantCulture, $"batch {_lines}: {value.Done:N0} of {value.Total:N0} workouts done");
            if (value.Done < value.Total)
            {
                var elapsed = time.GetElapsedTime(_started);
                text += ", " + Left(TimeSpan.FromTicks((long)(elapsed.Ticks * ((double)(value.Total - value.Done) / value.Done))));
            }

            console.WriteLine(text);
        }

        private static string Left(TimeSpan left) => left switch
        {
            _ when left < TimeSpan.FromMinutes(1) => "less than a minute left",
            _ when left < TimeSpan.FromMinutes(90) => string.Create(CultureInfo.InvariantCulture, $"about {Math.Round(left.TotalMinutes):0} min left"),
            _ => string.Create(CultureInfo.InvariantCulture, $"about {(int)left.TotalHours} h {left.Minutes} min left"),
        };
    }
}

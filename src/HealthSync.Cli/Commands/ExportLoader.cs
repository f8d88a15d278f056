using HealthSync.AppleHealth;
using HealthSync.Workouts;
using Spectre.Console;

namespace HealthSync.Cli.Commands;

/// <summary>Opens an export (or a Health Auto Export document) and reads all its workouts, with a progress bar for people; shared by every command that takes an EXPORT.</summary>
internal static class ExportLoader
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The workouts read, and the error that stopped the read early (if any). Export is null when it could not be opened.</summary>
    public sealed record Result<T>(IWorkoutSource? Export, IReadOnlyList<T> Workouts, SourceReadException? Fatal);

    /// <summary>Reads the export keeping only <paramref name="keep"/> of each workout, so that samples and routes need not stay in memory.</summary>
    public static async Task<Result<T>> LoadAsync<T>(CliContext context, string path, bool showProgress, Func<Workout, T> keep, CancellationToken cancellationToken, ExportReaderOptions? options = null)
    {
        IWorkoutSource export;
        try
        {
            // The user's workout names live in the state folder (HEALTHSYNC_HOME or the default), when there is one.
            export = SourceOpener.Open(path, options, HealthSync.Hosting.StateFolder.TryResolve(null, context.Environment, out var stateDir) ? stateDir : null, context.Time);
        }
        catch (SourceReadException ex)
        {
            await context.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return new Result<T>(null, [], ex);
        }

        var workouts = new List<T>();
        async Task<SourceReadException?> ReadAllAsync()
        {
            try
            {
                await foreach (var workout in export.ReadWorkoutsAsync(cancellationToken).ConfigureAwait(false))
                {
                    workouts.Add(keep(workout));
                }

                return null;
            }
            catch (SourceReadException ex)
            {
                return ex;
            }
        }

        SourceReadException? fatal;
        if (showProgress && context.Console.Profile.Capabilities.Interactive)
        {
            fatal = await context.Console.Progress().AutoClear(true).StartAsync(async progress =>
            {
                var task = progress.AddTask($"Reading {Markup.Escape(export.Name)}", maxValue: Math.Max(1, export.TotalBytes));
                var reading = Task.Run(ReadAllAsync, cancellationToken);
                while (!reading.IsCompleted)
                {
                    task.Value = export.BytesRead;
                    await Task.WhenAny(reading, Task.Delay(ProgressInterval, context.Time, cancellationToken)).ConfigureAwait(false);
                }

                task.Value = task.MaxValue;
                return await reading.ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        else
        {
            fatal = await ReadAllAsync().ConfigureAwait(false);
        }

        return new Result<T>(export, workouts, fatal);
    }
}

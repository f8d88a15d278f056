using System.CommandLine;
using HealthSync.Cli.Commands;
using HealthSync.Sync;

namespace HealthSync.Cli;

/// <summary>The `healthsync` command line: parses arguments and runs one command.</summary>
internal static class HealthSyncApp
{
    /// <summary>Runs the command line and returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("HealthSync: get Apple Health workouts into Intervals.icu.")
        {
            InspectCommand.Create(context),
            ExportFitCommand.Create(context),
            SyncCommand.Create(context, SyncMode.New),
            SyncCommand.Create(context, SyncMode.Backfill),
            HistoryCommand.Create(context),
            SettingsCommand.Create(context),
            SportsCommand.Create(context),
            LoginCommand.Create(context),
            ServeCommand.Create(context),
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await context.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            }

            await context.Error.WriteLineAsync("Run 'healthsync --help' for usage.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var configuration = new InvocationConfiguration { Output = context.Out, Error = context.Error };
        return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}

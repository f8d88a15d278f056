using System.CommandLine;
using HealthSync.Cli.Commands;
using HealthSync.State;
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
            LogoutCommand.Create(context),
            InboxCommand.Create(context),
            ForgetCommand.Create(context),
            NamesCommand.Create(context),
            ServeCommand.Create(context),
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var line in ParseErrors.Describe(parse))
            {
                await context.Error.WriteLineAsync($"error: {line}").ConfigureAwait(false);
            }

            await context.Error.WriteLineAsync("Run 'healthsync --help' for usage.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var configuration = new InvocationConfiguration
        {
            Output = context.Out,
            Error = context.Error,
            // Ctrl-C or SIGTERM cancels the command's token; a run then finishes the upload in flight (bounded by the
            // client's attempt timeout) and records it. Only past this does the process end without it.
            ProcessTerminationTimeout = TimeSpan.FromSeconds(110),
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (StateUnavailableException ex)
        {
            await context.Error.WriteLineAsync($"error: {ex.Message}. Nothing was half-written; fix that, then run the same command again.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            // A write failed mid-run (the disk filled up, say): each change is one transaction, so the state is whole.
            await context.Error.WriteLineAsync($"error: the state database could not be written: {SyncState.Cause(ex)}. Nothing was half-written; fix that, then run the same command again.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            // Only Ctrl-C or SIGTERM cancels a command (through System.CommandLine's token, not this method's).
            await context.Error.WriteLineAsync("interrupted: run the same command again to resume.").ConfigureAwait(false);
            return ExitCodes.Interrupted;
        }
        catch (Exception ex)
        {
            // The one place an unexpected exception becomes words: a line, and the trace only when asked for.
            await context.Error.WriteLineAsync($"error: something unexpected went wrong: {ex.Message}").ConfigureAwait(false);
            await context.Error.WriteLineAsync(args.Contains("--verbose") ? ex.ToString() : "Run the same command with --verbose to see the details, and report them.").ConfigureAwait(false);
            return ExitCodes.Unexpected;
        }
    }
}

using System.CommandLine;
using System.Text.Json;
using HealthSync.Cli.Output;
using HealthSync.State;
using Spectre.Console;

namespace HealthSync.Cli.Commands;

/// <summary>`healthsync history [--json] [--status uploaded|skipped|failed] [--limit N]`: what happened, newest first.</summary>
internal static class HistoryCommand
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions(context.Environment);
        var json = new Option<bool>("--json") { Description = "Print a JSON array of entries to stdout" };
        var status = new Option<string?>("--status") { Description = "Only this outcome: uploaded, skipped or failed", CustomParser = OptionValues.OneOf("uploaded", "skipped", "failed") };
        var limit = new Option<int>("--limit") { Description = "At most N entries (default 50)", DefaultValueFactory = _ => 50, CustomParser = OptionValues.WholeNumberOr(1, 1_000_000, 50) };
        var command = new Command("history", "Show the sync history: uploaded, skipped as already synced, or failed (with the reason).") { json, status, limit };
        common.AddStateTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(limit);
            var dir = common.ResolveStateDir(parse);
            using var state = File.Exists(Path.Combine(dir, SyncState.FileName)) ? SyncState.Open(dir, context.Time) : SyncState.InMemory(context.Time);
            var entries = state.History(parse.GetValue(status), n);
            if (parse.GetValue(json))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(entries.Select(HistoryJson.From).ToList(), CliJsonContext.Readable.ListHistoryJson)).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            // Each workout's start in its own zone (else the sync's zone for workouts without one), to the minute.
            HistoryView.Write(context.Console, entries, HealthSync.Sync.SyncSettings.Load(state, context.Time.LocalTimeZone.Id).TimeZone);
            return ExitCodes.Ok;
        });
        return command;
    }
}

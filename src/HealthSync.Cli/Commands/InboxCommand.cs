using System.CommandLine;
using System.Globalization;
using HealthSync.State;
using Spectre.Console;

namespace HealthSync.Cli.Commands;

/// <summary>`healthsync inbox` (what waits, and the disk it takes) and `healthsync inbox prune [--older-than DAYS]`.</summary>
internal static class InboxCommand
{
    /// <summary>Default age, in days, of settled workouts that `inbox prune` removes.</summary>
    private const int DefaultPruneDays = 90;

    public static Command Create(CliContext context)
    {
        var common = new CommonOptions(context.Environment);
        var command = new Command("inbox", "Show the inbox: the workouts read from exports and pushes, how many are settled, and the disk they take.");
        common.AddStateTo(command);
        command.SetAction(parse =>
        {
            var dir = common.ResolveStateDir(parse);
            if (!File.Exists(Path.Combine(dir, SyncState.FileName)))
            {
                context.Console.WriteLine("The inbox is empty: no export has been read yet.");
                return ExitCodes.Ok;
            }

            using var state = SyncState.Open(dir, context.Time);
            var stats = state.Inbox();
            context.Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{stats.Workouts:N0} workout(s) in the inbox, {stats.Settled:N0} settled in Intervals.icu, {stats.Workouts - stats.Settled:N0} waiting or not selected; {Size(stats.Bytes)} of data ({Size(stats.Workouts == 0 ? 0 : stats.Bytes / stats.Workouts)} a workout)."));
            return ExitCodes.Ok;
        });

        var days = new Option<int>("--older-than")
        {
            Description = $"Remove workouts settled more than this many days ago (default {DefaultPruneDays})",
            DefaultValueFactory = _ => DefaultPruneDays,
            CustomParser = OptionValues.WholeNumberOr(0, 100_000, DefaultPruneDays),
        };
        var prune = new Command("prune", "Remove from the inbox the workouts settled in Intervals.icu long ago; their history stays, and a later export does not upload them again.") { days };
        common.AddStateTo(prune);
        prune.SetAction(parse =>
        {
            var dir = common.ResolveStateDir(parse);
            if (!File.Exists(Path.Combine(dir, SyncState.FileName)))
            {
                context.Console.WriteLine("Nothing to prune: the inbox is empty.");
                return ExitCodes.Ok;
            }

            using var state = SyncState.Open(dir, context.Time);
            var before = context.Time.GetUtcNow() - TimeSpan.FromDays(parse.GetValue(days));
            var removed = state.PruneInbox(before);
            var left = state.Inbox();
            context.Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Removed {removed:N0} workout(s) settled before {TimeZoneInfo.ConvertTime(before, context.Time.LocalTimeZone):yyyy-MM-dd}; {left.Workouts:N0} left ({Size(left.Bytes)})."));
            return ExitCodes.Ok;
        });
        command.Subcommands.Add(prune);
        return command;
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
    };
}

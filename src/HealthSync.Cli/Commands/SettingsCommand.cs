using System.CommandLine;
using System.Globalization;
using HealthSync.State;
using HealthSync.Sync;
using HealthSync.Workouts;
using Spectre.Console;

namespace HealthSync.Cli.Commands;

/// <summary>`healthsync settings` shows the settings; `healthsync settings set KEY VALUE` changes sync, gps-routes or time-zone.</summary>
internal static class SettingsCommand
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions(context.Environment);
        var command = new Command("settings", "Show the sync settings, or change one with `settings set KEY VALUE`.");
        common.AddStateTo(command);
        command.SetAction(parse =>
        {
            using var state = SyncState.Open(common.ResolveStateDir(parse), context.Time);
            Show(context.Console, SyncSettings.Load(state, context.Time.LocalTimeZone.Id));
            return ExitCodes.Ok;
        });

        var key = new Argument<string>("KEY")
        {
            Description = "sync (on/off), gps-routes (on/off) or time-zone (an IANA id such as Europe/Paris)",
            CustomParser = OptionValues.OneOf(SyncSettings.SyncKey, SyncSettings.GpsRoutesKey, SyncSettings.TimeZoneKey),
        };
        var value = new Argument<string>("VALUE");
        var set = new Command("set", "Change one setting.") { key, value };
        common.AddStateTo(set);
        set.SetAction(parse =>
        {
            var k = parse.GetRequiredValue(key);
            var v = parse.GetRequiredValue(value).Trim();
            using var state = SyncState.Open(common.ResolveStateDir(parse), context.Time);
            if (k == SyncSettings.TimeZoneKey)
            {
                if (!TimeZoneInfo.TryFindSystemTimeZoneById(v, out _))
                {
                    context.Error.WriteLine($"error: unknown time zone '{v}' (use an IANA id such as Europe/Paris)");
                    return ExitCodes.BadInput;
                }

                state.SetSetting(k, v);
            }
            else
            {
                if (v is not ("on" or "off"))
                {
                    context.Error.WriteLine($"error: {k} takes on or off");
                    return ExitCodes.BadInput;
                }

                if (k == SyncSettings.SyncKey)
                {
                    SyncSettings.SetSync(state, v == "on", context.Time.GetUtcNow());
                }
                else
                {
                    state.SetSetting(k, v);
                }
            }

            Show(context.Console, SyncSettings.Load(state, context.Time.LocalTimeZone.Id));
            return ExitCodes.Ok;
        });
        command.Subcommands.Add(set);
        return command;
    }

    private static void Show(IAnsiConsole console, SyncSettings settings)
    {
        var sync = settings.SyncOn switch
        {
            true => "on" + (settings.SyncSince is { } s ? $" (since {s.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)})" : string.Empty),
            false => "off",
            null => "not set (the first `healthsync sync` turns it on)",
        };
        console.MarkupLine($"sync        {Markup.Escape(sync)}");
        console.MarkupLine($"gps-routes  {(settings.GpsRoutes ? "on" : "off")} (outdoor workouts only)");
        console.MarkupLine($"time-zone   {Markup.Escape(settings.TimeZoneId)} (for workouts without HKTimeZone)");
        console.MarkupLine($"sports      {Markup.Escape(string.Join(", ", SportCategories.All.Where(settings.Sports.Contains).Select(c => c.ToId())))}");
    }
}

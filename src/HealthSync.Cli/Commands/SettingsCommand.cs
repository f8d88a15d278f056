using System.CommandLine;
using HealthSync.State;
using HealthSync.Sync;
using HealthSync.Workouts;
using Spectre.Console;

namespace HealthSync.Cli.Commands;

/// <summary>`healthsync settings` shows the settings; `healthsync settings set KEY VALUE` changes one of them.</summary>
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
            Show(context.Console, SyncSettings.Load(state, context.Time.LocalTimeZone.Id), context.Time.LocalTimeZone);
            return ExitCodes.Ok;
        });

        var key = new Argument<string>("KEY")
        {
            Description = "sync (on/off), gps-routes (on/off), time-zone (an IANA id such as Europe/Paris), "
                + "self-delivering-sources (on, off, or a comma list of apps to leave out), resend-deleted (on/off) "
                + "or keep-documents-days (days a pushed document is kept once read, default 30)",
            CustomParser = OptionValues.OneOf(SyncSettings.SyncKey, SyncSettings.GpsRoutesKey, SyncSettings.TimeZoneKey, SyncSettings.SelfDeliveringKey, SyncSettings.ResendDeletedKey, SyncSettings.KeepDocumentsKey),
        };
        var value = new Argument<string>("VALUE");
        var set = new Command("set", "Change one setting.") { key, value };
        common.AddStateTo(set);
        set.SetAction(parse =>
        {
            var k = parse.GetRequiredValue(key);
            var v = parse.GetRequiredValue(value).Trim();
            using var state = SyncState.Open(common.ResolveStateDir(parse), context.Time);
            if (Apply(state, k, v, context.Time.GetUtcNow()) is { } error)
            {
                context.Error.WriteLine($"error: {error}");
                return ExitCodes.BadInput;
            }

            Show(context.Console, SyncSettings.Load(state, context.Time.LocalTimeZone.Id), context.Time.LocalTimeZone);
            return ExitCodes.Ok;
        });
        command.Subcommands.Add(set);
        return command;
    }

    /// <summary>Stores one setting; returns what is wrong with the value, or null.</summary>
    private static string? Apply(SyncState state, string key, string value, DateTimeOffset now)
    {
        switch (key)
        {
            case SyncSettings.TimeZoneKey:
                if (!TimeZoneInfo.TryFindSystemTimeZoneById(value, out _))
                {
                    return $"unknown time zone '{value}' (use an IANA id such as Europe/Paris)";
                }

                SyncSettings.SetTimeZone(state, value);
                return null;
            case SyncSettings.KeepDocumentsKey:
                if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var days) || days is < 1 or > 3650)
                {
                    return $"{key} takes a number of days from 1 to 3650";
                }

                state.SetSetting(key, days.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return null;
            case SyncSettings.SelfDeliveringKey:
                if (!SyncSettings.TryParseSkipped(value, out var skipped, out var why))
                {
                    return $"{key}: {why}";
                }

                SyncSettings.SetSkippedSources(state, skipped);
                return null;
        }

        if (value is not ("on" or "off"))
        {
            return $"{key} takes on or off";
        }

        if (key == SyncSettings.SyncKey)
        {
            SyncSettings.SetSync(state, value == "on", now);
        }
        else
        {
            state.SetSetting(key, value);
        }

        return null;
    }

    private static void Show(IAnsiConsole console, SyncSettings settings, TimeZoneInfo machineZone)
    {
        var sync = settings.SyncOn switch
        {
            true => "on" + (settings.SyncSince is { } s ? $" (since {OutcomeText.Local(s, settings.TimeZone)})" : string.Empty),
            false => "off",
            null => "not set (`healthsync login` turns it on, else the first `healthsync sync`)",
        };
        var origin = settings.TimeZoneOrigin switch
        {
            TimeZoneOrigin.Machine => "this machine's zone; the first sync stores it",
            TimeZoneOrigin.StoredFromMachine => "stored from the machine at the first sync",
            _ => "set by you",
        };
        var skipped = SelfDeliveringSources.All.Where(a => settings.SkippedSources.Contains(a.Id)).Select(a => a.DisplayName).ToList();
        var apps = skipped.Count == 0
            ? "off: workouts of every app are uploaded"
            : $"{(skipped.Count == SelfDeliveringSources.All.Count ? "on" : "some")}: left out, they send to Intervals.icu themselves: {string.Join(", ", skipped)}";
        Line(console, "sync", sync);
        Line(console, "gps-routes", $"{(settings.GpsRoutes ? "on" : "off")} (outdoor workouts only)");
        Line(console, "time-zone", $"{settings.TimeZoneId} for workouts without HKTimeZone ({origin}{(settings.TimeZoneOrigin != TimeZoneOrigin.Machine && settings.TimeZoneId != machineZone.Id ? $"; this machine is in {machineZone.Id}" : string.Empty)})");
        Line(console, "sports", string.Join(", ", SportCategories.All.Where(settings.Sports.Contains).Select(c => c.ToId())));
        Line(console, SyncSettings.SelfDeliveringKey, apps);
        Line(console, SyncSettings.ResendDeletedKey, settings.ResendDeleted ? "on: an activity deleted in Intervals.icu is uploaded again" : "off: an activity deleted in Intervals.icu stays deleted");
        Line(console, SyncSettings.KeepDocumentsKey, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{settings.KeepDocumentsDays} (pushed documents are deleted that many days after they were read; their workouts stay)"));
    }

    private static void Line(IAnsiConsole console, string name, string value) =>
        console.MarkupLine($"{name,-24}{Markup.Escape(value)}");
}

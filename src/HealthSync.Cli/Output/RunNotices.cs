using HealthSync.Sync;
using HealthSync.Workouts;

namespace HealthSync.Cli.Output;

/// <summary>Something a person should know about a whole run, beyond each workout's outcome: a stable code, a count, the words.</summary>
/// <param name="Code">Stable, for scripts: "zone-fallback-utc".</param>
/// <param name="Count">How many workouts it concerns.</param>
/// <param name="Message">The sentence shown to people (no markup).</param>
internal sealed record RunNotice(string Code, int Count, string Message);

/// <summary>The notices of a run, as the table's messages and `--json` carry them.</summary>
internal static class RunNotices
{
    /// <summary>The code of workouts without their own zone that a run placed in UTC.</summary>
    public const string ZoneFallbackUtc = "zone-fallback-utc";

    // The aliases of UTC itself. A zone that merely has offset 0 (Atlantic/Reykjavik) is a place someone chose.
    private static readonly HashSet<string> UtcIds = new(StringComparer.OrdinalIgnoreCase)
    {
        "UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Universal", "Universal", "Etc/Zulu", "Zulu",
        "GMT", "Etc/GMT", "Etc/GMT+0", "Etc/GMT-0", "Etc/GMT0", "GMT0", "Etc/Greenwich", "Greenwich",
    };

    public static IReadOnlyList<RunNotice> Of(SyncRunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var notices = new List<RunNotice>();
        var zone = result.Settings.TimeZone;
        if (IsUtc(zone))
        {
            // A server or container runs in UTC: a zone-less workout's local start (FIT local time, Strava stubs'
            // start, --since) would be hours off without anyone noticing.
            var count = result.Report.Items.Count(i => i.Kind is OutcomeKind.Uploaded or OutcomeKind.WouldUpload && !WorkoutZone.HasOwn(i.Workout));
            if (count > 0)
            {
                notices.Add(new RunNotice(
                    ZoneFallbackUtc,
                    count,
                    $"{count} workout(s) of this run have no time zone of their own (no HKTimeZone) and are placed in UTC, "
                    + "the time-zone setting: their local times may be hours off. If you record them elsewhere, set your zone: "
                    + "healthsync settings set time-zone ZONE (an IANA id such as Europe/Paris)."));
            }
        }

        return notices;
    }

    public static bool IsUtc(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return zone == TimeZoneInfo.Utc || UtcIds.Contains(zone.Id);
    }
}

using System.Globalization;
using HealthSync.Intervals;
using HealthSync.Workouts;

namespace HealthSync.Sync;

/// <summary>The plain sentence for an outcome, as the history stores it and as hosts show it unless they phrase it their own way.</summary>
/// <remarks>No command, flag or page is named here: what to do next is the host's to say (see the CLI's and the web app's wording).</remarks>
public static class OutcomeText
{
    /// <summary>"already in Intervals.icu: i555 from Garmin Connect (Run, started 70 s apart)", "Running is off in sports to sync", ...; null for an upload.</summary>
    public static string? Describe(Outcome outcome, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(zone);
        return outcome.Reason switch
        {
            ReasonCode.None => null,
            ReasonCode.SyncOff => "sync is off",
            ReasonCode.SportOff => $"{outcome.Category?.DisplayName() ?? "this sport"} is off in sports to sync",
            ReasonCode.EndedBeforeSyncOn => $"ended before sync was turned on ({Local(outcome.Boundary, zone)}): an older workout, for a backfill",
            ReasonCode.EndedAfterSyncOn => $"ended after sync was turned on ({Local(outcome.Boundary, zone)}): a new workout, for a sync",
            ReasonCode.BeforeSince => $"started before {outcome.Since?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, the backfill's first day",
            ReasonCode.RecordedEarlier => outcome.Detail ?? (outcome.ActivityId is { } id ? $"already synced (uploaded as {id})" : "already synced"),
            ReasonCode.FoundByExternalId => $"already synced (found in Intervals.icu as {outcome.ActivityId})",
            ReasonCode.FoundBySameTimes => $"already synced (found in Intervals.icu as {outcome.ActivityId}, same type, start and end, uploaded under another id)",
            ReasonCode.ActivityDeleted => $"uploaded earlier as {outcome.ActivityId}, which is no longer in Intervals.icu (deleted there): not sent again",
            ReasonCode.ResentDeleted => $"uploaded again: {outcome.Detail} was deleted in Intervals.icu",
            ReasonCode.IdenticalFile => $"already synced (identical file already in Intervals.icu as {outcome.ActivityId})",
            ReasonCode.OtherSourceActivity => $"already in Intervals.icu: {OtherActivity(outcome)}",
            ReasonCode.SessionCopyInIntervals => $"same session as {outcome.OtherWorkoutId}, already in Intervals.icu as {outcome.ActivityId ?? "an activity"}",
            ReasonCode.SessionRicherCopy => $"same session as {outcome.OtherWorkoutId} from {outcome.OtherSource}, which has more data",
            ReasonCode.ConvertFailed => "could not convert to FIT: " + outcome.Detail,
            ReasonCode.Rejected => "rejected by Intervals.icu " + outcome.Detail,
            ReasonCode.Unavailable => outcome.Detail,
            ReasonCode.Incomplete => $"incomplete, not sent: {outcome.Detail}. The export is damaged: export again from the Health app, and the next run sends it whole",
            ReasonCode.Unreadable => $"could not be read: {outcome.Detail}",
            ReasonCode.Unusable => $"unusable, never sent: {outcome.Detail}. A later copy that reads whole replaces it",
            ReasonCode.New => "new workout, not in Intervals.icu",
            ReasonCode.NewNotChecked => "new workout (not checked: no account)",
            ReasonCode.SourceDeliversItself => $"recorded by {outcome.OtherSource}, which sends its workouts to Intervals.icu itself",
            ReasonCode.RunStopped => "not sent: the run stopped first" + (outcome.Detail is { } why ? $" ({why})" : string.Empty),
            _ => outcome.Detail,
        };
    }

    /// <summary>"2025-06-12 08:00:00 +02:00": an instant as local time to the second, with its offset.</summary>
    public static string Local(DateTimeOffset? instant, TimeZoneInfo zone) =>
        instant is { } at ? TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture) : "not yet";

    private static string OtherActivity(Outcome o)
    {
        var gap = o.StartGap ?? TimeSpan.Zero;
        var apart = gap < TimeSpan.FromMinutes(1)
            ? string.Create(CultureInfo.InvariantCulture, $"{gap.TotalSeconds:0} s apart")
            : string.Create(CultureInfo.InvariantCulture, $"{gap.TotalMinutes:0.#} min apart");
        var what = o.ActivityType is { } t ? t + ", " : string.Empty;
        var source = o.OtherSource is { Length: > 0 } code ? ActivitySources.DisplayName(code) : "an unknown source";
        return $"{o.ActivityId} from {source} ({what}started {apart})";
    }
}

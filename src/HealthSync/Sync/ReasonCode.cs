namespace HealthSync.Sync;

/// <summary>Why a workout got its outcome, as a code: hosts phrase it in their own words (a command, a page).</summary>
public enum ReasonCode
{
    /// <summary>Uploaded: no reason needed.</summary>
    None,

    /// <summary>Not selected: sync is off.</summary>
    SyncOff,

    /// <summary>Not selected: the workout's sport category is off (<see cref="Outcome.Category"/>).</summary>
    SportOff,

    /// <summary>Not selected by a sync of new workouts: it ended before sync was turned on (<see cref="Outcome.Boundary"/>); a backfill brings it.</summary>
    EndedBeforeSyncOn,

    /// <summary>Not selected by a backfill: it ended after sync was turned on (<see cref="Outcome.Boundary"/>); a sync brings it.</summary>
    EndedAfterSyncOn,

    /// <summary>Not selected by a backfill: it started before the backfill's first day (<see cref="Outcome.Since"/>).</summary>
    BeforeSince,

    /// <summary>Settled by an earlier run: the recorded outcome stands (<see cref="Outcome.Detail"/> holds its reason).</summary>
    RecordedEarlier,

    /// <summary>Already synced: an activity with this workout's external_id is in Intervals.icu.</summary>
    FoundByExternalId,

    /// <summary>Already synced: an activity with another HealthSync id (the source was renamed) has this workout's type, start and end (<see cref="Outcome.ActivityId"/>).</summary>
    FoundBySameTimes,

    /// <summary>Deleted: the activity uploaded earlier (<see cref="Outcome.ActivityId"/>) is no longer in Intervals.icu, and re-sending deleted workouts is off.</summary>
    ActivityDeleted,

    /// <summary>Uploaded again: the activity uploaded earlier (<see cref="Outcome.Detail"/>) was deleted in Intervals.icu.</summary>
    ResentDeleted,

    /// <summary>Already synced: Intervals.icu answered 200, the identical file was there.</summary>
    IdenticalFile,

    /// <summary>Duplicate: an activity of another source matches (<see cref="Outcome.ActivityId"/>, source, type, gap).</summary>
    OtherSourceActivity,

    /// <summary>Same session: another copy (<see cref="Outcome.OtherWorkoutId"/>) is in Intervals.icu already.</summary>
    SessionCopyInIntervals,

    /// <summary>Same session: another copy (<see cref="Outcome.OtherWorkoutId"/>) has more data and goes instead.</summary>
    SessionRicherCopy,

    /// <summary>Failed: the workout could not be turned into a FIT file (<see cref="Outcome.Detail"/>).</summary>
    ConvertFailed,

    /// <summary>Failed: Intervals.icu rejected the upload (<see cref="Outcome.Detail"/>).</summary>
    Rejected,

    /// <summary>Failed: Intervals.icu could not be reached for this workout after the retries (<see cref="Outcome.Detail"/>).</summary>
    Unavailable,

    /// <summary>Failed: part of the workout could not be read (a route file missing from a damaged export); never sent incomplete (<see cref="Outcome.Detail"/>).</summary>
    Incomplete,

    /// <summary>Failed: the source could not read the workout at all (<see cref="Outcome.Detail"/>).</summary>
    Unreadable,

    /// <summary>Would upload (dry run): new, not in Intervals.icu.</summary>
    New,

    /// <summary>Would upload (dry run): new, and Intervals.icu was not checked (no account).</summary>
    NewNotChecked,

    /// <summary>Not sent: the run stopped first (<see cref="Outcome.Detail"/>).</summary>
    RunStopped,

    /// <summary>Not selected: recorded by an app that sends its workouts to Intervals.icu itself (<see cref="Outcome.OtherSource"/> names it).</summary>
    SourceDeliversItself,

    /// <summary>Failed for good: a value no workout has (a start before 1990, 30 days long, 1e308 km); never sent, not retried (<see cref="Outcome.Detail"/>).</summary>
    Unusable,
}

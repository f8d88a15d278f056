namespace HealthSync.Sync;

/// <summary>What happened to a workout in a run: the one set of kinds the engine, the store and every output use.</summary>
/// <remarks>Each kind has a stable code (<see cref="OutcomeKinds.Code"/>) that JSON and the database carry; add kinds, never rename codes.</remarks>
public enum OutcomeKind
{
    /// <summary>Uploaded to Intervals.icu as a new activity.</summary>
    Uploaded,

    /// <summary>Already in Intervals.icu from HealthSync: recorded earlier, found by external_id, or the same file was there.</summary>
    AlreadySynced,

    /// <summary>Already in Intervals.icu from another source (Garmin, Strava, Zwift, a manual entry...).</summary>
    DuplicateOfOtherSource,

    /// <summary>Another Apple Health workout of the same session is (or will be) the one in Intervals.icu.</summary>
    SameSession,

    /// <summary>Could not be read, converted or uploaded; the reason says why, and the next run tries again.</summary>
    Failed,

    /// <summary>Outside this run: sync off, the sport off, or on the other side of the sync boundary.</summary>
    NotSelected,

    /// <summary>Dry run: would be uploaded.</summary>
    WouldUpload,

    /// <summary>Not sent because the run stopped early (budget spent, credentials refused, interrupted); the next run sends it.</summary>
    NotSent,

    /// <summary>Uploaded earlier, but the activity is no longer in Intervals.icu (deleted there); sent again only when the user allows it.</summary>
    Deleted,
}

/// <summary>Codes and groupings of <see cref="OutcomeKind"/>.</summary>
public static class OutcomeKinds
{
    /// <summary>The stable code: "uploaded", "already-synced", "duplicate", "same-session", "failed", "not-selected", "would-upload", "not-sent".</summary>
    public static string Code(this OutcomeKind kind) => kind switch
    {
        OutcomeKind.Uploaded => "uploaded",
        OutcomeKind.AlreadySynced => "already-synced",
        OutcomeKind.DuplicateOfOtherSource => "duplicate",
        OutcomeKind.SameSession => "same-session",
        OutcomeKind.Failed => "failed",
        OutcomeKind.NotSelected => "not-selected",
        OutcomeKind.WouldUpload => "would-upload",
        OutcomeKind.NotSent => "not-sent",
        OutcomeKind.Deleted => "deleted",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The kind of a stored code; codes of earlier releases ("session-duplicate") included.</summary>
    public static OutcomeKind FromCode(string code) => code switch
    {
        "uploaded" => OutcomeKind.Uploaded,
        "already-synced" => OutcomeKind.AlreadySynced,
        "duplicate" => OutcomeKind.DuplicateOfOtherSource,
        "same-session" or "session-duplicate" => OutcomeKind.SameSession,
        "failed" => OutcomeKind.Failed,
        "not-selected" => OutcomeKind.NotSelected,
        "would-upload" => OutcomeKind.WouldUpload,
        "not-sent" => OutcomeKind.NotSent,
        "deleted" => OutcomeKind.Deleted,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "unknown outcome kind"),
    };

    /// <summary>The coarse status the help page speaks of: "uploaded", "skipped" (already synced, in any of three ways), "failed", or the kind's own code.</summary>
    public static string Status(this OutcomeKind kind) => kind switch
    {
        OutcomeKind.AlreadySynced or OutcomeKind.DuplicateOfOtherSource or OutcomeKind.SameSession => "skipped",
        _ => kind.Code(),
    };

    /// <summary>True when the workout is settled in Intervals.icu: no later run sends it again.</summary>
    public static bool IsSettled(this OutcomeKind kind) =>
        kind is OutcomeKind.Uploaded or OutcomeKind.AlreadySynced or OutcomeKind.DuplicateOfOtherSource or OutcomeKind.SameSession or OutcomeKind.Deleted;

    /// <summary>True when the workout's own copy is in Intervals.icu (uploaded by HealthSync, now or earlier).</summary>
    public static bool IsOwnCopyThere(this OutcomeKind kind) => kind is OutcomeKind.Uploaded or OutcomeKind.AlreadySynced;
}

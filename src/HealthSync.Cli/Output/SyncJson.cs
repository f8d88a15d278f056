using HealthSync.State;
using HealthSync.Sync;

namespace HealthSync.Cli.Output;

/// <summary>The `sync --json` and `backfill --json` document. Add fields; never rename or remove them.</summary>
internal sealed record SyncDocument(int Uploaded, int Skipped, int Failed, int NotSelected, IReadOnlyList<SyncWorkoutJson> Workouts)
{
    public static SyncDocument From(SyncReport report) => new(
        report.Count(SyncStatus.Uploaded) + report.Count(SyncStatus.WouldUpload),
        report.Count(SyncStatus.Skipped),
        report.Count(SyncStatus.Failed),
        report.Count(SyncStatus.NotSelected),
        report.Items.Select(i => new SyncWorkoutJson(i.Workout.Id, StatusText(i.Status), i.Reason, i.IntervalsActivityId)).ToList());

    public static string StatusText(SyncStatus status) => status switch
    {
        SyncStatus.Uploaded => "uploaded",
        SyncStatus.WouldUpload => "would-upload",
        SyncStatus.Skipped => "skipped",
        SyncStatus.Failed => "failed",
        _ => "not-selected",
    };
}

/// <summary>One workout's outcome in `sync --json`.</summary>
internal sealed record SyncWorkoutJson(string WorkoutId, string Status, string? Reason, string? IntervalsActivityId);

/// <summary>One line of `history --json`.</summary>
internal sealed record HistoryJson(string WorkoutId, string ActivityType, string Category, string Start, string Status, string? Reason, string? IntervalsActivityId, string At)
{
    public static HistoryJson From(HistoryEntry e) =>
        new(e.WorkoutId, e.ActivityType, e.Category, WorkoutJson.Instant(e.Start), e.Status, e.Reason, e.IntervalsActivityId, WorkoutJson.Instant(e.At));
}

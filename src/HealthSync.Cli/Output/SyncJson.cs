using HealthSync.Cli.Commands;
using HealthSync.State;
using HealthSync.Sync;
using HealthSync.Workouts;

namespace HealthSync.Cli.Output;

/// <summary>The `sync --json` and `backfill --json` document. Add fields; never rename or remove them.</summary>
/// <remarks>In a dry run <see cref="Uploaded"/> counts the workouts that would be uploaded: nothing was.</remarks>
internal sealed record SyncDocument(
    int Uploaded,
    int Skipped,
    int Failed,
    int NotSelected,
    int NotSent,
    string? Stopped,
    IReadOnlyList<ProblemJson> Problems,
    IReadOnlyList<SyncWorkoutJson> Workouts,
    IReadOnlyList<RunNotice> Notices)
{
    public static SyncDocument From(SyncRunResult result, TimeZoneInfo zone)
    {
        var report = result.Report;
        return new SyncDocument(
            report.Count(OutcomeKind.Uploaded) + report.Count(OutcomeKind.WouldUpload),
            report.Skipped,
            report.Count(OutcomeKind.Failed),
            report.Count(OutcomeKind.NotSelected),
            report.Count(OutcomeKind.NotSent),
            report.Stop is { } stop ? SyncCommand.StopCode(stop.Kind) : null,
            ProblemJson.From(result),
            [.. report.Items.Select(i => new SyncWorkoutJson(i.Workout.Id, i.Kind.Status(), i.Kind.Code(), CliWords.Reason(i, zone), i.IntervalsActivityId)
            {
                Code = CliWords.Code(i.Outcome.Reason),
                Name = SportTable.DisplayName(i.Workout),
                Start = CliWords.LocalMinute(i.Workout, zone),
            })],
            RunNotices.Of(result));
    }
}

/// <summary>One workout's outcome in `sync --json`: the coarse status, the kind, and the reason in words.</summary>
internal sealed record SyncWorkoutJson(string WorkoutId, string Status, string Kind, string? Reason, string? IntervalsActivityId)
{
    /// <summary>The reason as a stable code ("source-delivers-itself", "sport-off", ...); "none" for an upload.</summary>
    public string Code { get; init; } = "none";

    /// <summary>The activity's name as a person reads it ("Outdoor Walk").</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The start in the workout's own zone, to the minute, with its offset.</summary>
    public string Start { get; init; } = string.Empty;
}

/// <summary>One line of `history --json`.</summary>
internal sealed record HistoryJson(string WorkoutId, string ActivityType, string Category, string Start, string Status, string Kind, string? Reason, string? IntervalsActivityId, string At, bool Resolved)
{
    public static HistoryJson From(HistoryEntry e) =>
        new(e.WorkoutId, e.ActivityType, e.Category, WorkoutJson.Instant(e.Start), e.Status, e.Kind.Code(), e.Reason, e.IntervalsActivityId, WorkoutJson.Instant(e.At), e.Resolved)
        {
            Name = e.Name ?? SportTable.DisplayName(e.ActivityType),
            TimeZone = e.TimeZoneId,
            ForgottenAt = e.ForgottenAt is { } at ? WorkoutJson.Instant(at) : null,
        };

    /// <summary>The activity's name as a person reads it ("Outdoor Walk").</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The workout's own zone (HKTimeZone), when it had one.</summary>
    public string? TimeZone { get; init; }

    /// <summary>When `healthsync forget` made the workout a candidate again (this outcome no longer stands); null otherwise.</summary>
    public string? ForgottenAt { get; init; }
}

using HealthSync.Sync;

namespace HealthSync.Server.Work;

/// <summary>What the worker is doing now, for the status page and its live updates.</summary>
/// <param name="Title">In words: "Syncing pushed workouts", "Sync now", "Backfill of export.zip".</param>
/// <param name="Phase">Reading or uploading.</param>
/// <param name="Done">Bytes read or workouts decided.</param>
/// <param name="Total">Of how many (0 when unknown).</param>
/// <param name="StartedAt">When the job began.</param>
/// <param name="TimeLeft">Estimated from the pace so far; null until there is a pace.</param>
public sealed record JobStatus(string Title, SyncPhase Phase, long Done, long Total, DateTimeOffset StartedAt, TimeSpan? TimeLeft);

/// <summary>How the last job ended, in words.</summary>
/// <param name="Title">The job.</param>
/// <param name="Summary">"2 uploaded, 1 skipped, 0 failed" or why it stopped.</param>
/// <param name="FinishedAt">When.</param>
public sealed record JobResult(string Title, string Summary, DateTimeOffset FinishedAt);

using HealthSync.Sync;

namespace HealthSync.Cli.Output;

/// <summary>How the command line phrases the core's outcomes: the core's sentence, plus what to type next where there is something to type.</summary>
internal static class CliWords
{
    /// <summary>The reason shown in tables and in `--json`; null for an upload.</summary>
    public static string? Reason(SyncItem item, TimeZoneInfo zone) => item.Outcome.Reason switch
    {
        ReasonCode.SyncOff => "sync is off (healthsync settings set sync on)",
        ReasonCode.EndedBeforeSyncOn => $"ended before sync was turned on ({OutcomeText.Local(item.Outcome.Boundary, zone)}): healthsync backfill brings it",
        ReasonCode.EndedAfterSyncOn => $"ended after sync was turned on ({OutcomeText.Local(item.Outcome.Boundary, zone)}): healthsync sync brings it",
        ReasonCode.BeforeSince => $"{item.Reason} (--since)",
        _ => item.Reason,
    };

    /// <summary>"resume after 2025-06-11 04:06:00 +02:00": when a spent budget allows requests again, local time to the second.</summary>
    public static string ResumeAt(SyncStop stop, TimeZoneInfo zone) =>
        stop.ResumeAt is { } at ? "resume after " + OutcomeText.Local(at, zone) : "resume later";
}

using System.Globalization;
using System.Text;
using HealthSync.State;
using HealthSync.Sync;
using HealthSync.Workouts;

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
        ReasonCode.SourceDeliversItself => $"{item.Reason} (to upload it anyway: healthsync settings set self-delivering-sources off)",
        _ => item.Reason,
    };

    /// <summary>A reason code as `--json` carries it: "SourceDeliversItself" → "source-delivers-itself".</summary>
    public static string Code(ReasonCode reason)
    {
        var name = reason.ToString();
        var code = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && code.Length > 0)
            {
                code.Append('-');
            }

            code.Append(char.ToLowerInvariant(c));
        }

        return code.ToString();
    }

    /// <summary>"2025-06-12 08:00 +02:00": a workout's start in its own zone (else <paramref name="zone"/>), to the minute.</summary>
    public static string LocalMinute(Workout workout, TimeZoneInfo zone) =>
        WorkoutZone.Local(workout.Start, workout, zone).ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);

    /// <summary>"resume after 2025-06-11 04:06:00 +02:00": when a spent budget allows requests again, local time to the second.</summary>
    public static string ResumeAt(SyncStop stop, TimeZoneInfo zone) =>
        stop.ResumeAt is { } at ? "resume after " + OutcomeText.Local(at, zone) : "resume later";

    /// <summary>
    /// The one line a command that needs the state folder prints when another process holds it: the server, with its web
    /// app and what to do there instead, or a run to wait for.
    /// </summary>
    /// <param name="directory">The state folder.</param>
    /// <param name="holder">Who holds it.</param>
    /// <param name="onTheWeb">What to do in the server's web app instead, e.g. "press Sync now on the Status page".</param>
    public static string StateHeld(string directory, StateLockHolder holder, string onTheWeb) => holder.Server is { } web
        ? $"error: {holder.Describe(directory)}. In its web app at {web}, {onTheWeb}; or stop the server, then run this again."
        : $"error: {holder.Describe(directory)}. Wait for it to finish, then run this again.";
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HealthSync.Workouts;

/// <summary>Derives a workout's stable id from what every source repeats unchanged: its type, start and end.</summary>
/// <remarks>
/// The inputs are the activity type and the start and end instants (whole seconds, UTC, so the export-time offset
/// does not matter). Totals are left out because iOS 16+ rewrites them as WorkoutStatistics for old workouts and
/// units follow the user's current preferences. The source name is left out too: the Health app's export names it
/// ("Apple Watch von Anna"), a Health Auto Export push does not, and a renamed watch must not make the whole history
/// new again. So a workout pushed from the phone and later read from an export.zip has one id, and is uploaded once.
/// Two recordings of one type with the same start and end to the second are one session anyway (rule 3).
/// </remarks>
public static class WorkoutId
{
    /// <summary>Prefix that marks ids written by HealthSync (also used as Intervals.icu external_id).</summary>
    public const string Prefix = "ah-";

    /// <summary>"ah-" followed by 20 lowercase hex digits of SHA-256 over the identifying fields.</summary>
    public static string Create(string activityType, DateTimeOffset start, DateTimeOffset end)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{SportCategories.ShortName(activityType)}|{start.ToUnixTimeSeconds()}|{end.ToUnixTimeSeconds()}");
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return Prefix + Convert.ToHexStringLower(hash[..10]);
    }
}

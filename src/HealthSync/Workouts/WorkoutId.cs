using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HealthSync.Workouts;

/// <summary>Derives a workout's stable id from what every later export repeats unchanged.</summary>
/// <remarks>
/// The inputs are the activity type, the start and end instants (whole seconds, UTC, so the export-time
/// offset does not matter) and the source name. Totals are left out on purpose: iOS 16+ rewrites them as
/// WorkoutStatistics for old workouts, and units follow the user's current preferences.
/// </remarks>
public static class WorkoutId
{
    /// <summary>Prefix that marks ids written by HealthSync (also used as Intervals.icu external_id).</summary>
    public const string Prefix = "ah-";

    /// <summary>"ah-" followed by 20 lowercase hex digits of SHA-256 over the identifying fields.</summary>
    public static string Create(string activityType, DateTimeOffset start, DateTimeOffset end, string source)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{activityType}|{start.ToUnixTimeSeconds()}|{end.ToUnixTimeSeconds()}|{source.Trim()}");
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return Prefix + Convert.ToHexStringLower(hash[..10]);
    }
}

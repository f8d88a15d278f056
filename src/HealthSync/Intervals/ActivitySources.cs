using System.Collections.Frozen;
using System.Globalization;

namespace HealthSync.Intervals;

/// <summary>Intervals.icu activity <c>source</c> codes (GARMIN_CONNECT, STRAVA, ...) as the words a person reads.</summary>
public static class ActivitySources
{
    // The codes of the OpenAPI's Activity.source enum.
    private static readonly FrozenDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["STRAVA"] = "Strava",
        ["UPLOAD"] = "File upload",
        ["MANUAL"] = "Manual entry",
        ["GARMIN_CONNECT"] = "Garmin Connect",

        // An app using the API with OAuth (HealthSync itself when it logs in that way).
        ["OAUTH_CLIENT"] = "Connected app",
        ["DROPBOX"] = "Dropbox",
        ["POLAR"] = "Polar",
        ["SUUNTO"] = "Suunto",
        ["COROS"] = "COROS",
        ["WAHOO"] = "Wahoo",
        ["ZWIFT"] = "Zwift",
        ["ZEPP"] = "Zepp",
        ["CONCEPT2"] = "Concept2",
        ["HUAWEI"] = "Huawei",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The codes this class has a name for (those of the OpenAPI's enum).</summary>
    public static IReadOnlyCollection<string> KnownCodes => Names.Keys;

    /// <summary>"GARMIN_CONNECT" → "Garmin Connect"; a code the service adds later reads as its words ("NEW_THING" → "New Thing"); null or blank → "".</summary>
    public static string DisplayName(string? source)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            return string.Empty;
        }

        if (Names.TryGetValue(source, out var name))
        {
            return name;
        }

        var words = source.Split(['_', ' '], StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words.Select(w => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(w.ToLowerInvariant())));
    }
}

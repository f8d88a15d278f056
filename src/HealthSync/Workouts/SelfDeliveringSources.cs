using System.Collections.Frozen;
using System.Text;

namespace HealthSync.Workouts;

/// <summary>An app that writes workouts to Apple Health and also sends them to Intervals.icu by itself.</summary>
/// <param name="Id">Stable identifier for settings and JSON, e.g. "garmin-connect".</param>
/// <param name="DisplayName">The name a person reads, e.g. "Garmin Connect".</param>
/// <param name="SourceNames">The Apple Health <c>sourceName</c>s the app writes under.</param>
public sealed record SelfDeliveringSource(string Id, string DisplayName, IReadOnlyList<string> SourceNames);

/// <summary>THE list of apps whose Apple Health workouts reach Intervals.icu without HealthSync, and how to recognise them.</summary>
/// <remarks>
/// Only apps with their own route into Intervals.icu: the services its Activity <c>source</c> enum names (STRAVA,
/// GARMIN_CONNECT, POLAR, SUUNTO, COROS, WAHOO, ZWIFT, ZEPP, CONCEPT2, HUAWEI) and apps that upload through its API
/// (MyWhoosh, Rouvy). Left out on purpose: TrainerRoad and Peloton (their rides reach Intervals.icu only through
/// Strava or Garmin, whose own copies are caught by the duplicate rules), Oura (sends wellness, not activities),
/// and Dropbox (a folder, not an app that writes to Apple Health).
/// </remarks>
public static class SelfDeliveringSources
{
    /// <summary>Every app in the list, in the order a settings screen shows them.</summary>
    public static IReadOnlyList<SelfDeliveringSource> All { get; } =
    [
        // Garmin's iPhone app is labelled "Connect" on the home screen, and Apple Health uses that label.
        new("garmin-connect", "Garmin Connect", ["Garmin Connect", "Connect"]),
        new("strava", "Strava", ["Strava"]),
        new("zwift", "Zwift", ["Zwift", "Zwift Companion"]),

        // The ELEMNT companion app writes the bike computer's rides; SYSTM writes indoor sessions.
        new("wahoo", "Wahoo", ["Wahoo", "ELEMNT", "Wahoo SYSTM", "SYSTM", "Wahoo Fitness"]),
        new("coros", "COROS", ["COROS"]),
        new("polar", "Polar", ["Polar Flow", "Polar Beat", "Polar"]),
        new("suunto", "Suunto", ["Suunto", "Suunto App"]),
        new("zepp", "Zepp (Amazfit)", ["Zepp", "Amazfit", "Zepp Life"]),
        new("concept2", "Concept2", ["ErgData", "Concept2"]),
        new("huawei", "Huawei Health", ["Huawei Health"]),
        new("mywhoosh", "MyWhoosh", ["MyWhoosh"]),
        new("rouvy", "Rouvy", ["ROUVY"]),
    ];

    private static readonly FrozenDictionary<string, SelfDeliveringSource> BySourceName = All
        .SelectMany(s => s.SourceNames, (source, name) => (Key: Normalize(name), Source: source))
        .ToFrozenDictionary(p => p.Key, p => p.Source, StringComparer.Ordinal);

    /// <summary>The app an Apple Health <c>sourceName</c> belongs to, ignoring case and spaces; null when it is not in the list.</summary>
    public static SelfDeliveringSource? Match(string? sourceName) =>
        sourceName is not null && BySourceName.TryGetValue(Normalize(sourceName), out var source) ? source : null;

    /// <summary>The app with this <see cref="SelfDeliveringSource.Id"/> (case-insensitive); null when there is none.</summary>
    public static SelfDeliveringSource? ById(string id) =>
        All.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.OrdinalIgnoreCase));

    // Case, spaces and the odd punctuation vary between app versions ("Polar Flow", "PolarFlow", "Polar-Flow"): keep
    // letters and digits only. Exact names, not prefixes: "Connect" must not catch "Connected Fitness".
    private static string Normalize(string name)
    {
        var key = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(c))
            {
                key.Append(char.ToLowerInvariant(c));
            }
        }

        return key.ToString();
    }
}

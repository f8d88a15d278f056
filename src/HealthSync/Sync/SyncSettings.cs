using System.Globalization;
using HealthSync.State;
using HealthSync.Workouts;

namespace HealthSync.Sync;

/// <summary>The user's sync settings: sync on/off and since when, the sports to sync, GPS routes, the fallback time zone.</summary>
public sealed record SyncSettings
{
    /// <summary>Setting keys as `healthsync settings set KEY VALUE` takes them.</summary>
    public const string SyncKey = "sync";
    public const string GpsRoutesKey = "gps-routes";
    public const string TimeZoneKey = "time-zone";
    private const string SinceKey = "sync.since";
    private const string SportPrefix = "sports.";

    /// <summary>On, off, or null when never set (the first `healthsync sync` turns it on).</summary>
    public bool? SyncOn { get; init; }

    /// <summary>When sync was turned on: workouts that ended after it are new; older ones are for backfill.</summary>
    public DateTimeOffset? SyncSince { get; init; }

    /// <summary>Include GPS routes in the FIT files of outdoor workouts. Default on.</summary>
    public bool GpsRoutes { get; init; } = true;

    /// <summary>IANA zone for workouts without HKTimeZone. Default the machine's.</summary>
    public required string TimeZoneId { get; init; }

    /// <summary>The categories to sync. Default all but Cycling and Running.</summary>
    public required IReadOnlySet<SportCategory> Sports { get; init; }

    /// <summary>The time zone as an object; UTC if the id is unknown on this machine.</summary>
    public TimeZoneInfo TimeZone => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>Reads the settings, with the defaults for those never set.</summary>
    public static SyncSettings Load(SyncState state, string machineTimeZoneId)
    {
        ArgumentNullException.ThrowIfNull(state);
        var sports = new HashSet<SportCategory>();
        foreach (var category in SportCategories.All)
        {
            var value = state.GetSetting(SportPrefix + category.ToId());
            if (value is null ? SportCategories.IsOnByDefault(category) : value == "on")
            {
                sports.Add(category);
            }
        }

        return new SyncSettings
        {
            SyncOn = state.GetSetting(SyncKey) switch { "on" => true, "off" => false, _ => null },
            SyncSince = state.GetSetting(SinceKey) is { } since ? DateTimeOffset.Parse(since, CultureInfo.InvariantCulture) : null,
            GpsRoutes = state.GetSetting(GpsRoutesKey) != "off",
            TimeZoneId = state.GetSetting(TimeZoneKey) ?? machineTimeZoneId,
            Sports = sports,
        };
    }

    /// <summary>Turns sync on from <paramref name="now"/> (keeping the earlier instant when it is on already) or off.</summary>
    public static void SetSync(SyncState state, bool on, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (on && state.GetSetting(SyncKey) == "on" && state.GetSetting(SinceKey) is not null)
        {
            return;
        }

        state.SetSetting(SyncKey, on ? "on" : "off");
        if (on)
        {
            state.SetSetting(SinceKey, now.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        }
    }

    public static void SetSport(SyncState state, SportCategory category, bool on)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.SetSetting(SportPrefix + category.ToId(), on ? "on" : "off");
    }
}

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
    public const string SelfDeliveringKey = "self-delivering-sources";
    public const string ResendDeletedKey = "resend-deleted";
    public const string KeepDocumentsKey = "keep-documents-days";

    /// <summary>How long pushed documents are kept once read, by default: long enough to read them again after a fix.</summary>
    public const int DefaultKeepDocumentsDays = 30;
    private const string SinceKey = "sync.since";
    private const string TimeZoneOriginKey = "time-zone.origin";
    private const string SportPrefix = "sports.";

    /// <summary>On, off, or null when never set (connecting an account turns it on; else the first `healthsync sync`).</summary>
    public bool? SyncOn { get; init; }

    /// <summary>When sync was turned on: workouts that ended after it are new; older ones are for backfill.</summary>
    public DateTimeOffset? SyncSince { get; init; }

    /// <summary>Include GPS routes in the FIT files of outdoor workouts. Default on.</summary>
    public bool GpsRoutes { get; init; } = true;

    /// <summary>IANA zone for workouts without HKTimeZone. Default the machine's.</summary>
    public required string TimeZoneId { get; init; }

    /// <summary>The categories to sync. Default all but Cycling and Running.</summary>
    public required IReadOnlySet<SportCategory> Sports { get; init; }

    /// <summary>
    /// The apps of <see cref="SelfDeliveringSources"/> whose workouts are left out because they reach Intervals.icu
    /// by themselves (their ids). Default all of them; stored as "on" (all), "off" (none) or a comma list of ids.
    /// </summary>
    public IReadOnlySet<string> SkippedSources { get; init; } = AllSelfDelivering;

    /// <summary>Upload again a workout whose activity was deleted in Intervals.icu. Default off: a deletion is the user's choice.</summary>
    public bool ResendDeleted { get; init; }

    /// <summary>Days a pushed document is kept once read into the inbox (then pruned, its workouts stay). Default <see cref="DefaultKeepDocumentsDays"/>.</summary>
    public int KeepDocumentsDays { get; init; } = DefaultKeepDocumentsDays;

    /// <summary>Where <see cref="TimeZoneId"/> comes from: set by the user, stored from the machine at the first run, or the machine's now.</summary>
    public TimeZoneOrigin TimeZoneOrigin { get; init; }

    private static IReadOnlySet<string> AllSelfDelivering { get; } = SelfDeliveringSources.All.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);

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

        var zone = state.GetSetting(TimeZoneKey);
        return new SyncSettings
        {
            SyncOn = state.GetSetting(SyncKey) switch { "on" => true, "off" => false, _ => null },
            SyncSince = state.GetSetting(SinceKey) is { } since ? DateTimeOffset.Parse(since, CultureInfo.InvariantCulture) : null,
            GpsRoutes = state.GetSetting(GpsRoutesKey) != "off",
            TimeZoneId = zone ?? machineTimeZoneId,
            TimeZoneOrigin = zone is null ? TimeZoneOrigin.Machine : state.GetSetting(TimeZoneOriginKey) == "machine" ? TimeZoneOrigin.StoredFromMachine : TimeZoneOrigin.User,
            Sports = sports,
            SkippedSources = TryParseSkipped(state.GetSetting(SelfDeliveringKey) ?? "on", out var skipped, out _) ? skipped : AllSelfDelivering,
            ResendDeleted = state.GetSetting(ResendDeletedKey) == "on",
            KeepDocumentsDays = int.TryParse(state.GetSetting(KeepDocumentsKey), NumberStyles.None, CultureInfo.InvariantCulture, out var days) ? days : DefaultKeepDocumentsDays,
        };
    }

    /// <summary>Stores the machine's zone as the time-zone setting the first time a run needs one, so a later run on a machine in another zone (a server in UTC) keeps it.</summary>
    public static void StoreZoneOnFirstUse(SyncState state, TimeZoneInfo machineZone)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(machineZone);
        if (state.GetSetting(TimeZoneKey) is null)
        {
            state.SetSetting(TimeZoneOriginKey, "machine");
            state.SetSetting(TimeZoneKey, machineZone.Id);
        }
    }

    /// <summary>Sets the time-zone setting as the user chose it.</summary>
    public static void SetTimeZone(SyncState state, string zoneId)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.SetSetting(TimeZoneOriginKey, "user");
        state.SetSetting(TimeZoneKey, zoneId);
    }

    /// <summary>
    /// Reads a value of <see cref="SelfDeliveringKey"/>: "on" (all apps left out), "off" (none), or a comma list of
    /// app ids ("garmin-connect,strava") to leave out; <paramref name="error"/> names an unknown id.
    /// </summary>
    public static bool TryParseSkipped(string value, out IReadOnlySet<string> skipped, out string error)
    {
        ArgumentNullException.ThrowIfNull(value);
        error = string.Empty;
        skipped = AllSelfDelivering;
        switch (value.Trim())
        {
            case "on":
                return true;
            case "off" or "none" or "":
                skipped = new HashSet<string>(StringComparer.Ordinal);
                return true;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (SelfDeliveringSources.ById(part) is not { } app)
            {
                error = $"'{part}' is not one of on, off, or the apps {string.Join(", ", SelfDeliveringSources.All.Select(s => s.Id))}";
                return false;
            }

            ids.Add(app.Id);
        }

        skipped = ids;
        return true;
    }

    /// <summary>Stores <paramref name="skipped"/> in its shortest form ("on", "off" or the ids in the list's order).</summary>
    public static void SetSkippedSources(SyncState state, IReadOnlySet<string> skipped)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(skipped);
        var value = skipped.Count == 0 ? "off"
            : AllSelfDelivering.All(skipped.Contains) ? "on"
            : string.Join(',', SelfDeliveringSources.All.Where(s => skipped.Contains(s.Id)).Select(s => s.Id));
        state.SetSetting(SelfDeliveringKey, value);
    }

    /// <summary>The app a workout comes from when that app delivers by itself and is left out; null when the workout is to be decided.</summary>
    public SelfDeliveringSource? DeliversItself(Workout workout)
    {
        ArgumentNullException.ThrowIfNull(workout);
        return SelfDeliveringSources.Match(workout.Source) is { } app && SkippedSources.Contains(app.Id) ? app : null;
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

    /// <summary>
    /// Turns sync on at <paramref name="connectedAt"/>, the moment an Intervals.icu account was connected (the Account
    /// page, `healthsync login`), unless the user already chose on or off. A workout recorded after the connection is
    /// then new and its push uploads it; one that ended before waits for a backfill. (Turned on at the first run instead,
    /// the first push's own walk ended "before sync was on" and was never uploaded.)
    /// </summary>
    /// <returns>True when this turned sync on.</returns>
    public static bool TurnOnAtConnection(SyncState state, DateTimeOffset connectedAt)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.GetSetting(SyncKey) is not null)
        {
            return false;
        }

        SetSync(state, on: true, connectedAt);
        return true;
    }

    public static void SetSport(SyncState state, SportCategory category, bool on)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.SetSetting(SportPrefix + category.ToId(), on ? "on" : "off");
    }
}

/// <summary>Where the time-zone setting comes from.</summary>
public enum TimeZoneOrigin
{
    /// <summary>Never stored: the machine's zone now (no real run yet).</summary>
    Machine,

    /// <summary>Stored from the machine's zone at the first real run.</summary>
    StoredFromMachine,

    /// <summary>Set with `settings set time-zone` (or stored by a release that did not record the origin).</summary>
    User,
}

using System.Collections.Concurrent;
using System.Globalization;

namespace HealthSync.Workouts;

/// <summary>
/// The one place a workout's zone is resolved, in order: its own (HKTimeZone), the offset the phone wrote (Health Auto
/// Export, as <see cref="FixedOffsetId"/>), the zone the user chose for workouts without one, the machine's.
/// </summary>
/// <remarks>
/// An instant is not a local time: Apple Health's dates are instants, and the zone is separate data that older
/// workouts do not carry. Every local time shown, sent or compared (FIT local timestamps, Strava stubs' local
/// start, --since dates, tables) goes through here, so they can never disagree.
/// </remarks>
public static class WorkoutZone
{
    private const string OffsetPrefix = "UTC";

    /// <summary>Fixed-offset zones made once each (there are a few dozen offsets in use).</summary>
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> FixedZones = new(StringComparer.Ordinal);

    /// <summary>The workout's zone: HKTimeZone when this machine knows it, else <paramref name="fallback"/>.</summary>
    public static TimeZoneInfo Of(Workout workout, TimeZoneInfo fallback)
    {
        ArgumentNullException.ThrowIfNull(workout);
        return Of(workout.TimeZoneId, fallback);
    }

    /// <summary>A workout's zone from its stored zone id (a history line's), else <paramref name="fallback"/>.</summary>
    public static TimeZoneInfo Of(string? zoneId, TimeZoneInfo fallback) => TryResolve(zoneId, out var zone) ? zone : fallback;

    /// <summary>True when the workout carries a zone this machine knows (no fallback needed).</summary>
    public static bool HasOwn(Workout workout)
    {
        ArgumentNullException.ThrowIfNull(workout);
        return TryResolve(workout.TimeZoneId, out _);
    }

    /// <summary>
    /// The zone id of a fixed UTC offset ("UTC-05:00", "UTC+05:45"): what a source that writes offsets but no zone name
    /// (Health Auto Export) gives as the workout's own zone, ahead of the user's setting and the machine's.
    /// </summary>
    public static string FixedOffsetId(TimeSpan offset) =>
        string.Create(CultureInfo.InvariantCulture, $"{OffsetPrefix}{(offset < TimeSpan.Zero ? '-' : '+')}{offset.Duration():hh\\:mm}");

    /// <summary>An IANA (or Windows) zone this machine knows, or a fixed offset written by <see cref="FixedOffsetId"/>.</summary>
    private static bool TryResolve(string? zoneId, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (zoneId is not { Length: > 0 } id)
        {
            return false;
        }

        if (id.StartsWith(OffsetPrefix, StringComparison.Ordinal) && id.Length == OffsetPrefix.Length + 6)
        {
            if (!TryOffset(id.AsSpan(OffsetPrefix.Length), out var offset))
            {
                return false;
            }

            zone = FixedZones.GetOrAdd(id, static (key, o) => TimeZoneInfo.CreateCustomTimeZone(key, o, key, key), offset);
            return true;
        }

        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found))
        {
            zone = found;
            return true;
        }

        return false;
    }

    /// <summary>"+05:45" or "-12:00", within the offsets in use (−14:00 to +14:00).</summary>
    private static bool TryOffset(ReadOnlySpan<char> text, out TimeSpan offset)
    {
        offset = default;
        var sign = text[0] switch { '+' => 1, '-' => -1, _ => 0 };
        if (sign == 0 || text[3] != ':'
            || !int.TryParse(text[1..3], NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(text[4..], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || minutes > 59 || hours * 60 + minutes > 14 * 60)
        {
            return false;
        }

        offset = sign * new TimeSpan(hours, minutes, 0);
        return true;
    }

    /// <summary>The workout's start as wall-clock time where it happened.</summary>
    public static DateTime LocalStart(Workout workout, TimeZoneInfo fallback) => Local(workout.Start, workout, fallback).DateTime;

    /// <summary>An instant of the workout's (its start, a lap) in the workout's zone, with that zone's offset.</summary>
    public static DateTimeOffset Local(DateTimeOffset instant, Workout workout, TimeZoneInfo fallback) => TimeZoneInfo.ConvertTime(instant, Of(workout, fallback));
}

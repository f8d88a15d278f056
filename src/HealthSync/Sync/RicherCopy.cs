using System.Globalization;
using HealthSync.State;
using HealthSync.Workouts;

namespace HealthSync.Sync;

/// <summary>
/// A later copy of a workout already in Intervals.icu that carries more (a route, a distance, heart rate): never sent
/// over the activity there (a second upload would be a duplicate, and a replacement would lose the user's edits), but
/// never dropped silently either: History says what it adds and how to get it in.
/// </summary>
internal static class RicherCopy
{
    /// <summary>What <paramref name="copy"/> has that <paramref name="before"/> lacked, in words; null when nothing.</summary>
    public static string? Adds(WorkoutSummary before, Workout copy)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(copy);
        var adds = new List<string>();
        if (before.RoutePoints == 0 && copy.Route.Count > 0)
        {
            adds.Add(string.Create(CultureInfo.InvariantCulture, $"a GPS route ({copy.Route.Count:N0} points)"));
        }

        if (before.Workout.DistanceMeters is null && copy.DistanceMeters is { } metres)
        {
            adds.Add(string.Create(CultureInfo.InvariantCulture, $"a distance ({metres / 1000:0.00} km)"));
        }

        if (before.HeartRateSamples == 0 && copy.HeartRate?.Samples.Count > 0)
        {
            adds.Add("heart rate");
        }

        if (before.Workout.EnergyKilocalories is null && copy.EnergyKilocalories is { } kcal)
        {
            adds.Add(string.Create(CultureInfo.InvariantCulture, $"energy ({kcal:0} kcal)"));
        }

        return adds.Count == 0 ? null : string.Join(", ", adds);
    }

    /// <summary>True when <paramref name="copy"/> lacks what <paramref name="before"/> had (a route, a distance, heart rate, energy).</summary>
    public static bool Loses(WorkoutSummary before, Workout copy)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(copy);
        return (before.RoutePoints > 0 && copy.Route.Count == 0)
            || (before.Workout.DistanceMeters is not null && copy.DistanceMeters is null)
            || (before.HeartRateSamples > 0 && (copy.HeartRate?.Samples.Count ?? 0) == 0)
            || (before.Workout.EnergyKilocalories is not null && copy.EnergyKilocalories is null);
    }

    /// <summary>Writes the History line for a richer copy of a workout whose own copy is in Intervals.icu; nothing for others.</summary>
    public static void Record(SyncState state, WorkoutRecord? recorded, WorkoutSummary before, Workout copy, DateTimeOffset now)
    {
        if (recorded is not { } record || !record.Kind.IsOwnCopyThere() || Adds(before, copy) is not { } adds)
        {
            return;
        }

        var activity = record.IntervalsActivityId ?? "the activity";
        var reason = $"a later copy adds {adds}; it is not sent over {activity} in Intervals.icu. To get it in: delete {activity} there, then Re-send this workout (edits made there are lost)";
        // The line keeps the upload's name and zone (the local time Intervals.icu shows), not the new copy's.
        var upload = state.History("uploaded", int.MaxValue).FirstOrDefault(h => h.WorkoutId == copy.Id && h.Kind == record.Kind);
        state.Record(
            record with { Reason = reason, UpdatedAt = now },
            null,
            new HistoryEntry(copy.Id, SportCategories.ShortName(copy.ActivityType), copy.Category.ToId(), copy.Start, record.Kind, reason, record.IntervalsActivityId, now)
            {
                Name = upload?.Name ?? SportTable.DisplayName(copy),
                TimeZoneId = upload is null ? copy.TimeZoneId : upload.TimeZoneId,
            });
    }
}

using HealthSync.Workouts;

namespace HealthSync.Sync;

/// <summary>Groups Intervals.icu activity types into families, so a "GravelRide" from Garmin matches an Apple "Ride".</summary>
internal static class SportFamily
{
    private static readonly Dictionary<string, string> Families = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Ride"] = "cycling", ["VirtualRide"] = "cycling", ["GravelRide"] = "cycling", ["MountainBikeRide"] = "cycling",
        ["EBikeRide"] = "cycling", ["EMountainBikeRide"] = "cycling", ["TrackRide"] = "cycling", ["Cyclocross"] = "cycling",
        ["Handcycle"] = "cycling", ["Velomobile"] = "cycling",
        ["Run"] = "running", ["TrailRun"] = "running", ["VirtualRun"] = "running",
        ["Walk"] = "walking", ["Hike"] = "walking", ["Snowshoe"] = "walking",
        ["Swim"] = "swimming", ["OpenWaterSwim"] = "swimming",
        ["WeightTraining"] = "strength", ["Crossfit"] = "strength",
        ["Yoga"] = "yoga", ["Pilates"] = "yoga",
        ["Rowing"] = "rowing", ["VirtualRow"] = "rowing",
        ["Workout"] = "generic", ["Other"] = "generic",
    };

    /// <summary>The family of an Intervals.icu type; unknown types are their own family.</summary>
    public static string Of(string intervalsType) => Families.TryGetValue(intervalsType, out var family) ? family : intervalsType.ToUpperInvariant();

    public static string Of(Workout workout) => Of(SportMappings.IntervalsType(workout));
}

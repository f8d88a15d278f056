using HealthSync.Workouts;

namespace HealthSync.Sync;

/// <summary>Groups Intervals.icu activity types into families, so a "GravelRide" from Garmin matches an Apple "Ride".</summary>
/// <remarks>
/// One person does one sport at a time, so a family may be wide: it only has to keep apart sports that a watch and
/// another recorder could label differently for the same session. Apple's broad types (PaddleSports, SkatingSports,
/// SurfingSports) map to one Intervals.icu type each; the family catches the more precise type Garmin or Strava gives.
/// Racquet sports stay apart (Tennis does not match Squash): each is its own family.
/// </remarks>
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

        // Apple has one paddling type and Rowing; Garmin and Strava split kayak, canoe and SUP, and some athletes
        // log a canoe as Rowing: a boat moved by hand is one family.
        ["Rowing"] = "paddling", ["VirtualRow"] = "paddling", ["Kayaking"] = "paddling", ["Canoeing"] = "paddling",
        ["StandUpPaddling"] = "paddling",

        // Resort skiing and snowboarding go downhill on lifts; nordic, backcountry (skinning up), roller and erg
        // skiing are the endurance kind.
        ["AlpineSki"] = "downhill", ["Snowboard"] = "downhill",
        ["NordicSki"] = "nordic", ["BackcountrySki"] = "nordic", ["RollerSki"] = "nordic", ["VirtualSki"] = "nordic",
        ["IceSkate"] = "skating", ["InlineSkate"] = "skating", ["Skateboard"] = "skating",
        ["Surfing"] = "surfing", ["Kitesurf"] = "surfing", ["Windsurf"] = "surfing",
        ["Workout"] = "generic", ["Other"] = "generic",
    };

    /// <summary>The family of an Intervals.icu type; unknown types are their own family.</summary>
    public static string Of(string intervalsType) => Families.TryGetValue(intervalsType, out var family) ? family : intervalsType.ToUpperInvariant();

    public static string Of(Workout workout) => Of(SportMappings.IntervalsType(workout));
}

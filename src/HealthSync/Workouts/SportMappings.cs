using System.Collections.Frozen;

namespace HealthSync.Workouts;

/// <summary>The one table from Apple Health activity types to FIT sport/sub_sport and Intervals.icu activity types.</summary>
/// <remarks>
/// FIT numbers are from Garmin's profile (sport: running 1, cycling 2, fitness_equipment 4, swimming 5,
/// training 10, walking 11, rowing 15, hiking 17, hiit 62; sub_sport: treadmill 1, indoor_cycling 6,
/// hand_cycling 12, indoor_rowing 14, elliptical 15, stair_climbing 16, lap_swimming 17, open_water 18,
/// strength_training 20, indoor_walking 27, yoga 43, pilates 44, hiit 70). Indoor rows apply when the
/// workout says HKIndoorWorkout = true; swims split on pool versus open water.
/// </remarks>
public static class SportMappings
{
    /// <summary>Everything the table does not name: FIT generic, Intervals.icu "Workout".</summary>
    public static SportMapping Generic { get; } = new(0, 0, "Workout");

    private static readonly FrozenDictionary<string, Row> Rows = new Dictionary<string, Row>(StringComparer.Ordinal)
    {
        ["Running"] = new(new(1, 0, "Run"), new(1, 1, "Run")),
        ["Cycling"] = new(new(2, 0, "Ride"), new(2, 6, "VirtualRide")),
        ["HandCycling"] = new(new(2, 12, "Handcycle"), null),
        ["Walking"] = new(new(11, 0, "Walk"), new(11, 27, "Walk")),
        ["Hiking"] = new(new(17, 0, "Hike"), null),
        ["Swimming"] = new(new(5, 17, "Swim"), null), // open water: see For
        ["TraditionalStrengthTraining"] = new(new(10, 20, "WeightTraining"), null),
        ["FunctionalStrengthTraining"] = new(new(10, 20, "WeightTraining"), null),
        ["CoreTraining"] = new(new(10, 20, "WeightTraining"), null),
        ["HighIntensityIntervalTraining"] = new(new(62, 70, "HighIntensityIntervalTraining"), null),
        ["Yoga"] = new(new(10, 43, "Yoga"), null),
        ["Pilates"] = new(new(10, 44, "Pilates"), null),
        ["Elliptical"] = new(new(4, 15, "Elliptical"), null),
        ["Rowing"] = new(new(15, 0, "Rowing"), new(15, 14, "Rowing")),
        ["StairClimbing"] = new(new(4, 16, "StairStepper"), null),
        ["Stairs"] = new(new(4, 16, "StairStepper"), null),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>FIT sub_sport lap_swimming: the sub-sport of pool swims, which carry lengths.</summary>
    public const byte PoolSwimSubSport = 17;

    private static readonly SportMapping OpenWaterSwim = new(5, 18, "OpenWaterSwim");

    /// <summary>The mapping for a workout (its activity type, indoor flag and swim location).</summary>
    public static SportMapping For(Workout workout)
    {
        ArgumentNullException.ThrowIfNull(workout);
        return For(workout.ActivityType, workout.Indoor, workout.SwimLocation);
    }

    /// <summary>The mapping for an activity type ("HKWorkoutActivityTypeRunning" or "Running").</summary>
    public static SportMapping For(string activityType, bool? indoor = null, SwimLocation swimLocation = SwimLocation.Unknown)
    {
        var name = SportCategories.ShortName(activityType);
        if (name == "Swimming" && swimLocation == SwimLocation.OpenWater)
        {
            return OpenWaterSwim;
        }

        if (!Rows.TryGetValue(name, out var row))
        {
            return Generic;
        }

        return indoor == true && row.Indoor is { } inside ? inside : row.Outdoor;
    }

    /// <summary>The Intervals.icu activity type for a workout (e.g. "Run", "VirtualRide", "Workout").</summary>
    public static string IntervalsType(Workout workout) => For(workout).IntervalsType;

    private sealed record Row(SportMapping Outdoor, SportMapping? Indoor);
}

namespace HealthSync.Workouts;

/// <summary>FIT sport/sub_sport and Intervals.icu activity type of a workout, read from <see cref="SportTable"/>.</summary>
/// <remarks>
/// Indoor variants apply when the workout says HKIndoorWorkout = true; swims split on pool versus open water.
/// </remarks>
public static class SportMappings
{
    /// <summary>Everything the table does not name: FIT generic, Intervals.icu "Workout".</summary>
    public static SportMapping Generic { get; } = new(FitSport.Generic, FitSubSport.Generic, SportTable.GenericType);

    /// <summary>FIT sub_sport lap_swimming: the sub-sport of pool swims, which carry lengths.</summary>
    public const byte PoolSwimSubSport = FitSubSport.LapSwimming;

    /// <summary>The mapping for a workout (its activity type, indoor flag and swim location).</summary>
    public static SportMapping For(Workout workout)
    {
        ArgumentNullException.ThrowIfNull(workout);
        return For(workout.ActivityType, workout.Indoor, workout.SwimLocation);
    }

    /// <summary>The mapping for an activity type ("HKWorkoutActivityTypeRunning" or "Running").</summary>
    public static SportMapping For(string activityType, bool? indoor = null, SwimLocation swimLocation = SwimLocation.Unknown) =>
        SportTable.Find(activityType).Resolve(indoor, swimLocation).Mapping;

    /// <summary>The Intervals.icu activity type for a workout (e.g. "Run", "VirtualRide", "Workout").</summary>
    public static string IntervalsType(Workout workout) => For(workout).IntervalsType;
}

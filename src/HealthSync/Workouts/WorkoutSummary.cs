namespace HealthSync.Workouts;

/// <summary>A workout without its samples, route, laps and lengths: what the rules and the reports need, kept for thousands at once.</summary>
/// <param name="Workout">The workout with its series emptied (totals, zone, source and device kept).</param>
/// <param name="RoutePoints">How many route points the full workout has (rule 3 prefers the copy with a route).</param>
/// <param name="HeartRateSamples">How many heart-rate samples the full workout has.</param>
public sealed record WorkoutSummary(Workout Workout, int RoutePoints, int HeartRateSamples)
{
    /// <summary>The workout id.</summary>
    public string Id => Workout.Id;

    /// <summary>The summary of a full workout.</summary>
    public static WorkoutSummary Of(Workout full)
    {
        ArgumentNullException.ThrowIfNull(full);
        var slim = full with
        {
            HeartRate = full.HeartRate is { } hr ? hr with { Samples = [] } : null,
            DistanceSamples = [],
            PowerSamples = [],
            CadenceSamples = [],
            SpeedSamples = [],
            Route = [],
            Laps = [],
            Segments = [],
            Parts = [],
            SwimLengths = [],
            Pauses = [],
        };
        return new WorkoutSummary(slim, full.Route.Count, full.HeartRate?.Samples.Count ?? 0);
    }
}

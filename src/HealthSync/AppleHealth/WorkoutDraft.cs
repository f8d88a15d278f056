using HealthSync.Workouts;

namespace HealthSync.AppleHealth;

/// <summary>What a Workout element says by itself, before samples and route files are joined to it.</summary>
internal sealed class WorkoutDraft
{
    public required string ActivityType { get; init; }
    public required DateTimeOffset Start { get; init; }
    public required DateTimeOffset End { get; init; }
    public required TimeSpan Duration { get; init; }
    public required string Source { get; init; }
    public string? SourceVersion { get; init; }
    public string? DeviceDescription { get; init; }
    public double? TotalDistanceMeters { get; set; }
    public double? TotalEnergyKilocalories { get; set; }

    /// <summary>Metadata, first value of each key (exports write the block twice).</summary>
    public Dictionary<string, string> Metadata { get; } = new(StringComparer.Ordinal);

    public List<WorkoutEventEntry> Events { get; } = [];
    public List<WorkoutStatistic> Statistics { get; } = [];
    public List<WorkoutPart> Parts { get; } = [];
    public List<string> RouteFiles { get; } = [];
    public List<RoutePoint> InlineRoute { get; } = [];

    /// <summary>Fields that could not be read and were left out, for the problems list.</summary>
    public List<string> Warnings { get; } = [];
}

/// <summary>A WorkoutEvent: Pause, Resume, Lap, Segment, Marker, MotionPaused, MotionResumed...</summary>
internal sealed record WorkoutEventEntry(string Type, DateTimeOffset Date, TimeSpan Duration, SwimStroke? Stroke);

/// <summary>A WorkoutStatistics element in canonical units (distance m, energy kcal, heart rate bpm).</summary>
internal sealed record WorkoutStatistic(string Type, double? Sum, double? Average, double? Maximum);

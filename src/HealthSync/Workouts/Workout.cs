namespace HealthSync.Workouts;

/// <summary>One completed workout as Apple Health recorded it, in canonical units (metres, kilocalories, seconds, bpm, m/s, W).</summary>
/// <remarks>
/// <see cref="Start"/> and <see cref="End"/> are instants in UTC. The export writes them with the exporting
/// device's offset at export time, which says nothing about where the workout happened; the workout's own
/// zone is <see cref="TimeZoneId"/> (HKTimeZone metadata), kept apart on purpose.
/// </remarks>
public sealed record Workout
{
    /// <summary>Stable id: the same workout gets the same id in every later export (see <see cref="WorkoutId"/>).</summary>
    public required string Id { get; init; }

    /// <summary>The HKWorkoutActivityType constant name, e.g. "HKWorkoutActivityTypeRunning".</summary>
    public required string ActivityType { get; init; }

    /// <summary>The "Sports to sync" category of <see cref="ActivityType"/>.</summary>
    public SportCategory Category => SportCategories.Of(ActivityType);

    /// <summary>HKIndoorWorkout; null when the workout does not say.</summary>
    public bool? Indoor { get; init; }

    /// <summary>Start instant (UTC).</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>End instant (UTC).</summary>
    public required DateTimeOffset End { get; init; }

    /// <summary>IANA zone id from HKTimeZone metadata; null when the workout carries none.</summary>
    public string? TimeZoneId { get; init; }

    /// <summary>Active duration as Apple Health reports it (pauses excluded).</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Elapsed time from start to end, pauses included.</summary>
    public TimeSpan Elapsed => End - Start;

    /// <summary>Pauses, from Pause/Resume and MotionPaused/MotionResumed events, in time order and not overlapping.</summary>
    public IReadOnlyList<TimeInterval> Pauses { get; init; } = [];

    /// <summary>Total paused time.</summary>
    public TimeSpan PausedTime => Pauses.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Duration);

    /// <summary>Total distance in metres, from WorkoutStatistics, else the total* attributes, else distance samples.</summary>
    public double? DistanceMeters { get; init; }

    /// <summary>Active energy in kilocalories, from WorkoutStatistics, else the totalEnergyBurned attribute.</summary>
    public double? EnergyKilocalories { get; init; }

    /// <summary>Elevation gain in metres (HKElevationAscended).</summary>
    public double? ElevationGainMeters { get; init; }

    /// <summary>Heart rate: summary and samples; null when the workout has none.</summary>
    public HeartRateSummary? HeartRate { get; init; }

    /// <summary>Distance samples (metres per interval) inside the workout, from the workout's source when it wrote any.</summary>
    public IReadOnlyList<QuantitySample> DistanceSamples { get; init; } = [];

    /// <summary>Power samples (W).</summary>
    public IReadOnlyList<QuantitySample> PowerSamples { get; init; } = [];

    /// <summary>Cadence samples (rpm).</summary>
    public IReadOnlyList<QuantitySample> CadenceSamples { get; init; } = [];

    /// <summary>Speed samples (m/s).</summary>
    public IReadOnlyList<QuantitySample> SpeedSamples { get; init; } = [];

    /// <summary>GPS route points in time order (all segments and files joined); empty when none was recorded.</summary>
    public IReadOnlyList<RoutePoint> Route { get; init; } = [];

    /// <summary>
    /// The laps to show: the workout's interval parts (WorkoutActivity) when it has them, else its Lap events
    /// (not for swims, whose Lap events are lengths), else its non-overlapping Segment events; empty means one lap.
    /// </summary>
    public IReadOnlyList<WorkoutLap> Laps { get; init; } = [];

    /// <summary>Every Segment event as recorded (splits may overlap: kilometre and mile splits side by side).</summary>
    public IReadOnlyList<WorkoutLap> Segments { get; init; } = [];

    /// <summary>Interval or multisport parts (WorkoutActivity), each with its own totals.</summary>
    public IReadOnlyList<WorkoutPart> Parts { get; init; } = [];

    /// <summary>Pool lengths (Lap events of a swim) with their stroke.</summary>
    public IReadOnlyList<SwimLength> SwimLengths { get; init; } = [];

    /// <summary>Pool or open water, for swims.</summary>
    public SwimLocation SwimLocation { get; init; }

    /// <summary>Pool length in metres (HKLapLength).</summary>
    public double? PoolLengthMeters { get; init; }

    /// <summary>True when HKLapLength gave the pool in yards ("25 yd"); <see cref="PoolLengthMeters"/> is still in metres.</summary>
    public bool IsPoolLengthInYards { get; init; }

    /// <summary>The app that wrote the workout (sourceName).</summary>
    public required string Source { get; init; }

    /// <summary>The source's version (sourceVersion).</summary>
    public string? SourceVersion { get; init; }

    /// <summary>The recording device, when the export names it.</summary>
    public WorkoutDevice? Device { get; init; }

    /// <summary>What the workout should hold but does not (a referenced route that could not be read); empty when it is complete.</summary>
    public IReadOnlyList<WorkoutDefect> Defects { get; init; } = [];
}

/// <summary>A span of time between two instants.</summary>
public readonly record struct TimeInterval(DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>End minus start.</summary>
    public TimeSpan Duration => End - Start;
}

/// <summary>A value measured over an interval (a point sample has Start == End), in canonical units.</summary>
public readonly record struct QuantitySample(DateTimeOffset Start, DateTimeOffset End, double Value);

/// <summary>Average and maximum heart rate (bpm) and the samples inside the workout.</summary>
public sealed record HeartRateSummary(double? Average, double? Maximum, IReadOnlyList<QuantitySample> Samples);

/// <summary>One GPS fix. Altitude in metres, speed in m/s, course in degrees, accuracy in metres.</summary>
public readonly record struct RoutePoint(
    DateTimeOffset Time,
    double Latitude,
    double Longitude,
    double? Altitude = null,
    double? Speed = null,
    double? Course = null,
    double? HorizontalAccuracy = null);

/// <summary>Where a lap comes from.</summary>
public enum LapKind
{
    /// <summary>A WorkoutActivity interval or multisport part.</summary>
    Part,

    /// <summary>An HKWorkoutEventTypeLap event.</summary>
    Lap,

    /// <summary>An HKWorkoutEventTypeSegment event.</summary>
    Segment,
}

/// <summary>A lap or segment of a workout.</summary>
public sealed record WorkoutLap(DateTimeOffset Start, DateTimeOffset End, LapKind Kind)
{
    /// <summary>End minus start.</summary>
    public TimeSpan Duration => End - Start;
}

/// <summary>A WorkoutActivity part with its own totals (never added to the workout's totals).</summary>
/// <remarks><c>ActivityType</c>: the part's HKWorkoutActivityType name when the export gives it or its distance tells it; null otherwise.</remarks>
public sealed record WorkoutPart(
    DateTimeOffset Start,
    DateTimeOffset End,
    TimeSpan Duration,
    double? DistanceMeters,
    double? EnergyKilocalories,
    double? AverageHeartRate,
    double? MaximumHeartRate,
    string? ActivityType = null);

/// <summary>One pool length.</summary>
public sealed record SwimLength(DateTimeOffset Start, DateTimeOffset End, SwimStroke Stroke);

/// <summary>HKSwimmingStrokeStyle.</summary>
public enum SwimStroke
{
    Unknown = 0,
    Mixed = 1,
    Freestyle = 2,
    Backstroke = 3,
    Breaststroke = 4,
    Butterfly = 5,
    Kickboard = 6,
}

/// <summary>HKSwimmingLocationType.</summary>
public enum SwimLocation
{
    Unknown = 0,
    Pool = 1,
    OpenWater = 2,
}

/// <summary>The device that recorded a workout, parsed from the export's HKDevice description.</summary>
public sealed record WorkoutDevice(string? Name, string? Manufacturer, string? Model, string? Hardware, string? Software);

namespace HealthSync.Fit;

/// <summary>Choices for <see cref="FitActivityEncoder"/>; the defaults keep output identical on every machine.</summary>
public sealed record FitEncodeOptions
{
    /// <summary>The defaults: routes included, UTC for workouts without a time zone.</summary>
    public static FitEncodeOptions Default { get; } = new();

    /// <summary>Write GPS positions into records (default true). Distance is still derived from the route when false.</summary>
    public bool IncludeRoute { get; init; } = true;

    /// <summary>
    /// Zone for workouts without a known time zone id (default UTC, never the machine's zone implicitly, so that
    /// two machines encode the same bytes). It only sets <c>activity.local_timestamp</c>.
    /// </summary>
    public TimeZoneInfo FallbackTimeZone { get; init; } = TimeZoneInfo.Utc;
}

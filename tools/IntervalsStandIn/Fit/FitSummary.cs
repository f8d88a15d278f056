namespace IntervalsStandIn.Fit;

/// <summary>What the stand-in reads from an uploaded FIT file: file_id, session and activity fields.</summary>
public sealed record FitSummary
{
    public int? FileType { get; init; }

    public int? Manufacturer { get; init; }

    public int? Sport { get; init; }

    public int? SubSport { get; init; }

    public DateTimeOffset? StartTime { get; init; }

    public double? TotalElapsedSeconds { get; init; }

    public double? TotalTimerSeconds { get; init; }

    public double? TotalDistanceMeters { get; init; }

    public int? AverageHeartRate { get; init; }

    public int? TotalCalories { get; init; }

    public DateTimeOffset? ActivityTimestamp { get; init; }

    /// <summary>activity.local_timestamp: seconds since the FIT epoch in local wall-clock time.</summary>
    public DateTime? ActivityLocalTimestamp { get; init; }

    /// <summary>Local wall-clock start: start_time shifted by (local_timestamp − timestamp); UTC when the file gives no local time.</summary>
    public DateTime? StartLocal => StartTime is { } start
        ? (ActivityLocalTimestamp is { } local && ActivityTimestamp is { } utc ? start.UtcDateTime + (local - utc.UtcDateTime) : start.UtcDateTime)
        : null;
}

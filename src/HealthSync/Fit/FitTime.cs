namespace HealthSync.Fit;

/// <summary>Conversions from instants and degrees to FIT's integer encodings (checked: an overflow is a bug, not a value).</summary>
internal static class FitTime
{
    /// <summary>The FIT epoch: 1989-12-31T00:00:00Z.</summary>
    public static readonly DateTimeOffset Epoch = new(1989, 12, 31, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Whole seconds since the FIT epoch, rounded down.</summary>
    public static uint Seconds(DateTimeOffset instant)
    {
        var ticks = (instant - Epoch).Ticks;
        if (ticks < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(instant), instant, "FIT cannot represent instants before 1989-12-31.");
        }

        return checked((uint)(ticks / TimeSpan.TicksPerSecond));
    }

    /// <summary>A duration in FIT's scale-1000 seconds (milliseconds), rounded to the nearest millisecond.</summary>
    public static uint Milliseconds(TimeSpan duration) =>
        duration <= TimeSpan.Zero ? 0 : checked((uint)Math.Round(duration.TotalMilliseconds, MidpointRounding.AwayFromZero));

    /// <summary>Degrees to semicircles (degrees × 2^31 / 180); +180° wraps to the same meridian as −180°.</summary>
    public static int Semicircles(double degrees)
    {
        var value = Math.Round(degrees * (2147483648.0 / 180.0), MidpointRounding.AwayFromZero);
        // 0x7FFFFFFF is sint32's invalid value: nudge the one position that would land on it.
        return value >= 2147483648.0 ? int.MinValue
            : value >= int.MaxValue ? int.MaxValue - 1
            : checked((int)value);
    }
}

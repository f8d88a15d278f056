using HealthSync.Workouts;

namespace HealthSync.Fit;

/// <summary>The totals a lap or session carries, in canonical units.</summary>
internal sealed record SpanTotals(
    DateTimeOffset Start,
    DateTimeOffset End,
    TimeSpan Timer,
    double? DistanceMeters,
    double? EnergyKilocalories,
    double? AverageHeartRate,
    double? MaximumHeartRate,
    double? AscentMeters)
{
    public TimeSpan Elapsed => End - Start;

    /// <summary>Elapsed time minus the pauses that fall inside the span.</summary>
    public static TimeSpan TimerTime(Workout workout, DateTimeOffset start, DateTimeOffset end)
    {
        var paused = TimeSpan.Zero;
        foreach (var pause in workout.Pauses)
        {
            var from = pause.Start > start ? pause.Start : start;
            var to = pause.End < end ? pause.End : end;
            if (to > from)
            {
                paused += to - from;
            }
        }

        var timer = end - start - paused;
        return timer > TimeSpan.Zero ? timer : TimeSpan.Zero;
    }

    /// <summary>Average and maximum of the heart rate samples that end inside [start, end).</summary>
    public static (double? Average, double? Maximum) HeartRateIn(Workout workout, DateTimeOffset start, DateTimeOffset end)
    {
        var sum = 0.0;
        var count = 0;
        double? max = null;
        foreach (var sample in workout.HeartRate?.Samples ?? [])
        {
            if (sample.End >= start && sample.End < end)
            {
                sum += sample.Value;
                count++;
                max = Math.Max(max ?? double.MinValue, sample.Value);
            }
        }

        return count == 0 ? (null, null) : (sum / count, max);
    }
}

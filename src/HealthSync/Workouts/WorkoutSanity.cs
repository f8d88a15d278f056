using System.Globalization;

namespace HealthSync.Workouts;

/// <summary>
/// What no real workout is: the one check every source's workouts pass before they enter the inbox, and every inbox
/// row before a run decides it. A workout that fails it is recorded once as unusable, with the reason, and never sent.
/// </summary>
/// <remarks>
/// Why these bounds: FIT counts time from 1989-12-31, so nothing earlier can be uploaded; a watch's battery ends a
/// recording within days, so 30 days is generous; 5,000 km is beyond any single session (the longest ultra-cycling
/// races are split into days). A workout ending in the far future is a clock or a parser gone wrong (2100, 9999); the
/// bound is 30 days, not "tomorrow", because the verdict is for good: a server whose own clock is days behind (a
/// board without a battery-backed clock, before NTP) must not make real workouts unusable for ever. Left in, one such
/// value broke every later run (a listing of year 1, a TimeSpan overflow, an Infinity the inbox cannot store).
/// </remarks>
public static class WorkoutSanity
{
    /// <summary>The earliest start a workout may have (FIT's epoch is the last day of 1989).</summary>
    public static readonly DateTimeOffset Earliest = new(1990, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The longest a workout may last.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(30);

    /// <summary>The longest distance a workout may have (5,000 km).</summary>
    public const double MaxDistanceMeters = 5_000_000;

    /// <summary>How far past this machine's clock a workout may end.</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(30);

    /// <summary>How far outside the workout a sample or route point may lie before it is dropped (and said).</summary>
    public static readonly TimeSpan SampleSlack = TimeSpan.FromHours(1);

    /// <summary>Why the workout cannot be used, in words; null when it can.</summary>
    /// <param name="workout">The workout as a source read it.</param>
    /// <param name="now">Now: a workout that ends after tomorrow is refused.</param>
    public static string? Problem(Workout workout, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(workout);
        if (workout.Start < Earliest)
        {
            return Say($"it starts on {workout.Start:yyyy-MM-dd}, before 1990");
        }

        if (workout.End > now + MaxAhead)
        {
            return Say($"it ends on {workout.End:yyyy-MM-dd}, more than {MaxAhead.TotalDays:0} days after this machine's clock");
        }

        var longest = workout.End - workout.Start > workout.Duration ? workout.End - workout.Start : workout.Duration;
        if (longest > MaxDuration || workout.Duration < TimeSpan.Zero)
        {
            return Say($"it lasts {longest.TotalDays:0.#} days, over {MaxDuration.TotalDays:0} (or less than nothing)");
        }

        if (workout.DistanceMeters is { } distance && !(distance is >= 0 and <= MaxDistanceMeters))
        {
            return Say($"its distance of {distance / 1000:G4} km is not a distance (over {MaxDistanceMeters / 1000:N0} km, negative or not a number)");
        }

        if (!Finite(workout.EnergyKilocalories) || !Finite(workout.ElevationGainMeters) || !Finite(workout.HeartRate?.Average) || !Finite(workout.HeartRate?.Maximum))
        {
            return "its energy, elevation or heart rate is not a finite number";
        }

        return null;
    }

    private static bool Finite(double? value) => value is not { } v || double.IsFinite(v);

    private static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

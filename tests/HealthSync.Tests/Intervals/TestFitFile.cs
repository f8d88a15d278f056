using HealthSync.Fit;
using HealthSync.Tests.Fit;
using HealthSync.Workouts;

namespace HealthSync.Tests.Intervals;

/// <summary>FIT files for the client and stand-in tests, written by the real encoder from a small workout.</summary>
internal static class TestFitFile
{
    /// <summary>
    /// A workout of <paramref name="activityType"/> (short name, e.g. "Running"); when <paramref name="timer"/> is
    /// shorter than <paramref name="elapsed"/>, the difference is one pause in the middle.
    /// </summary>
    public static byte[] Create(
        DateTimeOffset start,
        TimeSpan elapsed,
        TimeSpan? timer = null,
        double distanceMeters = 5000,
        string activityType = "Running",
        bool? indoor = null,
        SwimLocation swimLocation = SwimLocation.Unknown,
        string? timeZone = null,
        double averageHeartRate = 150,
        double calories = 400)
    {
        var paused = elapsed - (timer ?? elapsed);
        var pauseStart = start + ((elapsed - paused) / 2);
        var workout = TestWorkouts.Basic(activityType, start, elapsed) with
        {
            Indoor = indoor,
            SwimLocation = swimLocation,
            TimeZoneId = timeZone,
            Duration = timer ?? elapsed,
            Pauses = paused > TimeSpan.Zero ? [new TimeInterval(pauseStart, pauseStart + paused)] : [],
            DistanceMeters = distanceMeters,
            EnergyKilocalories = calories,
            HeartRate = new HeartRateSummary(averageHeartRate, averageHeartRate + 20, []),
        };
        return FitActivityEncoder.Encode(workout);
    }
}

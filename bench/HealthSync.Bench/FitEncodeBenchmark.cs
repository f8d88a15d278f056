using System.Diagnostics;
using System.Globalization;
using HealthSync.Fit;
using HealthSync.Workouts;

namespace HealthSync.Bench;

/// <summary>Times the FIT encoder on a one-hour run with a 1 Hz route and heart rate, and prints files per second.</summary>
public static class FitEncodeBenchmark
{
    /// <summary>Warms up, then encodes for about two seconds and reports files/s, ms/file and the file size.</summary>
    public static void Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var workout = HourRun();
        var size = FitActivityEncoder.Encode(workout).Length;
        // Warm up by time, not by count: tiered JIT promotes hot methods only after they have run a while.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(1.5))
        {
            FitActivityEncoder.Encode(workout);
        }

        var files = 0;
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < TimeSpan.FromSeconds(2))
        {
            FitActivityEncoder.Encode(workout);
            files++;
        }

        stopwatch.Stop();
        var perSecond = files / stopwatch.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fit-encode: one-hour run, 1 Hz route + HR ({workout.Route.Count} points, {size:N0} bytes): {perSecond:N0} files/s ({1000 / perSecond:N2} ms/file)"));
    }

    internal static Workout HourRun()
    {
        var start = new DateTimeOffset(2024, 6, 1, 6, 0, 0, TimeSpan.Zero);
        var end = start.AddHours(1);
        var route = new List<RoutePoint>(3601);
        var heartRate = new List<QuantitySample>(3601);
        for (var i = 0; i <= 3600; i++)
        {
            var t = start.AddSeconds(i);
            route.Add(new RoutePoint(t, 52.3731 + (i * 0.0000191), 4.8923 + (i * 0.0000307), 2 + (i % 50 * 0.2), 3.1));
            heartRate.Add(new QuantitySample(t, t, 140 + (20 * Math.Sin(i / 60.0))));
        }

        return new Workout
        {
            Id = WorkoutId.Create("HKWorkoutActivityTypeRunning", start, end),
            ActivityType = "HKWorkoutActivityTypeRunning",
            Start = start,
            End = end,
            Duration = end - start,
            TimeZoneId = "Europe/Amsterdam",
            Source = "Apple Watch",
            DistanceMeters = 11_000,
            EnergyKilocalories = 700,
            HeartRate = new HeartRateSummary(140, 160, heartRate),
            Route = route,
        };
    }
}

using System.Globalization;
using HealthSync.Workouts;
using static HealthSync.Tests.Fit.DecodedFit;

namespace HealthSync.Tests.Fit;

/// <summary>Distance agreement a reader expects: the records end at the session's distance and the laps add up to it.</summary>
internal static class DistanceChecks
{
    /// <summary>FIT stores distance in centimetres, so each lap may be off by half of one.</summary>
    private const double PerLapRounding = 0.01;

    public static void AssertLapsAndRecordsMatchSession(Workout workout, DecodedFit fit)
    {
        var session = OptionalNumber(fit.Session, "totalDistance");
        if (workout.DistanceMeters is { } known)
        {
            Assert.Equal(known, session ?? double.NaN, 2);
        }

        if (session is not { } total)
        {
            return;
        }

        var laps = fit.Messages("lapMesgs");
        var lapSum = laps.Sum(l => OptionalNumber(l, "totalDistance") ?? 0);
        Assert.True(
            Math.Abs(lapSum - total) <= PerLapRounding * laps.Count,
            string.Create(CultureInfo.InvariantCulture, $"{workout.Id}: laps add up to {lapSum} m, the session says {total} m ({laps.Count} laps)"));

        var lastRecord = fit.Messages("recordMesgs")[^1];
        Assert.Equal(total, OptionalNumber(lastRecord, "distance") ?? double.NaN, 2);
    }
}

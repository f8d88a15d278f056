using System.Globalization;
using HealthSync.Fit;
using HealthSync.Tests.Support;
using static HealthSync.Tests.Fit.DecodedFit;

namespace HealthSync.Tests.Fit;

/// <summary>Laps over stretches a route does not cover still get their share of the distance (real v12 fixture).</summary>
public sealed class RouteGapTests
{
    [Fact]
    public async Task Should_Give_Every_Lap_In_Which_Time_Passed_Some_Distance_On_The_Real_Walk()
    {
        // The walk runs 09:44:00–10:18:11 (-08:00); its route starts at 10:00:45 and has no fix from 10:09:12 to 10:15:34.
        var (workouts, _) = await ExportReading.ReadAllAsync(RepoPaths.AppleHealthFixture("v12-watchos6-walk-with-route.zip"));
        var workout = Assert.Single(workouts);
        using var directory = new TempDirectory();
        var path = directory.File("walk.fit");
        File.WriteAllBytes(path, FitActivityEncoder.Encode(workout));

        var fit = FitDecoder.Decode([path])[path];
        var laps = fit.Messages("lapMesgs");

        var summary = string.Join("; ", laps.Select(l => string.Create(
            CultureInfo.InvariantCulture, $"{Time(l, "startTime"):HH:mm:ss} {Number(l, "totalTimerTime")} s {OptionalNumber(l, "totalDistance")} m")));
        Assert.True(laps.Count >= 3, summary);
        Assert.All(laps, l => Assert.True(Number(l, "totalTimerTime") <= 0 || OptionalNumber(l, "totalDistance") > 0, summary));
        // The first lap (17 min before the first fix, 49 % of the timer time) was 0 m: the filled-in distance only
        // showed at the first fix's record, after the lap had ended. It now gets its timer share at the route's pace.
        Assert.InRange(Number(laps[0], "totalDistance") / Number(fit.Session, "totalDistance"), 0.4, 0.6);
        DistanceChecks.AssertLapsAndRecordsMatchSession(workout, fit);
    }
}

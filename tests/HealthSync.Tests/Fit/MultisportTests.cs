using HealthSync.Fit;
using HealthSync.Tests.Support;
using HealthSync.Workouts;
using static HealthSync.Tests.Fit.DecodedFit;

namespace HealthSync.Tests.Fit;

/// <summary>A SwimBikeRun read from an export becomes a FIT multisport activity: a session per leg, transitions between.</summary>
public sealed class MultisportTests
{
    // 07:00 swim 20 min (750 m), 3 min transition, 07:23 bike 60 min (30 km), 2 min transition, 08:25 run 40 min (8 km).
    private const string Triathlon = """
        <Workout workoutActivityType="HKWorkoutActivityTypeSwimBikeRun" duration="125" durationUnit="min" sourceName="Apple Watch" sourceVersion="11.0" creationDate="2025-06-01 09:06:00 +0200" startDate="2025-06-01 07:00:00 +0200" endDate="2025-06-01 09:05:00 +0200">
         <MetadataEntry key="HKTimeZone" value="Europe/Paris"/>
         <WorkoutStatistics type="HKQuantityTypeIdentifierActiveEnergyBurned" startDate="2025-06-01 07:00:00 +0200" endDate="2025-06-01 09:05:00 +0200" sum="1500" unit="kcal"/>
         <WorkoutActivity uuid="A" startDate="2025-06-01 07:00:00 +0200" endDate="2025-06-01 07:20:00 +0200" duration="20" durationUnit="min">
          <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceSwimming" startDate="2025-06-01 07:00:00 +0200" endDate="2025-06-01 07:20:00 +0200" sum="750" unit="m"/>
          <WorkoutStatistics type="HKQuantityTypeIdentifierActiveEnergyBurned" startDate="2025-06-01 07:00:00 +0200" endDate="2025-06-01 07:20:00 +0200" sum="250" unit="kcal"/>
          <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" startDate="2025-06-01 07:00:00 +0200" endDate="2025-06-01 07:20:00 +0200" average="140" minimum="120" maximum="155" unit="count/min"/>
         </WorkoutActivity>
         <WorkoutActivity uuid="B" startDate="2025-06-01 07:23:00 +0200" endDate="2025-06-01 08:23:00 +0200" duration="60" durationUnit="min">
          <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceCycling" startDate="2025-06-01 07:23:00 +0200" endDate="2025-06-01 08:23:00 +0200" sum="30" unit="km"/>
          <WorkoutStatistics type="HKQuantityTypeIdentifierActiveEnergyBurned" startDate="2025-06-01 07:23:00 +0200" endDate="2025-06-01 08:23:00 +0200" sum="800" unit="kcal"/>
         </WorkoutActivity>
         <WorkoutActivity uuid="C" startDate="2025-06-01 08:25:00 +0200" endDate="2025-06-01 09:05:00 +0200" duration="40" durationUnit="min">
          <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" startDate="2025-06-01 08:25:00 +0200" endDate="2025-06-01 09:05:00 +0200" sum="8" unit="km"/>
          <WorkoutStatistics type="HKQuantityTypeIdentifierActiveEnergyBurned" startDate="2025-06-01 08:25:00 +0200" endDate="2025-06-01 09:05:00 +0200" sum="420" unit="kcal"/>
         </WorkoutActivity>
        </Workout>
        """;

    [Fact]
    public async Task Should_Write_A_Session_Per_Leg_With_Transitions_Between()
    {
        using var directory = new TempDirectory();
        var zip = new ExportBuilder().Add(Triathlon).WriteZip(directory.File("export.zip"));
        var (workouts, _) = await ExportReading.ReadAllAsync(zip);
        var workout = Assert.Single(workouts);
        Assert.Equal(
            ["HKWorkoutActivityTypeSwimming", "HKWorkoutActivityTypeCycling", "HKWorkoutActivityTypeRunning"],
            workout.Parts.Select(p => p.ActivityType));

        var path = directory.File("triathlon.fit");
        File.WriteAllBytes(path, FitActivityEncoder.Encode(workout));
        var fit = FitDecoder.Decode([path])[path];
        var sessions = fit.Messages("sessionMesgs");
        var laps = fit.Messages("lapMesgs");

        Assert.True(fit.Integrity);
        Assert.Empty(fit.Errors);
        var swim = SportMappings.For("HKWorkoutActivityTypeSwimming");
        var bike = SportMappings.For("HKWorkoutActivityTypeCycling");
        var run = SportMappings.For("HKWorkoutActivityTypeRunning");
        Assert.Equal([swim.FitSport, 3, bike.FitSport, 3, run.FitSport], sessions.Select(s => Number(s, "sport")));
        Assert.Equal([swim.FitSubSport, 0, bike.FitSubSport, 0, run.FitSubSport], sessions.Select(s => Number(s, "subSport")));
        Assert.Equal([20 * 60.0, 3 * 60, 60 * 60, 2 * 60, 40 * 60], sessions.Select(s => Number(s, "totalElapsedTime")));
        Assert.Equal([750.0, null, 30_000, null, 8_000], sessions.Select(s => OptionalNumber(s, "totalDistance")));
        Assert.Equal([250.0, 800, 420], sessions.Where((_, i) => i % 2 == 0).Select(s => Number(s, "totalCalories")));
        Assert.Equal(140, Number(sessions[0], "avgHeartRate"));
        Assert.Equal(workout.Start, Time(sessions[0], "startTime"));
        Assert.Equal(workout.Start.AddMinutes(85), Time(sessions[4], "startTime"));
        Assert.Equal([0.0, 1, 2, 3, 4], sessions.Select(s => Number(s, "firstLapIndex")));
        Assert.All(sessions, s => Assert.Equal(1, Number(s, "numLaps")));
        Assert.Equal(sessions.Select(s => Number(s, "sport")), laps.Select(l => Number(l, "sport")));
        Assert.Equal(5, Number(fit.Activity, "numSessions"));
        Assert.Equal(workout.Elapsed.TotalSeconds, sessions.Sum(s => Number(s, "totalTimerTime")), 3);
    }

    [Fact]
    public void Should_Keep_An_Interval_Run_In_One_Session()
    {
        var run = TestWorkouts.IntervalRun();
        var typed = run with { Parts = [.. run.Parts.Select(p => p with { ActivityType = "HKWorkoutActivityTypeRunning" })] };

        Assert.Null(MultisportLegs.Of(run));
        Assert.Null(MultisportLegs.Of(typed));
        Assert.Equal(FitActivityEncoder.Encode(run), FitActivityEncoder.Encode(typed));
    }
}

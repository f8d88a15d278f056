using HealthSync.Tests.Support;
using HealthSync.Workouts;

namespace HealthSync.Tests.AppleHealth;

/// <summary>Every fixture in ../shared/fixtures/apple-health, checked against what the files hold.</summary>
public sealed class SharedFixtureTests
{
    [Fact]
    public async Task Should_Read_The_V12_Walk_Despite_Its_Broken_Dtd_And_Mac_Entries()
    {
        var (workouts, problems) = await ExportReading.ReadAllAsync(RepoPaths.AppleHealthFixture("v12-watchos6-walk-with-route.zip"));

        Assert.Empty(problems);
        var walk = Assert.Single(workouts);
        Assert.Equal("HKWorkoutActivityTypeWalking", walk.ActivityType);
        Assert.Equal(SportCategory.WalksHikes, walk.Category);
        Assert.Equal(new DateTimeOffset(2020, 2, 24, 17, 44, 0, TimeSpan.Zero), walk.Start);
        Assert.Equal(new DateTimeOffset(2020, 2, 24, 18, 18, 11, TimeSpan.Zero), walk.End);
        Assert.Equal("America/Los_Angeles", walk.TimeZoneId);
        Assert.False(walk.Indoor);
        Assert.Equal(34.18067507346471 * 60, walk.Duration.TotalSeconds, 3);

        // WorkoutStatistics in miles and Cal (= kcal); the file has no total* attributes.
        Assert.Equal(1.402 * 1609.344, walk.DistanceMeters!.Value, 3);
        Assert.Equal(134.432, walk.EnergyKilocalories!.Value, 3);
        Assert.Equal(2.17, walk.ElevationGainMeters!.Value, 3);

        Assert.Equal(644, walk.Route.Count);
        Assert.Equal(34.045088, walk.Route[0].Latitude, 6);
        Assert.Equal(-118.232524, walk.Route[0].Longitude, 6);
        Assert.Equal(new DateTimeOffset(2020, 2, 24, 18, 0, 45, TimeSpan.Zero), walk.Route[0].Time);
        Assert.Equal(85.651855, walk.Route[0].Altitude!.Value, 5);
        Assert.True(walk.Route.Zip(walk.Route.Skip(1)).All(p => p.First.Time <= p.Second.Time));

        // Four Segment events: two chains of splits side by side; the laps keep one chain.
        Assert.Equal(4, walk.Segments.Count);
        Assert.Equal(2, walk.Laps.Count);
        Assert.True(walk.Laps[1].Start >= walk.Laps[0].End - TimeSpan.FromSeconds(1));
        Assert.Equal("Watch", walk.Source);
        Assert.Equal("Apple Watch", walk.Device?.Name);
        Assert.Equal("Watch5,4", walk.Device?.Hardware);
    }

    [Fact]
    public async Task Should_Read_Legacy_Total_Attributes_And_Route_File_From_An_Extracted_Folder()
    {
        var (workouts, problems) = await ExportReading.ReadAllAsync(RepoPaths.AppleHealthFixture("legacy-2019"));

        // The fixture's GPX file was recorded in 2019, the workout in 2016: the reader keeps it and says so.
        var problem = Assert.Single(problems);
        Assert.Contains("no point within the workout's time", problem.Reason, StringComparison.Ordinal);
        Assert.Contains("2019-06-11", problem.Reason, StringComparison.Ordinal);
        var run = Assert.Single(workouts);
        Assert.Equal(SportCategory.Running, run.Category);
        Assert.Equal(0.4971749504535062 * 1609.344, run.DistanceMeters!.Value, 3);
        Assert.Equal(48.74499999999999, run.EnergyKilocalories!.Value, 6);
        Assert.Equal(new DateTimeOffset(2016, 11, 14, 14, 25, 41, TimeSpan.Zero), run.Start);
        Assert.Equal(3, run.Route.Count);
        Assert.Equal(37.781672, run.Route[0].Latitude, 6);
        Assert.Equal(-122.396397, run.Route[0].Longitude, 6);
        Assert.Null(run.Indoor);
    }

    [Fact]
    public async Task Should_Read_Pre_iOS13_Inline_Location_Routes()
    {
        var (workouts, problems) = await ExportReading.ReadAllAsync(RepoPaths.AppleHealthFixture("legacy-2019-inline-locations.xml"));

        Assert.Empty(problems);
        var run = Assert.Single(workouts);
        Assert.Equal(2, run.Route.Count);
        Assert.Equal(37.7777, run.Route[0].Latitude, 6);
        Assert.Equal(-122.426, run.Route[0].Longitude, 6);
        Assert.Equal(21.2694, run.Route[0].Altitude!.Value, 4);
        Assert.Equal(2.48034, run.Route[0].Speed!.Value, 5);
        Assert.Null(run.Route[0].Course); // course -1 means unknown
        Assert.Equal(800.13, run.DistanceMeters!.Value, 2);
    }

    [Fact]
    public async Task Should_Same_Workout_Get_The_Same_Id_In_Both_Legacy_Exports()
    {
        var (folder, _) = await ExportReading.ReadAllAsync(RepoPaths.AppleHealthFixture("legacy-2019"));
        var (inline, _) = await ExportReading.ReadAllAsync(RepoPaths.AppleHealthFixture("legacy-2019-inline-locations.xml"));

        Assert.Equal(folder[0].Id, inline[0].Id);
        Assert.StartsWith(WorkoutId.Prefix, folder[0].Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Read_The_Pool_Swim_Lengths_Strokes_And_Pool_Length()
    {
        using var dir = new TempDirectory();
        var path = new ExportBuilder().Add(ExportBuilder.Fragment("workout_swimming.xml")).WriteZip(dir.File("export.zip"));

        var (workouts, problems) = await ExportReading.ReadAllAsync(path);

        Assert.Empty(problems);
        var swim = Assert.Single(workouts);
        Assert.Equal(SportCategory.Swimming, swim.Category);
        Assert.Equal(SwimLocation.Pool, swim.SwimLocation);
        Assert.Equal(50, swim.PoolLengthMeters);
        Assert.Equal("Europe/Luxembourg", swim.TimeZoneId);
        Assert.Equal(750, swim.DistanceMeters);
        Assert.Equal(277.588, swim.EnergyKilocalories!.Value, 3);
        Assert.Equal(102.834, swim.HeartRate!.Average!.Value, 3);
        Assert.Equal(133, swim.HeartRate.Maximum);

        Assert.Equal(15, swim.SwimLengths.Count);
        Assert.Equal(15 * 50, swim.SwimLengths.Count * swim.PoolLengthMeters!.Value);
        Assert.Equal(13, swim.SwimLengths.Count(l => l.Stroke == SwimStroke.Breaststroke));
        Assert.Equal(1, swim.SwimLengths.Count(l => l.Stroke == SwimStroke.Freestyle));
        Assert.Equal(1, swim.SwimLengths.Count(l => l.Stroke == SwimStroke.Unknown));
        Assert.Equal(SwimStroke.Breaststroke, swim.SwimLengths[0].Stroke);
        Assert.Equal(1.096330326795578 * 60, swim.SwimLengths[0].End.Subtract(swim.SwimLengths[0].Start).TotalSeconds, 3);

        // Lap events of a swim are lengths, not laps: the laps are the sets (Segment events).
        Assert.Equal(9, swim.Segments.Count);
        Assert.All(swim.Laps, l => Assert.Equal(LapKind.Segment, l.Kind));
    }

    [Fact]
    public async Task Should_Count_The_Interval_Runs_Parts_Once()
    {
        using var dir = new TempDirectory();
        var path = new ExportBuilder().Add(ExportBuilder.Fragment("workout_running_multiple_parts.xml")).WriteZip(dir.File("export.zip"));

        var (workouts, problems) = await ExportReading.ReadAllAsync(path);

        var run = Assert.Single(workouts);
        Assert.Equal(17, run.Parts.Count);
        Assert.Equal(17, run.Laps.Count);
        Assert.All(run.Laps, l => Assert.Equal(LapKind.Part, l.Kind));

        // The workout's own statistics, not the sum of the parts' copies.
        Assert.Equal(5963.38, run.DistanceMeters!.Value, 2);
        Assert.Equal(450.881, run.EnergyKilocalories!.Value, 3);
        Assert.Equal(136.183, run.HeartRate!.Average!.Value, 3);
        Assert.Equal(167, run.HeartRate.Maximum);
        Assert.Equal(59, run.ElevationGainMeters);
        Assert.Equal(3084.24, run.Parts[0].DistanceMeters!.Value, 2);
        Assert.Equal(231.76, run.Parts[0].EnergyKilocalories!.Value, 2);
        Assert.True(run.Parts.Sum(p => p.DistanceMeters ?? 0) > run.DistanceMeters, "the parts hold overlapping copies; summing them would overcount");

        // Ten top-level Segment events are read once, not again from inside the parts.
        Assert.Equal(10, run.Segments.Count);

        // The fragment names 17 route files that are not in this export: each is a problem, the run is kept.
        Assert.Equal(17, problems.Count);
        Assert.All(problems, p => Assert.Contains("route file", p.Reason, StringComparison.Ordinal));
        Assert.All(problems, p => Assert.Contains("is missing", p.Reason, StringComparison.Ordinal));
        Assert.Contains("route_2025-09-26_7.00pm.gpx", problems[0].Reason, StringComparison.Ordinal);
        Assert.Empty(run.Route);
    }

    [Fact]
    public async Task Should_Read_The_Strength_Workout_Without_Distance_Or_Route()
    {
        using var dir = new TempDirectory();
        var path = new ExportBuilder().Add(ExportBuilder.Fragment("workout_strength.xml")).WriteXml(dir.File("export.xml"));

        var (workouts, problems) = await ExportReading.ReadAllAsync(path);

        Assert.Empty(problems);
        var strength = Assert.Single(workouts);
        Assert.Equal(SportCategory.Strength, strength.Category);
        Assert.Equal(new DateTimeOffset(2025, 9, 15, 17, 28, 29, TimeSpan.Zero), strength.Start);
        Assert.Equal("Europe/Paris", strength.TimeZoneId);
        Assert.Null(strength.DistanceMeters);
        Assert.Equal(46.8991, strength.EnergyKilocalories!.Value, 4);
        Assert.Equal(79.9571, strength.HeartRate!.Average!.Value, 4);
        Assert.Equal(93, strength.HeartRate.Maximum);
        Assert.Empty(strength.Route);
        Assert.Empty(strength.Laps);
        Assert.Equal("Watch7,2", strength.Device?.Hardware);
        Assert.Equal("11.6.1", strength.Device?.Software);
    }

    [Fact]
    public async Task Should_Join_Heart_Rate_Records_To_The_Workout_By_Time()
    {
        // The fragment's 14 records run from 16:34:57 to 18:59:58 (+0100); a workout from 17:00 to 18:00 holds some of them.
        var records = ExportBuilder.Fragment("record_heart_rate.xml");
        var inside = System.Text.RegularExpressions.Regex.Matches(records, "startDate=\"2022-01-17 (\\d\\d:\\d\\d:\\d\\d) \\+0100\"")
            .Count(m => string.CompareOrdinal(m.Groups[1].Value, "17:00:00") >= 0 && string.CompareOrdinal(m.Groups[1].Value, "18:00:00") <= 0);
        using var dir = new TempDirectory();
        var path = new ExportBuilder()
            .Add(records)
            .Add("""<Workout workoutActivityType="HKWorkoutActivityTypeYoga" duration="60" durationUnit="min" sourceName="Apple Watch" startDate="2022-01-17 17:00:00 +0100" endDate="2022-01-17 18:00:00 +0100"/>""")
            .WriteZip(dir.File("export.zip"));

        var (workouts, _) = await ExportReading.ReadAllAsync(path);

        var yoga = Assert.Single(workouts);
        Assert.InRange(inside, 1, 13);
        Assert.Equal(inside, yoga.HeartRate!.Samples.Count);
        Assert.All(yoga.HeartRate.Samples, s => Assert.InRange(s.Start, yoga.Start, yoga.End));
        Assert.Equal(yoga.HeartRate.Samples.Max(s => s.Value), yoga.HeartRate.Maximum);
        Assert.Equal(SportCategory.YogaMobility, yoga.Category);
    }
}

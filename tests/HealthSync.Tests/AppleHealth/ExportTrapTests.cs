using System.Text;
using HealthSync.AppleHealth;
using HealthSync.Tests.Support;
using HealthSync.Workouts;

namespace HealthSync.Tests.AppleHealth;

/// <summary>The traps of ../shared/reference/apple-health-export.md, each in a small export of our own.</summary>
public sealed class ExportTrapTests
{
    private const string Run = """
        <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="30" durationUnit="min" sourceName="Apple Watch" sourceVersion="11.0" startDate="2025-07-14 16:00:00 +0100" endDate="2025-07-14 16:30:00 +0100">
          <MetadataEntry key="HKTimeZone" value="Europe/London"/>
          <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" startDate="2025-07-14 16:00:00 +0100" endDate="2025-07-14 16:30:00 +0100" sum="5" unit="km"/>
          <WorkoutStatistics type="HKQuantityTypeIdentifierActiveEnergyBurned" startDate="2025-07-14 16:00:00 +0100" endDate="2025-07-14 16:30:00 +0100" sum="1255.2" unit="kJ"/>
        </Workout>
        """;

    [Fact]
    public async Task Should_Find_A_Localized_Xml_Name_By_Content_And_Skip_Mac_Resource_Forks()
    {
        using var dir = new TempDirectory();
        var path = new ExportBuilder()
            .Add(Run)
            .Entry("__MACOSX/apple_health_export/._导出.xml", [0x00, 0x05, 0x16, 0x07, 0xFF, 0xFE])
            .Entry("apple_health_export/export_cda.xml", "<ClinicalDocument/><ClinicalDocument/>")
            .WriteZip(dir.File("export.zip"), xmlName: "导出.xml", documentFirst: false);

        using var export = AppleHealthExport.Open(path);
        var workouts = await ReadAsync(export);

        Assert.Single(workouts);
        Assert.Equal("export.zip › apple_health_export/导出.xml", export.DocumentName);
    }

    [Fact]
    public async Task Should_Convert_Kilometres_And_Kilojoules()
    {
        using var dir = new TempDirectory();
        var (workouts, _) = await ExportReading.ReadAllAsync(new ExportBuilder().Add(Run).WriteXml(dir.File("export.xml")));

        Assert.Equal(5000, workouts[0].DistanceMeters!.Value, 6);
        Assert.Equal(300, workouts[0].EnergyKilocalories!.Value, 6);
    }

    [Fact]
    public async Task Should_Read_Yards_For_A_Swim_Pool_Length_And_Distance()
    {
        using var dir = new TempDirectory();
        var swim = """
            <Workout workoutActivityType="HKWorkoutActivityTypeSwimming" duration="20" durationUnit="min" totalDistance="500" totalDistanceUnit="yd" totalEnergyBurned="200" totalEnergyBurnedUnit="Cal" sourceName="Apple Watch" startDate="2019-05-01 07:00:00 -0700" endDate="2019-05-01 07:20:00 -0700">
              <MetadataEntry key="HKLapLength" value="25 yd"/>
              <MetadataEntry key="HKSwimmingLocationType" value="1"/>
            </Workout>
            """;
        var (workouts, _) = await ExportReading.ReadAllAsync(new ExportBuilder().Add(swim).WriteXml(dir.File("export.xml")));

        Assert.Equal(457.2, workouts[0].DistanceMeters!.Value, 6);
        Assert.Equal(22.86, workouts[0].PoolLengthMeters!.Value, 6);
        Assert.Equal(200, workouts[0].EnergyKilocalories);
    }

    [Fact]
    public async Task Should_Prefer_Statistics_Over_Total_Attributes()
    {
        using var dir = new TempDirectory();
        var both = """
            <Workout workoutActivityType="HKWorkoutActivityTypeWalking" duration="10" durationUnit="min" totalDistance="9" totalDistanceUnit="km" totalEnergyBurned="999" totalEnergyBurnedUnit="kcal" sourceName="Apple Watch" startDate="2025-07-14 16:00:00 +0100" endDate="2025-07-14 16:10:00 +0100">
              <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" startDate="2025-07-14 16:00:00 +0100" endDate="2025-07-14 16:10:00 +0100" sum="1" unit="mi"/>
              <WorkoutStatistics type="HKQuantityTypeIdentifierActiveEnergyBurned" startDate="2025-07-14 16:00:00 +0100" endDate="2025-07-14 16:10:00 +0100" sum="50" unit="kcal"/>
            </Workout>
            """;
        var (workouts, _) = await ExportReading.ReadAllAsync(new ExportBuilder().Add(both).WriteXml(dir.File("export.xml")));

        Assert.Equal(1609.344, workouts[0].DistanceMeters!.Value, 6);
        Assert.Equal(50, workouts[0].EnergyKilocalories);
    }

    [Fact]
    public async Task Should_Give_The_Same_Instants_And_Id_Whatever_The_Export_Time_Offset()
    {
        using var dir = new TempDirectory();
        var summer = new ExportBuilder().Add(Run).WriteXml(dir.File("summer.xml"));
        var winter = new ExportBuilder().Add(Run.Replace("16:00:00 +0100", "15:00:00 +0000", StringComparison.Ordinal).Replace("16:30:00 +0100", "15:30:00 +0000", StringComparison.Ordinal)).WriteXml(dir.File("winter.xml"));

        var (a, _) = await ExportReading.ReadAllAsync(summer);
        var (b, _) = await ExportReading.ReadAllAsync(winter);

        Assert.Equal(new DateTimeOffset(2025, 7, 14, 15, 0, 0, TimeSpan.Zero), a[0].Start);
        Assert.Equal(TimeSpan.Zero, a[0].Start.Offset);
        Assert.Equal(a[0].Start, b[0].Start);
        Assert.Equal(a[0].Id, b[0].Id);
        Assert.Equal("Europe/London", a[0].TimeZoneId);
    }

    [Fact]
    public async Task Should_Keep_The_First_Of_Duplicated_Metadata_Without_Doubling_Anything()
    {
        using var dir = new TempDirectory();
        var doubled = Run.Replace("</Workout>", """
              <MetadataEntry key="HKTimeZone" value="Europe/London"/>
              <MetadataEntry key="HKIndoorWorkout" value="1"/>
              <MetadataEntry key="HKIndoorWorkout" value="1"/>
            </Workout>
            """, StringComparison.Ordinal);
        var (workouts, problems) = await ExportReading.ReadAllAsync(new ExportBuilder().Add(doubled).WriteXml(dir.File("export.xml")));

        Assert.Empty(problems);
        Assert.True(workouts[0].Indoor);
        Assert.Equal("Europe/London", workouts[0].TimeZoneId);
    }

    [Fact]
    public async Task Should_Filter_Vertical_Tab_Bytes()
    {
        using var dir = new TempDirectory();
        var withTab = Run.Replace("sourceVersion=\"11.0\"", "sourceVersion=\"11.0\v\"", StringComparison.Ordinal);
        var recordWithTab = "<Record type=\"HKQuantityTypeIdentifierBodyMass\" sourceName=\"Scale\v\" unit=\"kg\" startDate=\"2025-07-14 08:00:00 +0100\" endDate=\"2025-07-14 08:00:00 +0100\" value=\"70\"/>";
        var path = new ExportBuilder().Add(recordWithTab).Add(withTab).WriteZip(dir.File("export.zip"));

        var (workouts, problems) = await ExportReading.ReadAllAsync(path);

        Assert.Empty(problems);
        Assert.Single(workouts);
    }

    [Fact]
    public async Task Should_Join_Route_Segments_And_Split_Files_In_Time_Order()
    {
        using var dir = new TempDirectory();
        var walk = """
            <Workout workoutActivityType="HKWorkoutActivityTypeHiking" duration="10" durationUnit="min" sourceName="Apple Watch" startDate="2025-07-14 16:00:00 +0100" endDate="2025-07-14 16:10:00 +0100">
              <WorkoutRoute sourceName="Apple Watch" startDate="2025-07-14 16:05:00 +0100" endDate="2025-07-14 16:10:00 +0100"><FileReference path="/workout-routes/route_b.gpx"/></WorkoutRoute>
              <WorkoutRoute sourceName="Apple Watch" startDate="2025-07-14 16:00:00 +0100" endDate="2025-07-14 16:05:00 +0100"><FileReference path="/workout-routes/route_a.gpx"/></WorkoutRoute>
            </Workout>
            """;
        var path = new ExportBuilder()
            .Add(walk)
            .Entry("apple_health_export/workout-routes/route_a.gpx", ExportBuilder.Gpx(
                [(46.0, 7.0, "2025-07-14T15:00:00Z"), (46.001, 7.001, "2025-07-14T15:00:01Z")],
                [(46.002, 7.002, "2025-07-14T15:02:00Z"), (46.002, 7.002, "2025-07-14T15:02:00Z")]))
            .Entry("apple_health_export/workout-routes/route_b.gpx", ExportBuilder.Gpx([(46.01, 7.01, "2025-07-14T15:06:00Z")]))
            .WriteZip(dir.File("export.zip"));

        var (workouts, problems) = await ExportReading.ReadAllAsync(path);

        Assert.Empty(problems);
        var route = workouts[0].Route;
        Assert.Equal(5, route.Count);
        Assert.Equal(46.0, route[0].Latitude);
        Assert.Equal(7.0, route[0].Longitude);
        Assert.Equal(46.01, route[^1].Latitude);
        Assert.Equal(2.5, route[0].Speed);
        Assert.Equal(12.5, route[0].Altitude);
    }

    [Fact]
    public async Task Should_Exclude_The_Heart_Rate_Recovery_Series_After_The_End_And_Prefer_The_Workouts_Source()
    {
        using var dir = new TempDirectory();
        var builder = new ExportBuilder();
        string Record(string type, string source, string time, string value, string unit, string? end = null) =>
            $"<Record type=\"HKQuantityTypeIdentifier{type}\" sourceName=\"{source}\" unit=\"{unit}\" startDate=\"2025-07-14 {time} +0100\" endDate=\"2025-07-14 {end ?? time} +0100\" value=\"{value}\"><MetadataEntry key=\"HKMetadataKeyHeartRateMotionContext\" value=\"2\"/></Record>";
        builder.Add(Record("HeartRate", "Apple Watch", "15:59:59", "70", "count/min"));
        builder.Add(Record("HeartRate", "Apple Watch", "16:05:00", "140", "count/min"));
        builder.Add(Record("HeartRate", "Apple Watch", "16:20:00", "160", "count/min"));
        builder.Add(Record("HeartRate", "Apple Watch", "16:31:00", "150", "count/min")); // recovery, after the end
        builder.Add(Record("DistanceWalkingRunning", "Apple Watch", "16:00:00", "1", "km", "16:06:00"));
        builder.Add(Record("DistanceWalkingRunning", "Apple Watch", "16:06:00", "1", "mi", "16:12:00"));
        builder.Add(Record("DistanceWalkingRunning", "Simon’s iPhone", "16:00:00", "2.9", "km", "16:12:00"));
        builder.Add(Record("RunningPower", "Apple Watch", "16:10:00", "250", "W"));
        builder.Add(Record("RunningSpeed", "Apple Watch", "16:10:00", "10.8", "km/hr"));
        var path = builder.Add(Run).WriteZip(dir.File("export.zip"));

        var (workouts, problems) = await ExportReading.ReadAllAsync(path);

        Assert.Empty(problems);
        var run = workouts[0];
        Assert.Equal([140.0, 160.0], run.HeartRate!.Samples.Select(s => s.Value));
        Assert.Equal([1000, 1609.344], run.DistanceSamples.Select(s => Math.Round(s.Value, 3)));
        Assert.Equal(250, Assert.Single(run.PowerSamples).Value);
        Assert.Equal(3, Assert.Single(run.SpeedSamples).Value, 5);
    }

    [Fact]
    public async Task Should_Turn_Pause_And_Resume_Events_Into_Pauses()
    {
        using var dir = new TempDirectory();
        var paused = """
            <Workout workoutActivityType="HKWorkoutActivityTypeWalking" duration="20" durationUnit="min" sourceName="Apple Watch" startDate="2025-07-14 16:00:00 +0100" endDate="2025-07-14 16:30:00 +0100">
              <WorkoutEvent type="HKWorkoutEventTypePause" date="2025-07-14 16:10:00 +0100"/>
              <WorkoutEvent type="HKWorkoutEventTypeResume" date="2025-07-14 16:15:00 +0100"/>
              <WorkoutEvent type="HKWorkoutEventTypeMotionPaused" date="2025-07-14 16:20:00 +0100"/>
              <WorkoutEvent type="HKWorkoutEventTypeMotionResumed" date="2025-07-14 16:25:00 +0100"/>
              <WorkoutEvent type="HKWorkoutEventTypeLap" date="2025-07-14 16:00:00 +0100" duration="15" durationUnit="min"/>
              <WorkoutEvent type="HKWorkoutEventTypeLap" date="2025-07-14 16:15:00 +0100" duration="15" durationUnit="min"/>
            </Workout>
            """;
        var (workouts, _) = await ExportReading.ReadAllAsync(new ExportBuilder().Add(paused).WriteXml(dir.File("export.xml")));

        var walk = workouts[0];
        Assert.Equal(2, walk.Pauses.Count);
        Assert.Equal(TimeSpan.FromMinutes(10), walk.PausedTime);
        Assert.Equal(TimeSpan.FromMinutes(20), walk.Duration);
        Assert.Equal(TimeSpan.FromMinutes(30), walk.Elapsed);
        Assert.Equal(2, walk.Laps.Count);
        Assert.All(walk.Laps, l => Assert.Equal(LapKind.Lap, l.Kind));
    }

    [Fact]
    public async Task Should_Map_An_Unknown_Activity_Type_To_Other()
    {
        using var dir = new TempDirectory();
        var future = Run.Replace("HKWorkoutActivityTypeRunning", "HKWorkoutActivityTypeUnderwaterHockey", StringComparison.Ordinal);
        var (workouts, problems) = await ExportReading.ReadAllAsync(new ExportBuilder().Add(future).WriteXml(dir.File("export.xml")));

        Assert.Empty(problems);
        Assert.Equal(SportCategory.Other, workouts[0].Category);
    }

    [Fact]
    public async Task Should_Read_A_Workout_Element_Larger_Than_The_Buffer()
    {
        using var dir = new TempDirectory();
        var locations = new StringBuilder();
        for (var i = 0; i < 2000; i++)
        {
            locations.Append(FormattableString.Invariant($"<Location date=\"2025-07-14 16:{i / 60 % 60:00}:{i % 60:00} +0100\" latitude=\"{46 + (i * 1e-5)}\" longitude=\"7\" altitude=\"500\" horizontalAccuracy=\"3\" verticalAccuracy=\"2\" course=\"10\" speed=\"2\"/>\n"));
        }

        var big = Run.Replace("</Workout>", $"<WorkoutRoute sourceName=\"iPhone\" startDate=\"2025-07-14 16:00:00 +0100\" endDate=\"2025-07-14 16:30:00 +0100\">{locations}</WorkoutRoute></Workout>", StringComparison.Ordinal);
        var path = new ExportBuilder().Add(Run).Add(big).WriteZip(dir.File("export.zip"));

        var (workouts, problems) = await ExportReading.ReadAllAsync(path, new ExportReaderOptions { BufferSize = 4096 });

        Assert.Empty(problems);
        Assert.Equal(2, workouts.Count);
        Assert.Equal(2000, workouts[1].Route.Count);
    }

    private static async Task<List<Workout>> ReadAsync(AppleHealthExport export)
    {
        var list = new List<Workout>();
        await foreach (var w in export.ReadWorkoutsAsync())
        {
            list.Add(w);
        }

        return list;
    }
}

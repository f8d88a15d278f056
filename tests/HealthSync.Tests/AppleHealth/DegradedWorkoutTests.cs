using HealthSync.AppleHealth;
using HealthSync.Tests.Support;
using HealthSync.Workouts;

namespace HealthSync.Tests.AppleHealth;

/// <summary>A workout whose route is referenced but cannot be read carries that fact; every problem has a stable code.</summary>
public sealed class DegradedWorkoutTests
{
    private const string RouteName = "route_2025-07-14_8.00am.gpx";

    internal static string WalkWithRoute(string routeReference = "/workout-routes/" + RouteName) => $"""
        <Workout workoutActivityType="HKWorkoutActivityTypeWalking" duration="30" durationUnit="min" sourceName="Apple Watch" startDate="2025-07-14 08:00:00 +0100" endDate="2025-07-14 08:30:00 +0100">
          <WorkoutRoute sourceName="Apple Watch"><FileReference path="{routeReference}"/></WorkoutRoute>
        </Workout>
        """;

    internal static string Route() => ExportBuilder.Gpx([(46.0, 7.0, "2025-07-14T07:00:00Z"), (46.0001, 7.0, "2025-07-14T07:00:01Z")]);

    [Fact]
    public async Task Should_Mark_A_Workout_Whose_Route_File_Is_Missing()
    {
        using var dir = new TempDirectory();
        var path = new ExportBuilder().Add(WalkWithRoute()).WriteXml(dir.File("export.xml"));

        var (workouts, problems) = await ExportReading.ReadAllAsync(path);

        var walk = Assert.Single(workouts);
        var defect = Assert.Single(walk.Defects);
        Assert.Equal(WorkoutDefectKind.RouteUnreadable, defect.Kind);
        Assert.Contains(RouteName, defect.Detail, StringComparison.Ordinal);
        Assert.Contains("is missing", defect.Detail, StringComparison.Ordinal);
        var problem = Assert.Single(problems);
        Assert.Equal(ReadProblemKind.RouteUnreadable, problem.Kind);
        Assert.Equal(walk.Id, problem.WorkoutId);
        Assert.True(problem.Kind.MeansDamage());
    }

    [Fact]
    public async Task Should_Leave_A_Complete_Workout_Without_Defects()
    {
        using var dir = new TempDirectory();
        var path = new ExportBuilder().Add(WalkWithRoute()).Entry("apple_health_export/workout-routes/" + RouteName, Route()).WriteZip(dir.File("export.zip"));

        var (workouts, problems) = await ExportReading.ReadAllAsync(path);

        Assert.Empty(problems);
        Assert.Equal(2, Assert.Single(workouts).Route.Count);
        Assert.Empty(workouts[0].Defects);
    }

    [Fact]
    public async Task Should_Mark_A_Workout_Whose_Route_Is_Beyond_The_Cut_Of_A_Truncated_Zip()
    {
        using var dir = new TempDirectory();
        var path = new ExportBuilder().Add(WalkWithRoute()).Entry("apple_health_export/workout-routes/" + RouteName, Route()).WriteZip(dir.File("export.zip"));
        var bytes = await File.ReadAllBytesAsync(path);
        var centralDirectory = bytes.AsSpan().LastIndexOf("PK\u0001\u0002"u8.ToArray());
        await File.WriteAllBytesAsync(path, bytes[..centralDirectory]);

        var (workouts, problems) = await ExportReading.ReadAllAsync(path);

        Assert.Equal(WorkoutDefectKind.RouteUnreadable, Assert.Single(Assert.Single(workouts).Defects).Kind);
        Assert.Equal([ReadProblemKind.DocumentDamaged, ReadProblemKind.RouteUnreadable], problems.Select(p => p.Kind));
        Assert.Empty(workouts[0].Route);
    }

    [Fact]
    public async Task Should_Mark_A_Workout_Whose_Route_File_Is_Not_Gpx()
    {
        using var dir = new TempDirectory();
        var path = new ExportBuilder().Add(WalkWithRoute())
            .Entry("apple_health_export/workout-routes/" + RouteName, """<gpx><trk><trkseg><trkpt lat="46" lon="7"><time>2025-07-14T07:00:00Z</time>""")
            .WriteZip(dir.File("export.zip"));

        var (workouts, problems) = await ExportReading.ReadAllAsync(path);

        Assert.Contains("cannot be read", Assert.Single(Assert.Single(workouts).Defects).Detail, StringComparison.Ordinal);
        Assert.Equal(ReadProblemKind.RouteUnreadable, Assert.Single(problems).Kind);
    }

    [Fact]
    public async Task Should_Say_What_Could_Be_Read_Of_An_Unreadable_Workout()
    {
        using var dir = new TempDirectory();
        var badDuration = """<Workout workoutActivityType="HKWorkoutActivityTypeYoga" duration="thirty" durationUnit="min" sourceName="Pierre&apos;s Watch" startDate="2025-07-14 08:00:00 +0100" endDate="2025-07-14 08:30:00 +0100"/>""";
        var badDate = """<Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="30" durationUnit="min" sourceName="Apple Watch" startDate="2025-07-14 9h00" endDate="2025-07-14 09:30:00 +0100"><WorkoutActivity startDate="2025-07-14 09:00:00 +0100" endDate="2025-07-14 09:30:00 +0100"/></Workout>""";
        var path = new ExportBuilder().Add(badDuration).Add(badDate).WriteXml(dir.File("export.xml"));

        var (workouts, problems) = await ExportReading.ReadAllAsync(path);

        Assert.Empty(workouts);
        Assert.All(problems, p => Assert.Equal(ReadProblemKind.WorkoutUnreadable, p.Kind));
        var yoga = problems[0].Workout!;
        Assert.Equal("HKWorkoutActivityTypeYoga", yoga.ActivityType);
        Assert.Equal(new DateTimeOffset(2025, 7, 14, 7, 0, 0, TimeSpan.Zero), yoga.Start);
        Assert.Equal("Pierre's Watch", yoga.Source);
        Assert.Equal(WorkoutId.Create("HKWorkoutActivityTypeYoga", yoga.Start!.Value, yoga.End!.Value), problems[0].WorkoutId);

        // The child's startDate is never taken for the workout's own.
        var run = problems[1].Workout!;
        Assert.Equal("HKWorkoutActivityTypeRunning", run.ActivityType);
        Assert.Null(run.Start);
        Assert.NotNull(run.End);
        Assert.Null(problems[1].WorkoutId);
    }

    [Fact]
    public async Task Should_Code_Sample_And_Field_Problems_As_Warnings()
    {
        using var dir = new TempDirectory();
        var badRecord = """<Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Apple Watch" unit="count/min" startDate="yesterday" endDate="2025-07-14 08:00:00 +0100" value="70"/>""";
        var lateRecord = """<Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Apple Watch" unit="count/min" startDate="2025-07-14 08:10:00 +0100" endDate="2025-07-14 08:10:00 +0100" value="120"/>""";
        var oddZone = """<Workout workoutActivityType="HKWorkoutActivityTypeWalking" duration="30" durationUnit="min" sourceName="Apple Watch" startDate="2025-07-14 08:00:00 +0100" endDate="2025-07-14 08:30:00 +0100"><MetadataEntry key="HKTimeZone" value="Mars/Olympus"/></Workout>""";
        var path = new ExportBuilder().Add(badRecord).Add(oddZone).Add(lateRecord).WriteXml(dir.File("export.xml"));

        var (workouts, problems) = await ExportReading.ReadAllAsync(path);

        Assert.Empty(Assert.Single(workouts).Defects);
        Assert.Equal([ReadProblemKind.FieldIgnored, ReadProblemKind.LateRecords, ReadProblemKind.RecordsSkipped], problems.Select(p => p.Kind));
        Assert.Equal(workouts[0].Id, problems[0].WorkoutId);
        Assert.All(problems, p => Assert.False(p.Kind.MeansDamage()));
    }
}

/// <summary>`inspect` of a damaged export lists what it read and exits 1; warnings alone exit 0.</summary>
public sealed class InspectDamagedExportTests
{
    [Fact]
    public async Task Should_Exit_1_With_The_Workouts_And_Problems_For_A_Zip_Cut_Short()
    {
        using var dir = new TempDirectory();
        var path = new ExportBuilder().Add(DegradedWorkoutTests.WalkWithRoute()).Entry("apple_health_export/workout-routes/route_2025-07-14_8.00am.gpx", DegradedWorkoutTests.Route()).WriteZip(dir.File("export.zip"));
        var bytes = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(path, bytes[..bytes.AsSpan().LastIndexOf("PK\u0001\u0002"u8.ToArray())]);

        var run = await Cli.CliRunner.RunAsync("inspect", path, "--json");

        Assert.Equal(1, run.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(run.Out);
        Assert.Single(json.RootElement.GetProperty("workouts").EnumerateArray());
        Assert.Equal(2, json.RootElement.GetProperty("problems").GetArrayLength());
    }

    [Fact]
    public async Task Should_Exit_0_When_The_Problems_Are_Only_Warnings()
    {
        var run = await Cli.CliRunner.RunAsync("inspect", RepoPaths.AppleHealthFixture("legacy-2019"), "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(run.Out);
        Assert.Equal(1, json.RootElement.GetProperty("problems").GetArrayLength());
    }
}

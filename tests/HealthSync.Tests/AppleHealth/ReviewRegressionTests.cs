using System.Text;
using HealthSync.AppleHealth;
using HealthSync.Tests.Cli;
using HealthSync.Tests.Support;

namespace HealthSync.Tests.AppleHealth;

/// <summary>Inputs that once crashed the reader, lost workouts, or corrupted a read; each must now be a listed problem at most.</summary>
public sealed class ReviewRegressionTests
{
    private static string Walk(string start = "2025-07-14 08:00:00 +0100", string end = "2025-07-14 08:30:00 +0100", string duration = "30") => $"""
        <Workout workoutActivityType="HKWorkoutActivityTypeWalking" duration="{duration}" durationUnit="min" sourceName="Apple Watch" startDate="{start}" endDate="{end}"/>
        """;

    [Fact]
    public async Task Should_Read_Every_Route_Of_A_Large_Zip_While_The_Document_Is_Inflated_Ahead()
    {
        // Route files used to be read through the document's own file stream, which the read-ahead thread was
        // inflating at the same moment: large zips failed as "damaged" at a different line on each run.
        using var dir = new TempDirectory();
        var builder = new ExportBuilder();
        var filler = string.Concat(Enumerable.Range(0, 400).Select(i => $"<ActivitySummary dateComponents=\"2025-01-{i % 28 + 1:00}\" activeEnergyBurned=\"{i}.5\" activeEnergyBurnedGoal=\"600\" activeEnergyBurnedUnit=\"kcal\" appleExerciseTime=\"{i % 60}\"/>\n"));
        for (var i = 0; i < 120; i++)
        {
            var start = new DateTimeOffset(2025, 3, 1, 7, 0, 0, TimeSpan.Zero).AddDays(i);
            builder.Add($"""
                <Workout workoutActivityType="HKWorkoutActivityTypeWalking" duration="10" durationUnit="min" sourceName="Apple Watch" startDate="{start:yyyy-MM-dd HH:mm:ss} +0000" endDate="{start.AddMinutes(10):yyyy-MM-dd HH:mm:ss} +0000">
                  <WorkoutRoute sourceName="Apple Watch"><FileReference path="/workout-routes/route_{i}.gpx"/></WorkoutRoute>
                </Workout>
                """);
            builder.Add(filler);
            var points = Enumerable.Range(0, 300).Select(s => (46 + (s * 1e-5), 7.0, start.AddSeconds(s).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture))).ToArray();
            builder.Entry($"apple_health_export/workout-routes/route_{i}.gpx", ExportBuilder.Gpx(points));
        }

        var path = builder.WriteZip(dir.File("export.zip"));

        for (var run = 0; run < 3; run++)
        {
            var (workouts, problems) = await ExportReading.ReadAllAsync(path, new ExportReaderOptions { BufferSize = 64 * 1024 });

            Assert.Empty(problems);
            Assert.Equal(120, workouts.Count);
            Assert.All(workouts, w => Assert.Equal(300, w.Route.Count));
        }
    }

    [Theory]
    [InlineData("0000-01-01 00:00:00 +0000")]
    [InlineData("2150-01-01 00:00:00 +0000")]
    public async Task Should_List_A_Record_Dated_Out_Of_Range_And_Read_The_Workouts(string date)
    {
        using var dir = new TempDirectory();
        var record = $"""<Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Apple Watch" unit="count/min" startDate="{date}" endDate="{date}" value="70"/>""";
        var path = new ExportBuilder().Add(record).Add(Walk()).WriteXml(dir.File("export.xml"));

        var (workouts, problems) = await ExportReading.ReadAllAsync(path);

        Assert.Single(workouts);
        Assert.Contains("1 sample record(s) skipped", Assert.Single(problems).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0000-01-01 00:00:00 +0000", "2025-07-14 08:30:00 +0100", "30", "startDate")]
    [InlineData("2025-07-14 08:00:00 +0100", "2025-07-14 08:30:00 +0100", "1e300", "duration")]
    public async Task Should_List_A_Workout_With_An_Impossible_Value_And_Read_The_Rest(string start, string end, string duration, string named)
    {
        using var dir = new TempDirectory();
        var path = new ExportBuilder().Add(Walk(start, end, duration)).Add(Walk("2025-07-15 08:00:00 +0100", "2025-07-15 08:30:00 +0100")).WriteXml(dir.File("export.xml"));

        var (workouts, problems) = await ExportReading.ReadAllAsync(path);

        Assert.Single(workouts);
        Assert.Contains(named, Assert.Single(problems).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Read_Record_Attributes_In_Single_Quotes_Or_On_Their_Own_Lines()
    {
        using var dir = new TempDirectory();
        var quoted = "<Record type='HKQuantityTypeIdentifierHeartRate' sourceName='Apple Watch' unit='count/min' startDate='2025-07-14 08:10:00 +0100' endDate='2025-07-14 08:10:00 +0100' value='120'/>";
        var lines = "<Record\ntype=\"HKQuantityTypeIdentifierHeartRate\"\nsourceName=\"Apple Watch\"\nunit=\"count/min\"\nstartDate=\"2025-07-14 08:20:00 +0100\"\nendDate=\"2025-07-14 08:20:00 +0100\"\nvalue=\"130\"/>";
        var path = new ExportBuilder().Add(quoted).Add(lines).Add(Walk()).WriteXml(dir.File("export.xml"));

        var (workouts, problems) = await ExportReading.ReadAllAsync(path);

        Assert.Empty(problems);
        Assert.Equal([120.0, 130.0], workouts[0].HeartRate!.Samples.Select(s => s.Value));
    }

    [Fact]
    public async Task Should_Say_When_A_Zip_Lost_Only_Its_Central_Directory()
    {
        using var dir = new TempDirectory();
        var path = new ExportBuilder().Add(Walk()).WriteZip(dir.File("export.zip"));
        var bytes = await File.ReadAllBytesAsync(path);
        var centralDirectory = bytes.AsSpan().LastIndexOf("PK\u0001\u0002"u8.ToArray());
        await File.WriteAllBytesAsync(path, bytes[..centralDirectory]);

        var (workouts, problems) = await ExportReading.ReadAllAsync(path);

        Assert.Single(workouts);
        Assert.Contains("central directory is missing", Assert.Single(problems).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Refuse_An_Output_Folder_That_Is_A_File_Before_Reading_The_Export()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("taken"), "a file, not a folder");

        var run = await CliRunner.RunAsync("export-fit", RepoPaths.AppleHealthFixture("legacy-2019"), "--out", dir.File("taken"));

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: --out ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Equal("a file, not a folder", Encoding.UTF8.GetString(await File.ReadAllBytesAsync(dir.File("taken"))));
    }

    [Fact]
    public async Task Should_Report_Records_After_The_First_Workout_And_Never_Join_Them()
    {
        // Workouts are assembled on other threads once the Records are done: what a workout is joined with must
        // not depend on how far the scan has got, so a Record after the first Workout is counted, not joined.
        using var dir = new TempDirectory();
        var late = """<Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Apple Watch" unit="count/min" startDate="2025-07-14 08:10:00 +0100" endDate="2025-07-14 08:10:00 +0100" value="120"/>""";
        var path = new ExportBuilder().Add(Walk()).Add(late).Add(late).WriteXml(dir.File("export.xml"));

        var (workouts, problems) = await ExportReading.ReadAllAsync(path);

        Assert.Null(Assert.Single(workouts).HeartRate);
        Assert.Contains("2 sample record(s) come after the first Workout", Assert.Single(problems).Reason, StringComparison.Ordinal);
    }
}

using HealthSync.AppleHealth;
using HealthSync.Tests.Support;
using HealthSync.Workouts;

namespace HealthSync.Tests.AppleHealth;

/// <summary>Bad input gets an error naming the file, the place and the problem, and loses nothing that could be read.</summary>
public sealed class BadInputTests
{
    private static string Walk(int hour) => $"""
        <Workout workoutActivityType="HKWorkoutActivityTypeWalking" duration="30" durationUnit="min" sourceName="Apple Watch" startDate="2025-07-14 {hour:00}:00:00 +0100" endDate="2025-07-14 {hour:00}:30:00 +0100">
          <MetadataEntry key="HKIndoorWorkout" value="0"/>
        </Workout>
        """;

    [Fact]
    public void Should_Reject_A_File_That_Is_Neither_Zip_Nor_Xml()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("photo.jpg"), [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10]);

        var error = Assert.Throws<ExportReadException>(() => AppleHealthExport.Open(dir.File("photo.jpg")));

        Assert.Contains("photo.jpg", error.Message, StringComparison.Ordinal);
        Assert.Contains("not a zip or XML", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_Reject_Xml_That_Is_Not_A_HealthData_Document()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("export_cda.xml"), "<?xml version=\"1.0\"?><ClinicalDocument/>");

        var error = Assert.Throws<ExportReadException>(() => AppleHealthExport.Open(dir.File("export_cda.xml")));

        Assert.Contains("no HealthData document", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_Reject_A_Zip_Without_A_HealthData_Document()
    {
        using var dir = new TempDirectory();
        var path = new ExportBuilder().WriteZip(dir.File("export.zip"));
        using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Update))
        {
            zip.GetEntry("apple_health_export/export.xml")!.Delete();
            using var other = zip.CreateEntry("notes.xml").Open();
            other.Write("<notes/>"u8);
        }

        var error = Assert.Throws<ExportReadException>(() => AppleHealthExport.Open(path));

        Assert.Equal("export.zip", error.File);
        Assert.Contains("no HealthData document inside", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_Reject_A_Missing_Path()
    {
        var error = Assert.Throws<ExportReadException>(() => AppleHealthExport.Open("/nonexistent/export.zip"));

        Assert.Contains("no such file", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Yield_The_Workouts_Before_A_Truncated_Xml_And_Name_The_Line()
    {
        using var dir = new TempDirectory();
        var xml = new ExportBuilder().Add(Walk(8)).Add(Walk(10)).Add(Walk(12)).Xml;
        var cut = xml[..xml.IndexOf("12:30:00", StringComparison.Ordinal)];
        File.WriteAllText(dir.File("export.xml"), cut);

        using var export = AppleHealthExport.Open(dir.File("export.xml"));
        var read = new List<Workout>();
        var error = await Assert.ThrowsAsync<ExportReadException>(async () =>
        {
            await foreach (var w in export.ReadWorkoutsAsync())
            {
                read.Add(w);
            }
        });

        Assert.Equal(2, read.Count);
        Assert.Equal("export.xml", error.File);
        var expectedLine = cut[..cut.LastIndexOf("<Workout", StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        Assert.Equal($"line {expectedLine}", error.Place);
        Assert.Contains("truncated", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Salvage_The_Workouts_Of_A_Truncated_Zip()
    {
        using var dir = new TempDirectory();
        var builder = new ExportBuilder();
        for (var hour = 0; hour < 24; hour++)
        {
            builder.Add(Walk(hour));

            // Incompressible padding so the cut lands inside the document's compressed data.
            builder.Add($"<!-- {Convert.ToBase64String(System.Security.Cryptography.SHA512.HashData(BitConverter.GetBytes(hour)))} -->");
        }

        var path = builder.WriteZip(dir.File("export.zip"));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length * 2 / 3)]);

        using var export = AppleHealthExport.Open(path);
        var read = new List<Workout>();
        var error = await Assert.ThrowsAsync<ExportReadException>(async () =>
        {
            await foreach (var w in export.ReadWorkoutsAsync())
            {
                read.Add(w);
            }
        });

        Assert.InRange(read.Count, 1, 23);
        Assert.Equal(read.OrderBy(w => w.Start).Select(w => w.Start.Hour), read.Select(w => w.Start.Hour));
        Assert.Contains("export.zip › apple_health_export/export.xml", error.File, StringComparison.Ordinal);
        Assert.StartsWith("line ", error.Place, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_List_An_Unreadable_Workout_As_A_Problem_And_Read_The_Rest()
    {
        using var dir = new TempDirectory();
        var badDate = Walk(9).Replace("2025-07-14 09:00:00 +0100", "2025-07-14 9h00", StringComparison.Ordinal);
        var badNumber = Walk(11).Replace("duration=\"30\"", "duration=\"thirty\"", StringComparison.Ordinal);
        var badStatistic = Walk(13).Replace("</Workout>", """<WorkoutStatistics type="HKQuantityTypeIdentifierActiveEnergyBurned" sum="1,5" unit="kcal"/></Workout>""", StringComparison.Ordinal);
        var xml = new ExportBuilder().Add(Walk(8)).Add(badDate).Add(Walk(10)).Add(badNumber).Add(badStatistic).WriteXml(dir.File("export.xml"));

        var (workouts, problems) = await ExportReading.ReadAllAsync(xml);

        Assert.Equal([8, 10, 13], workouts.Select(w => w.Start.AddHours(1).Hour));
        Assert.Null(workouts[2].EnergyKilocalories);
        Assert.Equal(3, problems.Count);
        Assert.Contains("startDate \"2025-07-14 9h00\" is not a date", problems[0].Reason, StringComparison.Ordinal);
        Assert.StartsWith("export.xml, line ", problems[0].Where, StringComparison.Ordinal);
        Assert.Contains("duration \"thirty\"", problems[1].Reason, StringComparison.Ordinal);
        Assert.Contains("\"1,5\" is not a number", problems[2].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Count_Unreadable_Sample_Records_In_One_Problem()
    {
        using var dir = new TempDirectory();
        var badRecord = """<Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Apple Watch" unit="count/min" startDate="yesterday" endDate="2025-07-14 08:00:00 +0100" value="70"/>""";
        var path = new ExportBuilder().Add(badRecord).Add(badRecord).Add(Walk(8)).WriteXml(dir.File("export.xml"));

        var (workouts, problems) = await ExportReading.ReadAllAsync(path);

        Assert.Single(workouts);
        var problem = Assert.Single(problems);
        Assert.StartsWith("2 sample record(s) skipped", problem.Reason, StringComparison.Ordinal);
        Assert.Contains("line", problem.Where, StringComparison.Ordinal);
    }
}

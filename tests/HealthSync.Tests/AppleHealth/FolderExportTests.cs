using HealthSync.AppleHealth;
using HealthSync.Tests.Cli;
using HealthSync.Tests.Support;

namespace HealthSync.Tests.AppleHealth;

/// <summary>A folder given as the export: one export in it is read, several are refused with the list.</summary>
public sealed class FolderExportTests
{
    private const string Walk = """
        <Workout workoutActivityType="HKWorkoutActivityTypeWalking" duration="30" durationUnit="min" sourceName="Apple Watch" startDate="2025-07-14 08:00:00 +0100" endDate="2025-07-14 08:30:00 +0100"/>
        """;

    private static void Extracted(TempDirectory dir, string folder, ExportBuilder builder)
    {
        Directory.CreateDirectory(dir.File(folder));
        builder.WriteXml(Path.Combine(dir.File(folder), "export.xml"));
    }

    [Fact]
    public void Should_Refuse_A_Folder_With_Two_Zips_Naming_Both()
    {
        using var dir = new TempDirectory();
        new ExportBuilder().Add(Walk).WriteZip(dir.File("export.zip"));
        new ExportBuilder().Add(Walk).Add(Walk.Replace("08:", "10:", StringComparison.Ordinal)).WriteZip(dir.File("export (1).zip"));

        var error = Assert.Throws<ExportReadException>(() => AppleHealthExport.Open(dir.Path));

        Assert.Contains("holds 2 exports", error.Message, StringComparison.Ordinal);
        Assert.Contains("export.zip", error.Message, StringComparison.Ordinal);
        Assert.Contains("export (1).zip", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Refuse_A_Folder_With_Two_Extracted_Exports_In_Inspect()
    {
        using var dir = new TempDirectory();
        Extracted(dir, "apple_health_export", new ExportBuilder().Add(Walk));
        Extracted(dir, "apple_health_export 2", new ExportBuilder().Add(Walk).Add(Walk.Replace("08:", "10:", StringComparison.Ordinal)));

        var run = await CliRunner.RunAsync("inspect", dir.Path, "--json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(Path.Combine("apple_health_export", "export.xml"), run.Error, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("apple_health_export 2", "export.xml"), run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public async Task Should_Read_A_Zip_Beside_Its_Own_Extracted_Folder_As_One_Export()
    {
        using var dir = new TempDirectory();
        var builder = new ExportBuilder().Add(Walk);
        builder.WriteZip(dir.File("export.zip"));
        Extracted(dir, "apple_health_export", builder);

        var (workouts, problems) = await ExportReading.ReadAllAsync(dir.Path);

        Assert.Single(workouts);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Should_Read_The_Only_Zip_In_A_Folder()
    {
        using var dir = new TempDirectory();
        new ExportBuilder().Add(Walk).WriteZip(dir.File("export.zip"));

        using var export = AppleHealthExport.Open(dir.Path);
        var (workouts, _) = await ExportReading.ReadAllAsync(dir.Path);

        Assert.Contains("export.zip", export.DocumentName, StringComparison.Ordinal);
        Assert.Single(workouts);
    }
}

using System.Text.Json;
using HealthSync.Tests.Cli;
using HealthSync.Tests.Support;
using HealthSync.Tests.Sync;
using static HealthSync.Tests.HealthAutoExport.HaeFixtures;

namespace HealthSync.Tests.HealthAutoExport;

/// <summary>`inspect`, `sync` and `backfill` take a Health Auto Export document as well as an export.</summary>
public sealed class HaeCommandTests
{
    [Fact]
    public async Task Should_Inspect_A_Json_Document_With_Its_Workouts_And_Problems()
    {
        using var dir = new TempDirectory();
        var path = dir.File("workouts.json");
        await File.WriteAllTextAsync(path, Document(Workout("Natation en piscine"), Workout("Zumba Fiesta", start: "2026-05-04 07:00:00 +0200", end: "2026-05-04 07:40:00 +0200")));

        var run = await CliRunner.RunAsync("inspect", path, "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var swim = Assert.Single(json.RootElement.GetProperty("workouts").EnumerateArray());
        Assert.Equal("HKWorkoutActivityTypeSwimming", swim.GetProperty("activityType").GetString());
        Assert.Equal("2026-05-03T16:00:00Z", swim.GetProperty("start").GetString());
        var problem = Assert.Single(json.RootElement.GetProperty("problems").EnumerateArray());
        Assert.Contains("Zumba Fiesta", problem.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Tell_A_Json_Document_By_Its_First_Byte_Whatever_Its_Name()
    {
        using var dir = new TempDirectory();
        var path = dir.File("upload.bin");
        await File.WriteAllTextAsync(path, "\n  " + V1Run);

        var run = await CliRunner.RunAsync("inspect", path, "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal("HKWorkoutActivityTypeRunning", Assert.Single(json.RootElement.GetProperty("workouts").EnumerateArray()).GetProperty("activityType").GetString());
    }

    [Fact]
    public async Task Should_Exit_2_Naming_The_Line_Of_Malformed_Json()
    {
        using var dir = new TempDirectory();
        var path = dir.File("broken.json");
        await File.WriteAllTextAsync(path, "{\"data\": {\"workouts\": [\n{\"name\": }\n]}}");

        var run = await CliRunner.RunAsync("inspect", path, "--json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("broken.json, line 2, byte", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Upload_A_Pushed_Workout_Once_When_The_Export_Brings_It_Again()
    {
        await using var h = await SyncHarness.StartAsync(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var pushed = h.Dir.File("push.json");
        await File.WriteAllTextAsync(pushed, V2EnglishWalk);
        var export = h.Export("""<Workout workoutActivityType="HKWorkoutActivityTypeWalking" duration="46.6" durationUnit="min" sourceName="Apple Watch von Anna" startDate="2026-05-03 07:12:04 +0200" endDate="2026-05-03 07:58:40 +0200"/>""");

        var first = await h.RunAsync("backfill", pushed, "--json");
        var again = await h.RunAsync("backfill", pushed, "--json");
        var fromExport = await h.RunAsync("backfill", export, "--json");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(0, fromExport.ExitCode);
        Assert.Single(h.Uploads);
    }
}

using HealthSync.Cli;
using HealthSync.Tests.Fit;
using HealthSync.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console.Testing;
using static HealthSync.Tests.Fit.DecodedFit;

namespace HealthSync.Tests.Cli;

/// <summary>`export-fit`'s zone for workouts without HKTimeZone: the machine's by default, as the sync's setting, or --time-zone.</summary>
public sealed class ExportFitCommandTests
{
    // No HKTimeZone: older watchOS versions and other apps leave it out.
    private const string ZonelessWalk = """
        <Workout workoutActivityType="HKWorkoutActivityTypeWalking" duration="30" durationUnit="min" sourceName="Apple Watch" sourceVersion="9.0" startDate="2025-06-10 08:00:00 +0000" endDate="2025-06-10 08:30:00 +0000">
          <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" startDate="2025-06-10 08:00:00 +0000" endDate="2025-06-10 08:30:00 +0000" sum="2.5" unit="km"/>
        </Workout>
        """;

    [Theory]
    [InlineData(null, "Australia/Adelaide", 570)] // the machine's zone: Adelaide in June is +09:30
    [InlineData("America/New_York", "Australia/Adelaide", -240)] // --time-zone wins over the machine's: New York in June is -04:00
    public async Task Should_Stamp_Zoneless_Workouts_With_The_Machines_Zone_Or_The_One_Given(string? option, string machineZone, int expectedMinutes)
    {
        using var dir = new TempDirectory();
        var export = new ExportBuilder().Add(ZonelessWalk).WriteZip(dir.File("export.zip"));
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 11, 1, 12, 0, 0, TimeSpan.Zero));
        time.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById(machineZone));
        string[] args = option is null ? ["export-fit", export, "--out", dir.File("fit")] : ["export-fit", export, "--out", dir.File("fit"), "--time-zone", option];

        var exit = await HealthSyncApp.RunAsync(args, new CliContext(new TestConsole(), TextWriter.Null, new StringWriter(), time));

        Assert.Equal(0, exit);
        var file = Assert.Single(Directory.GetFiles(dir.File("fit")));
        var activity = FitDecoder.Decode([file])[file].Activity;
        Assert.Equal(TimeSpan.FromMinutes(expectedMinutes), Time(activity, "localTimestamp") - Time(activity, "timestamp"));
    }

    [Fact]
    public async Task Should_Refuse_An_Unknown_Zone_Before_Reading_Anything()
    {
        using var dir = new TempDirectory();
        var export = new ExportBuilder().Add(ZonelessWalk).WriteZip(dir.File("export.zip"));
        using var error = new StringWriter();

        var exit = await HealthSyncApp.RunAsync(
            ["export-fit", export, "--out", dir.File("fit"), "--time-zone", "Mars/Olympus_Mons"],
            new CliContext(new TestConsole(), TextWriter.Null, error, TimeProvider.System));

        Assert.Equal(2, exit);
        Assert.Contains("--time-zone Mars/Olympus_Mons", error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("fit")));
    }
}

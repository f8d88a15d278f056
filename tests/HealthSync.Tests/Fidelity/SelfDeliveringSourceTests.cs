using HealthSync.Tests.Sync;

namespace HealthSync.Tests.Fidelity;

/// <summary>Workouts written to Apple Health by apps that send to Intervals.icu themselves are left out by default, and a setting changes that.</summary>
public sealed class SelfDeliveringSourceTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Should_Leave_Out_A_Garmin_Connect_Workout_By_Default_Naming_The_App()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var export = h.Export(
            SyncHarness.Workout("Walking", SyncCommandTests.At(6, 12, 8), 30, source: "Connect"),
            SyncHarness.Workout("Walking", SyncCommandTests.At(6, 12, 10), 30));

        var doc = SyncHarness.Json(await h.RunAsync("sync", export, "--json"));

        var garmin = doc.GetProperty("workouts")[0];
        Assert.Equal("not-selected", garmin.GetProperty("kind").GetString());
        Assert.Equal("source-delivers-itself", garmin.GetProperty("code").GetString());
        Assert.Contains("recorded by Garmin Connect, which sends its workouts to Intervals.icu itself", garmin.GetProperty("reason").GetString());
        Assert.Contains("settings set self-delivering-sources off", garmin.GetProperty("reason").GetString());
        Assert.Equal("uploaded", doc.GetProperty("workouts")[1].GetProperty("kind").GetString());
        Assert.Single(h.Uploads);
    }

    [Fact]
    public async Task Should_Upload_It_When_The_Setting_Is_Off_And_Keep_Leaving_Out_The_Apps_Still_Listed()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var settings = await h.RunAsync("settings");
        Assert.Matches(@"self-delivering-sources\s+on: left out, they send to Intervals.icu themselves: Garmin Connect, Strava, Zwift", settings.Console);

        // Only Strava left out: the Garmin workout goes, the Strava one stays out.
        var some = await h.RunAsync("settings", "set", "self-delivering-sources", "strava");
        Assert.Equal(0, some.ExitCode);
        Assert.Matches(@"self-delivering-sources\s+some: left out, they send to Intervals.icu themselves: Strava\s*$", some.Console.TrimEnd().Split('\n').First(l => l.StartsWith("self-delivering", StringComparison.Ordinal)));
        var export = h.Export(
            SyncHarness.Workout("Walking", SyncCommandTests.At(6, 12, 8), 30, source: "Garmin Connect"),
            SyncHarness.Workout("Hiking", SyncCommandTests.At(6, 13, 8), 30, source: "Strava"));
        var doc = SyncHarness.Json(await h.RunAsync("sync", export, "--json"));
        Assert.Equal("uploaded", doc.GetProperty("workouts")[0].GetProperty("kind").GetString());
        Assert.Equal("source-delivers-itself", doc.GetProperty("workouts")[1].GetProperty("code").GetString());
        Assert.Contains("Strava", doc.GetProperty("workouts")[1].GetProperty("reason").GetString());

        var off = await h.RunAsync("settings", "set", "self-delivering-sources", "off");
        Assert.Matches(@"self-delivering-sources\s+off: workouts of every app are uploaded", off.Console);
        var again = SyncHarness.Json(await h.RunAsync("sync", export, "--json"));
        Assert.Equal("uploaded", again.GetProperty("workouts")[1].GetProperty("kind").GetString());
        Assert.Equal(2, h.Uploads.Count);
    }

    [Fact]
    public async Task Should_Refuse_An_Unknown_App_Naming_The_Known_Ones()
    {
        await using var h = await SyncHarness.StartAsync(Now);

        var run = await h.RunAsync("settings", "set", "self-delivering-sources", "garmin,strava");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'garmin' is not one of on, off, or the apps garmin-connect, strava", run.Error);
    }
}

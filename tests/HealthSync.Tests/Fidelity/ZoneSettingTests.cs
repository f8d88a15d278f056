using HealthSync.Tests.Sync;

namespace HealthSync.Tests.Fidelity;

/// <summary>The time-zone setting: stored from the machine at the first real run, shown with where it came from; UTC fallbacks said.</summary>
public sealed class ZoneSettingTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Should_Store_The_Machine_Zone_At_The_First_Run_And_Keep_It_On_A_Machine_In_Another_Zone()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        h.Time.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        Assert.Matches(@"time-zone\s+Europe/Paris for workouts without HKTimeZone \(this machine's zone; the first sync stores it\)", (await h.RunAsync("settings")).Console);

        // A dry run stores nothing.
        await h.RunAsync("sync", h.Export(SyncHarness.Workout("Walking", SyncCommandTests.At(6, 12, 8), 30)), "--dry-run");
        Assert.Contains("the first sync stores it", (await h.RunAsync("settings")).Console);

        Assert.Equal(0, (await h.RunAsync("sync")).ExitCode);
        h.Time.SetLocalTimeZone(TimeZoneInfo.Utc);

        var shown = (await h.RunAsync("settings")).Console;
        Assert.Matches(@"time-zone\s+Europe/Paris for workouts without HKTimeZone \(stored from the machine at the first sync; this machine is in UTC\)", shown);

        var set = (await h.RunAsync("settings", "set", "time-zone", "Asia/Tokyo")).Console;
        Assert.Contains("Asia/Tokyo for workouts without HKTimeZone (set by you; this machine is in UTC)", set);
    }

    [Fact]
    public async Task Should_Say_How_Many_Zoneless_Workouts_A_Run_In_Utc_Places_In_Utc_And_How_To_Set_The_Zone()
    {
        await using var h = await SyncHarness.StartAsync(Now); // the fake clock's machine is in UTC
        var zoneless = Zoneless(SyncCommandTests.At(6, 12, 8));
        var export = h.Export(zoneless, SyncHarness.Workout("Hiking", SyncCommandTests.At(6, 12, 10), 30));

        var json = await h.RunAsync("sync", export, "--json", "--dry-run");
        var notice = Assert.Single(SyncHarness.Json(json).GetProperty("notices").EnumerateArray());
        Assert.Equal("zone-fallback-utc", notice.GetProperty("code").GetString());
        Assert.Equal(1, notice.GetProperty("count").GetInt32());

        var run = await h.RunAsync("sync", export);
        Assert.Contains("1 workout(s) of this run have no time zone of their own (no HKTimeZone) and are placed in UTC", run.Console);
        Assert.Contains("healthsync settings set time-zone ZONE", run.Console);

        // With a zone chosen, nothing to say.
        await h.RunAsync("settings", "set", "time-zone", "Europe/Paris");
        var other = h.Export(Zoneless(SyncCommandTests.At(6, 12, 14)));
        var quiet = SyncHarness.Json(await h.RunAsync("sync", other, "--json"));
        Assert.Equal(0, quiet.GetProperty("notices").GetArrayLength());
        Assert.Equal("uploaded", quiet.GetProperty("workouts")[0].GetProperty("kind").GetString());
    }

    private static string Zoneless(DateTimeOffset start) =>
        SyncHarness.Workout("Walking", start, 30).Replace("""<MetadataEntry key="HKTimeZone" value="Europe/Paris"/>""", string.Empty, StringComparison.Ordinal);
}

using System.Text.Json;
using HealthSync.State;
using HealthSync.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace HealthSync.Tests.Sync;

/// <summary>The durable inbox and the run in the core: sources read once, runs without an export, one run at a time.</summary>
public sealed class InboxRunTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Should_Go_On_From_The_Inbox_Without_The_Export_After_The_Budget_Stopped_A_Backfill()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var export = h.Export([.. Enumerable.Range(0, 5).Select(i => SyncHarness.Workout("Walking", SyncCommandTests.At(5, 1 + i, 8), 30))]);

        var first = SyncHarness.Json(await h.RunAsync("backfill", export, "--short-budget", "4", "--since", "2025-05-02", "--json"));
        Assert.Equal("budget-spent", first.GetProperty("stopped").GetString());
        Assert.Equal(2, h.Uploads.Count);
        Assert.Equal(2, first.GetProperty("notSent").GetInt32());
        File.Delete(export); // the next day, the 4 GB export is gone: the inbox holds what the backfill needs

        h.Time.Advance(TimeSpan.FromMinutes(16));
        var second = SyncHarness.Json(await h.RunAsync("backfill", "--json"));

        var kinds = second.GetProperty("workouts").EnumerateArray().Select(w => w.GetProperty("kind").GetString()).ToList();
        Assert.Equal(2, kinds.Count(k => k == "uploaded"));
        Assert.Equal(4, h.Uploads.Count); // May 1 stays out: the last backfill's --since is remembered
        Assert.DoesNotContain(h.Server.Activities.All, a => a["start_date_local"]!.ToString().StartsWith("2025-05-01", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_Add_Nothing_Twice_When_The_Same_Export_Is_Read_Again()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var export = h.Export(SyncHarness.Workout("Walking", SyncCommandTests.At(6, 1, 8), 30), SyncHarness.Workout("Yoga", SyncCommandTests.At(6, 2, 8), 30, km: null));
        await h.RunAsync("backfill", export);
        var before = Inbox(h);

        var again = SyncHarness.Json(await h.RunAsync("backfill", export, "--json"));

        Assert.Equal(before, Inbox(h));
        Assert.Equal(2, before.Workouts);
        Assert.All(again.GetProperty("workouts").EnumerateArray(), w => Assert.Equal("already-synced", w.GetProperty("kind").GetString()));
        Assert.Equal(2, h.Uploads.Count);
        Assert.Equal(2, JsonDocument.Parse((await h.RunAsync("history", "--json")).Out).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Should_Fail_A_Workout_Whose_Route_Is_Missing_And_Upload_It_Whole_From_A_Later_Export()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var walk = SyncHarness.Workout("Walking", SyncCommandTests.At(6, 1, 8), 10, inner: """<WorkoutRoute sourceName="Apple Watch"><FileReference path="/workout-routes/route_1.gpx"/></WorkoutRoute>""");
        var damaged = new ExportBuilder().Add(walk).WriteZip(h.Dir.File("damaged.zip"));
        var whole = new ExportBuilder().Add(walk)
            .Entry("apple_health_export/workout-routes/route_1.gpx", ExportBuilder.Gpx([(48.85, 2.35, "2025-06-01T06:00:00Z"), (48.851, 2.351, "2025-06-01T06:05:00Z"), (48.852, 2.352, "2025-06-01T06:10:00Z")]))
            .WriteZip(h.Dir.File("whole.zip"));

        var first = await h.RunAsync("backfill", damaged, "--json");
        var doc = SyncHarness.Json(first);
        Assert.Equal(1, first.ExitCode);
        Assert.Equal("failed", doc.GetProperty("workouts")[0].GetProperty("kind").GetString());
        Assert.Contains("export again", doc.GetProperty("workouts")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.NotEmpty(doc.GetProperty("problems").EnumerateArray());
        Assert.Empty(h.Uploads);

        var second = SyncHarness.Json(await h.RunAsync("backfill", whole, "--json"));
        Assert.Equal("uploaded", second.GetProperty("workouts")[0].GetProperty("kind").GetString());
        var (workouts, _) = await ExportReading.ReadAllAsync(whole);
        Assert.Equal(3, workouts[0].Route.Count);
        Assert.Equal(HealthSync.Fit.FitActivityEncoder.Encode(workouts[0], new HealthSync.Fit.FitEncodeOptions { IncludeRoute = true, FallbackTimeZone = TimeZoneInfo.Utc }), Assert.Single(h.Uploads).File);
        var failed = JsonDocument.Parse((await h.RunAsync("history", "--json", "--status", "failed")).Out).RootElement;
        Assert.Equal(0, failed.GetArrayLength()); // resolved by the later run
    }

    [Fact]
    public async Task Should_Refuse_A_Second_Run_While_Another_Holds_The_State()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var export = h.Export(SyncHarness.Workout("Walking", SyncCommandTests.At(6, 1, 8), 30));
        using (var held = StateLock.TryAcquire(h.StateDir, out _))
        {
            Assert.NotNull(held);
            var run = await h.RunAsync("backfill", export);
            Assert.Equal(75, run.ExitCode);
            Assert.Contains("another sync is running", run.Error, StringComparison.Ordinal);
            Assert.Empty(h.Uploads);
        }

        Assert.Equal(0, (await h.RunAsync("backfill", export)).ExitCode);
        Assert.Single(h.Uploads);
    }

    [Fact]
    public async Task Should_Create_A_New_State_Once_When_Many_Open_It_At_Once()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider(Now);
        var opened = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            using var state = SyncState.Open(dir.Path, time);
            return state.SchemaVersion;
        })));

        Assert.All(opened, v => Assert.Equal(opened[0], v));
        using var check = SyncState.Open(dir.Path, time);
        Assert.Equal(opened[0], check.SchemaVersion);
    }

    [Fact]
    public async Task Should_Prune_Settled_Workouts_And_Not_Upload_Them_Again()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var export = h.Export(SyncHarness.Workout("Walking", SyncCommandTests.At(6, 1, 8), 30));
        await h.RunAsync("backfill", export);
        h.Time.Advance(TimeSpan.FromDays(91));

        var prune = await h.RunAsync("inbox", "prune");

        Assert.Contains("Removed 1 workout(s)", prune.Console, StringComparison.Ordinal);
        Assert.Equal(0, Inbox(h).Workouts);
        var again = SyncHarness.Json(await h.RunAsync("backfill", export, "--json"));
        Assert.Equal("already-synced", again.GetProperty("workouts")[0].GetProperty("kind").GetString());
        Assert.Single(h.Uploads);
    }

    private static InboxStats Inbox(SyncHarness h)
    {
        using var state = SyncState.Open(h.StateDir, h.Time);
        return state.Inbox();
    }
}

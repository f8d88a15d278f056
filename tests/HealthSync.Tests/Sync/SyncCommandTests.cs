using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using HealthSync.Fit;
using HealthSync.Tests.Support;
using IntervalsStandIn;

namespace HealthSync.Tests.Sync;

/// <summary>`healthsync sync`, `backfill`, `history`, `settings` and `sports` end to end: real SQLite, the stand-in on loopback.</summary>
public sealed class SyncCommandTests
{
    private static readonly TimeSpan Paris = TimeSpan.FromHours(2);
    private static readonly DateTimeOffset Now = new(2025, 6, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Should_Leave_Cycling_And_Running_Off_By_Default_With_The_Reason()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var sports = await h.RunAsync("sports");
        Assert.Equal(0, sports.ExitCode);
        Assert.Matches(@"Cycling\s+cycling\s+off\s+off by default: Strava and Garmin", sports.Console);
        Assert.Matches(@"Running\s+running\s+off", sports.Console);
        Assert.Matches(@"Walks & Hikes\s+walks-hikes\s+on", sports.Console);

        var export = h.Export(SyncHarness.Workout("Running", At(6, 12, 8), 30), SyncHarness.Workout("Walking", At(6, 12, 9), 30));
        var run = await h.RunAsync("sync", export, "--json");
        var doc = SyncHarness.Json(run);
        Assert.Equal("not-selected", Status(doc, 0));
        Assert.Contains("Running is off", Reason(doc, 0));
        Assert.Equal("uploaded", Status(doc, 1));

        await h.RunAsync("sports", "enable", "running");
        var again = SyncHarness.Json(await h.RunAsync("sync", export, "--json"));
        Assert.Equal("uploaded", Status(again, 0));
        Assert.Equal(2, h.Uploads.Count);
    }

    [Fact]
    public async Task Should_Turn_Sync_On_At_First_Run_And_Leave_Older_Workouts_To_Backfill()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var export = h.Export(SyncHarness.Workout("Walking", At(6, 1, 8), 30),
            SyncHarness.Workout("Walking", At(6, 5, 8), 30),
            SyncHarness.Workout("Walking", At(6, 12, 8), 30));

        var first = await h.RunAsync("sync", export);
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("Sync is now on", first.Console);
        Assert.Contains("2 older workout(s)", first.Console);
        Assert.Single(h.Uploads);

        var backfill = SyncHarness.Json(await h.RunAsync("backfill", export, "--since", "2025-06-03", "--json"));
        Assert.Equal("not-selected", Status(backfill, 0));
        Assert.Contains("--since", Reason(backfill, 0));
        Assert.Equal("uploaded", Status(backfill, 1));
        // What sync uploaded, backfill reports as already synced: the two never contradict each other about one workout.
        Assert.Equal("skipped", Status(backfill, 2));
        Assert.Equal("already-synced", backfill.GetProperty("workouts")[2].GetProperty("kind").GetString());
        Assert.Contains("already synced", Reason(backfill, 2));
        Assert.Equal(2, h.Uploads.Count);

        var history = JsonDocument.Parse((await h.RunAsync("history", "--json")).Out).RootElement;
        Assert.Equal(2, history.GetArrayLength());
        Assert.Equal("uploaded", history[0].GetProperty("status").GetString());
        Assert.Equal("Walking", history[0].GetProperty("activityType").GetString());
        Assert.Equal("walks-hikes", history[0].GetProperty("category").GetString());
        Assert.Equal("2025-06-05T06:00:00Z", history[0].GetProperty("start").GetString());
        Assert.StartsWith("i", history[0].GetProperty("intervalsActivityId").GetString());
    }

    [Theory]
    [InlineData("on", true)]
    [InlineData("off", false)]
    public async Task Should_Put_The_Route_In_The_File_Only_When_Gps_Routes_Is_On(string setting, bool expectRoute)
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var start = At(6, 12, 8);
        var walk = SyncHarness.Workout("Walking", start, 10, inner: """<WorkoutRoute sourceName="Apple Watch"><FileReference path="/workout-routes/route_1.gpx"/></WorkoutRoute>""");
        var export = new ExportBuilder().Add(walk)
            .Entry("apple_health_export/workout-routes/route_1.gpx", ExportBuilder.Gpx([(48.85, 2.35, "2025-06-12T06:00:00Z"), (48.851, 2.351, "2025-06-12T06:05:00Z"), (48.852, 2.352, "2025-06-12T06:10:00Z")]))
            .WriteZip(h.Dir.File("export.zip"));
        await h.RunAsync("settings", "set", "gps-routes", setting);

        Assert.Equal(0, (await h.RunAsync("sync", export)).ExitCode);

        var (workouts, _) = await ExportReading.ReadAllAsync(export);
        var options = new FitEncodeOptions { IncludeRoute = expectRoute };
        var expected = FitActivityEncoder.Encode(workouts[0], options);
        Assert.NotEqual(FitActivityEncoder.Encode(workouts[0], options with { IncludeRoute = !expectRoute }), expected);
        Assert.Equal(expected, Assert.Single(h.Uploads).File);
    }

    [Fact]
    public async Task Should_Skip_A_Workout_Garmin_Already_Delivered_Naming_It()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        await h.RunAsync("sports", "enable", "running");
        var start = At(6, 12, 8);
        h.Server.Activities.Seed(new JsonArray(new JsonObject
        {
            ["id"] = "i555", ["start_date_local"] = "2025-06-12T08:01:10", ["start_date"] = "2025-06-12T06:01:10Z", ["type"] = "Run",
            ["elapsed_time"] = 1750, ["moving_time"] = 1700, ["distance"] = 5010.0, ["source"] = "GARMIN_CONNECT",
        }), "i1");
        var export = h.Export(SyncHarness.Workout("Running", start, 30, km: 5));

        var doc = SyncHarness.Json(await h.RunAsync("sync", export, "--json"));

        Assert.Equal("skipped", Status(doc, 0));
        Assert.Contains("already in Intervals.icu: i555 from Garmin Connect", Reason(doc, 0));
        Assert.Equal("i555", doc.GetProperty("workouts")[0].GetProperty("intervalsActivityId").GetString());
        Assert.Empty(h.Uploads);
    }

    [Fact]
    public async Task Should_Skip_A_Workout_Matching_A_Strava_Stub_On_Local_Start_Time()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        await h.RunAsync("sports", "enable", "cycling");
        // 08:00 in Paris is 06:00 UTC: the stub carries only the local wall-clock start.
        h.Server.Activities.Seed(new JsonArray(new JsonObject
        {
            ["id"] = "9876543210", ["start_date_local"] = "2025-06-12T08:02:00", ["source"] = "STRAVA", ["_note"] = "STRAVA activities are not available via the API",
        }), "i1");
        var export = h.Export(SyncHarness.Workout("Cycling", At(6, 12, 8), 60, km: 30), SyncHarness.Workout("Cycling", At(6, 12, 18), 60, km: 30));

        var doc = SyncHarness.Json(await h.RunAsync("sync", export, "--json"));

        Assert.Equal("skipped", Status(doc, 0));
        Assert.Contains("9876543210 from Strava", Reason(doc, 0));
        Assert.Equal("uploaded", Status(doc, 1));
        Assert.Single(h.Uploads);
    }

    [Fact]
    public async Task Should_Skip_What_It_Uploaded_Before_From_History_And_From_External_Id_When_History_Is_Lost()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var export = h.Export(SyncHarness.Workout("Walking", At(6, 12, 8), 30));
        Assert.Equal("uploaded", Status(SyncHarness.Json(await h.RunAsync("sync", export, "--json")), 0));

        var again = SyncHarness.Json(await h.RunAsync("sync", export, "--json"));
        Assert.Equal("skipped", Status(again, 0));
        Assert.Contains("already synced", Reason(again, 0));

        // Another machine, or the state folder deleted: the external_id in Intervals.icu tells.
        Directory.Delete(h.StateDir, recursive: true);
        var lost = SyncHarness.Json(await h.RunAsync("sync", export, "--json"));
        Assert.Equal("skipped", Status(lost, 0));
        Assert.Contains("already synced (found in Intervals.icu as", Reason(lost, 0));
        Assert.Single(h.Uploads);
    }

    [Fact]
    public async Task Should_Upload_Only_The_Richer_Of_Two_Apple_Workouts_Of_One_Session()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var start = At(6, 12, 8);
        var export = new ExportBuilder()
            .Add(SyncHarness.Workout("Walking", start.AddMinutes(1), 28, source: "iPhone", km: null))
            .Add(SyncHarness.Workout("Walking", start, 30, source: "Apple Watch"))
            .Add(SyncHarness.HeartRate(start, 30))
            .WriteZip(h.Dir.File("export.zip"));
        var (workouts, _) = await ExportReading.ReadAllAsync(export);
        var watch = workouts.Single(w => w.Source == "Apple Watch");

        var doc = SyncHarness.Json(await h.RunAsync("sync", export, "--json"));

        var items = doc.GetProperty("workouts").EnumerateArray().ToList();
        Assert.Equal("uploaded", items.Single(i => i.GetProperty("workoutId").GetString() == watch.Id).GetProperty("status").GetString());
        var phone = items.Single(i => i.GetProperty("workoutId").GetString() != watch.Id);
        Assert.Equal("skipped", phone.GetProperty("status").GetString());
        Assert.Contains("same session as " + watch.Id, phone.GetProperty("reason").GetString());
        Assert.Equal(watch.Id, Assert.Single(h.Uploads).Query["external_id"][0]);
    }

    [Fact]
    public async Task Should_Record_An_Upload_Answered_200_As_Already_Synced()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var export = h.Export(SyncHarness.Workout("Walking", At(6, 12, 8), 30));
        var (workouts, _) = await ExportReading.ReadAllAsync(export);
        var bytes = FitActivityEncoder.Encode(workouts[0], new FitEncodeOptions { FallbackTimeZone = TimeZoneInfo.Local });
        // The same bytes are already there, under an activity no listing shows (no start date).
        h.Server.Activities.Upload(Convert.ToHexStringLower(SHA256.HashData(bytes)), id => new JsonObject { ["id"] = id, ["source"] = "UPLOAD" });

        var doc = SyncHarness.Json(await h.RunAsync("sync", export, "--json"));

        Assert.Equal("skipped", Status(doc, 0));
        Assert.Contains("identical file already in Intervals.icu", Reason(doc, 0));
        Assert.Equal(200, Assert.Single(h.Uploads).Status);
        var history = JsonDocument.Parse((await h.RunAsync("history", "--json", "--status", "skipped")).Out).RootElement;
        Assert.Equal(1, history.GetArrayLength());
    }

    [Fact]
    public async Task Should_Record_Failures_With_Reasons_Go_On_And_Retry_Them_Next_Run_But_Not_An_Unusable_One()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var export = h.Export(SyncHarness.Workout("Walking", new DateTimeOffset(1985, 6, 12, 8, 0, 0, Paris), 30),
            SyncHarness.Workout("Walking", At(6, 1, 8), 30),
            SyncHarness.Workout("Walking", At(6, 2, 8), 30));
        // One listing (the June batch: the 1985 walk is before FIT's epoch and never reaches a batch), then the first
        // upload is refused, then the rest pass.
        h.Server.Faults.Enqueue(Fault.Slow(TimeSpan.Zero), Fault.Error(422));

        var run = await h.RunAsync("backfill", export, "--json");
        var doc = SyncHarness.Json(run);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("failed", Status(doc, 0));
        Assert.Contains("rejected by Intervals.icu (422): Injected fault", Reason(doc, 0));
        Assert.Equal("uploaded", Status(doc, 1));
        Assert.Equal("failed", Status(doc, 2));
        Assert.Contains("unusable, never sent", Reason(doc, 2));
        Assert.Contains("before 1990", Reason(doc, 2));
        var failed = JsonDocument.Parse((await h.RunAsync("history", "--json", "--status", "failed")).Out).RootElement;
        Assert.Equal(2, failed.GetArrayLength());

        // The refused upload is tried again; the unusable walk is not (recorded once, it fails no later run).
        var again = await h.RunAsync("backfill", export, "--json");
        var retry = SyncHarness.Json(again);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal("uploaded", Status(retry, 0));
        Assert.Equal("skipped", Status(retry, 1));
        Assert.Equal(2, retry.GetProperty("workouts").GetArrayLength());
    }

    [Fact]
    public async Task Should_Log_Each_Request_To_Stderr_With_Verbose_And_Nothing_Without()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var export = h.Export(SyncHarness.Workout("Walking", At(6, 1, 8), 30), SyncHarness.Workout("Walking", At(6, 2, 8), 30));
        var quiet = await h.RunAsync("backfill", export, "--since", "2025-06-02", "--json");
        h.Server.Faults.Enqueue(Fault.None(), Fault.Error(422)); // the listing, then the upload of June 1 refused
        var verbose = await h.RunAsync("backfill", export, "--json", "--verbose");

        Assert.Equal(0, quiet.ExitCode);
        Assert.DoesNotContain("answered", quiet.Error, StringComparison.Ordinal);
        Assert.Equal(1, verbose.ExitCode);
        var lines = verbose.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains("GET /api/v1/athlete/0/activities answered 200", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("POST /api/v1/athlete/0/activities answered 422", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("12:00:00.000 debug ", StringComparison.Ordinal)); // the injected clock's time
        Assert.DoesNotContain(SyncHarness.ApiKey, verbose.Error, StringComparison.Ordinal);
        Assert.Equal("failed", Status(SyncHarness.Json(verbose), 0)); // stdout is still the JSON document alone
    }

    [Fact]
    public async Task Should_Stop_With_Exit_3_And_Mark_Nothing_When_Credentials_Are_Refused()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var export = h.Export(SyncHarness.Workout("Walking", At(6, 12, 8), 30));

        var run = await h.RunAsync("sync", export, "--api-key", "wrong", "--base-url", h.Server.BaseAddress.ToString());

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("refused the credentials", run.Error);
        Assert.DoesNotContain("wrong", run.Error + run.Console);
        Assert.Equal("[]", (await h.RunAsync("history", "--json")).Out.Trim());
    }

    [Fact]
    public async Task Should_Stop_When_The_Budget_Is_Spent_Say_When_To_Resume_And_Continue_Later()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var export = h.Export([.. Enumerable.Range(0, 5).Select(i => SyncHarness.Workout("Walking", At(5, 1 + i, 8), 30))]);

        // A budget of 4, of which a backfill spends 3 (a tenth, rounded up, is left to live work): a listing and 2 uploads.
        var first = await h.RunAsync("backfill", export, "--short-budget", "4", "--json");
        Assert.Equal(3, first.ExitCode);
        Assert.Contains("resume after", first.Error);
        Assert.Equal(2, h.Uploads.Count);

        // The budget is remembered across runs: nothing is sent before the window has moved on.
        var received = h.Server.Received.Count;
        Assert.Equal(3, (await h.RunAsync("backfill", export, "--short-budget", "4")).ExitCode);
        Assert.Equal(received, h.Server.Received.Count);

        h.Time.Advance(TimeSpan.FromMinutes(16));
        var second = await h.RunAsync("backfill", export, "--short-budget", "10");
        Assert.Equal(0, second.ExitCode);
        var ids = h.Server.Activities.All.Select(a => a["external_id"]!.ToString()).ToList();
        Assert.Equal(5, ids.Count);
        Assert.Equal(5, ids.Distinct().Count());
    }

    [Fact]
    public async Task Should_Plan_A_Dry_Run_Without_An_Account_And_Change_Nothing()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var export = h.Export(SyncHarness.Workout("Walking", At(6, 12, 8), 30), SyncHarness.Workout("Cycling", At(6, 12, 9), 30));

        var run = await h.RunAsync("sync", export, "--dry-run", "--no-account");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("would upload", run.Console);
        Assert.Contains("not checked", run.Console);
        Assert.Contains("Cycling is off", run.Console);
        Assert.False(Directory.Exists(h.StateDir));
        Assert.Empty(h.Server.Received.All);
    }

    [Fact]
    public async Task Should_Store_The_Key_Readable_By_The_User_Alone_And_Use_It()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var login = await h.RunAsync("login", "--api-key", SyncHarness.ApiKey, "--base-url", h.Server.BaseAddress.ToString());
        Assert.Equal(0, login.ExitCode);
        var file = Path.Combine(h.StateDir, "credentials.json");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        Assert.Equal(3, (await h.RunAsync("login", "--api-key", "bad", "--base-url", h.Server.BaseAddress.ToString())).ExitCode);
        var export = h.Export(SyncHarness.Workout("Walking", At(6, 12, 8), 30));
        Assert.Equal(0, (await h.RunAsync("sync", export, "--no-account")).ExitCode);
        Assert.Single(h.Uploads);
        foreach (var f in Directory.GetFiles(h.StateDir).Where(f => !f.EndsWith("credentials.json", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(SyncHarness.ApiKey, await File.ReadAllTextAsync(f));
        }
    }

    internal static DateTimeOffset At(int month, int day, int hour) => new(2025, month, day, hour, 0, 0, Paris);

    private static string Status(JsonElement doc, int i) => doc.GetProperty("workouts")[i].GetProperty("status").GetString()!;

    private static string Reason(JsonElement doc, int i) => doc.GetProperty("workouts")[i].GetProperty("reason").GetString() ?? string.Empty;
}

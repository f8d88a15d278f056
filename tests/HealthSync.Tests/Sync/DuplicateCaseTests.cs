using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using HealthSync.State;
using HealthSync.Tests.Support;

namespace HealthSync.Tests.Sync;

/// <summary>Issue 10's numbered cases (points 2–5, 8, 9's deleted activity, the type) against the stand-in, asserted on outcome kinds.</summary>
public sealed class DuplicateCaseTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Should_Give_The_Strava_Stub_To_The_Strength_Session_Not_To_The_HIIT_Four_Minutes_Before()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var strength = SyncCommandTests.At(6, 12, 9);
        h.Server.Activities.Seed(new JsonArray(Stub("strava-77", strength)), "i1");
        var export = h.Export(
            SyncHarness.Workout("HighIntensityIntervalTraining", strength.AddMinutes(-4), 4, km: null),
            SyncHarness.Workout("TraditionalStrengthTraining", strength, 45, km: null));
        var (workouts, _) = await ExportReading.ReadAllAsync(export);

        var doc = SyncHarness.Json(await h.RunAsync("sync", export, "--json"));

        Assert.Equal("uploaded", Kind(doc, Id(workouts, "HighIntensityIntervalTraining")));
        Assert.Equal("duplicate", Kind(doc, Id(workouts, "TraditionalStrengthTraining")));
        Assert.Equal("strava-77", Activity(doc, Id(workouts, "TraditionalStrengthTraining")));
        Assert.Single(h.Uploads);
    }

    [Fact]
    public async Task Should_Skip_A_Walk_Started_Four_Minutes_Into_A_Garmin_Hike_Three_Times_Longer()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var hike = SyncCommandTests.At(6, 12, 8);
        h.Server.Activities.Seed(new JsonArray(Garmin("i700", "Hike", hike, 90 * 60)), "i1");
        var export = h.Export(SyncHarness.Workout("Walking", hike.AddMinutes(4), 30));

        var doc = SyncHarness.Json(await h.RunAsync("sync", export, "--json"));

        Assert.Equal("duplicate", Kind(doc, 0));
        Assert.Equal("i700", Activity(doc, 0));
        Assert.Empty(h.Uploads);
    }

    [Fact]
    public async Task Should_Skip_A_Ride_That_Is_The_Second_Half_Of_A_Garmin_Ride()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        await h.RunAsync("sports", "enable", "cycling");
        var ride = SyncCommandTests.At(6, 12, 8);
        h.Server.Activities.Seed(new JsonArray(Garmin("i701", "Ride", ride, 2 * 3600)), "i1");
        var export = h.Export(SyncHarness.Workout("Cycling", ride.AddHours(1), 60, km: 30));

        var doc = SyncHarness.Json(await h.RunAsync("sync", export, "--json"));

        Assert.Equal("duplicate", Kind(doc, 0));
        Assert.Equal("i701", Activity(doc, 0));
        Assert.Empty(h.Uploads);
    }

    [Fact]
    public async Task Should_Settle_A_Later_Copy_Of_A_Session_Matched_To_Garmin_In_An_Earlier_Run_With_That_Activity()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var start = SyncCommandTests.At(6, 12, 8);
        h.Server.Activities.Seed(new JsonArray(Garmin("i702", "Walk", start, 30 * 60)), "i1");
        var watch = SyncHarness.Workout("Walking", start, 30);
        var first = SyncHarness.Json(await h.RunAsync("sync", new ExportBuilder().Add(watch).WriteZip(h.Dir.File("first.zip")), "--json"));
        Assert.Equal("duplicate", Kind(first, 0));

        // The phone's copy of the same walk arrives in a later export; Garmin's activity is no longer listed (a listing of
        // another window, or removed from Garmin's sync): the session is settled by the first run's match alone.
        h.Server.Activities.Clear();
        var export = new ExportBuilder().Add(watch).Add(SyncHarness.Workout("Walking", start.AddMinutes(1), 28, source: "iPhone", km: null)).WriteZip(h.Dir.File("later.zip"));
        var (workouts, _) = await ExportReading.ReadAllAsync(export);
        var phoneId = workouts.Single(w => w.Source == "iPhone").Id;

        var later = SyncHarness.Json(await h.RunAsync("sync", export, "--json"));

        Assert.Equal("same-session", Kind(later, phoneId));
        Assert.Equal("i702", Activity(later, phoneId));
        Assert.Empty(h.Uploads);
    }

    [Fact]
    public async Task Should_Upload_Both_Back_To_Back_Watch_Workouts_A_Phone_Copy_Of_The_Whole_Hour_Links()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var nine = SyncCommandTests.At(6, 12, 9);
        var export = new ExportBuilder()
            .Add(SyncHarness.Workout("Walking", nine, 30))
            .Add(SyncHarness.Workout("Walking", nine.AddMinutes(30), 30))
            .Add(SyncHarness.HeartRate(nine, 60))
            .Add(SyncHarness.Workout("Walking", nine, 60, source: "iPhone", km: null))
            .WriteZip(h.Dir.File("export.zip"));
        var (workouts, _) = await ExportReading.ReadAllAsync(export);

        var doc = SyncHarness.Json(await h.RunAsync("sync", export, "--json"));

        foreach (var watch in workouts.Where(w => w.Source == "Apple Watch"))
        {
            Assert.Equal("uploaded", Kind(doc, watch.Id));
        }

        Assert.Equal("same-session", Kind(doc, workouts.Single(w => w.Source == "iPhone").Id));
        Assert.Equal(2, h.Uploads.Count);
    }

    [Fact]
    public async Task Should_Recognise_A_Workout_Uploaded_Under_Another_Id_By_Its_Type_And_Times()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var start = SyncCommandTests.At(6, 12, 8);
        h.Server.Activities.Seed(new JsonArray(new JsonObject
        {
            ["id"] = "i703", ["type"] = "Walk", ["source"] = "UPLOAD", ["external_id"] = "ah-00000000000000000001",
            ["start_date"] = Utc(start), ["start_date_local"] = Local(start), ["elapsed_time"] = 1800, ["moving_time"] = 1800,
        }), "i1");
        var export = h.Export(SyncHarness.Workout("Walking", start, 30), SyncHarness.Workout("Walking", start.AddHours(3), 30));

        var doc = SyncHarness.Json(await h.RunAsync("sync", export, "--json"));

        Assert.Equal("already-synced", Kind(doc, 0));
        Assert.Equal("i703", Activity(doc, 0));
        Assert.Equal("uploaded", Kind(doc, 1));
        Assert.Single(h.Uploads);
    }

    [Fact]
    public async Task Should_Report_An_Activity_Deleted_In_Intervals_And_Upload_It_Again_Only_When_Allowed()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var walk = SyncHarness.Workout("Walking", SyncCommandTests.At(6, 12, 8), 30);
        var first = SyncHarness.Json(await h.RunAsync("sync", h.Export(walk), "--json"));
        var deletedId = Activity(first, 0)!;
        Assert.True(h.Server.Activities.Delete(deletedId));

        // A later export: a new workout the same day, so the batch's listing covers the deleted one's day.
        var export = h.Export(walk, SyncHarness.Workout("Walking", SyncCommandTests.At(6, 12, 18), 30));
        var off = SyncHarness.Json(await h.RunAsync("sync", export, "--json"));
        Assert.Equal("deleted", Kind(off, 0));
        Assert.Equal(deletedId, Activity(off, 0));
        Assert.Equal("uploaded", Kind(off, 1));
        Assert.Equal(2, h.Uploads.Count);

        using (var state = SyncState.Open(h.StateDir, h.Time))
        {
            state.SetSetting("resend-deleted", "on");
        }

        var later = h.Export(walk, SyncHarness.Workout("Walking", SyncCommandTests.At(6, 12, 20), 30));
        var on = SyncHarness.Json(await h.RunAsync("sync", later, "--json"));
        Assert.Equal("uploaded", Kind(on, 0));
        Assert.NotEqual(deletedId, Activity(on, 0));
        Assert.Equal(4, h.Uploads.Count);
        Assert.Equal(3, h.Server.Activities.All.Count);

        // Once it is there again, nothing more: the next run finds it.
        var again = SyncHarness.Json(await h.RunAsync("sync", later, "--json"));
        Assert.Equal("already-synced", Kind(again, 0));
        Assert.Equal(4, h.Uploads.Count);
    }

    [Fact]
    public async Task Should_Correct_A_Type_The_Service_Derived_Differently_Once()
    {
        // The service types FIT sport 11 (walking) as a hike here: the table says Walk.
        await using var h = await SyncHarness.StartAsync(Now, o => o.DerivedTypeBySport[11] = "Hike");
        var export = h.Export(
            SyncHarness.Workout("Walking", SyncCommandTests.At(6, 12, 8), 30),
            SyncHarness.Workout("Yoga", SyncCommandTests.At(6, 12, 18), 30, km: null));

        var doc = SyncHarness.Json(await h.RunAsync("sync", export, "--json"));

        Assert.Equal("uploaded", Kind(doc, 0));
        Assert.Equal("uploaded", Kind(doc, 1));
        var puts = h.Server.Received.All.Where(r => r.Method == "PUT").ToList();
        Assert.Equal("/api/v1/activity/" + Activity(doc, 0), Assert.Single(puts).Path);
        Assert.Equal("Walk", h.Server.Activities.Get(Activity(doc, 0)!)!["type"]!.ToString());
        Assert.Equal("Yoga", h.Server.Activities.Get(Activity(doc, 1)!)!["type"]!.ToString());
    }

    private static JsonObject Stub(string id, DateTimeOffset start) => new()
    {
        ["id"] = id, ["start_date_local"] = Local(start), ["source"] = "STRAVA", ["_note"] = "STRAVA activities are not available via the API",
    };

    private static JsonObject Garmin(string id, string type, DateTimeOffset start, int elapsed) => new()
    {
        ["id"] = id, ["type"] = type, ["source"] = "GARMIN_CONNECT", ["start_date"] = Utc(start), ["start_date_local"] = Local(start),
        ["elapsed_time"] = elapsed, ["moving_time"] = elapsed,
    };

    private static string Utc(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Local(DateTimeOffset t) => t.DateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Id(IEnumerable<HealthSync.Workouts.Workout> workouts, string type) =>
        workouts.Single(w => w.ActivityType == "HKWorkoutActivityType" + type).Id;

    private static JsonElement Item(JsonElement doc, int index) => doc.GetProperty("workouts")[index];

    private static JsonElement Item(JsonElement doc, string workoutId) =>
        doc.GetProperty("workouts").EnumerateArray().Single(i => i.GetProperty("workoutId").GetString() == workoutId);

    private static string? Kind(JsonElement doc, int index) => Item(doc, index).GetProperty("kind").GetString();

    private static string? Kind(JsonElement doc, string workoutId) => Item(doc, workoutId).GetProperty("kind").GetString();

    private static string? Activity(JsonElement doc, int index) => Item(doc, index).GetProperty("intervalsActivityId").GetString();

    private static string? Activity(JsonElement doc, string workoutId) => Item(doc, workoutId).GetProperty("intervalsActivityId").GetString();
}

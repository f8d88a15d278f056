using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using HealthSync.Tests.Support;
using HealthSync.Tests.Sync;

namespace HealthSync.Tests.Cli;

/// <summary>The three `--json` documents the command line promises, held to stored expectation files (see <see cref="JsonExpectations"/>).</summary>
/// <remarks>A renamed, removed, added or retyped field fails here; the message says how to regenerate the files on purpose.</remarks>
public sealed class JsonContractTests
{
    private static readonly TimeSpan Paris = TimeSpan.FromHours(2);
    private static readonly DateTimeOffset Now = new(2025, 10, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset WalkStart = new(2025, 9, 10, 8, 0, 0, Paris);
    private static readonly DateTimeOffset GarminWalkStart = new(2025, 9, 11, 18, 0, 0, Paris);

    [Fact]
    public async Task Should_Keep_The_Schema_Of_Inspect_Json()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var run = await CliRunner.RunAsync("inspect", EveryFieldExport(h), "--json");

        var doc = SyncHarness.Json(run);

        Assert.Equal(7, doc.GetProperty("workouts").GetArrayLength());
        Assert.NotEmpty(doc.GetProperty("problems").EnumerateArray());
        JsonExpectations.AssertSchema("inspect.schema.txt", doc);
    }

    [Fact]
    public async Task Should_Keep_The_Schema_Of_Backfill_And_History_Json()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        SeedGarminWalk(h, GarminWalkStart, "i900");

        var run = await h.RunAsync("backfill", EveryFieldExport(h), "--json");
        var doc = SyncHarness.Json(run);

        // The run exercises every kind a document can carry with data, so each optional field is seen filled.
        var kinds = doc.GetProperty("workouts").EnumerateArray().Select(w => w.GetProperty("kind").GetString()).Order().ToList();
        Assert.Equal(["duplicate", "failed", "not-selected", "same-session", "uploaded", "uploaded", "uploaded"], kinds);
        Assert.NotEmpty(doc.GetProperty("notices").EnumerateArray());
        Assert.NotEmpty(doc.GetProperty("problems").EnumerateArray());

        // A second run the short budget stops (the first one spent it): "stopped" and not-sent workouts are seen filled too.
        var more = h.Export(SyncHarness.Workout("Walking", new DateTimeOffset(2025, 9, 20, 8, 0, 0, Paris), 30), SyncHarness.Workout("Walking", new DateTimeOffset(2025, 9, 21, 8, 0, 0, Paris), 30));
        var stopped = SyncHarness.Json(await h.RunAsync("backfill", more, "--short-budget", "1", "--json"));
        Assert.Equal("budget-spent", stopped.GetProperty("stopped").GetString());
        JsonExpectations.AssertSchema("sync.schema.txt", doc, stopped);

        var uploaded = doc.GetProperty("workouts").EnumerateArray().First(w => w.GetProperty("kind").GetString() == "uploaded");
        Assert.Equal(0, (await h.RunAsync("forget", uploaded.GetProperty("workoutId").GetString()!)).ExitCode);
        var history = SyncHarness.Json(await h.RunAsync("history", "--json"));
        Assert.Contains(history.EnumerateArray(), e => e.GetProperty("forgottenAt").ValueKind == JsonValueKind.String);
        JsonExpectations.AssertSchema("history.schema.txt", history);
    }

    [Fact]
    public async Task Should_Keep_The_Whole_Sync_Json_Of_A_Small_Run()
    {
        // Values too: the kinds', statuses' and codes' spellings, the reasons' wording, the ids (workout ids are derived
        // from the workout, the stand-in numbers its activities i1, i2, ...), the local starts.
        await using var h = await SyncHarness.StartAsync(new DateTimeOffset(2025, 6, 10, 12, 0, 0, TimeSpan.Zero));
        var morning = new DateTimeOffset(2025, 6, 12, 8, 0, 0, Paris);
        SeedGarminWalk(h, morning.AddHours(10), "i555");
        var export = h.Export(
            SyncHarness.Workout("Walking", morning, 30),
            SyncHarness.Workout("Running", morning.AddHours(2), 30, km: 5),
            SyncHarness.Workout("Walking", morning.AddHours(10), 30));

        var run = await h.RunAsync("sync", export, "--json");

        Assert.Equal(0, run.ExitCode);
        JsonExpectations.AssertDocument("sync-small.json", run.Out);
    }

    [Fact]
    public void Should_Name_Added_Removed_And_Changed_Paths_When_A_Schema_Differs()
    {
        var before = JsonExpectations.Schema(JsonDocument.Parse("""{"workouts":[{"kind":"uploaded","id":"a"},{"kind":"failed","id":null}]}""").RootElement);

        Assert.Equal("$: object\n$.workouts: array\n$.workouts[]: object\n$.workouts[].id: null|string\n$.workouts[].kind: string\n", before);
    }

    // A walk with route and heart rate, its phone copy, a pool swim with lengths, a walk whose route file is missing
    // (failed, and a problem), a run (not selected by default), a walk Garmin already delivered, and a walk without its
    // own zone (placed in the UTC setting: a notice).
    private static string EveryFieldExport(SyncHarness h)
    {
        var route = """<MetadataEntry key="HKElevationAscended" value="1250 cm"/><WorkoutRoute sourceName="Apple Watch"><FileReference path="/workout-routes/route_1.gpx"/></WorkoutRoute>""";
        var missing = """<WorkoutRoute sourceName="Apple Watch"><FileReference path="/workout-routes/route_2.gpx"/></WorkoutRoute>""";
        var noZone = SyncHarness.Workout("Walking", new DateTimeOffset(2025, 9, 12, 7, 0, 0, TimeSpan.Zero), 20)
            .Replace("""<MetadataEntry key="HKTimeZone" value="Europe/Paris"/>""", string.Empty, StringComparison.Ordinal);
        return new ExportBuilder()
            .Add(SyncHarness.Workout("Walking", WalkStart, 10, inner: route))
            .Add(SyncHarness.HeartRate(WalkStart, 10))
            .Add(SyncHarness.Workout("Walking", WalkStart.AddMinutes(1), 8, source: "iPhone", km: null))
            .Add(ExportBuilder.Fragment("workout_swimming.xml"))
            .Add(SyncHarness.Workout("Walking", new DateTimeOffset(2025, 9, 9, 8, 0, 0, Paris), 10, inner: missing))
            .Add(SyncHarness.Workout("Running", new DateTimeOffset(2025, 9, 8, 8, 0, 0, Paris), 30, km: 5))
            .Add(SyncHarness.Workout("Walking", GarminWalkStart, 30))
            .Add(noZone)
            .Entry("apple_health_export/workout-routes/route_1.gpx", ExportBuilder.Gpx([(48.85, 2.35, "2025-09-10T06:00:00Z"), (48.851, 2.351, "2025-09-10T06:05:00Z"), (48.852, 2.352, "2025-09-10T06:10:00Z")]))
            .WriteZip(h.Dir.File("every-field.zip"));
    }

    private static void SeedGarminWalk(SyncHarness h, DateTimeOffset start, string id) =>
        h.Server.Activities.Seed(new JsonArray(new JsonObject
        {
            ["id"] = id, ["type"] = "Walk", ["source"] = "GARMIN_CONNECT",
            ["start_date"] = start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["start_date_local"] = start.DateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
            ["elapsed_time"] = 1800, ["moving_time"] = 1800,
        }), "i1");
}

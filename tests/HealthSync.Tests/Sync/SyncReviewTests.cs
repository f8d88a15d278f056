using System.Text;
using System.Text.Json;
using HealthSync.State;
using HealthSync.Tests.Support;
using Microsoft.Data.Sqlite;

namespace HealthSync.Tests.Sync;

/// <summary>The review of the sync (issue 5): dry runs change nothing, rule 3 against Intervals.icu, the local zone, stdin, progress lines.</summary>
public sealed class SyncReviewTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Should_Change_Nothing_In_The_Database_On_Dry_Runs_With_An_Account()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var first = h.Export(SyncHarness.Workout("Walking", SyncCommandTests.At(6, 12, 8), 30));
        Assert.Equal(0, (await h.RunAsync("sync", first)).ExitCode);
        var later = h.Export(SyncHarness.Workout("Walking", SyncCommandTests.At(6, 1, 8), 30),
            SyncHarness.Workout("Walking", SyncCommandTests.At(6, 12, 8), 30),
            SyncHarness.Workout("Walking", SyncCommandTests.At(6, 13, 8), 30));
        h.Time.Advance(TimeSpan.FromMinutes(1));
        var db = Path.Combine(h.StateDir, SyncState.FileName);
        var bytes = await File.ReadAllBytesAsync(db);
        var tables = Dump(db);
        var received = h.Server.Received.Count;

        var sync = await h.RunAsync("sync", later, "--dry-run", "--json");
        var backfill = await h.RunAsync("backfill", later, "--dry-run", "--json");

        Assert.Equal(0, sync.ExitCode);
        Assert.Equal(0, backfill.ExitCode);
        Assert.Contains("would-upload", sync.Out);
        Assert.Contains("would-upload", backfill.Out);
        Assert.True(h.Server.Received.Count > received, "the dry runs should have listed Intervals.icu");
        Assert.Equal(bytes, await File.ReadAllBytesAsync(db));
        Assert.Equal(tables, Dump(db));
    }

    [Fact]
    public async Task Should_Keep_The_Copy_Already_In_Intervals_When_The_Richer_Copy_Of_A_Session_Turns_Up_Later()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var start = SyncCommandTests.At(6, 5, 8);
        var phone = SyncHarness.Workout("Walking", start.AddMinutes(1), 28, source: "iPhone", km: null);
        var poorerAlone = new ExportBuilder().Add(phone).WriteZip(h.Dir.File("phone.zip"));
        var both = new ExportBuilder()
            .Add(phone)
            .Add(SyncHarness.Workout("Walking", start, 30, source: "Apple Watch"))
            .Add(SyncHarness.HeartRate(start, 30))
            .WriteZip(h.Dir.File("both.zip"));
        var (workouts, _) = await ExportReading.ReadAllAsync(both);
        var watchId = workouts.Single(w => w.Source == "Apple Watch").Id;
        var phoneId = workouts.Single(w => w.Source == "iPhone").Id;

        // The poorer copy alone, uploaded first (its own export, its own state).
        var alone = SyncHarness.Json(await h.RunAsync("backfill", poorerAlone, "--json"));
        var activityId = Item(alone, phoneId).GetProperty("intervalsActivityId").GetString()!;
        Assert.Equal("uploaded", Item(alone, phoneId).GetProperty("status").GetString());

        // The same state: the richer copy appears in a later export.
        var sameState = SyncHarness.Json(await h.RunAsync("backfill", both, "--json"));
        AssertSkippedAsSessionOf(sameState, watchId, phoneId, activityId);

        // A fresh state (history lost, or another machine): Intervals.icu tells by external_id.
        Directory.Delete(h.StateDir, recursive: true);
        var fresh = SyncHarness.Json(await h.RunAsync("backfill", both, "--json"));
        AssertSkippedAsSessionOf(fresh, watchId, phoneId, activityId);
        Assert.Equal("skipped", Item(fresh, phoneId).GetProperty("status").GetString());
        Assert.Contains("already synced (found in Intervals.icu as " + activityId, Item(fresh, phoneId).GetProperty("reason").GetString());

        Assert.Single(h.Uploads);
        Assert.Equal(phoneId, Assert.Single(h.Server.Activities.All)["external_id"]!.ToString());
        var history = JsonDocument.Parse((await h.RunAsync("history", "--json", "--status", "skipped")).Out).RootElement;
        Assert.Contains(history.EnumerateArray(), e => e.GetProperty("workoutId").GetString() == watchId && e.GetProperty("intervalsActivityId").GetString() == activityId);
    }

    [Fact]
    public async Task Should_Still_Upload_The_Richer_Copy_When_Neither_Is_In_Intervals_Even_In_Small_Batches()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var start = SyncCommandTests.At(6, 5, 8);
        var export = new ExportBuilder()
            .Add(SyncHarness.Workout("Walking", SyncCommandTests.At(6, 4, 8), 30, source: "WorkOutDoors"))
            .Add(SyncHarness.Workout("Walking", start.AddMinutes(1), 28, source: "iPhone", km: null))
            .Add(SyncHarness.Workout("Walking", start, 30, source: "Apple Watch"))
            .Add(SyncHarness.HeartRate(start, 30))
            .WriteZip(h.Dir.File("export.zip"));
        var (workouts, _) = await ExportReading.ReadAllAsync(export);
        var watchId = workouts.Single(w => w.Source == "Apple Watch").Id;

        // Batches of two would split the session (the 4th and the watch copy, then the phone copy): its copies stay in one batch, one listing.
        var doc = SyncHarness.Json(await h.RunAsync("backfill", export, "--json", "--batch-size", "2"));

        Assert.Equal(2, doc.GetProperty("uploaded").GetInt32());
        Assert.Equal("uploaded", Item(doc, watchId).GetProperty("status").GetString());
        var phone = doc.GetProperty("workouts").EnumerateArray().Single(i => i.GetProperty("status").GetString() == "skipped");
        Assert.Contains($"same session as {watchId} from Apple Watch, which has more data", phone.GetProperty("reason").GetString());
        Assert.Equal(2, h.Uploads.Count);
        // One listing decides the batch (the one after the uploads only reads the derived types).
        Assert.Single(h.Server.Received.All.TakeWhile(r => r.Method != "POST"), r => r.Method == "GET");
    }

    [Fact]
    public async Task Should_Not_Create_The_Database_When_Sync_Has_No_Account()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var export = h.Export(SyncHarness.Workout("Walking", SyncCommandTests.At(6, 12, 8), 30));

        var run = await h.RunAsync("sync", export, "--no-account");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no Intervals.icu account is connected", run.Error);
        Assert.False(Directory.Exists(h.StateDir));
    }

    [Fact]
    public async Task Should_Use_The_Local_Zone_Of_The_Time_Provider()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        h.Time.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));

        Assert.Matches(@"time-zone\s+Asia/Tokyo", (await h.RunAsync("settings")).Console);
        Assert.Matches(@"time-zone\s+Asia/Tokyo", (await h.RunAsync("settings", "set", "gps-routes", "off")).Console);

        var export = h.Export([.. Enumerable.Range(0, 3).Select(i => SyncHarness.Workout("Walking", SyncCommandTests.At(5, 1 + i, 8), 30))]);
        var run = await h.RunAsync("backfill", export, "--short-budget", "2");
        Assert.Equal(3, run.ExitCode);
        // The budget frees up 15 minutes after the first request (12:00 UTC), said in Tokyo time.
        Assert.Contains("resume after 2025-06-10 21:15:00 +09:00", run.Error);
    }

    [Fact]
    public async Task Should_Read_The_Login_Key_From_The_Injected_Input_And_Log_The_Check()
    {
        await using var h = await SyncHarness.StartAsync(Now);

        var login = await h.RunWithInputAsync(SyncHarness.ApiKey + "\n", "login", "--base-url", h.Server.BaseAddress.ToString());

        Assert.Equal(0, login.ExitCode);
        Assert.Contains(SyncHarness.ApiKey, await File.ReadAllTextAsync(Path.Combine(h.StateDir, "credentials.json")));
        Assert.Single(h.Server.Received.All);
        using var state = SyncState.Open(h.StateDir, h.Time);
        Assert.Single(state.Since(Now.AddDays(-1)));
    }

    [Fact]
    public async Task Should_Print_A_Line_Per_Batch_When_Not_On_A_Terminal_And_Nothing_Extra_With_Json()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var export = h.Export([.. Enumerable.Range(0, 5).Select(i => SyncHarness.Workout("Walking", SyncCommandTests.At(5, 1 + i, 8), 30))]);

        var plain = await h.RunAsync("backfill", export, "--dry-run", "--batch-size", "2");

        Assert.Equal(0, plain.ExitCode);
        Assert.Contains("batch 1: 2 of 5 workouts done, less than a minute left", plain.Console);
        Assert.Contains("batch 2: 4 of 5 workouts done", plain.Console);
        Assert.Contains("batch 3: 5 of 5 workouts done", plain.Console);

        var json = await h.RunAsync("backfill", export, "--dry-run", "--batch-size", "2", "--json");
        Assert.Equal(5, JsonDocument.Parse(json.Out).RootElement.GetProperty("uploaded").GetInt32());
        Assert.DoesNotContain("batch", json.Out + json.Console);
    }

    private static void AssertSkippedAsSessionOf(JsonElement doc, string loserId, string winnerId, string activityId)
    {
        var loser = Item(doc, loserId);
        Assert.Equal("skipped", loser.GetProperty("status").GetString());
        Assert.Equal($"same session as {winnerId}, already in Intervals.icu as {activityId}", loser.GetProperty("reason").GetString());
        Assert.Equal(activityId, loser.GetProperty("intervalsActivityId").GetString());
    }

    private static JsonElement Item(JsonElement doc, string workoutId) =>
        doc.GetProperty("workouts").EnumerateArray().Single(i => i.GetProperty("workoutId").GetString() == workoutId);

    /// <summary>Every table's rows, in a stable order.</summary>
    private static string Dump(string db)
    {
        var text = new StringBuilder();
        var builder = new SqliteConnectionStringBuilder { DataSource = db, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            text.Append("# ").AppendLine(table);
            using var rows = connection.CreateCommand();
            rows.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1";
            using var reader = rows.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                }

                text.AppendLine();
            }
        }

        return text.ToString();
    }
}

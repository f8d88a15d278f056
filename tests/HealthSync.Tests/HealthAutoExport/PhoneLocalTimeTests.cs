using System.Net;
using HealthSync.Tests.Server;
using HealthSync.Workouts;
using static HealthSync.Tests.HealthAutoExport.HaeFixtures;

namespace HealthSync.Tests.HealthAutoExport;

/// <summary>
/// One local time per workout (issue 17, point 2): a pushed workout keeps the offset the phone wrote, whatever the
/// server's zone or the user's setting, in the FIT file, in Intervals.icu and on every page.
/// </summary>
public sealed class PhoneLocalTimeTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Theory]
    [InlineData("-1200", "UTC-12:00")]
    [InlineData("-0930", "UTC-09:30")]
    [InlineData("-0500", "UTC-05:00")]
    [InlineData("-0330", "UTC-03:30")]
    [InlineData("+0000", "UTC+00:00")]
    [InlineData("+0530", "UTC+05:30")]
    [InlineData("+0545", "UTC+05:45")]
    [InlineData("+0845", "UTC+08:45")]
    [InlineData("+1245", "UTC+12:45")]
    [InlineData("+1400", "UTC+14:00")]
    public async Task Should_Keep_The_Phones_Offset_As_The_Workouts_Zone(string offset, string zoneId)
    {
        var (workouts, _) = await ReadAsync(Document(Workout("Outdoor Walk", start: $"2023-06-06 20:38:38 {offset}", end: $"2023-06-06 21:08:38 {offset}")));

        var walk = Assert.Single(workouts);
        Assert.Equal(zoneId, walk.TimeZoneId);
        Assert.True(WorkoutZone.HasOwn(walk));
        Assert.Equal(new DateTime(2023, 6, 6, 20, 38, 38), WorkoutZone.LocalStart(walk, Paris));
        Assert.Equal(TimeSpan.Zero, walk.Start.Offset); // the instant stays an instant
    }

    [Fact]
    public async Task Should_Read_Each_Side_Of_A_Daylight_Saving_Change_At_Its_Own_Offset()
    {
        // Berlin, the night clocks went forward: 01:30 +0100, then 03:30 +0200 an hour later.
        var (workouts, _) = await ReadAsync(Document(
            Workout("Outdoor Walk", start: "2025-03-30 01:30:00 +0100", end: "2025-03-30 01:50:00 +0100"),
            Workout("Yoga", start: "2025-03-30 03:30:00 +0200", end: "2025-03-30 03:50:00 +0200")));

        Assert.Equal(
            [new DateTime(2025, 3, 30, 1, 30, 0), new DateTime(2025, 3, 30, 3, 30, 0)],
            workouts.Select(w => WorkoutZone.LocalStart(w, TimeZoneInfo.Utc)));
        Assert.Equal(TimeSpan.FromHours(1), workouts[1].Start - workouts[0].Start);
    }

    [Fact]
    public async Task Should_Read_A_Twelve_Hour_Date_With_Its_Narrow_No_Break_Space_At_The_Phones_Time()
    {
        var (workouts, _) = await ReadAsync(Document(Workout("Outdoor Walk", start: "2024-09-21 7:57:00\u202Fpm +1000", end: "2024-09-21 8:27:30\u202FPM +1000")));

        Assert.Equal(new DateTime(2024, 9, 21, 19, 57, 0), WorkoutZone.LocalStart(Assert.Single(workouts), Paris));
    }

    [Theory]
    [InlineData("UTC+15:00")]
    [InlineData("UTC+05:60")]
    [InlineData("UTC*05:00")]
    [InlineData("UTC+5:00")]
    public void Should_Fall_Back_For_A_Zone_Id_That_Is_No_Offset_In_Use(string id) =>
        Assert.Same(Paris, WorkoutZone.Of(id, Paris));

    [Fact]
    public void Should_Have_Documents_Read_By_An_Earlier_Release_Read_Again_For_Their_Offsets()
    {
        using var dir = new Support.TempDirectory();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero));
        using (var state = HealthSync.State.SyncState.Open(dir.Path, time))
        {
            var added = state.AddDocument("health-auto-export", "push", System.Text.Encoding.UTF8.GetBytes(Document(Workout("Yoga"))), time.GetUtcNow());
            state.MarkDocumentProcessed(added.Id, "1 workout(s) read, 1 new", time.GetUtcNow());
            Assert.Equal(0, state.WaitingDocumentCount());
        }

        // As the database of the release before: schema version 5.
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(dir.Path, HealthSync.State.SyncState.FileName)};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // (Later migrations' tables go too, so they can be applied again.)
            command.CommandText = "DELETE FROM schema_migrations WHERE version >= 6; DROP TABLE web_sessions;";
            command.ExecuteNonQuery();
        }

        using var upgraded = HealthSync.State.SyncState.Open(dir.Path, time);
        Assert.Equal(1, upgraded.WaitingDocumentCount());
    }

    [Fact]
    public async Task Should_List_A_Workout_An_Earlier_Release_Uploaded_At_The_Servers_Time_With_The_Fix()
    {
        var now = new DateTimeOffset(2023, 6, 7, 3, 0, 0, TimeSpan.Zero);
        await using var harness = await ServerHarness.StartAsync(now, configure: o => o.MachineZone = TimeZoneInfo.Utc);
        await harness.PushAsync(Document(Workout("Outdoor Walk", start: "2023-06-06 20:38:38 -0500", end: "2023-06-06 21:08:38 -0500")));
        await harness.Server.Jobs.WhenIdle();
        var browser = await harness.SignedInBrowserAsync();
        Assert.DoesNotContain("uploaded at this server's local time", await browser.GetStringAsync("/history"), StringComparison.Ordinal);

        // As the release before wrote it: the upload's history line has no zone, so it went at the server's (UTC).
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(harness.StateDir, HealthSync.State.SyncState.FileName)};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE history SET time_zone = NULL";
            command.ExecuteNonQuery();
        }

        var history = await browser.GetStringAsync("/history");
        Assert.Contains("1 workout was uploaded at this server&#x27;s local time", history, StringComparison.Ordinal);
        Assert.Contains("Outdoor Walk: shown at Wed 7 Jun 2023, 01:38, recorded at 20:38", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Land_In_Intervals_And_History_At_The_Local_Time_The_Phone_Wrote_On_A_Server_In_Another_Zone()
    {
        // Sync on since 01:00Z; the walk, 20:38 in Chicago, is 01:38Z the next day: "01:38" at the server's UTC.
        var now = new DateTimeOffset(2023, 6, 7, 3, 0, 0, TimeSpan.Zero);
        await using var harness = await ServerHarness.StartAsync(now, configure: o => o.MachineZone = TimeZoneInfo.Utc);
        var document = Document(Workout("Outdoor Walk", start: "2023-06-06 20:38:38 -0500", end: "2023-06-06 21:08:38 -0500", extra: ", \"location\": \"Outdoor\""));
        Assert.Equal(HttpStatusCode.Accepted, (await harness.PushAsync(document)).StatusCode);
        await harness.Server.Jobs.WhenIdle();

        var activity = Assert.Single(harness.StandIn.Activities.All);
        Assert.Equal("2023-06-06T20:38:38", activity["start_date_local"]?.ToString());
        var browser = await harness.SignedInBrowserAsync();
        Assert.Contains("20:38", await browser.GetStringAsync("/history"), StringComparison.Ordinal);
    }
}

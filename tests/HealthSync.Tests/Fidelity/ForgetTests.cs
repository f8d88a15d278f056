using System.Text.Json;
using HealthSync.Tests.Sync;

namespace HealthSync.Tests.Fidelity;

/// <summary>`healthsync forget`: the undo. The outcome goes, the history stays (marked), and the next run decides afresh.</summary>
public sealed class ForgetTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Should_Upload_Again_A_Forgotten_Workout_Whose_Activity_Was_Deleted_And_Keep_Its_History_Marked()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var export = h.Export(SyncHarness.Workout("Walking", SyncCommandTests.At(6, 12, 8), 30));
        var first = SyncHarness.Json(await h.RunAsync("sync", export, "--json")).GetProperty("workouts")[0];
        var id = first.GetProperty("workoutId").GetString()!;
        var activity = first.GetProperty("intervalsActivityId").GetString()!;
        Assert.True(h.Server.Activities.Delete(activity));

        // Without forget, the recorded outcome stands: a run from the inbox has nothing to decide.
        Assert.Equal(0, SyncHarness.Json(await h.RunAsync("sync", "--json")).GetProperty("workouts").GetArrayLength());

        var forget = await h.RunAsync("forget", id);
        Assert.Equal(0, forget.ExitCode);
        Assert.Contains("2025-06-12 08:00 · Walk · ah-", forget.Console);
        Assert.Contains("Forgot 1 workout(s)", forget.Console);

        var history = JsonDocument.Parse((await h.RunAsync("history", "--json")).Out).RootElement;
        Assert.Equal(1, history.GetArrayLength());
        Assert.Equal("2025-06-10T12:00:00Z", history[0].GetProperty("forgottenAt").GetString());

        // The next run decides it afresh, from the inbox: not in Intervals.icu any more, so it goes up again.
        var again = SyncHarness.Json(await h.RunAsync("sync", "--json")).GetProperty("workouts")[0];
        Assert.Equal("uploaded", again.GetProperty("kind").GetString());
        Assert.NotEqual(activity, again.GetProperty("intervalsActivityId").GetString());
        Assert.Equal(2, h.Uploads.Count);

        var after = JsonDocument.Parse((await h.RunAsync("history", "--json")).Out).RootElement;
        Assert.Equal(2, after.GetArrayLength());
        Assert.Equal(JsonValueKind.Null, after[0].GetProperty("forgottenAt").ValueKind);
        Assert.Contains("forgotten", (await h.RunAsync("history")).Console);
    }

    [Fact]
    public async Task Should_Find_A_Forgotten_Workout_Still_In_Intervals_By_Its_External_Id_Not_Upload_It_Twice()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var export = h.Export(SyncHarness.Workout("Walking", SyncCommandTests.At(6, 12, 8), 30));
        var id = SyncHarness.Json(await h.RunAsync("sync", export, "--json")).GetProperty("workouts")[0].GetProperty("workoutId").GetString()!;

        await h.RunAsync("forget", id);
        var again = SyncHarness.Json(await h.RunAsync("sync", export, "--json")).GetProperty("workouts")[0];

        Assert.Equal("already-synced", again.GetProperty("kind").GetString());
        Assert.Equal("found-by-external-id", again.GetProperty("code").GetString());
        Assert.Single(h.Uploads);
    }

    [Fact]
    public async Task Should_Forget_By_Local_Date_Range_In_The_Workouts_Own_Zone()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        // 00:30 in Paris on 13 June is 22:30 UTC on 12 June: the local date decides.
        var export = h.Export(
            SyncHarness.Workout("Walking", SyncCommandTests.At(6, 12, 8), 30),
            SyncHarness.Workout("Hiking", new DateTimeOffset(2025, 6, 13, 0, 30, 0, TimeSpan.FromHours(2)), 30),
            SyncHarness.Workout("Walking", SyncCommandTests.At(6, 14, 8), 30));
        var ids = SyncHarness.Json(await h.RunAsync("sync", export, "--json")).GetProperty("workouts").EnumerateArray().Select(w => w.GetProperty("workoutId").GetString()).ToList();

        var forget = await h.RunAsync("forget", "--from", "2025-06-13", "--to", "2025-06-13");

        Assert.Equal(0, forget.ExitCode);
        Assert.Contains("2025-06-13 00:30 · Hike", forget.Console);
        Assert.Contains("Forgot 1 workout(s)", forget.Console);
        var history = JsonDocument.Parse((await h.RunAsync("history", "--json")).Out).RootElement.EnumerateArray().ToList();
        Assert.Equal([ids[1]], history.Where(e => e.GetProperty("forgottenAt").ValueKind == JsonValueKind.String).Select(e => e.GetProperty("workoutId").GetString()));
    }

    [Theory]
    [InlineData(new[] { "forget" }, "give WORKOUT_ID..., or --from DATE and --to DATE")]
    [InlineData(new[] { "forget", "ah-1", "--from", "2025-06-01" }, "not both")]
    [InlineData(new[] { "forget", "--from", "2025-06-10", "--to", "2025-06-01" }, "--from 2025-06-10 is after --to 2025-06-01")]
    [InlineData(new[] { "forget", "--from", "06/10/2025" }, "--from: '06/10/2025' is not a date in the form YYYY-MM-DD")]
    public async Task Should_Refuse_A_Forget_Without_A_Clear_Selection(string[] args, string message)
    {
        await using var h = await SyncHarness.StartAsync(Now);

        var run = await h.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error);
    }

    [Fact]
    public async Task Should_Say_An_Id_Without_An_Outcome_Is_Not_Forgotten()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        await h.RunAsync("sync", h.Export(SyncHarness.Workout("Walking", SyncCommandTests.At(6, 12, 8), 30)));

        var run = await h.RunAsync("forget", "ah-00000000000000000000");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not forgotten: ah-00000000000000000000 has no recorded outcome", run.Error);
    }

    [Fact]
    public async Task Should_Show_And_Change_Resend_Deleted_Off_By_Default()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        Assert.Matches(@"resend-deleted\s+off: an activity deleted in Intervals.icu stays deleted", (await h.RunAsync("settings")).Console);

        var on = await h.RunAsync("settings", "set", "resend-deleted", "on");

        Assert.Equal(0, on.ExitCode);
        Assert.Matches(@"resend-deleted\s+on: an activity deleted in Intervals.icu is uploaded again", on.Console);
        Assert.Equal(2, (await h.RunAsync("settings", "set", "resend-deleted", "yes")).ExitCode);
    }
}

using System.Text.Json;
using HealthSync.Tests.Intervals;

namespace HealthSync.Tests.Sync;

/// <summary>Runs that never lose data and never mislead (issue 12): interruptions, an unreachable service, a broken state folder, honest words.</summary>
public sealed class ReliabilityTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Should_Finish_The_Upload_In_Flight_On_Ctrl_C_Record_It_And_Resume_Next_Run()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var export = h.Export([.. Enumerable.Range(0, 3).Select(i => SyncHarness.Workout("Walking", SyncCommandTests.At(5, 1 + i, 8), 30))]);
        using var ctrlC = new CancellationTokenSource();
        h.Server.Received.Arrived += r =>
        {
            if (r.Method == "POST")
            {
                ctrlC.Cancel(); // pressed while the first upload is on its way
            }
        };

        var run = await h.RunCancellableAsync(ctrlC.Token, "backfill", export);

        Assert.Equal(130, run.ExitCode);
        Assert.Contains("interrupted: run the same command again to resume", run.Error, StringComparison.Ordinal);
        Assert.Single(h.Uploads);
        var history = JsonDocument.Parse((await h.RunAsync("history", "--json")).Out).RootElement;
        Assert.Equal("uploaded", Assert.Single(history.EnumerateArray()).GetProperty("kind").GetString());

        var resumed = await h.RunAsync("backfill");
        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(3, h.Uploads.Count);
        Assert.Equal(3, h.Server.Activities.All.Select(a => a["external_id"]!.ToString()).Distinct().Count());
    }

    [Fact]
    public async Task Should_Stop_With_Exit_3_Naming_The_Url_When_The_Service_Cannot_Be_Reached()
    {
        var time = new SignallingTimeProvider(TimeSpan.FromSeconds(100));
        await using var h = await SyncHarness.StartAsync(Now, time: time);
        var export = h.Export(SyncHarness.Workout("Walking", SyncCommandTests.At(5, 1, 8), 30), SyncHarness.Workout("Walking", SyncCommandTests.At(5, 2, 8), 30));
        const string Nowhere = "http://127.0.0.1:9/"; // the discard port: nothing listens there

        var run = await time.DriveAsync(h.RunAsync("backfill", export, "--json", "--api-key", SyncHarness.ApiKey, "--base-url", Nowhere));

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("could not reach Intervals.icu at " + Nowhere, run.Error, StringComparison.Ordinal);
        Assert.Contains("Retrying GET", run.Error, StringComparison.Ordinal); // the retries say so while they wait
        var doc = SyncHarness.Json(run);
        Assert.Equal("service-unreachable", doc.GetProperty("stopped").GetString());
        Assert.All(doc.GetProperty("workouts").EnumerateArray(), w => Assert.Equal("not-sent", w.GetProperty("kind").GetString()));
        Assert.Equal("[]", (await h.RunAsync("history", "--json")).Out.Trim());
    }

    [Theory]
    [InlineData("damaged")]
    [InlineData("not-a-folder")]
    public async Task Should_Say_In_One_Line_Why_The_State_Folder_Cannot_Be_Used(string how)
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var export = h.Export(SyncHarness.Workout("Walking", SyncCommandTests.At(5, 1, 8), 30));
        if (how == "damaged")
        {
            Directory.CreateDirectory(h.StateDir);
            await File.WriteAllTextAsync(Path.Combine(h.StateDir, "healthsync.db"), new string('x', 8192));
        }
        else
        {
            await File.WriteAllTextAsync(h.StateDir, "a file where the folder should be");
        }

        var run = await h.RunAsync("backfill", export);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(h.StateDir, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Empty(h.Uploads);
    }

    [Fact]
    public async Task Should_Count_As_Older_Only_Workouts_Not_Already_Synced_On_The_First_Sync()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var export = h.Export(SyncHarness.Workout("Walking", SyncCommandTests.At(6, 1, 8), 30), SyncHarness.Workout("Walking", SyncCommandTests.At(6, 2, 8), 30));
        Assert.Equal(0, (await h.RunAsync("backfill", export)).ExitCode);
        h.Time.Advance(TimeSpan.FromHours(1));

        var sync = await h.RunAsync("sync", export);

        Assert.Contains("0 older workout(s)", sync.Console, StringComparison.Ordinal);
        var dry = SyncHarness.Json(await h.RunAsync("sync", export, "--dry-run", "--json"));
        Assert.All(dry.GetProperty("workouts").EnumerateArray(), w => Assert.Equal("already-synced", w.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task Should_Say_Sync_Is_Off_And_How_To_Turn_It_On()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        await h.RunAsync("settings", "set", "sync", "off");
        var export = h.Export(SyncHarness.Workout("Walking", SyncCommandTests.At(6, 12, 8), 30));

        var run = await h.RunAsync("sync", export);

        Assert.Contains("Sync is off", run.Console, StringComparison.Ordinal);
        Assert.Contains("healthsync settings set sync on", run.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Sum_Up_A_Stopped_Run_In_One_Line_Instead_Of_A_Row_Per_Workout_Not_Sent()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var export = h.Export([.. Enumerable.Range(0, 8).Select(i => SyncHarness.Workout("Walking", SyncCommandTests.At(5, 1 + i, 8), 30))]);

        var run = await h.RunAsync("backfill", export, "--short-budget", "4");

        Assert.Equal(3, run.ExitCode);
        Assert.Matches(@"2 uploaded, 0 skipped, 0 failed, 0 not selected; 6 not sent: budget spent, resume after 2025-06-10 \d\d:\d\d:\d\d [+-]\d\d:\d\d", run.Console);
        Assert.DoesNotContain("not sent: the run stopped", run.Console, StringComparison.Ordinal);
        Assert.Equal(2, run.Console.Split('\n').Count(l => l.Contains("uploaded", StringComparison.Ordinal) && l.Contains("Walk", StringComparison.Ordinal)));
    }
}

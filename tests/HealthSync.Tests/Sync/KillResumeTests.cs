using System.Diagnostics;
using HealthSync.Tests.Support;
using IntervalsStandIn;

namespace HealthSync.Tests.Sync;

/// <summary>Rule 5: the real `healthsync` process killed during a backfill, then run again: every workout in Intervals.icu exactly once.</summary>
[Trait("Category", "Slow")] // real child processes, killed mid-run
public sealed class KillResumeTests
{
    [Fact]
    public async Task Should_Complete_A_Killed_Backfill_With_No_Duplicate()
    {
        // Real time on both sides: a real process is killed. Half the answers take 2 s, so the kill lands mid-run.
        await using var server = await StandInServer.StartAsync(new StandInOptions
        {
            ApiKey = SyncHarness.ApiKey, RatePerSecond = 1000, Burst = 1000, Budget = 0, SlowShare = 0.5, SlowDelay = TimeSpan.FromSeconds(2), FaultSeed = 7,
        });
        using var dir = new TempDirectory();
        var builder = new ExportBuilder();
        for (var i = 0; i < 8; i++)
        {
            builder.Add(SyncHarness.Workout("Walking", SyncCommandTests.At(5, 1 + i, 8), 30));
        }

        var export = builder.WriteZip(dir.File("export.zip"));
        var state = dir.File("state");
        string[] args = ["backfill", export, "--state-dir", state, "--api-key", SyncHarness.ApiKey, "--base-url", server.BaseAddress.ToString()];

        using (var child = StartCli(args))
        {
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            // Kill once at least two uploads have arrived and the latest is still in flight (or the child has ended).
            while (!child.HasExited && server.Received.All.Count(r => r.Method == "POST") < 2)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System, bound.Token);
            }

            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
            }

            await child.WaitForExitAsync(bound.Token);
        }

        Assert.True(server.Activities.All.Count < 8, "the first run should have been stopped before the end");
        server.Options.SlowShare = 0;

        var second = await Cli.CliRunner.RunAsync(args);

        Assert.Equal(0, second.ExitCode);
        var ids = server.Activities.All.Select(a => a["external_id"]!.ToString()).ToList();
        Assert.Equal(8, ids.Count);
        Assert.Equal(8, ids.Distinct().Count());
    }

    [Fact]
    public async Task Should_Not_Upload_Again_What_Reached_The_Service_Before_A_Kill()
    {
        // The service creates the activity for the first upload, then holds its answer: the process is killed
        // while it waits, so the upload is done in Intervals.icu but not recorded locally.
        await using var server = await StandInServer.StartAsync(new StandInOptions { ApiKey = SyncHarness.ApiKey, RatePerSecond = 1000, Burst = 1000, Budget = 0 });
        server.Faults.Enqueue(Fault.None(), Fault.SlowAnswer(TimeSpan.FromMinutes(2))); // the batch's listing, then the first upload
        using var dir = new TempDirectory();
        var builder = new ExportBuilder();
        for (var i = 0; i < 3; i++)
        {
            builder.Add(SyncHarness.Workout("Walking", SyncCommandTests.At(5, 1 + i, 8), 30));
        }

        var export = builder.WriteZip(dir.File("export.zip"));
        string[] args = ["backfill", export, "--state-dir", dir.File("state"), "--api-key", SyncHarness.ApiKey, "--base-url", server.BaseAddress.ToString()];

        using (var child = StartCli(args))
        {
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (!child.HasExited && server.Activities.All.Count < 1)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System, bound.Token);
            }

            Assert.False(child.HasExited, "the first run should still be waiting for the held answer");
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync(bound.Token);
        }

        var firstId = Assert.Single(server.Activities.All)["external_id"]!.ToString();

        var second = await Cli.CliRunner.RunAsync([.. args, "--json"]);

        Assert.Equal(0, second.ExitCode);
        using var report = System.Text.Json.JsonDocument.Parse(second.Out);
        var first = report.RootElement.GetProperty("workouts").EnumerateArray().Single(w => w.GetProperty("workoutId").GetString() == firstId);
        Assert.Equal("skipped", first.GetProperty("status").GetString());
        Assert.Contains("already synced", first.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, server.Received.All.Count(r => r.Method == "POST")); // one before the kill, two after: none sent twice
        Assert.Equal(3, server.Activities.All.Select(a => a["external_id"]!.ToString()).Distinct().Count());
    }

    private static Process StartCli(string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "HealthSync.Cli.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        var child = Process.Start(start)!;
        _ = child.StandardOutput.ReadToEndAsync();
        _ = child.StandardError.ReadToEndAsync();
        return child;
    }
}

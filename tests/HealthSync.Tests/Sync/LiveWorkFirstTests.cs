using HealthSync.Intervals;
using HealthSync.Sync;

namespace HealthSync.Tests.Sync;

/// <summary>A backfill makes room for live work (issue 17, point 1): a hook between its batches, and a share of the budget kept.</summary>
public sealed class LiveWorkFirstTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Should_call_the_host_between_a_backfills_batches_and_never_in_a_sync()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var export = h.Export([.. Enumerable.Range(0, 5).Select(i => SyncHarness.Workout("Walking", SyncCommandTests.At(5, 1 + i, 8), 30))]);
        var calls = new List<int>();
        var run = new SyncRun
        {
            StateDirectory = h.StateDir,
            Mode = SyncMode.Backfill,
            MachineZone = TimeZoneInfo.Utc,
            BatchSize = 2,
            Account = new IntervalsOptions { Credentials = IntervalsCredentials.FromApiKey(SyncHarness.ApiKey), BaseUrl = h.Server.BaseAddress, RequestsPerSecond = 100, Burst = 100, MaxRetries = 0 },
            BetweenBatches = _ =>
            {
                calls.Add(h.Uploads.Count); // what the backfill had sent when the host got its turn
                return Task.CompletedTask;
            },
        };
        using (var source = HealthSync.AppleHealth.AppleHealthExport.Open(export))
        {
            await new WorkoutSync(h.Time).RunAsync(run with { Source = source }, null, CancellationToken.None);
        }

        Assert.Equal([2, 4], calls); // after the first and the second batch of 2, not after the last
        calls.Clear();
        await new WorkoutSync(h.Time).RunAsync(run with { Mode = SyncMode.New }, null, CancellationToken.None);
        Assert.Empty(calls);
    }

    [Theory]
    [InlineData(2_500, 5_000, 2_250, 4_500)]
    [InlineData(3, 1, 2, 1)]
    public void Should_leave_a_tenth_of_each_budget_to_live_work(int shortBudget, int daily, int shortLeft, int dailyLeft)
    {
        var options = new IntervalsOptions { ShortBudget = shortBudget, DailyBudget = daily };

        var backfill = options.Reserving(WorkoutSync.BackfillBudgetReserve);

        Assert.Equal((shortLeft, dailyLeft), (backfill.ShortBudget, backfill.DailyBudget));
        Assert.Equal((shortBudget, daily), (options.ShortBudget, options.DailyBudget)); // a copy: the live runs keep all
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using IntervalsStandIn;

namespace HealthSync.Bench.Server;

/// <summary>
/// `live-during-backfill`: a backfill of COUNT older workouts the server holds (the Status page's button), paced by the
/// stand-in at the service's 10 requests/s; once it has sent a batch, a walk just recorded is pushed: how long until
/// its upload reaches the stand-in, against how long the whole backfill takes.
/// </summary>
internal static partial class ServerBackfillBenchmark
{
    public static async Task<int> LiveDuringBackfillAsync(int count)
    {
        using var folder = new ServerBenchmark.TempFolder();
        await using var standIn = await StandInServer.StartAsync(new StandInOptions { ApiKey = ServerBenchmark.Key });
        var now = TimeProvider.System.GetUtcNow(); // a benchmark of real time
        ServerBenchmark.Prepare(folder.Path, standIn, syncSince: now.AddHours(-2));
        await using var server = await ServerChild.StartAsync(folder.Path);
        await server.WaitIdleAsync(() => true, IdleWait);
        using var push = ServerBenchmark.Client();

        // Last year's workouts, a day apart: they wait for a backfill.
        using (var older = await push.PostAsync(server.PushAddress, ServerBenchmark.Json(Older(count, now.AddYears(-1)))))
        {
            Expect(older, HttpStatusCode.Accepted, "the older workouts' push");
        }

        await server.WaitIdleAsync(() => true, IdleWait);
        using var browser = Browser();
        await SignInAsync(browser, server.BaseAddress);
        var status = await browser.GetStringAsync(server.BaseAddress);
        var clock = Stopwatch.StartNew();
        using (var started = await browser.PostAsync(new Uri(server.BaseAddress, "backfill-held"), Form(status)))
        {
            Expect(started, HttpStatusCode.Redirect, "Backfill N older workouts");
        }

        // Past the first batch (50 workouts), the walk that just ended is pushed.
        while (standIn.Activities.All.Count < 55 && clock.Elapsed < BackfillWait)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }

        var sentBefore = standIn.Activities.All.Count;
        var walkStart = now.AddMinutes(-45);
        var local = walkStart.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        var live = Stopwatch.StartNew();
        using (var answer = await push.PostAsync(server.PushAddress, ServerBenchmark.Json(PushDocuments.HalfHourWalk(Guid.NewGuid(), walkStart))))
        {
            Expect(answer, HttpStatusCode.Accepted, "the live push");
        }

        while (!standIn.Activities.All.Any(a => a["start_date_local"]?.ToString().StartsWith(local, StringComparison.Ordinal) == true) && live.Elapsed < BackfillWait)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }

        var liveUpload = live.Elapsed;
        var sentMeanwhile = standIn.Activities.All.Count - sentBefore - 1;
        var activities = -1;
        await server.WaitIdleAsync(() => Settled(standIn, count + 1, ref activities), BackfillWait);
        Console.WriteLine(FormattableString.Invariant(
            $"live-during-backfill: {count} older workouts backfilled in {clock.Elapsed.TotalSeconds:0} s at the stand-in's 10 requests/s; a walk pushed after {sentBefore} of them reached the stand-in {ServerBenchmark.Ms(liveUpload)} after its push ({sentMeanwhile} backfilled meanwhile); {standIn.Activities.All.Count} activities in all"));
        return 0;
    }

    private static bool Settled(StandInServer standIn, int expected, ref int activities)
    {
        var now = standIn.Activities.All.Count;
        var done = now >= expected && now == activities;
        activities = now;
        return done;
    }

    private static byte[] Older(int count, DateTimeOffset first)
    {
        var json = new StringBuilder("{\"data\":{\"workouts\":[");
        for (var i = 0; i < count; i++)
        {
            var start = first.AddDays(i);
            json.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"{{\"name\":\"Yoga\",\"start\":\"{start:yyyy-MM-dd HH:mm:ss} +0000\",\"end\":\"{start.AddMinutes(30):yyyy-MM-dd HH:mm:ss} +0000\",\"duration\":1800}}");
        }

        return Encoding.UTF8.GetBytes(json.Append("]}}").ToString());
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using HealthSync.Hosting;
using IntervalsStandIn;

namespace HealthSync.Bench.Server;

/// <summary>
/// `push-flood`: the floods of issue 17 against the server as a child (native or framework-dependent, as
/// HEALTHSYNC_SERVER says): the first push on a fresh server (account connected, nothing else set), then documents of
/// 10,000 tiny workouts (the cap) and a flood of unknown names, with the peak RSS through them, the answer and upload
/// time of a normal push after them, and the RSS once idle.
/// </summary>
internal static class PushFloodBenchmark
{
    private const int WorkoutsPerFlood = 10_000;

    public static async Task<int> RunAsync(int floods)
    {
        using var folder = new ServerBenchmark.TempFolder();
        await using var standIn = await StandInServer.StartAsync(new StandInOptions { ApiKey = ServerBenchmark.Key });
        var now = TimeProvider.System.GetUtcNow(); // a benchmark of real time

        // A new user's server: the account connected (as the Account page does, which turns sync on then), nothing more.
        // Connected four hours ago, as the Account page does (it turns sync on then): the workouts below were recorded since.
        CredentialsFile.Write(folder.Path, new StoredCredentials(ServerBenchmark.Key, null, "0", standIn.BaseAddress.ToString()));
        using (var state = HealthSync.State.SyncState.Open(folder.Path, TimeProvider.System))
        {
            HealthSync.Sync.SyncSettings.TurnOnAtConnection(state, now.AddHours(-4));
        }

        await using var server = await ServerChild.StartAsync(folder.Path);
        await server.WaitIdleAsync(() => true, TimeSpan.FromMinutes(2));
        using var client = ServerBenchmark.Client();
        (await client.GetAsync(new Uri(server.BaseAddress, "healthz"))).Dispose();
        await using var sampler = new RssSampler(server);

        var (answer, upload) = await PushOneAsync(client, server, standIn, PushDocuments.HalfHourWalk(Guid.NewGuid(), now.AddMinutes(-230)));
        Console.WriteLine(FormattableString.Invariant($"first push on a fresh server: answered in {ServerBenchmark.Ms(answer)}, upload at the stand-in after {ServerBenchmark.Ms(upload)}"));
        sampler.EndPhase();

        // Floods: documents of 10,000 tiny workouts each (last year's, so they wait for a backfill), then one more than
        // the cap (refused), then 10,000 names no table knows.
        var clock = Stopwatch.StartNew();
        for (var f = 0; f < floods; f++)
        {
            using var stored = await client.PostAsync(server.PushAddress, ServerBenchmark.Json(Tiny(WorkoutsPerFlood, now.AddYears(-1).AddDays(f * 40), "Yoga")));
            Expect(stored, HttpStatusCode.Accepted);
        }

        using (var refused = await client.PostAsync(server.PushAddress, ServerBenchmark.Json(Tiny(WorkoutsPerFlood + 1, now.AddYears(-2), "Yoga"))))
        {
            Expect(refused, HttpStatusCode.RequestEntityTooLarge);
        }

        using (var names = await client.PostAsync(server.PushAddress, ServerBenchmark.Json(Tiny(WorkoutsPerFlood, now.AddYears(-3), null))))
        {
            Expect(names, HttpStatusCode.Accepted);
        }

        await server.WaitIdleAsync(() => true, TimeSpan.FromMinutes(10));
        var floodPeak = sampler.EndPhase();
        Console.WriteLine(FormattableString.Invariant($"floods: {floods} documents of {WorkoutsPerFlood:N0} workouts, one of {WorkoutsPerFlood + 1:N0} (413), one of {WorkoutsPerFlood:N0} unknown names, read in {clock.Elapsed.TotalSeconds:0.0} s; peak RSS {floodPeak / 1e6:0} MB"));

        var after = new List<(TimeSpan Answer, TimeSpan Upload)>();
        for (var k = 0; k < 3; k++)
        {
            after.Add(await PushOneAsync(client, server, standIn, PushDocuments.HalfHourWalk(Guid.NewGuid(), now.AddMinutes(-190 + (k * 40)))));
        }

        Console.WriteLine(FormattableString.Invariant($"a normal push after the floods: answered in {ServerBenchmark.Ms(after.Max(a => a.Answer))} (max of 3), upload after {ServerBenchmark.Ms(after.Max(a => a.Upload))} (max of 3); peak RSS {sampler.EndPhase() / 1e6:0} MB"));
        await ServerBenchmark.IdleAsync(server, "idle after the floods");
        return 0;
    }

    private static async Task<(TimeSpan Answer, TimeSpan Upload)> PushOneAsync(HttpClient client, ServerChild server, StandInServer standIn, byte[] body)
    {
        var clock = Stopwatch.StartNew();
        var uploaded = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Arrived(ReceivedRequest r)
        {
            if (r.Method == "POST" && r.Path.EndsWith("/activities", StringComparison.Ordinal))
            {
                uploaded.TrySetResult(clock.Elapsed);
            }
        }

        standIn.Received.Arrived += Arrived;
        try
        {
            using var answer = await client.PostAsync(server.PushAddress, ServerBenchmark.Json(body));
            var answered = clock.Elapsed;
            Expect(answer, HttpStatusCode.Accepted);
            return (answered, await uploaded.Task.WaitAsync(TimeSpan.FromMinutes(2)));
        }
        finally
        {
            standIn.Received.Arrived -= Arrived;
        }
    }

    /// <summary>A document of <paramref name="count"/> one-minute workouts a minute apart, named <paramref name="name"/> (null: each its own unknown name).</summary>
    private static byte[] Tiny(int count, DateTimeOffset first, string? name)
    {
        var json = new StringBuilder("{\"data\":{\"workouts\":[", count * 100);
        for (var i = 0; i < count; i++)
        {
            var start = first.AddMinutes(i * 2);
            json.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"{{\"name\":\"{name ?? "Flood " + i.ToString(CultureInfo.InvariantCulture)}\",\"start\":\"{start:yyyy-MM-dd HH:mm:ss} +0000\",\"end\":\"{start.AddMinutes(1):yyyy-MM-dd HH:mm:ss} +0000\"}}");
        }

        return Encoding.UTF8.GetBytes(json.Append("]}}").ToString());
    }

    private static void Expect(HttpResponseMessage answer, HttpStatusCode expected)
    {
        if (answer.StatusCode != expected)
        {
            throw new InvalidOperationException($"expected {(int)expected}, got {(int)answer.StatusCode}: {answer.Content.ReadAsStringAsync().Result}");
        }
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using HealthSync.Hosting;
using HealthSync.State;
using HealthSync.Sync;
using IntervalsStandIn;

namespace HealthSync.Bench.Server;

/// <summary>
/// `push-latency`, `push-rate`, `server-memory`: the server (src/HealthSync.Server, Release) as a child process over
/// a fresh state folder, signed in to the in-process stand-in, pushed to over loopback.
/// </summary>
internal static class ServerBenchmark
{
    /// <summary>The Intervals.icu API key the stand-in accepts.</summary>
    internal const string Key = "bench-key";
    private const int LatencyPushes = 5;
    private static readonly TimeSpan Offset = TimeSpan.FromHours(2); // the phone's offset in the documents
    private static readonly TimeSpan IdleWait = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan IdleRelease = TimeSpan.FromSeconds(12); // two of the server's 5-second looks, and a margin
    private static readonly TimeSpan LateIdle = TimeSpan.FromSeconds(90); // past its second, late release (75 s)

    /// <summary>Pushes 1-hour walks with a 1 Hz route one at a time: answer time and time until the upload reaches the stand-in.</summary>
    public static async Task<int> LatencyAsync()
    {
        using var folder = new TempFolder();
        await using var standIn = await StandInServer.StartAsync(new StandInOptions { ApiKey = Key });
        var now = TimeProvider.System.GetUtcNow(); // a benchmark of real time
        await WarmStandInAsync(standIn, now.AddDays(-7));
        Prepare(folder.Path, standIn, syncSince: now.AddDays(-1));
        await using var server = await ServerChild.StartAsync(folder.Path);
        await server.WaitIdleAsync(() => true, IdleWait);
        using var client = Client();
        // The figures are the server's: this process's own first-request costs (its HTTP stack's JIT, the connection)
        // are paid before the clock starts, as a phone's app has them paid.
        (await client.GetAsync(new Uri(server.BaseAddress, "healthz"))).Dispose();

        var clock = new Stopwatch();
        TaskCompletionSource<TimeSpan>? upload = null;
        standIn.Received.Arrived += r =>
        {
            if (r.Method == "POST" && r.Path.EndsWith("/activities", StringComparison.Ordinal))
            {
                upload?.TrySetResult(clock.Elapsed);
            }
        };

        var results = new List<(TimeSpan Answer, TimeSpan Upload)>();
        long size = 0;
        for (var k = 0; k < LatencyPushes; k++)
        {
            // Each walk ended a few minutes ago (the earlier ones an hour apart), after sync was turned on: the sync selects it.
            var body = PushDocuments.HourWalk(Guid.NewGuid(), now.AddMinutes(-3 - (k * 65)).ToOffset(Offset));
            size = body.Length;
            upload = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
            clock.Restart();
            using (var answer = await client.PostAsync(server.PushAddress, Json(body)))
            {
                var answered = clock.Elapsed;
                if (answer.StatusCode != HttpStatusCode.Accepted)
                {
                    Console.Error.WriteLine($"push {k + 1}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
                    return 1;
                }

                results.Add((answered, await upload.Task.WaitAsync(TimeSpan.FromSeconds(60))));
            }

            await server.WaitIdleAsync(() => true, IdleWait);
        }

        var warm = results.Skip(1).ToList();
        Console.WriteLine(FormattableString.Invariant($"push-latency: {LatencyPushes} pushes of a 1-hour walk with a 1 Hz route and 1 Hz heart rate ({size / 1e6:0.0} MB), one at a time, the server idle between them"));
        Console.WriteLine(FormattableString.Invariant($"first push after start: answered in {Ms(results[0].Answer)} (target < 100 ms), upload at the stand-in after {Ms(results[0].Upload)} (target < 1 s)"));
        Console.WriteLine(FormattableString.Invariant($"later pushes: answered in {Ms(Median(warm.Select(r => r.Answer)))} median, {Ms(warm.Max(r => r.Answer))} max (target < 100 ms)"));
        Console.WriteLine(FormattableString.Invariant($"later pushes: upload at the stand-in after {Ms(Median(warm.Select(r => r.Upload)))} median, {Ms(warm.Max(r => r.Upload))} max (target < 1 s)"));
        Console.WriteLine($"stand-in: {standIn.Activities.All.Count} activities created");
        return 0;
    }

    /// <summary>
    /// The stand-in runs in this process and compiles its code on first use (its upload handler decodes the FIT file):
    /// one upload, listing and delete of its own before the clock starts, as the real service is warm when a push comes.
    /// </summary>
    private static async Task WarmStandInAsync(StandInServer standIn, DateTimeOffset end)
    {
        byte[] fit;
        using (var document = new HealthSync.HealthAutoExport.HealthAutoExportDocument(new MemoryStream(PushDocuments.HourWalk(Guid.NewGuid(), end)), "warm-up"))
        {
            var workouts = new List<HealthSync.Workouts.Workout>();
            await foreach (var workout in document.ReadWorkoutsAsync())
            {
                workouts.Add(workout);
            }

            fit = HealthSync.Fit.FitActivityEncoder.Encode(workouts.Single());
        }

        using var client = new HttpClient { BaseAddress = standIn.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes("API_KEY:" + Key)));
        using var form = new MultipartFormDataContent { { new ByteArrayContent(fit), "file", "warm-up.fit" } };
        using var created = await client.PostAsync("api/v1/athlete/0/activities", form);
        var id = System.Text.Json.Nodes.JsonNode.Parse(await created.EnsureSuccessStatusCode().Content.ReadAsStringAsync())!["id"]!.ToString();
        (await client.GetAsync(FormattableString.Invariant($"api/v1/athlete/0/activities?oldest={end.AddDays(-1):yyyy-MM-dd}&newest={end.AddDays(1):yyyy-MM-dd}"))).Dispose();
        (await client.DeleteAsync("api/v1/activity/" + id)).EnsureSuccessStatusCode().Dispose();
        standIn.Received.Clear();
    }

    /// <summary>
    /// The server gives memory back once quiet after work, and once more 75 s later (Work/IdleMemory.cs): its RSS
    /// 12 s and 90 s after the work, printed; the last reading returned.
    /// </summary>
    internal static async Task<ServerMemory> IdleAsync(ServerChild server, string label)
    {
        await Task.Delay(IdleRelease, TimeProvider.System);
        var memory = server.Memory();
        Console.WriteLine(FormattableString.Invariant($"{label} ({IdleRelease.TotalSeconds:0} s later): {memory} (target <= 100 MB)"));
        await Task.Delay(LateIdle - IdleRelease, TimeProvider.System);
        memory = server.Memory();
        Console.WriteLine(FormattableString.Invariant($"{label} ({LateIdle.TotalSeconds:0} s later): {memory} (target <= 100 MB)"));
        return memory;
    }

    /// <summary>Stores <paramref name="count"/> small documents, <paramref name="concurrency"/> at a time, then sends them all again.</summary>
    public static async Task<int> RateAsync(int count, int concurrency)
    {
        using var folder = new TempFolder();
        await using var standIn = await StandInServer.StartAsync(new StandInOptions { ApiKey = Key });
        await using var server = await StartForLoadAsync(folder.Path, standIn);
        var documents = SmallDocuments(count);
        Console.WriteLine(FormattableString.Invariant($"push-rate: {count:N0} documents of one 30-minute walk each ({documents.Average(d => d.Length) / 1e3:0} KB), {concurrency} at a time over loopback"));
        await LoadAsync(server, documents, concurrency, folder.Path, Console.Out);
        // One sync run per document, and each run asks the service something: the worker drains at the client's rate limit.
        var requests = standIn.Received.All.GroupBy(r => $"{r.Method} {r.Path}").Select(g => FormattableString.Invariant($"{g.Count()} x {g.Key}"));
        Console.WriteLine($"the stand-in received: {string.Join(", ", requests)}");
        return 0;
    }

    /// <summary>The server's RSS idle after start, then idle again after the load of <see cref="RateAsync"/>.</summary>
    public static async Task<int> MemoryAsync(int count, int concurrency)
    {
        using var folder = new TempFolder();
        await using var standIn = await StandInServer.StartAsync(new StandInOptions { ApiKey = Key });
        await using var server = await StartForLoadAsync(folder.Path, standIn);
        var memory = server.Memory();
        Console.WriteLine(FormattableString.Invariant($"server-memory: idle after start: {memory} (target <= 100 MB), peak {memory.Peak / 1e6:0} MB"));
        await LoadAsync(server, SmallDocuments(count), concurrency, folder.Path, TextWriter.Null);
        memory = server.Memory();
        Console.WriteLine(FormattableString.Invariant($"server-memory: right after {count:N0} pushes and {count:N0} resends ({concurrency} at a time): {memory}, peak during the load {memory.Peak / 1e6:0} MB"));

        await IdleAsync(server, "server-memory: idle again");
        return 0;
    }

    private static async Task<ServerChild> StartForLoadAsync(string stateDir, StandInServer standIn)
    {
        // The load's workouts are older than the moment sync was turned on (history the app sends again), so the
        // worker reads each document into the inbox and uploads nothing: the figure is the push endpoint's own.
        Prepare(stateDir, standIn, syncSince: TimeProvider.System.GetUtcNow().AddHours(-1));
        var server = await ServerChild.StartAsync(stateDir);
        await server.WaitIdleAsync(() => true, IdleWait);
        return server;
    }

    /// <summary>Distinct 30-minute walks, an hour apart, ending before the day sync was turned on.</summary>
    private static List<byte[]> SmallDocuments(int count)
    {
        var first = TimeProvider.System.GetUtcNow().AddDays(-2).ToOffset(Offset);
        return [.. Enumerable.Range(0, count).Select(i => PushDocuments.HalfHourWalk(Guid.NewGuid(), first.AddHours(-i)))];
    }

    private static async Task LoadAsync(ServerChild server, List<byte[]> documents, int concurrency, string stateDir, TextWriter output)
    {
        using var client = Client(concurrency);
        foreach (var (phase, expected) in new[] { ("new workouts", HttpStatusCode.Accepted), ("resends of the same documents", HttpStatusCode.OK) })
        {
            var (elapsed, latencies, unexpected) = await SendAllAsync(client, server.PushAddress, documents, concurrency, expected);
            var waiting = Waiting(stateDir);
            output.WriteLine(FormattableString.Invariant(
                $"{phase}: {documents.Count / elapsed.TotalSeconds:0} documents stored per second (target >= 100/s); answers {Ms(Percentile(latencies, 0.5))} median, {Ms(Percentile(latencies, 0.95))} p95; {unexpected} not {(int)expected}; {waiting} left for the worker"));
            var idle = await server.WaitIdleAsync(() => Waiting(stateDir) == 0, IdleWait);
            output.WriteLine(FormattableString.Invariant(
                $"  the worker read the {waiting} left in {idle.TotalSeconds:0.0} s more ({(waiting > 0 ? waiting / idle.TotalSeconds : 0):0}/s)"));
        }
    }

    private static async Task<(TimeSpan Elapsed, List<TimeSpan> Latencies, int Unexpected)> SendAllAsync(HttpClient client, Uri address, List<byte[]> documents, int concurrency, HttpStatusCode expected)
    {
        var next = -1;
        var unexpected = 0;
        var latencies = new TimeSpan[documents.Count];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < documents.Count)
            {
                var sent = clock.Elapsed;
                using var answer = await client.PostAsync(address, Json(documents[i]));
                await answer.Content.ReadAsByteArrayAsync();
                latencies[i] = clock.Elapsed - sent;
                if (answer.StatusCode != expected)
                {
                    Interlocked.Increment(ref unexpected);
                }
            }
        }));
        return (clock.Elapsed, [.. latencies], unexpected);
    }

    /// <summary>A state with sync on since <paramref name="syncSince"/> and an Intervals.icu login at the stand-in.</summary>
    internal static void Prepare(string stateDir, StandInServer standIn, DateTimeOffset syncSince)
    {
        using (var state = SyncState.Open(stateDir, TimeProvider.System))
        {
            SyncSettings.SetSync(state, on: true, syncSince);
        }

        CredentialsFile.Write(stateDir, new StoredCredentials(Key, null, "0", standIn.BaseAddress.ToString()));
    }

    private static int Waiting(string stateDir)
    {
        using var state = SyncState.OpenReadOnly(stateDir, TimeProvider.System);
        return state.WaitingDocumentCount();
    }

    internal static HttpClient Client(int connections = 1)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(1, connections) }) { Timeout = TimeSpan.FromMinutes(1) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ServerChild.PushToken);
        return client;
    }

    internal static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static TimeSpan Median(IEnumerable<TimeSpan> values) => Percentile([.. values], 0.5);

    private static TimeSpan Percentile(IReadOnlyList<TimeSpan> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(p * sorted.Length))];
    }

    internal static string Ms(TimeSpan time) => FormattableString.Invariant($"{time.TotalMilliseconds:0} ms");

    /// <summary>A fresh state folder, deleted at the end.</summary>
    internal sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("healthsync-bench-server-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using HealthSync.Fit;
using HealthSync.HealthAutoExport;
using HealthSync.Intervals;
using HealthSync.Server.Push;
using HealthSync.State;
using HealthSync.Sync;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace HealthSync.Server.Work;

/// <summary>Runs a push's code once at start, on a small workout of its own, so the first real push is as fast as the later ones.</summary>
/// <remarks>
/// The server compiles each method once, fully optimized (no tiering, see the project file), on its first call; without
/// this the phone's first push after a start paid that compilation (225 ms answered, 1.2 s to the upload, against
/// 32 ms and 126 ms for the next ones: `push-latency` in bench/). It reads, checks and counts a document as the push
/// endpoint does, stores it in a state in memory, runs a dry run of the sync over it in a throwaway folder and encodes
/// its FIT file. Nothing touches the real state or the service; it runs beside the server, which answers meanwhile.
/// </remarks>
internal sealed partial class WarmUp(ServerOptions options, IServer server, IHostApplicationLifetime lifetime, ILogger<WarmUp> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(
        async () =>
        {
            try
            {
                var fit = await RunAsync(options.Time, stoppingToken).ConfigureAwait(false);
                await StartedAsync(stoppingToken).ConfigureAwait(false);
                // Plain http only: an https address (a certificate of its own) is not worth a warning at each start.
                if (server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) is { } address)
                {
                    await RequestsAsync(Loopback(address), fit, options.Time, stoppingToken).ConfigureAwait(false);
                }
            }
#pragma warning disable CA1031 // a warm-up that fails costs the first push its speed, nothing else: logged, never fatal
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogFailed(log, ex);
            }
        },
        stoppingToken);

    /// <summary>
    /// The HTTP stack both ways: the Intervals.icu client (its handler, a multipart upload, a listing) sends to this
    /// server's own address, which has no such routes. The answers are 404s, so the client throws, and that is
    /// caught; Kestrel's path for a POST with a body is compiled too. The credential is a made-up one, never the
    /// user's. Then a push without a token: the endpoint's own request delegate answers 401 and reads nothing.
    /// </summary>
    internal static async Task RequestsAsync(Uri self, byte[] fit, TimeProvider time, CancellationToken cancellationToken)
    {
        using (var http = new HttpClient { BaseAddress = self, Timeout = TimeSpan.FromSeconds(10) })
        using (var push = new ByteArrayContent("{}"u8.ToArray()))
        {
            push.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            (await http.PostAsync(PushEndpoint.Path.TrimStart('/'), push, cancellationToken).ConfigureAwait(false)).Dispose();
        }

        var account = new IntervalsOptions { BaseUrl = self, Credentials = IntervalsCredentials.FromApiKey("warm-up"), MaxRetries = 0, AttemptTimeout = TimeSpan.FromSeconds(10) };
        using var client = new IntervalsClient(account, time);
        try
        {
            _ = await client.ListActivitiesAsync(DateTime.UnixEpoch, DateTime.UnixEpoch.AddDays(1), cancellationToken).ConfigureAwait(false);
        }
        catch (IntervalsException)
        {
            // The 404 this server answers.
        }

        try
        {
            _ = await client.UploadFitAsync("warm-up", fit, "Warm-up", null, cancellationToken).ConfigureAwait(false);
        }
        catch (IntervalsException)
        {
            // The 404 this server answers.
        }
    }

    private async Task StartedAsync(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var whenStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The bound address as this machine reaches it: a wildcard host (0.0.0.0, [::], *, +) becomes 127.0.0.1.</summary>
    internal static Uri Loopback(string address)
    {
        var uri = new Uri(address.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal));
        return uri.Host is "0.0.0.0" or "[::]" or "::" ? new UriBuilder(uri) { Host = "127.0.0.1" }.Uri : uri;
    }

    /// <summary>The push's path once over <see cref="Document"/>; the FIT file of its walk.</summary>
    internal static async Task<byte[]> RunAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var body = Document(now.AddHours(-1));
        var identities = HealthAutoExportDocument.Identify(body, "warm-up");
        using (var state = SyncState.InMemory(time))
        {
            state.AddDocument(PushEndpoint.DocumentKind, "warm-up", body, now);
            _ = state.KnownWorkoutIds(identities.Ids);
        }

        _ = JsonSerializer.Serialize(new PushAnswer(identities.Ids.Count, identities.Ids.Count, 0, []), PushJson.Default.PushAnswer);

        var folder = Directory.CreateTempSubdirectory("healthsync-warm-up-");
        try
        {
            var fit = Array.Empty<byte>();
            using var source = new HealthAutoExportDocument(new MemoryStream(body), "warm-up");
            await foreach (var workout in source.ReadWorkoutsAsync(cancellationToken).ConfigureAwait(false))
            {
                fit = FitActivityEncoder.Encode(workout);
            }

            using var again = new HealthAutoExportDocument(new MemoryStream(body), "warm-up");
            var run = new SyncRun { StateDirectory = folder.FullName, Mode = SyncMode.Backfill, Source = again, DryRun = true, MachineZone = TimeZoneInfo.Utc };
            var result = await new WorkoutSync(time).RunAsync(run, null, cancellationToken).ConfigureAwait(false);
            return result.Report.Items.Count == 1 ? fit : throw new InvalidOperationException($"the warm-up's dry run saw {result.Report.Items.Count} workouts, not 1");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>A v2 document of one 2-minute outdoor walk ending at <paramref name="end"/>, with a route and heart rate each second.</summary>
    internal static byte[] Document(DateTimeOffset end)
    {
        const int Seconds = 120;
        var start = end.AddSeconds(-Seconds);
        static string Date(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss '+0000'", CultureInfo.InvariantCulture);
        var json = new StringBuilder();
        json.Append(CultureInfo.InvariantCulture, $$"""{"data": {"workouts": [{"id": "{{Guid.Empty}}", "name": "Outdoor Walk", "start": "{{Date(start)}}", "end": "{{Date(end)}}", "duration": {{Seconds}}, "location": "Outdoor", "isIndoor": false, "distance": {"qty": 0.16, "units": "km"}, "activeEnergyBurned": {"qty": 40, "units": "kJ"}, "heartRateData": [""");
        for (var i = 0; i < Seconds; i++)
        {
            json.Append(CultureInfo.InvariantCulture, $$"""{{(i > 0 ? "," : "")}}{"date": "{{Date(start.AddSeconds(i))}}", "Min": 100, "Avg": 100, "Max": 100, "units": "count/min"}""");
        }

        json.Append("""], "route": [""");
        for (var i = 0; i < Seconds; i++)
        {
            json.Append(CultureInfo.InvariantCulture, $$"""{{(i > 0 ? "," : "")}}{"latitude": {{47.3769 + (i * 0.00001)}}, "longitude": 8.5417, "altitude": 408, "speed": 1.3, "course": 90, "timestamp": "{{Date(start.AddSeconds(i))}}"}""");
        }

        json.Append("]}]}}");
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The start-up warm-up failed; the first push will be slower")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

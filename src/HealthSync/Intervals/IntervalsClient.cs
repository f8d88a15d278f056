using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HealthSync.Intervals;

/// <summary>Client of the Intervals.icu API: upload FIT files, list, read, correct and delete activities.</summary>
/// <remarks>
/// Every request goes through one choke point that keeps to the rate and budgets, retries what is
/// transient and throws only the <see cref="IntervalsException"/> subclasses for expected failures.
/// </remarks>
public sealed class IntervalsClient : IDisposable
{
    private readonly HttpClient http;
    private readonly IntervalsTransport transport;
    private readonly string athletePath;

    /// <summary>Creates a client; <paramref name="handler"/> is for tests and hosts that own the connection pool.</summary>
    public IntervalsClient(IntervalsOptions options, TimeProvider? timeProvider = null, ILogger<IntervalsClient>? logger = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var baseUrl = options.BaseUrl.AbsoluteUri.EndsWith('/') ? options.BaseUrl : new Uri(options.BaseUrl.AbsoluteUri + "/");
        http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: handler is null)
        {
            BaseAddress = baseUrl,
            // Each attempt has its own timeout on the injected clock (IntervalsOptions.AttemptTimeout).
            Timeout = Timeout.InfiniteTimeSpan,
        };
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("HealthSync", Version));
        http.DefaultRequestHeaders.Authorization = options.Credentials!.ToHeader();
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        transport = new IntervalsTransport(http, options, timeProvider ?? TimeProvider.System, (ILogger?)logger ?? NullLogger.Instance);
        athletePath = $"api/v1/athlete/{Uri.EscapeDataString(options.AthleteId)}/activities";
    }

    /// <summary>The version sent in the User-Agent, e.g. "0.1.0".</summary>
    public static string Version { get; } = typeof(IntervalsClient).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>Uploads a FIT file as <c>&lt;workoutId&gt;.fit</c>, with <c>external_id</c> = <paramref name="workoutId"/>.</summary>
    /// <returns>The activity id, and whether it is new (201) or the same bytes were uploaded before (200).</returns>
    public async Task<IntervalsUploadResult> UploadFitAsync(string workoutId, ReadOnlyMemory<byte> fitFile, string? name, string? deviceName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workoutId);
        var query = Query(("name", name), ("device_name", deviceName), ("external_id", workoutId));
        using var response = await transport.SendAsync(
            () =>
            {
                var file = new ReadOnlyMemoryContent(fitFile);
                file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                var form = new MultipartFormDataContent { { file, "file", workoutId + ".fit" } };
                return new HttpRequestMessage(HttpMethod.Post, athletePath + query) { Content = form };
            },
            cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadFromJsonAsync(IntervalsJson.Default.UploadResponse, cancellationToken).ConfigureAwait(false);
        var id = body?.Id ?? body?.Activities?.FirstOrDefault()?.Id
            ?? throw new IntervalsRejectedException((int)response.StatusCode, "the upload answer carried no activity id");
        return new IntervalsUploadResult(id, response.StatusCode == HttpStatusCode.Created);
    }

    /// <summary>Activities whose local start lies between the two local times, newest first, with the fields duplicate detection needs.</summary>
    public async Task<IReadOnlyList<IntervalsActivity>> ListActivitiesAsync(DateTime oldestLocal, DateTime newestLocal, CancellationToken cancellationToken)
    {
        var query = Query(
            ("oldest", LocalDateTime(oldestLocal)),
            ("newest", LocalDateTime(newestLocal)),
            ("fields", string.Join(',', IntervalsActivity.ListFields)));
        using var response = await transport.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, athletePath + query), cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync(IntervalsJson.Default.ListIntervalsActivity, cancellationToken).ConfigureAwait(false) ?? [];
    }

    /// <summary>One activity by id.</summary>
    public async Task<IntervalsActivity> GetActivityAsync(string activityId, CancellationToken cancellationToken)
    {
        using var response = await transport.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, ActivityPath(activityId)), cancellationToken).ConfigureAwait(false);
        return await ReadActivityAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Changes only the fields set in <paramref name="update"/> (e.g. the type) and returns the activity.</summary>
    public async Task<IntervalsActivity> UpdateActivityAsync(string activityId, IntervalsActivityUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        using var response = await transport.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Put, ActivityPath(activityId)) { Content = JsonContent.Create(update, IntervalsJson.Default.IntervalsActivityUpdate) },
            cancellationToken).ConfigureAwait(false);
        return await ReadActivityAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes one activity.</summary>
    public async Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken)
    {
        using var response = await transport.SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, ActivityPath(activityId)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Releases the connection pool (when the client created it).</summary>
    public void Dispose()
    {
        transport.Dispose();
        http.Dispose();
    }

    private static string ActivityPath(string activityId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(activityId);
        return "api/v1/activity/" + Uri.EscapeDataString(activityId);
    }

    // The service takes local times without an offset, e.g. 2019-07-22T16:18:49.
    private static string LocalDateTime(DateTime local) => local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var parts = parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value!));
        var query = string.Join('&', parts);
        return query.Length == 0 ? string.Empty : "?" + query;
    }

    private static async Task<IntervalsActivity> ReadActivityAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync(IntervalsJson.Default.IntervalsActivity, cancellationToken).ConfigureAwait(false)
            ?? throw new IntervalsRejectedException((int)response.StatusCode, "the answer carried no activity");
}

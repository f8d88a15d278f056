using System.Globalization;
using System.Text.Json.Serialization;
using HealthSync.HealthAutoExport;
using HealthSync.Server.Secrets;
using HealthSync.Server.Work;
using HealthSync.State;
using HealthSync.Sync;
using HealthSync.Workouts;
using Microsoft.AspNetCore.Http.Features;

namespace HealthSync.Server.Push;

/// <summary><c>POST /push/health-auto-export</c>: authenticate, read the body within the limit, check it, store it durably, answer.</summary>
internal static class PushEndpoint
{
    public const string Path = "/push/health-auto-export";
    public const string DocumentKind = "health-auto-export";
    private const int MaxProblemsInAnswer = 20;
    private const string DocumentHint = "Health Auto Export must send a workouts document: a REST API automation with format JSON, data type Workouts, export version 2";

    public static async Task<IResult> HandleAsync(HttpContext context, PushToken token, WrongTokenLimiter limiter, ServerOptions options, ServerStateHandle stateHandle, SyncJobs jobs, PushRefusals refusals)
    {
        // An address that sent too many wrong tokens waits, even with the right one: else its guesses would go on being
        // checked. (Behind the proxy this is the client's address: forwarded headers are honoured from trusted proxies.)
        var address = context.Connection.RemoteIpAddress;
        if (limiter.Blocked(address) is { } wait)
        {
            var seconds = (long)Math.Ceiling(wait.TotalSeconds);
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers.Connection = "close";
            return Results.Json(new PushError($"too many pushes with a wrong push token from this address: try again in {seconds} s"), PushJson.Default.PushError, statusCode: StatusCodes.Status429TooManyRequests);
        }

        // The token first: a caller without it gets nothing read.
        if (!Authorized(context.Request, token))
        {
            limiter.Failed(address);
            context.Response.Headers.WWWAuthenticate = "Bearer";
            // Closing the connection spares Kestrel draining the body to keep it alive (which would ask a client
            // waiting on Expect: 100-continue to send it).
            context.Response.Headers.Connection = "close";
            return Results.Json(new PushError("a push token is required: send it as 'Authorization: Bearer TOKEN' or 'api-key: TOKEN'"), PushJson.Default.PushError, statusCode: StatusCodes.Status401Unauthorized);
        }

        if (context.Request.ContentLength > options.MaxPushBytes)
        {
            return TooLarge(options, refusals);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // Twice the limit: a body a little over it is read to its end after the 413 (closing a socket with unread
            // data resets it, and the client may lose the answer); a far larger one is cut by Kestrel.
            limit.MaxRequestBodySize = options.MaxPushBytes * 2;
        }

        byte[] body;
        try
        {
            body = await ReadAsync(context.Request, options.MaxPushBytes, context.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(options, refusals);
        }
        catch (InvalidDataException)
        {
            return TooLarge(options, refusals);
        }

        // One pass over the document both checks it and names its workouts (their ids, not their series): a bad
        // document changes nothing, and the answer costs milliseconds even for a 1 Hz route.
        var now = options.Time.GetUtcNow();
        var state = stateHandle.State;
        var name = $"push {now.ToUniversalTime():yyyy-MM-dd HH:mm:ss.fff}Z";
        HealthAutoExportIdentities identities;
        try
        {
            identities = HealthAutoExportDocument.Identify(body, name, ActivityNameMappings.ReaderOptions(state, readRoutes: false), options.MaxWorkoutsPerPush);
        }
        catch (SourceReadException ex)
        {
            var place = ex.Place is null ? string.Empty : ex.Place + ": ";
            return Results.Json(new PushError($"{place}{ex.Problem}. {DocumentHint}"), PushJson.Default.PushError, statusCode: StatusCodes.Status400BadRequest);
        }

        if (identities.TooMany)
        {
            // The phone shows nothing of a refusal: the Status page says it, with what to change in the app.
            var refusal = string.Create(CultureInfo.InvariantCulture, $"a push held more than {options.MaxWorkoutsPerPush:N0} workouts and was refused: in Health Auto Export, set the automation's date range shorter (the default, since the last sync, is right), and send older workouts in parts");
            refusals.Refused(refusal, now);
            return Results.Json(new PushError("the document holds more than " + options.MaxWorkoutsPerPush.ToString("N0", CultureInfo.InvariantCulture) + " workouts; send fewer at a time (a shorter date range in the app)"), PushJson.Default.PushError, statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        // Known is counted before the document is stored: once stored, a worker already reading waiting documents
        // may read it into the inbox before this answer is made, and its new workouts would look known.
        var ids = identities.Ids;
        var knownBefore = state.KnownWorkoutIds(ids).Count;
        DocumentAdd stored;
        try
        {
            stored = state.AddDocument(DocumentKind, name, body, now);
        }
        catch (Exception ex) when (DiskFull(ex))
        {
            // Never a 2xx for what was not stored: the app keeps the workouts and sends them again. The next push
            // after space is freed is stored as usual (the failed insert was rolled back; nothing to repair).
            refusals.Refused("a push could not be stored: the server's disk is full. Free some space; the app sends its workouts again", now);
            return Results.Json(new PushError("the server's disk is full: the document was not stored; send it again later"), PushJson.Default.PushError, statusCode: StatusCodes.Status507InsufficientStorage);
        }

        var known = stored.Resent ? ids.Count : knownBefore;
        if (!stored.Resent)
        {
            jobs.ProcessDocuments();
        }

        var problems = identities.Issues.Take(MaxProblemsInAnswer).Select(p => new PushProblem(p.Where, p.Reason)).ToList();
        var answer = new PushAnswer(ids.Count + identities.Issues.Count, ids.Count - known, known, problems);
        return Results.Json(answer, PushJson.Default.PushAnswer, statusCode: stored.Resent ? StatusCodes.Status200OK : StatusCodes.Status202Accepted);
    }

    /// <summary>SQLite's "database or disk is full" (SQLITE_FULL, 13), or the file system's own "no space left".</summary>
    private static bool DiskFull(Exception ex) =>
        ex is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 13 } || (ex is IOException io && io.HResult is 28 or unchecked((int)0x80070070));

    private static bool Authorized(HttpRequest request, PushToken token)
    {
        if (request.Headers.Authorization.ToString() is { Length: > 7 } authorization && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return token.Matches(authorization.AsSpan(7).Trim());
        }

        return request.Headers["api-key"].ToString() is { Length: > 0 } key && token.Matches(key.AsSpan().Trim());
    }

    private static IResult TooLarge(ServerOptions options, PushRefusals refusals)
    {
        refusals.Refused($"a push larger than {options.MaxPushBytes / (1024 * 1024)} MB was refused: in Health Auto Export, set the automation's date range shorter, or turn off what it need not send", options.Time.GetUtcNow());
        return Results.Json(new PushError($"the document is larger than {options.MaxPushBytes / (1024 * 1024)} MB"), PushJson.Default.PushError, statusCode: StatusCodes.Status413PayloadTooLarge);
    }

    /// <summary>Reads the body into one array of its exact size, refusing it as soon as it passes the limit (also when no Content-Length was sent).</summary>
    private static async Task<byte[]> ReadAsync(HttpRequest request, long max, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } length)
        {
            // The usual case (the app sends a Content-Length): one allocation, no copy.
            var exact = new byte[length];
            await request.Body.ReadExactlyAsync(exact, cancellationToken).ConfigureAwait(false);
            return exact;
        }

        using var buffer = new MemoryStream(64 * 1024);
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > max)
            {
                throw new InvalidDataException("too large");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}

/// <summary>The push's answer: workouts in the document, how many are new and already known, and what could not be read.</summary>
internal sealed record PushAnswer(
    [property: JsonPropertyName("received")] int Received,
    [property: JsonPropertyName("new")] int New,
    [property: JsonPropertyName("known")] int Known,
    [property: JsonPropertyName("problems")] IReadOnlyList<PushProblem> Problems);

internal sealed record PushProblem([property: JsonPropertyName("where")] string Where, [property: JsonPropertyName("reason")] string Reason);

internal sealed record PushError([property: JsonPropertyName("error")] string Error);

[JsonSerializable(typeof(PushAnswer))]
[JsonSerializable(typeof(PushError))]
internal sealed partial class PushJson : JsonSerializerContext;

using System.Text.Json;
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

    public static async Task<IResult> HandleAsync(HttpContext context, PushToken token, ServerOptions options, ServerStateHandle stateHandle, SyncJobs jobs)
    {
        // The token first: a caller without it gets nothing read.
        if (!Authorized(context.Request, token))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            // Closing the connection spares Kestrel draining the body to keep it alive (which would ask a client
            // waiting on Expect: 100-continue to send it).
            context.Response.Headers.Connection = "close";
            return Results.Json(new PushError("a push token is required: send it as 'Authorization: Bearer TOKEN' or 'api-key: TOKEN'"), PushJson.Default.PushError, statusCode: StatusCodes.Status401Unauthorized);
        }

        if (context.Request.ContentLength > options.MaxPushBytes)
        {
            return TooLarge(options);
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
            return TooLarge(options);
        }
        catch (InvalidDataException)
        {
            return TooLarge(options);
        }

        if (Check(body) is { } problem)
        {
            return Results.Json(new PushError(problem), PushJson.Default.PushError, statusCode: StatusCodes.Status400BadRequest);
        }

        var now = options.Time.GetUtcNow();
        var state = stateHandle.State;
        var name = $"push {now.ToUniversalTime():yyyy-MM-dd HH:mm:ss.fff}Z";
        var stored = state.AddDocument(DocumentKind, name, body, now);
        var answer = await CountAsync(body, name, stored.Resent, options.Parser, state, context.RequestAborted).ConfigureAwait(false);
        if (!stored.Resent)
        {
            jobs.ProcessDocuments();
        }

        return Results.Json(answer, PushJson.Default.PushAnswer, statusCode: stored.Resent ? StatusCodes.Status200OK : StatusCodes.Status202Accepted);
    }

    private static bool Authorized(HttpRequest request, PushToken token)
    {
        if (request.Headers.Authorization.ToString() is { Length: > 7 } authorization && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return token.Matches(authorization.AsSpan(7).Trim());
        }

        return request.Headers["api-key"].ToString() is { Length: > 0 } key && token.Matches(key.AsSpan().Trim());
    }

    private static IResult TooLarge(ServerOptions options) =>
        Results.Json(new PushError($"the document is larger than {options.MaxPushBytes / (1024 * 1024)} MB"), PushJson.Default.PushError, statusCode: StatusCodes.Status413PayloadTooLarge);

    /// <summary>Reads the body in chunks, refusing it as soon as it passes the limit (also when no Content-Length was sent).</summary>
    private static async Task<byte[]> ReadAsync(HttpRequest request, long max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(request.ContentLength is { } length and > 0 ? (int)length : 64 * 1024);
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

    /// <summary>Null when the body is a JSON document with a <c>data.workouts</c> array, else what is wrong with it.</summary>
    internal static string? Check(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                return "not a Health Auto Export document: no \"data\" object at the top";
            }

            return data.TryGetProperty("workouts", out var workouts) && workouts.ValueKind == JsonValueKind.Array
                ? null
                : "no \"data.workouts\" array: set the automation's data type to Workouts";
        }
        catch (JsonException ex)
        {
            return "malformed JSON: " + ex.Message;
        }
    }

    /// <summary>What the document holds against what the state knows: read with the parser when there is one.</summary>
    private static async Task<PushAnswer> CountAsync(byte[] body, string name, bool resent, Func<Stream, string, HealthAutoExportOptions, IWorkoutSource>? parser, SyncState state, CancellationToken cancellationToken)
    {
        using (var document = JsonDocument.Parse(body))
        {
            var received = document.RootElement.GetProperty("data").GetProperty("workouts").GetArrayLength();
            if (parser is null || received == 0)
            {
                return new PushAnswer(received, resent ? 0 : received, resent ? received : 0, []);
            }
        }

        var ids = new List<string>();
        using var stream = new MemoryStream(body, writable: false);
        var source = parser(stream, name, ActivityNameMappings.ReaderOptions(state));
        var problems = new List<SourceProblem>();
        try
        {
            await foreach (var workout in source.ReadWorkoutsAsync(cancellationToken).ConfigureAwait(false))
            {
                ids.Add(workout.Id);
            }
        }
        catch (SourceReadException ex)
        {
            problems.Add(new SourceProblem(ex.File, ex.Problem));
        }
        finally
        {
            (source as IDisposable)?.Dispose();
        }

        problems.InsertRange(0, source.Problems);
        var known = resent ? ids.Count : state.KnownWorkoutIds(ids).Count;
        return new PushAnswer(ids.Count + source.Problems.Count, ids.Count - known, known, [.. problems.Take(MaxProblemsInAnswer).Select(p => new PushProblem(p.Where, p.Reason))]);
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

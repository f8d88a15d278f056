using System.Globalization;
using System.Text;

namespace IntervalsStandIn;

/// <summary>What every /api request meets before its endpoint: the log, the limits, injected faults, authentication.</summary>
internal static class Gate
{
    private const string DroppedKey = "standin.dropped";

    public static async Task RunAsync(HttpContext context, RequestDelegate next, StandInServer server)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }

        var record = await RecordAsync(context, server);
        try
        {
            await PassAsync(context, next, server);
            record.Status = context.Items.ContainsKey(DroppedKey) || context.RequestAborted.IsCancellationRequested ? 0 : context.Response.StatusCode;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            record.Status = 0;
        }
    }

    private static async Task PassAsync(HttpContext context, RequestDelegate next, StandInServer server)
    {
        var options = server.Options;
        var fault = server.Faults.Next();
        switch (fault?.Kind)
        {
            case FaultKind.Drop:
                context.Items[DroppedKey] = true;
                context.Abort();
                return;
            case FaultKind.Error:
                await ServiceResults.WriteErrorAsync(context, fault.Status, "Injected fault");
                return;
            case FaultKind.RateLimit:
                await TooManyAsync(context, fault.Delay == TimeSpan.MinValue ? null : fault.Delay);
                return;
            case FaultKind.Slow:
                await Task.Delay(fault.Delay, options.TimeProvider, context.RequestAborted);
                break;
            case FaultKind.SlowAnswer:
                await HoldAnswerAsync(context, () => PassCheckedAsync(context, next, server), fault.Delay, options.TimeProvider);
                return;
        }

        await PassCheckedAsync(context, next, server);
    }

    /// <summary>Runs the request to the end with its answer buffered, then waits before sending the answer.</summary>
    private static async Task HoldAnswerAsync(HttpContext context, Func<Task> handle, TimeSpan delay, TimeProvider time)
    {
        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await handle();
            await Task.Delay(delay, time, context.RequestAborted);
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
        }
        finally
        {
            context.Response.Body = original;
        }
    }

    /// <summary>The limits and authentication, then the endpoint.</summary>
    private static async Task PassCheckedAsync(HttpContext context, RequestDelegate next, StandInServer server)
    {
        var options = server.Options;

        if (server.Limiter.TryPass() is { } wait)
        {
            await TooManyAsync(context, options.SendRetryAfter ? wait : null);
            return;
        }

        switch (Authenticate(context.Request.Headers.Authorization.ToString(), options))
        {
            case 401:
                await ServiceResults.WriteErrorAsync(context, 401, "Unauthorized");
                return;
            case 403:
                await ServiceResults.WriteErrorAsync(context, 403, "Access denied");
                return;
        }

        await next(context);
    }

    private static Task TooManyAsync(HttpContext context, TimeSpan? retryAfter)
    {
        if (retryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return ServiceResults.WriteErrorAsync(context, 429, "Too many requests");
    }

    /// <summary>200 when allowed; 401 for missing or wrong credentials; 403 for an API key sent as Bearer.</summary>
    private static int Authenticate(string header, StandInOptions options)
    {
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
                return pair == "API_KEY:" + options.ApiKey ? 200 : 401;
            }
            catch (FormatException)
            {
                return 401;
            }
        }

        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = header[7..].Trim();
            return options.AccessTokens.Contains(token) ? 200 : token == options.ApiKey ? 403 : 401;
        }

        return 401;
    }

    private static async Task<ReceivedRequest> RecordAsync(HttpContext context, StandInServer server)
    {
        var request = context.Request;
        request.EnableBuffering();
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        request.Body.Position = 0;
        var record = new ReceivedRequest
        {
            At = server.Options.TimeProvider.GetUtcNow(),
            Method = request.Method,
            Path = request.Path.Value ?? string.Empty,
            QueryString = request.QueryString.Value ?? string.Empty,
            Query = request.Query.ToDictionary(q => q.Key, q => q.Value.Select(v => v ?? string.Empty).ToArray()),
            Headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString()),
            Body = body.ToArray(),
        };
        context.Items[StandInServer.RecordKey] = record;
        server.Received.Add(record);
        return record;
    }
}

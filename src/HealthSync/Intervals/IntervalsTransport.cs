using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace HealthSync.Intervals;

/// <summary>The one choke point: limits, retries, and the mapping of every answer to success or a typed error.</summary>
internal sealed class IntervalsTransport : IDisposable
{
    private readonly HttpClient http;
    private readonly IntervalsOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly RequestLimits limits;
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;

    public IntervalsTransport(HttpClient http, IntervalsOptions options, TimeProvider time, ILogger logger)
    {
        this.http = http;
        this.options = options;
        this.time = time;
        this.logger = logger;
        limits = new RequestLimits(options, time);
        pipeline = BuildPipeline();
    }

    /// <summary>Sends the request made by <paramref name="create"/> (once per attempt) and returns a 2xx answer.</summary>
    /// <exception cref="IntervalsException">Any other outcome, already retried where that makes sense.</exception>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        using (var probe = create())
        {
            // A failed attempt has no answer to name its request: the retry log reads it from here.
            context.Properties.Set(RequestMethod, probe.Method.Method);
            context.Properties.Set(RequestPath, probe.RequestUri is { } uri ? new Uri(http.BaseAddress!, uri).AbsolutePath : string.Empty);
        }

        try
        {
            response = await pipeline.ExecuteAsync(
                static async (ctx, state) => await state.self.AttemptAsync(state.create, ctx.CancellationToken).ConfigureAwait(false),
                context,
                (self: this, create)).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsTransient(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw new IntervalsUnavailableException(Describe(ex), inner: ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await MapFailureAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => limits.Dispose();

    private static readonly ResiliencePropertyKey<string> RequestMethod = new("healthsync.method");
    private static readonly ResiliencePropertyKey<string> RequestPath = new("healthsync.path");

    private static bool IsTransient(Exception ex) => ex is HttpRequestException or IOException or TimeoutException;

    private static string Describe(Exception ex) => ex switch
    {
        TimeoutException => "the request timed out",
        HttpRequestException { HttpRequestError: var error } => $"the connection failed ({error})",
        _ => "the connection failed",
    };

    private async Task<HttpResponseMessage> AttemptAsync(Func<HttpRequestMessage> create, CancellationToken cancellationToken)
    {
        await limits.AcquireAsync(cancellationToken).ConfigureAwait(false);
        using var request = create();
        using var timeout = new CancellationTokenSource(options.AttemptTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            // The default completion option buffers the body, so a connection dropped mid-answer fails here and is retried.
            var response = await http.SendAsync(request, linked.Token).ConfigureAwait(false);
            IntervalsLog.Answered(logger, request.Method.Method, request.RequestUri?.AbsolutePath ?? string.Empty, (int)response.StatusCode);
            return response;
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException("The Intervals.icu request timed out.", ex);
        }
    }

    private ResiliencePipeline<HttpResponseMessage> BuildPipeline()
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome)),
                // A 429 with Retry-After is waited out exactly; everything else backs off exponentially with jitter.
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } r ? RetryAfter.Of(r, time.GetUtcNow()) : null),
                OnRetry = args =>
                {
                    var reason = args.Outcome.Exception is { } ex ? Describe(ex) : $"status {(int)args.Outcome.Result!.StatusCode}";
                    IntervalsLog.Retrying(logger, args.Context.Properties.GetValue(RequestMethod, "request"), args.Context.Properties.GetValue(RequestPath, string.Empty), args.RetryDelay, args.AttemptNumber + 1, reason);
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            });
        }

        return builder.Build();
    }

    private bool ShouldRetry(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is { } ex)
        {
            return IsTransient(ex);
        }

        var response = outcome.Result!;
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            // A long Retry-After is not waited out here: the caller gets the resume time instead.
            var wait = RetryAfter.Of(response, time.GetUtcNow());
            return wait is null || wait <= options.MaxRetryAfterWait;
        }

        return (int)response.StatusCode >= 500;
    }

    private async Task<IntervalsException> MapFailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        switch (status)
        {
            case 401 or 403:
                return new IntervalsAuthenticationException(status, await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false));
            case 429:
                var resumeAt = time.GetUtcNow() + (RetryAfter.Of(response, time.GetUtcNow()) ?? options.RetryMaxDelay);
                IntervalsLog.RateLimited(logger, resumeAt);
                return new IntervalsRateLimitedException(resumeAt, budgetSpent: false);
            case >= 500:
                return new IntervalsUnavailableException($"status {status} after {options.MaxRetries} retries", status);
            default:
                var reason = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false) ?? response.ReasonPhrase ?? "no reason given";
                return new IntervalsRejectedException(status, reason);
        }
    }

    /// <summary>The service's <c>error</c> text ({"status","error"} or a list of them); null when the body has none.</summary>
    private static async Task<string?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var trimmed = body.TrimStart();
            if (trimmed.StartsWith('{'))
            {
                return JsonSerializer.Deserialize(trimmed, IntervalsJson.Default.ServiceError)?.Error;
            }

            if (trimmed.StartsWith('['))
            {
                var errors = JsonSerializer.Deserialize(trimmed, IntervalsJson.Default.ListServiceError);
                return errors is { Count: > 0 } ? string.Join("; ", errors.Select(e => e.Error)) : null;
            }
        }
        catch (JsonException)
        {
            // Not the service's JSON (a proxy page, say): fall back to the status phrase.
        }

        return null;
    }
}

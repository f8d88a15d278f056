namespace HealthSync.Intervals;

/// <summary>An answer from Intervals.icu the caller must act on; the subclasses are the whole set.</summary>
public abstract class IntervalsException : Exception
{
    private protected IntervalsException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>401/403: the key or token was refused. The run must stop; nothing is retried.</summary>
public sealed class IntervalsAuthenticationException(int statusCode, string? serviceError)
    : IntervalsException($"Intervals.icu refused the credentials ({statusCode}{(serviceError is null ? string.Empty : ": " + serviceError)}). Check the API key or access token.")
{
    /// <summary>401 or 403.</summary>
    public int StatusCode { get; } = statusCode;
}

/// <summary>Requests must pause until <see cref="ResumeAt"/>: the service answered 429, or a local budget is spent.</summary>
/// <remarks>Not a failure of the work: the caller should stop sending and go on at <see cref="ResumeAt"/>.</remarks>
public sealed class IntervalsRateLimitedException(DateTimeOffset resumeAt, bool budgetSpent)
    : IntervalsException(budgetSpent
        ? $"The Intervals.icu request budget is spent; resume at {resumeAt:O}."
        : $"Intervals.icu is rate limiting requests; resume at {resumeAt:O}.")
{
    /// <summary>The earliest instant at which requests may go on.</summary>
    public DateTimeOffset ResumeAt { get; } = resumeAt;

    /// <summary>True when the client's own rolling budget stopped the request before it was sent.</summary>
    public bool BudgetSpent { get; } = budgetSpent;
}

/// <summary>A 4xx other than 401/403/429: the service refused this request; <see cref="Reason"/> is its <c>error</c> text.</summary>
public sealed class IntervalsRejectedException(int statusCode, string reason)
    : IntervalsException($"Intervals.icu rejected the request ({statusCode}): {reason}")
{
    /// <summary>The HTTP status.</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>The service's <c>error</c> text, or the status phrase when the body has none.</summary>
    public string Reason { get; } = reason;
}

/// <summary>5xx, timeouts or dropped connections, still failing after the allowed retries.</summary>
public sealed class IntervalsUnavailableException(string reason, int? statusCode = null, Exception? inner = null)
    : IntervalsException($"Intervals.icu is unavailable: {reason}", inner)
{
    /// <summary>The last HTTP status, or null when no answer came.</summary>
    public int? StatusCode { get; } = statusCode;
}

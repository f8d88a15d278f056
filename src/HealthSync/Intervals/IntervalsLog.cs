using Microsoft.Extensions.Logging;

namespace HealthSync.Intervals;

// Only methods, paths and statuses are logged: never headers, so no credential can reach a log.
internal static partial class IntervalsLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "{Method} {Path} answered {Status}")]
    public static partial void Answered(ILogger logger, string method, string path, int status);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Retrying {Method} {Path} in {Delay} (attempt {Attempt}): {Reason}")]
    public static partial void Retrying(ILogger logger, string method, string path, TimeSpan delay, int attempt, string reason);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Intervals.icu limits requests; resume at {ResumeAt}")]
    public static partial void RateLimited(ILogger logger, DateTimeOffset resumeAt);
}

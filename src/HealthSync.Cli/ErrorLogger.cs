using Microsoft.Extensions.Logging;

namespace HealthSync.Cli;

/// <summary>
/// The core's log on standard error: without `--verbose` only what a person waiting must know (retries, rate-limit
/// waits); with it, `--verbose`: the core's log (each Intervals.icu request and its answer, retries, rate-limit waits), one line an
/// event on standard error, so that stdout stays the report or the --json document.
/// </summary>
/// <remarks>The core never logs a secret (requests are logged by method and path only), so none can appear here.</remarks>
internal sealed class ErrorLogger<T>(TextWriter error, TimeProvider time, LogLevel minimum = LogLevel.Debug) : ILogger<T>
{
    private readonly Lock _lock = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= minimum;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var line = FormattableString.Invariant($"{time.GetUtcNow():HH:mm:ss.fff} {Label(logLevel)} {formatter(state, exception)}");
        lock (_lock)
        {
            error.WriteLine(line);
        }
    }

    private static string Label(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => "debug",
        LogLevel.Information => "info ",
        LogLevel.Warning => "warn ",
        _ => "error",
    };
}

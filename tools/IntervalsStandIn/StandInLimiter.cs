namespace IntervalsStandIn;

/// <summary>The service's limits: a token bucket (rate, burst) and a rolling budget, on an injected clock.</summary>
internal sealed class StandInLimiter(StandInOptions options)
{
    private readonly Lock gate = new();
    private readonly Queue<DateTimeOffset> window = new();
    private readonly TimeProvider time = options.TimeProvider;
    private double tokens = options.Burst;
    private DateTimeOffset lastRefill = options.TimeProvider.GetUtcNow();

    /// <summary>Null when the request may pass; otherwise how long the caller should wait.</summary>
    public TimeSpan? TryPass()
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            tokens = Math.Min(options.Burst, tokens + ((now - lastRefill).TotalSeconds * options.RatePerSecond));
            lastRefill = now;
            while (window.Count > 0 && window.Peek() + options.BudgetWindow <= now)
            {
                window.Dequeue();
            }

            if (options.Budget > 0 && window.Count >= options.Budget)
            {
                return window.Peek() + options.BudgetWindow - now;
            }

            if (tokens < 1)
            {
                return TimeSpan.FromSeconds((1 - tokens) / options.RatePerSecond);
            }

            tokens -= 1;
            window.Enqueue(now);
            return null;
        }
    }
}

using System.Threading.RateLimiting;

namespace HealthSync.Intervals;

/// <summary>A token bucket over <see cref="TimeProvider"/>: a burst of <c>capacity</c>, then <c>perSecond</c> a second.</summary>
/// <remarks>
/// The BCL's TokenBucketRateLimiter reads Stopwatch and its own timer, so tests could not drive it with
/// FakeTimeProvider; this one refills lazily from the injected clock and waits with it.
/// </remarks>
internal sealed class TokenBucketLimiter(double perSecond, int capacity, TimeProvider time) : RateLimiter
{
    private readonly Lock gate = new();
    private double tokens = capacity;
    private long lastRefill = time.GetTimestamp();
    private long successes;
    private long failures;

    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (gate)
        {
            Refill();
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = (long)tokens,
                TotalSuccessfulLeases = successes,
                TotalFailedLeases = failures,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (gate)
        {
            return TryTake(permitCount, out var wait) ? Lease.Granted : Lease.Refused(wait);
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, capacity);
        while (true)
        {
            TimeSpan wait;
            lock (gate)
            {
                if (TryTake(permitCount, out wait))
                {
                    return Lease.Granted;
                }
            }

            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private bool TryTake(int permitCount, out TimeSpan wait)
    {
        Refill();
        if (tokens >= permitCount)
        {
            tokens -= permitCount;
            successes++;
            wait = TimeSpan.Zero;
            return true;
        }

        failures++;
        // Round up to whole milliseconds so a waiter never wakes a hair before its token exists.
        wait = TimeSpan.FromMilliseconds(Math.Ceiling((permitCount - tokens) / perSecond * 1000));
        return false;
    }

    private void Refill()
    {
        var now = time.GetTimestamp();
        var elapsed = time.GetElapsedTime(lastRefill, now);
        lastRefill = now;
        tokens = Math.Min(capacity, tokens + (elapsed.TotalSeconds * perSecond));
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);

        public override bool IsAcquired { get; } = acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public static Lease Refused(TimeSpan wait) => new(false, wait);

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}

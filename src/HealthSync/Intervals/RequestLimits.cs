namespace HealthSync.Intervals;

/// <summary>Every request passes here first: the per-second token bucket, then the rolling budgets.</summary>
internal sealed class RequestLimits(IntervalsOptions options, TimeProvider time) : IDisposable
{
    private readonly TokenBucketLimiter rate = new(options.RequestsPerSecond, options.Burst, time);
    private readonly RollingWindowBudget shortBudget = new(options.ShortBudget, options.ShortBudgetWindow);
    private readonly RollingWindowBudget dailyBudget = new(options.DailyBudget, options.DailyBudgetWindow);
    private readonly Lock gate = new();

    /// <summary>Waits for a rate token; throws <see cref="IntervalsRateLimitedException"/> when a budget is spent.</summary>
    public async ValueTask AcquireAsync(CancellationToken cancellationToken)
    {
        // Check the budget before waiting for a token so a spent budget is reported at once.
        ThrowIfSpent(record: false);
        using var lease = await rate.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        ThrowIfSpent(record: true);
    }

    public void Dispose() => rate.Dispose();

    private void ThrowIfSpent(bool record)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            var resumeShort = shortBudget.ResumeAt(now);
            var resumeDaily = dailyBudget.ResumeAt(now);
            if (resumeShort is not null || resumeDaily is not null)
            {
                var resumeAt = resumeShort > resumeDaily || resumeDaily is null ? resumeShort!.Value : resumeDaily.Value;
                throw new IntervalsRateLimitedException(resumeAt, budgetSpent: true);
            }

            if (record)
            {
                shortBudget.Record(now);
                dailyBudget.Record(now);
            }
        }
    }
}

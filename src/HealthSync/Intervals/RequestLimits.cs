namespace HealthSync.Intervals;

/// <summary>Every request passes here first: the per-second token bucket, then the rolling budgets.</summary>
internal sealed class RequestLimits : IDisposable
{
    private readonly TimeProvider time;
    private readonly TokenBucketLimiter rate;
    private readonly RollingWindowBudget shortBudget;
    private readonly RollingWindowBudget dailyBudget;
    private readonly IRequestLedger? ledger;
    private readonly Lock gate = new();

    public RequestLimits(IntervalsOptions options, TimeProvider time)
    {
        this.time = time;
        rate = new TokenBucketLimiter(options.RequestsPerSecond, options.Burst, time);
        shortBudget = new RollingWindowBudget(options.ShortBudget, options.ShortBudgetWindow);
        dailyBudget = new RollingWindowBudget(options.DailyBudget, options.DailyBudgetWindow);
        ledger = options.RequestLedger;
        if (ledger is not null)
        {
            // Replay earlier runs' requests so the budgets are as spent as the service sees them.
            var now = time.GetUtcNow();
            var longest = options.ShortBudgetWindow > options.DailyBudgetWindow ? options.ShortBudgetWindow : options.DailyBudgetWindow;
            foreach (var at in ledger.Since(now - longest))
            {
                if (at > now - options.ShortBudgetWindow)
                {
                    shortBudget.Record(at);
                }

                if (at > now - options.DailyBudgetWindow)
                {
                    dailyBudget.Record(at);
                }
            }
        }
    }

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
                ledger?.Record(now);
            }
        }
    }
}

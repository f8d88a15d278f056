namespace HealthSync.Intervals;

/// <summary>Settings of <see cref="IntervalsClient"/>: where to send requests, as whom, and how fast.</summary>
public sealed class IntervalsOptions
{
    /// <summary>The secret to authenticate with. Required.</summary>
    public IntervalsCredentials? Credentials { get; set; }

    /// <summary>Service root: https, or plain http to this machine only (<see cref="ServiceAddress"/>). Default https://intervals.icu; tests and demos point it at the stand-in.</summary>
    public Uri BaseUrl { get; set; } = new("https://intervals.icu");

    /// <summary>Athlete id in paths. Default "0": the athlete of the key or token.</summary>
    public string AthleteId { get; set; } = "0";

    /// <summary>Steady request rate. Default 10 a second, the service's per-IP limit. Range 0.1–100.</summary>
    public double RequestsPerSecond { get; set; } = 10;

    /// <summary>Requests that may go at once before the steady rate applies. Default 5. Range 1–100.</summary>
    public int Burst { get; set; } = 5;

    /// <summary>Requests allowed in any <see cref="ShortBudgetWindow"/>. Default 2,500 (per key, per 15 minutes).</summary>
    public int ShortBudget { get; set; } = 2_500;

    /// <summary>Window of <see cref="ShortBudget"/>. Default 15 minutes.</summary>
    public TimeSpan ShortBudgetWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Requests allowed in any <see cref="DailyBudgetWindow"/>. Default 5,000 (per key, per day).</summary>
    public int DailyBudget { get; set; } = 5_000;

    /// <summary>Window of <see cref="DailyBudget"/>. Default one day.</summary>
    public TimeSpan DailyBudgetWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Remembers request instants between runs (the sync keeps them in its SQLite state). Default none: the budgets
    /// then count this client's requests only.
    /// </summary>
    public IRequestLedger? RequestLedger { get; set; }

    /// <summary>Retries after a 429, 5xx, timeout or reset, beyond the first attempt. Default 4. Range 0–10.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First backoff when the service gives no Retry-After; doubles each time, with jitter. Default 1 s.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest single backoff. Default 60 s.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Longest Retry-After the client waits out itself. Default 2 minutes; beyond it the caller gets
    /// <see cref="IntervalsRateLimitedException"/> with the resume time instead of a blocked run.
    /// </summary>
    public TimeSpan MaxRetryAfterWait { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Time allowed for one attempt (request and answer). Default 100 s, large enough for a big upload.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> or <see cref="ArgumentException"/> for a setting out of range.</summary>
    public void Validate()
    {
        if (Credentials is null)
        {
            throw new ArgumentException("Intervals.icu credentials are required (an API key or an access token).", nameof(Credentials));
        }

        // The last guard: whatever a host checked, the client itself never sends a key in clear text off the machine.
        ArgumentNullException.ThrowIfNull(BaseUrl);
        if (!ServiceAddress.MayCarryKey(BaseUrl, out var why))
        {
            throw new ArgumentException(why, nameof(BaseUrl));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(AthleteId, nameof(AthleteId));
        InRange(RequestsPerSecond, 0.1, 100, nameof(RequestsPerSecond));
        InRange(Burst, 1, 100, nameof(Burst));
        InRange(ShortBudget, 1, 1_000_000, nameof(ShortBudget));
        InRange(DailyBudget, 1, 1_000_000, nameof(DailyBudget));
        InRange(MaxRetries, 0, 10, nameof(MaxRetries));
        Positive(ShortBudgetWindow, nameof(ShortBudgetWindow));
        Positive(DailyBudgetWindow, nameof(DailyBudgetWindow));
        Positive(RetryBaseDelay, nameof(RetryBaseDelay));
        Positive(AttemptTimeout, nameof(AttemptTimeout));
        if (RetryMaxDelay < RetryBaseDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(RetryMaxDelay), "RetryMaxDelay must be at least RetryBaseDelay.");
        }

        if (MaxRetryAfterWait < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRetryAfterWait), "MaxRetryAfterWait cannot be negative.");
        }
    }

    /// <summary>Where requests go and as what kind of credential; never the secret.</summary>
    public override string ToString() => $"Intervals.icu {BaseUrl} athlete {AthleteId} ({Credentials?.ToString() ?? "no credentials"})";

    private static void InRange(double value, double min, double max, string name)
    {
        if (double.IsNaN(value) || value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}.");
        }
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
        }
    }

    /// <summary>A copy whose budgets leave <paramref name="share"/> of each unspent, for other work on the same key.</summary>
    /// <remarks>The request ledger counts every run's requests, so the reserve is what the others may still spend.</remarks>
    public IntervalsOptions Reserving(double share)
    {
        if (share is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(share), share, "a share from 0 to less than 1");
        }

        var copy = (IntervalsOptions)MemberwiseClone();
        copy.ShortBudget = Math.Max(1, (int)(ShortBudget * (1 - share)));
        copy.DailyBudget = Math.Max(1, (int)(DailyBudget * (1 - share)));
        return copy;
    }
}

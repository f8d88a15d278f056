namespace HealthSync.Intervals;

/// <summary>Where the client remembers when it sent requests, so its rolling budgets hold across runs and processes.</summary>
/// <remarks>
/// Without it the 2,500-per-15-minutes and 5,000-a-day budgets would start empty in every run, and a backfill
/// stopped by a spent budget could be restarted at once straight into the service's 429s.
/// </remarks>
public interface IRequestLedger
{
    /// <summary>Send instants at or after <paramref name="since"/>, oldest first.</summary>
    IReadOnlyList<DateTimeOffset> Since(DateTimeOffset since);

    /// <summary>Remembers one request sent at <paramref name="at"/>.</summary>
    void Record(DateTimeOffset at);
}

namespace HealthSync.Intervals;

/// <summary>A ledger that reads earlier requests (so the budgets hold) but records none: for runs that must change nothing, such as a dry run.</summary>
public sealed class ReadOnlyRequestLedger(IRequestLedger inner) : IRequestLedger
{
    /// <inheritdoc/>
    public IReadOnlyList<DateTimeOffset> Since(DateTimeOffset since) => inner.Since(since);

    /// <inheritdoc/>
    public void Record(DateTimeOffset at)
    {
        // Deliberately nothing: a dry run leaves the state as it found it.
    }
}
